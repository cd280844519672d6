"""The votes page: tallies typed from paper with the keyboard land in the database, add up, and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from cafe_desk.core.model import Plan, RoundSpec
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.votes.votes_panel import NO_VOTES, VotesPanel


@pytest.fixture
def vote_services(tmp_path):
    return Services.build(Store(tmp_path / "votes.sqlite3"))


def make_cafe(services, method="dots"):
    plan = Plan(title="Votes café", date="2026-03-14", locality="Dundee", tables=[(1, ""), (2, "Window")],
                rounds=[RoundSpec("What helps?")], outcomes=["Peer support", "Easy access", "Community"],
                vote_method=method)
    return services.planning.create(plan)[0]


@pytest.fixture
def panel(qtbot, vote_services):
    stack = QUndoStack()
    p = VotesPanel(vote_services, stack)
    p.stack = stack
    p.sig_changed.connect(p.on_changes)  # as the main window does: every write comes back as on_changes
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.show()
    p.activateWindow()
    qtbot.waitActive(p)
    return p


def type_count(qtbot, panel, row, col, text):
    view = panel.table
    view.setFocus()
    view.setCurrentIndex(panel.model.index(row, col))
    qtbot.keyClick(view, text[0])  # typing a digit on a cell opens its editor with that digit
    editor = QApplication.focusWidget()
    assert editor is not view
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(view.currentIndex()) is None and QApplication.focusWidget() is view)


def test_type_tallies_per_table_see_totals_and_undo(qtbot, panel, vote_services):
    cafe = make_cafe(vote_services)
    panel.set_cafe(cafe)
    outcomes = vote_services.planning.items(cafe.id, "outcome")
    tables = vote_services.planning.items(cafe.id, "table")

    panel.scope.setCurrentIndex(panel.scope.findData(tables[1].id))
    type_count(qtbot, panel, 0, 1, "7")
    type_count(qtbot, panel, 1, 1, "3")
    assert vote_services.votes.count(cafe.id, outcomes[0].id, tables[1].id, None, 0) == 7
    assert vote_services.votes.count(cafe.id, outcomes[1].id, tables[1].id, None, 0) == 3

    panel.scope.setCurrentIndex(0)  # the whole room's wall chart
    type_count(qtbot, panel, 0, 1, "5")
    totals = {t.title: t.score for t in vote_services.votes.totals(cafe.id)}
    assert totals == {"Peer support": 12, "Easy access": 3, "Community": 0}
    assert [t.score for t in panel.chart.totals] == [12, 3, 0]
    assert "Peer support — 12 dots" in panel.totals_label.text()

    panel.stack.undo()
    assert vote_services.votes.count(cafe.id, outcomes[0].id, None, None, 0) == 0
    assert panel.model.data(panel.model.index(0, 1)) == 0
    panel.stack.redo()
    assert vote_services.votes.count(cafe.id, outcomes[0].id, None, None, 0) == 5


def test_agreement_has_a_column_per_score_and_group_split(qtbot, panel, vote_services):
    cafe = make_cafe(vote_services, method="agreement")
    panel.set_cafe(cafe)
    assert panel.model.columnCount() == 6
    assert panel.model.headerData(5, Qt.Orientation.Horizontal) == "5 – Strongly agree"
    groups = vote_services.planning.items(cafe.id, "group")
    panel.group.setCurrentIndex(panel.group.findData(groups[0].id))
    type_count(qtbot, panel, 2, 5, "4")  # four people of the first group strongly agree with "Community"
    type_count(qtbot, panel, 2, 2, "1")
    community = vote_services.votes.totals(cafe.id)[2]
    assert community.voters == 5
    assert community.score == pytest.approx((4 * 5 + 2) / 5)
    assert "80% agree" in community.detail


def test_out_of_range_count_is_refused_with_a_message(qtbot, panel, vote_services):
    cafe = make_cafe(vote_services)
    panel.set_cafe(cafe)
    outcome = vote_services.planning.items(cafe.id, "outcome")[0]
    with qtbot.waitSignal(panel.sig_message) as blocker:
        assert not panel.model.setData(panel.model.index(0, 1), "-3")
    assert blocker.args == ["A vote count can't be negative."]
    assert vote_services.votes.count(cafe.id, outcome.id, None, None, 0) == 0


def test_closed_cafe_counts_are_not_editable(qtbot, panel, vote_services):
    cafe = make_cafe(vote_services)
    vote_services.cafes.close(cafe.id)
    panel.set_cafe(vote_services.cafes.cafe(cafe.id))
    assert not (panel.model.flags(panel.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable)
    assert "closed" in panel.message.text()


def test_whose_votes_read_whole_at_1366_by_768(qtbot, cafe_window, cafe):
    window = cafe_window
    window.show_page(window.page_index(window.votes_page))
    page = window.votes_page
    assert page.group.itemText(0) == "Everyone (not split by group)" and page.group.count() > 2
    for combo in (page.scope, page.group):
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            assert combo.shown_text() == combo.itemText(i), "every choice shows whole, none cut"
    assert page.group.width() > page.group.fontMetrics().horizontalAdvance("Everyone (not split by group)")


@pytest.mark.parametrize("method", ["dots", "ranking", "agreement"])
def test_no_votes_yet_is_said_instead_of_a_ranked_list_of_zeros(qtbot, panel, vote_services, method):
    cafe = make_cafe(vote_services, method)
    vote_services.running.start(cafe.id)
    panel.set_cafe(vote_services.cafes.cafe(cafe.id))
    assert panel.totals_label.text() == NO_VOTES
    outcome = vote_services.planning.items(cafe.id, "outcome")[1]
    type_count(qtbot, panel, 1, panel.model.columnCount() - 1, "2")
    assert panel.totals_label.text().startswith("1. ") and "Easy access" in panel.totals_label.text()
    assert vote_services.votes.tallies(cafe.id)[0].outcome_id == outcome.id
    if method == "dots":
        Path("/tmp/shots").mkdir(exist_ok=True)
        panel.stack.undo()
        assert panel.totals_label.text() == NO_VOTES
        panel.grab().save("/tmp/shots/votes_no_votes.png")
