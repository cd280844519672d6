"""The Run page: the round timer, the presenter window, and opening the café to phones."""
