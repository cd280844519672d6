"""The window's frame: main window, page base and its undo path, lazy pages, undo commands, the ops helper."""
