"""The Plan page: questions, rounds, outcomes, themes and support lines."""
