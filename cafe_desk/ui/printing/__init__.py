"""Printing a café's paper twins of its phone pages: the Print dialog (Café → Print…)."""
