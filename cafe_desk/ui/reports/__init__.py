"""Dialogs that write reports about a café."""
