"""People at an imported café's tables: each table's total per round comes through the import, so the desk counts
the real headcount, with no table's counts by group (they read as hidden, never as 0) but the café's per round;
bundles from before the totals, or before the café's counts, still import, and a hostile total is refused with one
line and nothing written."""

from __future__ import annotations

import json

import pytest

from cafe_desk.central.bundle_sense import MAX_PEOPLE
from cafe_desk.core.ballots import people_recorded
from cafe_desk.export.bundle import BundleError
from tests.central import snapshot
from tests.central.hostile import edit_json, rebuilt, sealed
from tests.conftest import exactly
from tests.export.test_group_counts import bundle_files, cafe_with_groups

SHAPE = "attendance.json is not in the expected shape ({detail}), so nothing was imported."
GROUPS = ["Lived experience", "Carers", "Practitioners"]


@pytest.fixture
def source(services):
    """Table 1, round 1: 3 carers and 7 practitioners (both held back in the bundle, the table's 10 shown);
    table 2, round 1: 6 with lived experience and 8 practitioners (both shown)."""
    cafe, groups = cafe_with_groups(services, GROUPS)
    tables = services.planning.items(cafe.id, "table")
    first = services.planning.items(cafe.id, "round")[0]
    for table, counts in ((tables[0], {"Carers": 3, "Practitioners": 7}),
                          (tables[1], {"Lived experience": 6, "Practitioners": 8})):
        services.notes.set_attendances(cafe.id, table.id, first.id, {groups[n].id: c for n, c in counts.items()})
    return cafe


def place(central, cafe_id: str, table: int, round_: int = 1):
    tables = {t.number: t.id for t in central.planning.items(cafe_id, "table")}
    rounds = {r.number: r.id for r in central.planning.items(cafe_id, "round")}
    return central.notes.attendance_at(cafe_id, tables[table], rounds[round_])


def by_name(central, cafe_id: str, ids) -> set[str]:
    return {g.name for g in central.planning.items(cafe_id, "group") if g.id in ids}


def test_the_tables_totals_are_the_imported_cafes_headcount(services, source, central, identity):
    files = bundle_files(services, source, identity)[1]
    rows = json.loads(files["attendance.json"])
    assert [(r["group"], r["count"]) for r in rows if r["table"] == 1] == [(None, 10)]  # a table's total only
    assert [(r["group"], r["count"]) for r in rows if r["table"] is None] == [
        ("Carers", None), ("Lived experience", None), ("Practitioners", 15)]  # 3 carers, and the 6 with them
    assert services.cafes.status(source.id)["attendance"] == 24
    data = services.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    cafe_id = central.importing.import_bundle(data, [identity]).cafe_id

    assert central.cafes.status(cafe_id)["attendance"] == 10 + 14
    assert people_recorded(central.notes.attendance(cafe_id), central.notes.table_totals(cafe_id)) == 24
    first = place(central, cafe_id, 1)
    assert (first.total, first.people, dict(first.counts)) == (10, 10, {})
    assert by_name(central, cafe_id, first.hidden) == set(GROUPS)  # not in the file: never 0
    assert place(central, cafe_id, 2).total == 14
    nothing = place(central, cafe_id, 3)
    assert (nothing.total, nothing.hidden, dict(nothing.counts)) == (None, frozenset(), {})
    profile = central.synthesis.profiles()[cafe_id]
    assert (profile.people, profile.groups) == (24, (("Lived experience", None), ("Carers", None),
                                                     ("Practitioners", 15)))


def test_a_cafe_of_this_laptop_hides_nothing(services, source):
    first = services.notes.attendance_at(source.id, services.planning.items(source.id, "table")[0].id,
                                         services.planning.items(source.id, "round")[0].id)
    assert (first.total, first.hidden, sorted(first.counts.values()), first.people) == (None, frozenset(), [3, 7], 10)
    assert services.notes.table_totals(source.id) == []


def _old_style(rows):
    """attendance.json as Café Desks before the totals wrote it: the groups recorded, small ones as null."""
    rows[:] = [{"table": 1, "round": 1, "group": "Carers", "count": None},
               {"table": 1, "round": 1, "group": "Practitioners", "count": 7},
               {"table": 2, "round": 1, "group": "Lived experience", "count": 6},
               {"table": 2, "round": 1, "group": "Practitioners", "count": 8}]


