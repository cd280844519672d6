"""A paper card from the laptop to the national synthesis: typed in on the Comments page, exported in a real
age-encrypted bundle (anonymised as a phone comment is, its source kept), imported at the central desk into its own
data file, and shown there as a paper comment."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from cafe_desk.core.changes import Changes
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.export import bundle
from cafe_desk.ui.synthesis.synthesis_models import COL_SOURCE, COL_TEXT
from cafe_desk.ui.synthesis.synthesis_panel import SynthesisPanel

WORDS = "Cards are easier for my dad. Ring Morag on 07700 900123 if the bus changes"


def test_a_typed_in_card_reaches_the_synthesis_as_a_paper_comment(qtbot, cafe_window, services, cafe, central,
                                                                  identity):
    services.running.start(cafe.id)
    services.comments.submit(cafe.id, WORDS, consent=True)  # the same words from a phone, to compare with
    cafe_window.broadcast(Changes(notes=True, cafes=True))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is cafe_window, timeout=2000)
    qtbot.keyClick(cafe_window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    steps = cafe_window.comments_page.paper
    qtbot.keyClick(cafe_window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: steps.dialog is not None and steps.dialog.isVisible(), timeout=2000)
    entry = steps.dialog
    qtbot.keyClicks(entry.table, "2")
    rounds = len(services.planning.items(cafe.id, "round"))
    for _ in range(rounds + 1):  # past the questions to the first outcome
        qtbot.keyClick(entry.about, Qt.Key.Key_Down)
    qtbot.keyClick(entry.consent, Qt.Key.Key_Space)
    qtbot.keyClicks(entry.text, WORDS)
    qtbot.keyClick(entry.text, Qt.Key.Key_Return)
    [card] = [n for n in services.comments.comments(cafe.id) if n.source == "paper"]
    outcome = services.planning.items(cafe.id, "outcome")[0]
    assert card.outcome_ids == (outcome.id,) and card.text == WORDS

    data, exported = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])
    assert "2 comments" in exported.summary()
    _manifest, files = bundle.open_bundle(data, [identity])
    rows = [json.loads(line) for line in files["notes.jsonl"].decode("utf-8").splitlines()]
    paper = [r for r in rows if r["source"] == "paper"]
    phone = [r for r in rows if r["source"] == "participant"]
    assert len(paper) == len(phone) == 1
    assert paper[0]["text"] == phone[0]["text"] != WORDS, "anonymised the same way as the phone comment"
    assert "07700" not in paper[0]["text"] and "Morag" not in paper[0]["text"]
    assert (paper[0]["table"], paper[0]["consent"], paper[0]["outcome_ids"]) == (2, True, [outcome.id])

    imported = central.importing.import_bundle(data, [identity])
    found = central.synthesis.find(SynthesisFilter(sources=("paper",))).items
    assert [(i.source, i.source_label, i.table, i.text) for i in found] == [
        ("paper", "Paper comment", 2, paper[0]["text"])]
    assert central.cafes.status(imported.cafe_id)["notes"]["paper"] == 1

    page = SynthesisPanel(central, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.runner.busy, timeout=5000)
    for source, box in page.filters.source_boxes.items():
        box.setChecked(source == "paper")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.runner.busy, timeout=5000)
    assert page.model.index(0, COL_SOURCE).data() == "Paper comment"
    assert page.model.index(0, COL_TEXT).data() == paper[0]["text"]
