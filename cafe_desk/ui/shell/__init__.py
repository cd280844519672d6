"""The window's frame: the main window, the page base with its undo path, lazy pages, undo commands and the ops helper for long work."""
