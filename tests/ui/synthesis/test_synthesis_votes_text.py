"""The Synthesis page's Votes tab shows an outcome's title and its groups as every other page does: control and
invisible characters from a café file are left out of the chart, the table and the screen reader's description."""

from __future__ import annotations

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
