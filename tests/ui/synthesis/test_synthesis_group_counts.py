"""Counts by group across imported cafés: the Synthesis page and the data export hide the same group splits, and
none of them can be worked back from an outcome's total."""

from __future__ import annotations

import csv
import os

import pytest

from cafe_desk.central.tables_export import write_csv
from tests.central import send
from tests.conftest import mental_health_plan
from tests.core import worked_back
from tests.ui.synthesis.test_synthesis_panel import settle

SHOTS = os.environ.get("CAFE_DESK_SHOTS")
GROUPS = ["Carers", "Practitioners"]
ROOM = ""


def cafe_with_groups(services, title: str, method: str):
    plan = mental_health_plan(services)
    plan.title, plan.groups, plan.vote_method = title, list(GROUPS), method
    cafe = services.planning.create(plan)[0]
    services.running.start(cafe.id)
    groups = {g.name: g.id for g in services.planning.items(cafe.id, "group")}
    return cafe, groups, services.planning.items(cafe.id, "outcome")


@pytest.fixture
def imported(services, identity):
    """Two cafés with two groups each, imported into the same data file.
    Dots: 3 Carers and 9 Practitioners (both splits held back at export: the total would give the 3 back).
    Agreement: 6 people in each group; on the first statement only 3 Carers answered, so the desk hides both
    splits of that statement; on the second everyone answered and both show."""
    dots, groups, outcomes = cafe_with_groups(services, "Dunblane café", "dots")
    for name, voters in (("Carers", 3), ("Practitioners", 9)):
        services.votes.set_tally(dots.id, outcomes[0].id, 2 * voters, group_id=groups[name])
        services.votes.set_tally(dots.id, outcomes[1].id, voters, group_id=groups[name])
    agree, groups, outcomes = cafe_with_groups(services, "Crieff café", "agreement")
    for outcome, name, level, count in ((0, "Carers", 5, 3), (0, "Practitioners", 4, 6),
                                        (1, "Carers", 5, 6), (1, "Practitioners", 2, 6)):
        services.votes.set_tally(agree.id, outcomes[outcome].id, count, group_id=groups[name], level=level)
    for cafe in (dots, agree):
        send(services, cafe, services.store, identity)
    return [o.title for o in outcomes[:2]]


@pytest.fixture
def page(qtbot, imported, main_window):
    main_window.show_page(main_window.page_index(main_window.synthesis_slot))
    page = main_window.synthesis_page
    page.reload()
    page.tabs.setCurrentWidget(page.votes)
    settle(qtbot, page)
    return page


def on_page(page) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(outcome, measure) -> its group rows as shown: (group, share, voters)."""
    tree, shown = page.votes.table, {}
    for i in range(tree.topLevelItemCount()):
        row = tree.topLevelItem(i)
        measure = "agree" if row.text(1).endswith("agree") else "support"
        shown[(row.text(0), measure)] = [(row.child(c).text(0), row.child(c).text(1), row.child(c).text(2))
                                         for c in range(row.childCount())]
    return shown


def in_export(folder) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """The same from votes.csv: shares as the page writes them, empty cells where a split is suppressed."""
    with open(folder / "votes.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    written: dict[tuple[str, str], list] = {}
    for r in rows:
        key = (r["outcome"], "agree" if r["measure"] == "share who agree" else "support")
        if r["group"] == "all voters":
            written.setdefault(key, [])
            continue
        assert (r["suppressed"] == "yes") == (r["share"] == "") == (r["voters"] == "")
        share = "not shown" if r["suppressed"] == "yes" else f"{float(r['share']):.0%}"
        written[key].append((r["group"], share, r["voters"]))
    return written


def test_the_page_and_the_export_hide_the_same_splits(page, imported, services, tmp_path, main_window):
    benches, buses = imported
    shown = on_page(page)
    write_csv(services.synthesis, tmp_path)
    assert in_export(tmp_path) == shown
    assert shown[(benches, "support")] == [] and shown[(buses, "support")] == []  # held back in the bundle
    assert shown[(benches, "agree")] == [("Carers", "not shown", ""), ("Practitioners", "not shown", "")]
    assert shown[(buses, "agree")] == [("Carers", "100%", "6"), ("Practitioners", "0%", "6")]
    carers = page.votes.table.topLevelItem(
        next(i for i in range(page.votes.table.topLevelItemCount())
             if page.votes.table.topLevelItem(i).text(0) == benches
             and page.votes.table.topLevelItem(i).text(1).endswith("agree"))).child(0)
    assert "worked out" in carers.toolTip(1)
    for (outcome, measure), truth in (((benches, "agree"), {"Carers": 3, "Practitioners": 6}),
                                      ((benches, "support"), {"Carers": 3, "Practitioners": 9})):
        visible = {group for group, share, _ in shown[(outcome, measure)] if share != "not shown"}
        hidden = [g for g in truth if g not in visible] + [ROOM]
        assert not worked_back({**truth, ROOM: 0}, hidden, never_shown={ROOM})
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "synthesis-votes-hidden-groups.png"))

