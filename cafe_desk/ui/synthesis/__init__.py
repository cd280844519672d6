"""The Synthesis page: searching, coding and counting everything imported."""