def test_a_bundle_without_totals_still_imports(services, source, central, identity):
    data = sealed(rebuilt(services, source.id, edit_json("attendance.json", _old_style)), str(identity.to_public()))
    cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
    assert central.notes.table_totals(cafe_id) == []
    assert central.cafes.status(cafe_id)["attendance"] == 7 + 14  # all the file shows
    first = place(central, cafe_id, 1)
    assert (first.total, first.people, sorted(first.counts.values())) == (None, 7, [7])
    assert by_name(central, cafe_id, first.hidden) == {"Lived experience", "Carers"}  # not in the file: not 0


def _with_tables_groups(rows):
    """attendance.json as Café Desks wrote it before the rounds' counts by group: each table's groups and total."""
    rows[:] = [{"table": 1, "round": 1, "group": "Carers", "count": None},
               {"table": 1, "round": 1, "group": "Lived experience", "count": 0},
               {"table": 1, "round": 1, "group": "Practitioners", "count": None},
               {"table": 1, "round": 1, "group": None, "count": 10},
               {"table": 2, "round": 1, "group": "Carers", "count": 0},
               {"table": 2, "round": 1, "group": "Lived experience", "count": 6},
               {"table": 2, "round": 1, "group": "Practitioners", "count": 8},
               {"table": 2, "round": 1, "group": None, "count": 14}]


def test_a_bundle_without_the_rounds_counts_by_group_still_imports(services, source, central, identity):
    data = sealed(rebuilt(services, source.id, edit_json("attendance.json", _with_tables_groups)),
                  str(identity.to_public()))
    cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
    assert central.store.list_round_groups(cafe_id) == []
    second = place(central, cafe_id, 2)
    assert (second.total, second.hidden, sorted(second.counts.values())) == (14, frozenset(), [0, 6, 8])
    assert by_name(central, cafe_id, place(central, cafe_id, 1).hidden) == {"Carers", "Practitioners"}
    profile = central.synthesis.profiles()[cafe_id]  # the tables' counts, as before: Carers unknown
    assert profile.people == 24 and dict(profile.groups)["Carers"] is None


def _total(value, table: int = 1):
    def edit(rows):
        next(r for r in rows if r["table"] == table and r["group"] is None)["count"] = value
    return edit_json("attendance.json", edit)


def _below_its_groups(rows):
    _with_tables_groups(rows)
    rows[-1]["count"] = 13  # table 2 showed 6 and 8


def _twice(rows):
    rows.append(next(r for r in rows if r["group"] is None))


@pytest.mark.parametrize(("change", "detail"), [
    (_total(2**31), "a count is below zero or far too large"),
    (_total(2**63 + 7), "a count is below zero or far too large"),
    (_total(-1), "a count is below zero or far too large"),
    (_total("10"), "“count” is missing or of the wrong kind"),
    (_total(10.0), "“count” is missing or of the wrong kind"),
    (_total(True), "“count” is missing or of the wrong kind"),
    (_total(1, table=2), "a round's groups count more people than its tables' totals"),
    (edit_json("attendance.json", _below_its_groups), "a table's total is smaller than its groups' counts"),
    (edit_json("attendance.json", _twice), "a table's total for a round is there twice"),
], ids=["2**31", "2**63", "below zero", "text", "fraction", "true", "below the round's groups", "below its groups",
        "twice"])
def test_a_hostile_total_is_refused_with_one_line(services, source, central, identity, change, detail):
    data = sealed(rebuilt(services, source.id, change), str(identity.to_public()))
    before = snapshot(central.store)
    with pytest.raises(BundleError, match=exactly(SHAPE.format(detail=detail))):
        central.importing.import_bundle(data, [identity])
    assert snapshot(central.store) == before and central.cafes.list() == []


def test_the_largest_total_allowed_imports(services, source, central, identity):
    data = sealed(rebuilt(services, source.id, _total(MAX_PEOPLE)), str(identity.to_public()))
    cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
    assert place(central, cafe_id, 1).total == MAX_PEOPLE


def test_a_total_beyond_any_cafe_is_refused(services, source, central, identity):
    data = sealed(rebuilt(services, source.id, _total(MAX_PEOPLE + 1)), str(identity.to_public()))
    before = snapshot(central.store)
    with pytest.raises(BundleError, match=exactly(
            "This file says 100,001 people sat at one table or were in one group, far more than any café holds, so "
            "nothing from it was imported; ask the facilitator to export the café again.")):
        central.importing.import_bundle(data, [identity])
    assert snapshot(central.store) == before
