"""Café Desk: run conversation cafés offline — plan, run, take notes, record votes."""

__version__ = "0.1.0"
