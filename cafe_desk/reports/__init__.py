"""Printable PDFs drawn with reportlab (imported only when something is printed)."""
