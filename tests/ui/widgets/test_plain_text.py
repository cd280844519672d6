"""Text from a bundle shown on screen: a café imported with terminal escapes, a bidi override and markup in its
title and notes shows only their visible characters, as plain text, in the window's header, the cafés list, the
notes and comments tables, the votes table and the Synthesis page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cafe_desk.ui.cafes.cafes_panel import COL_TITLE
from cafe_desk.ui.comments.comments_model import COL_COMMENT, CommentLabels, CommentsModel
from cafe_desk.ui.notes.notes_model import COL_TEXT, NoteLabels, NotesModel
from cafe_desk.ui.synthesis.synthesis_models import COL_TEXT as ITEM_TEXT
from cafe_desk.ui.synthesis.synthesis_models import HTML_ROLE
from cafe_desk.ui.votes.tally_model import COL_OUTCOME, TallyModel
from cafe_desk.ui.widgets.plain_text import shown, tip
from tests.central import make_cafe
from tests.central.hostile import edit_json, edit_notes, rebuilt, sealed

HIDDEN = "\x1b\x07\u202e\u202c\u200b"
DISPLAY = Qt.ItemDataRole.DisplayRole


def test_shown_and_tip():
    assert shown("one\x1b[31m\nt\u202ewo") == "one\ntwo" and shown("") == "" and shown(None) is None
    assert tip("<b>bold</b>\x1b[2J\u202e") == "<p style='white-space:pre-wrap'>&lt;b&gt;bold&lt;/b&gt;</p>"


def _styled(services, identity):
    """A café imported from a bundle whose title, notes and first outcome carry escapes, overrides and markup."""
    cafe = make_cafe(services)

    def title(info):
        info["title"] = "Perth \x1b[31mcafé\x1b[0m \u202egnp.exe\u202c"

    def outcome(rows):
        rows[0]["title"] = "More \x1b]0;pwned\x07benches\u200b"

    def notes(rows):
        for row in rows:
            row["text"] = f"\u202e{row['text']}\x1b[2J <i>as typed</i>"

    def change(files, manifest):
        for step in (edit_json("cafe.json", title), edit_json("outcomes.json", outcome), edit_notes(notes)):
            step(files, manifest)
    data = sealed(rebuilt(services, cafe.id, change), str(identity.to_public()))
    return services.importing.import_bundle(data, [identity]).cafe_id


def _clean(value) -> bool:
    return isinstance(value, str) and not any(ch in value for ch in HIDDEN)


def test_a_styled_import_shows_plain_visible_text_everywhere(main_window, services, identity, qtbot):
    cafe_id = _styled(services, identity)
    main_window.open_cafe(cafe_id)
    header = main_window.header.text()
    assert "Perth café gnp.exe" in header and _clean(header)

    page = main_window.cafes_page
    page.refresh()
    titles = [page.model.data(page.model.index(r, COL_TITLE), DISPLAY) for r in range(page.model.rowCount())]
    assert "Perth café gnp.exe" in titles and all(_clean(t) for t in titles)

    notes = services.notes.list(cafe_id)
    assert any("\u202e" in n.text for n in notes)  # kept exactly as it arrived; only how it is shown changes
    notes_model = NotesModel()
    notes_model.reset(notes, NoteLabels())
    texts = [notes_model.data(notes_model.index(r, COL_TEXT), DISPLAY) for r in range(notes_model.rowCount())]
    assert "More benches in the park <i>as typed</i>" in texts and all(_clean(t) for t in texts)

    comments = CommentsModel()
    comments.load([n for n in notes if n.source == "participant"], CommentLabels())
    comment = comments.data(comments.index(0, COL_COMMENT), DISPLAY)
    assert comment == "Peer support groups helped me most <i>as typed</i>"

    tallies = TallyModel()
    tallies.load("dots", services.planning.items(cafe_id, "outcome"), [], None, None, editable=False)
    outcome = tallies.index(0, COL_OUTCOME)
    assert tallies.data(outcome, DISPLAY) == "More benches"
    assert tallies.data(outcome, Qt.ItemDataRole.ToolTipRole) == "<p style='white-space:pre-wrap'>More benches</p>"

    main_window.show_page(main_window.page_index(main_window.synthesis_slot))
    synthesis = main_window.synthesis_page
    synthesis.reload()
    qtbot.waitUntil(lambda: not synthesis.runner.busy and synthesis.model.rowCount() > 0, timeout=5000)
    model = synthesis.model
    cells = [model.data(model.index(r, ITEM_TEXT), role) for r in range(model.rowCount()) for role in (DISPLAY,
                                                                                                        HTML_ROLE)]
    assert "More benches in the park &lt;i&gt;as typed&lt;/i&gt;" in cells and all(_clean(c) for c in cells)
