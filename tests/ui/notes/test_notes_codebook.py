"""A codebook file means the same on the Notes page as on the Plan page: one reader, the same line for a file it
refuses, and one undoable step for the themes it adds, from either page."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from cafe_desk.core.codebook import codebook_text
from cafe_desk.ui.notes.notes_panel import NotesPanel
from cafe_desk.ui.plan.plan_panel import PlanPanel
from tests.core.test_codebook import BAD_FILES

STEP = "Add themes from a codebook"


class Pages:
    """The Notes and Plan pages on one café, each with its own undo history and the lines it showed."""

    def __init__(self, services, cafe, qtbot):
        self.notes_undo, self.plan_undo = QUndoStack(), QUndoStack()
        self.notes = NotesPanel(services, self.notes_undo)
        self.plan = PlanPanel(services, self.plan_undo)
        self.said: dict[str, list[str]] = {"notes": [], "plan": []}
        for name, page in (("notes", self.notes), ("plan", self.plan)):
            page.sig_message.connect(self.said[name].append)
            qtbot.addWidget(page)
            page.set_cafe(cafe)
        for page in (self.notes, self.plan):  # as the main window passes each page's changes to every page
            page.sig_changed.connect(self.notes.on_changes)
            page.sig_changed.connect(self.plan.on_changes)

    def history(self, undo: QUndoStack) -> list[str]:
        return [undo.text(i) for i in range(undo.count())]


@pytest.fixture
def pages(services, cafe, qtbot):
    return Pages(services, cafe, qtbot)


def theme_names(services, cafe) -> list[str]:
    return sorted(t.name for t in services.notes.themes(cafe.id))


@pytest.mark.parametrize(("content", "message"), [case[1:] for case in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_a_refused_file_gets_the_same_line_on_both_pages(pages, services, cafe, tmp_path, content, message):
    before = theme_names(services, cafe)
    path = tmp_path / "codebook.json"
    path.write_bytes(content)
    pages.notes.import_codebook(path)
    pages.plan.add_codebook(path)
    assert pages.said == {"notes": [message], "plan": [message]}
    assert theme_names(services, cafe) == before
    assert pages.history(pages.notes_undo) == pages.history(pages.plan_undo) == []


def test_a_missing_file_gets_the_same_line_on_both_pages(pages, tmp_path):
    pages.notes.import_codebook(tmp_path / "gone.json")
    pages.plan.add_codebook(tmp_path / "gone.json")
    line = "gone.json could not be read, so no themes were added."
    assert pages.said == {"notes": [line], "plan": [line]}


@pytest.mark.parametrize("where", ["notes", "plan"])
def test_themes_added_from_either_page_are_one_undoable_step(pages, services, cafe, tmp_path, where):
    before = theme_names(services, cafe)
    path = tmp_path / "themes.codebook.json"
    path.write_text(codebook_text([("Transport", "Getting there"), (before[0].upper(), ""), ("Housing", "")]),
                    encoding="utf-8")
    page, undo = (pages.notes, pages.notes_undo) if where == "notes" else (pages.plan, pages.plan_undo)
    if where == "notes":
        page.import_codebook(path)
    else:
        page.add_codebook(path)
    assert pages.said[where] == ["2 themes added; 1 was already here."]
    after = sorted([*before, "Housing", "Transport"])
    assert theme_names(services, cafe) == after
    assert pages.history(undo) == [STEP]
    undo.undo()
    assert theme_names(services, cafe) == before
    undo.redo()
    assert theme_names(services, cafe) == after
    assert pages.notes.entry.themes.model().rowCount() == len(after)  # both pages show what was added
    assert pages.plan.sections["theme"].model.rowCount() == len(after)


def test_a_codebook_whose_themes_are_all_here_adds_no_step(pages, services, cafe, tmp_path):
    path = tmp_path / "same.codebook.json"
    path.write_text(codebook_text([(name, "") for name in theme_names(services, cafe)]), encoding="utf-8")
    pages.notes.import_codebook(path)
    pages.plan.add_codebook(path)
    line = "Every theme in this codebook is already here, so none were added."
    assert pages.said == {"notes": [line], "plan": [line]}
    assert pages.history(pages.notes_undo) == pages.history(pages.plan_undo) == []


def test_both_pages_offer_it_in_the_same_words(pages):
    notes, plan = pages.notes, pages.plan
    assert notes.import_button.text() == plan.codebook_button.text() == "Add themes from a codeboo&k…"
    assert notes.import_button.toolTip() == plan.codebook_button.toolTip()
