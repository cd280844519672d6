"""Where the shipped resources live (prompt templates, web CSS, icons): the `resources/` folder of the checkout."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TEMPLATES = RESOURCES / "templates"
