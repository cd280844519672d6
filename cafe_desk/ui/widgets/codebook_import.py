"""Adding the central team's codebook to a café, the same way from the Plan and Notes pages: the same button words,
file dialog, messages and one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.codebook import added_line
from cafe_desk.core.errors import UserError
from cafe_desk.ui.shell.panel import Panel

BUTTON_TEXT = "Add themes from a codeboo&k…"  # the same words and key on the Plan and Notes pages
BUTTON_TIP = ("Open the codebook file the central team sent, so your points can be tagged with the same themes as "
              "every other café")
STEP = "Add themes from a codebook"


def choose_codebook(parent: QWidget) -> Path | None:
    """Ask for the codebook file; None if the person cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open the central team's codebook", "",
                                          "Codebook (*.json);;All files (*)")
    return Path(path) if path else None


def add_codebook(page: Panel, cafe_id: str, path: str | Path) -> tuple[str, bool]:
    """Read the file (outside the widget, through the planning service) and add its new themes as one undo step.
    Returns (the one line to show, whether the themes were added or were all there already)."""
    planning = page.services.planning
    try:
        themes = planning.read_codebook(path)
    except UserError as exc:
        return str(exc), False
    added: list[str] = []

    def do() -> Changes:
        made, changes = planning.add_themes(cafe_id, themes)
        added[:] = [t.id for t in made]
        return changes

    refused = page.push(STEP, do, lambda: planning.remove_themes(list(added)))
    if refused is not None:
        return refused, False
    return added_line(len(added), len(themes) - len(added)), True
