"""The Synthesis page's Votes tab shows an outcome's title and its groups as every other page does: control and
invisible characters from a café file are left out of the chart, the table and the screen reader's description; its
counts are written with thousands separated, as every other page writes them."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from cafe_desk.core.vote_synthesis import GroupShare, OutcomeSynthesis
from cafe_desk.ui.synthesis.synthesis_votes import SynthesisVotes


def test_control_characters_are_left_out_of_the_votes_tab(qtbot, tmp_path):
    votes = SynthesisVotes()
    qtbot.addWidget(votes)
    votes.resize(900, 600)
    votes.show()
    votes.set_outcomes([OutcomeSynthesis("\u0001ctl\u001f title\u202e", "support", 2, 12, 30, 0.5,
                                         (GroupShare("Lived\u0007 experience", 6, 0.5),))])
    row = votes.table.topLevelItem(0)
    assert row.text(0) == "ctl title" and row.child(0).text(0) == "Lived experience"
    assert [t.title for t in votes.chart.totals] == ["ctl title"]
    assert votes.chart.accessibleDescription().startswith("ctl title: 50%")
    votes.grab().save(str(tmp_path / "votes.png"))


def test_the_votes_tab_writes_large_counts_with_thousands_separated(qtbot):
    votes = SynthesisVotes()
    qtbot.addWidget(votes)
    votes.set_outcomes([OutcomeSynthesis("Recovery is expected", "support", 1200, 31400, 94200, 0.229,
                                         (GroupShare("Family member or carer", 4200, 0.262),))])
    row = votes.table.topLevelItem(0)
    assert [row.text(c) for c in range(1, 5)] == ["22.9% support", "31,400", "1,200", "94,200"]
    assert row.child(0).text(2) == "4,200"
    assert "support; 31,400 voters in 1,200 cafés" in row.toolTip(0)


def test_a_long_outcome_title_shows_whole_on_as_many_lines_as_it_takes(qtbot):
    long = "People expect recovery and are supported at all stages of their recovery journey"
    votes = SynthesisVotes()
    qtbot.addWidget(votes)
    votes.resize(640, 600)  # the Votes tab's width in the window at 1366×768
    votes.show()
    votes.set_outcomes([OutcomeSynthesis(long, "support", 12, 298, 276, 0.309,
                                         (GroupShare("Family member or carer who supports someone", 40, 0.3),)),
                        OutcomeSynthesis("Short", "support", 12, 298, 30, 0.034, ())])
    qtbot.waitExposed(votes)
    tree, metrics = votes.table, QFontMetrics(votes.table.font())
    for item in (tree.topLevelItem(0), tree.topLevelItem(0).child(0), tree.topLevelItem(1)):
        rect = tree.visualItemRect(item)
        width = tree.header().sectionSize(0) - (rect.left() - tree.visualItemRect(tree.topLevelItem(0)).left())
        needed = metrics.boundingRect(QRect(0, 0, width - 2 * tree.indentation(), 10_000), Qt.TextFlag.TextWordWrap,
                                      item.text(0)).height()
        assert rect.height() >= needed, item.text(0)
    assert metrics.horizontalAdvance(long) > tree.header().sectionSize(0)  # it did take more than one line
    assert tree.visualItemRect(tree.topLevelItem(0)).height() > tree.visualItemRect(tree.topLevelItem(1)).height()
