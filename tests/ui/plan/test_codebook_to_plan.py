"""The central team's codebook reaches a facilitator: saved from the Synthesis page's service, opened on the Plan
page, added as the café's themes in one undoable step; bad files get one plain line and add nothing."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from cafe_desk.core.codebook import parse_codebook
from cafe_desk.core.errors import ValidationError
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.plan.plan_panel import PlanPanel
from tests.conftest import exactly, mental_health_plan


@pytest.fixture
def codebook_file(tmp_path):
    store = Store(tmp_path / "central.sqlite3")
    syn = Services.build(store).synthesis
    for name in ("Peer support", "Waiting times", "Crisis care — out of hours"):
        syn.create_theme(name)
    path = tmp_path / "themes.codebook.json"
    path.write_text(syn.codebook_json(), encoding="utf-8")
    store.close()
    return path


@pytest.fixture
def page(qtbot, services):
    plan = mental_health_plan(services)
    plan.themes = ["waiting TIMES"]
    cafe = services.planning.create(plan)[0]
    undo = QUndoStack()
    panel = PlanPanel(services, undo)
    panel.sig_changed.connect(panel.on_changes)
    qtbot.addWidget(panel)
    panel.set_cafe(cafe)
    return panel


def theme_names(services: Services, page) -> list[str]:
    return sorted(t.name for t in services.planning.items(page.cafe.id, "theme"))


def test_codebook_themes_added_once_with_undo(page, services, codebook_file):
    said = []
    page.sig_message.connect(said.append)
    page.message_label.show_message("An earlier problem")
    assert page.add_codebook(codebook_file) is None
    assert theme_names(services, page) == ["Crisis care — out of hours", "Peer support", "waiting TIMES"]
    assert said == ["2 themes added; 1 was already here."]
    assert page.message_label.text() == "", "the red line is only for what went wrong"
    page.undo_stack.undo()
    assert theme_names(services, page) == ["waiting TIMES"]
    page.undo_stack.redo()
    assert len(theme_names(services, page)) == 3
    assert page.sections["theme"].model.rowCount() == 3


@pytest.mark.parametrize(("content", "message"), [
    (b"not json at all", "This file is not a codebook from the central team, so no themes were added."),
    (b'{"format": "cafe-desk-bundle", "themes": []}',
     "This file is not a codebook from the central team, so no themes were added."),
    (b'{"format": "cafe-desk-codebook", "version": 2, "themes": [{"name": "A"}]}',
     "This codebook was made by a newer version of Café Desk; please update to use it."),
    (b'{"format": "cafe-desk-codebook", "version": 1, "themes": []}',
     "This codebook has no themes in it, so none were added."),
    (b'{"format": "cafe-desk-codebook", "version": 1, "themes": [{"name": 5}]}',
     "This file is not a codebook from the central team, so no themes were added."),
    (b"{" + b" " * 1_000_001 + b"}", "This file is too large to be a codebook, so no themes were added."),
])
def test_bad_codebook_files(page, services, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert page.add_codebook(path) == message
    assert page.message_label.text() == message
    assert theme_names(services, page) == ["waiting TIMES"]


def test_missing_file_and_closed_cafe(page, services, codebook_file, tmp_path):
    assert page.add_codebook(tmp_path / "gone.json") == "gone.json could not be read, so no themes were added."
    page.on_changes(services.cafes.close(page.cafe.id))
    assert not page.codebook_button.isEnabled()
    assert page.add_codebook(codebook_file).startswith("“")  # the closed café's own one-line reason
    assert theme_names(services, page) == ["waiting TIMES"]


def test_parse_keeps_first_of_duplicate_names():
    data = (b'{"format": "cafe-desk-codebook", "version": 1, "themes": [{"name": " Peer  support "}, '
            b'{"name": "peer support", "description": "again"}]}')
    assert parse_codebook(data) == [("Peer support", "")]
    with pytest.raises(ValidationError, match=exactly("This codebook has no themes in it, so none were added.")):
        parse_codebook(b'{"format": "cafe-desk-codebook", "version": 1, "themes": [{"name": "  "}]}')
