"""What a café file may claim (central/bundle_sense.py and central/bundle_people.py), through real imports of real,
signed bundles into a real data file: a claim no Café Desk makes is refused with one plain line saying what to do,
and nothing is written; people by group come in only as the small-count rule lets them be shown."""

from __future__ import annotations

import json

import pytest

from cafe_desk.central.bundle_sense import MAX_PEOPLE
from cafe_desk.export.bundle import BundleError
from tests.central import cafe_at, make_cafe, snapshot
from tests.central.hostile import edit_json, edit_notes, rebuilt, sealed
from tests.conftest import exactly

AGAIN = "so nothing from it was imported; ask the facilitator to export the café again."


@pytest.fixture
def source(services):
    return make_cafe(services)


def _import(services, source, central, identity, *changes):
    def change(files, manifest):
        for each in changes:
            each(files, manifest)
    data = sealed(rebuilt(services, source.id, change), str(identity.to_public()))
    return central.importing.import_bundle(data, [identity])


def _refused(services, source, central, identity, change, message: str) -> None:
    before = snapshot(central.store)
    with pytest.raises(BundleError, match=exactly(message)):
        _import(services, source, central, identity, change)
    assert snapshot(central.store) == before and central.cafes.list() == []


def _cafe(key, value):
    def edit(info):
        info[key] = value
    return edit_json("cafe.json", edit)


def _manifest(key, value):
    def change(files, manifest):
        if value is None:
            manifest.pop(key, None)
        else:
            manifest[key] = value
    return change


def _votes(method: str, paper: dict, phone: dict | None = None):
    """The café's method set to `method`, the first outcome's votes to `paper` (and `phone`), the others none."""
    def change(files, manifest):
        info = json.loads(files["cafe.json"])
        info["vote_method"] = method
        files["cafe.json"] = json.dumps(info).encode()
        votes = json.loads(files["votes.json"])
        votes["method"] = method
        for n, row in enumerate(votes["outcomes"]):
            row["paper"], row["phone"] = (paper, phone or {}) if n == 0 else ({}, {})
        files["votes.json"] = json.dumps(votes).encode()
    return change


# --- the café's date and title --------------------------------------------------------------------------------------

DATE_SHAPE = ("The café's date in this file (“{}”) is not written year-month-day, so nothing from it was imported; "
              "ask the facilitator to check the café's date and export it again.")
DATE_RANGE = ("The café's date in this file ({}) is not in the years a café can be held (2000 to 2999), so nothing "
              "from it was imported; ask the facilitator to correct the café's date and export it again.")


@pytest.mark.parametrize(("date", "message"), [
    ("20261203", DATE_SHAPE.format("20261203")),
    ("2026-W49-4", DATE_SHAPE.format("2026-W49-4")),
    ("9999-12-31", DATE_RANGE.format("9999-12-31")),
    ("0001-01-01", DATE_RANGE.format("0001-01-01")),
], ids=["basic form", "week date", "year 9999", "year 1"])
def test_a_date_the_app_never_writes_is_refused(services, source, central, identity, date, message):
    _refused(services, source, central, identity, _cafe("date", date), message)


def test_a_cafe_with_no_date_is_refused(services, source, central, identity):
    _refused(services, source, central, identity, _cafe("date", ""),
             "This file's café has no date, so nothing from it was imported; ask the facilitator to give the café its "
             "date and export it again.")


def test_a_cafe_with_no_title_is_refused(services, source, central, identity):
    _refused(services, source, central, identity, _cafe("title", "  "),
             "This file's café has no title, so nothing from it was imported; ask the facilitator to give the café "
             "a title and export it again.")


def test_more_dots_than_the_app_allows_are_refused(services, source, central, identity):
    _refused(services, source, central, identity, _cafe("dots_per_person", 2**31 - 1),
             f"This file gives each person 2,147,483,647 dots to vote with, more than Café Desk allows (20), {AGAIN}")


# --- tables, rounds, groups and themes --------------------------------------------------------------------------------

def _twice(name: str, index: int = 0):
    def edit(rows):
        rows.append(dict(rows[index]))
    return edit_json(name, edit)


@pytest.mark.parametrize(("name", "message"), [
    ("tables.json", f"This file lists table 1 twice, {AGAIN}"),
    ("prompts.json", f"This file lists round 1 twice, {AGAIN}"),
], ids=["table", "round"])
def test_a_table_or_round_number_twice_is_refused(services, source, central, identity, name, message):
    _refused(services, source, central, identity, _twice(name), message)


def test_a_group_name_twice_is_refused(services, source, central, identity):
    def edit(groups):
        groups.append({**groups[0], "id": "another-id", "position": 9})
    _refused(services, source, central, identity, edit_json("groups.json", edit),
             f"This file lists the group “Lived experience” twice, {AGAIN}")


def test_a_group_named_as_the_total_of_all_voters_is_renamed(services, source, central, identity):
    def rename(files, manifest):
        for name in ("groups.json", "attendance.json"):
            files[name] = files[name].replace(b'"Family member or carer"', b'"All  voters"')
    result = _import(services, source, central, identity, rename)
    names = [g.name for g in central.planning.items(result.cafe_id, "group")]
    assert names == ["Lived experience", "All  voters (group)", "Practitioner", "Other"]


# --- votes ----------------------------------------------------------------------------------------------------------

LEVEL = ("This file holds votes at level {level}, which its vote method ({method}) does not have (they may have "
         "been recorded before the vote method was changed), so nothing from it was imported; ask the facilitator "
         "to check the café's votes and export it again.")


@pytest.mark.parametrize(("method", "paper", "level"), [
    ("dots", {"2": 5}, 2),
    ("ranking", {"0": 50, "1": 3}, 0),
    ("agreement", {"6": 1}, 6),
    ("agreement", {"0": 1}, 0),
], ids=["dots at a rank", "rank 0", "score 6", "score 0"])
def test_votes_at_a_level_the_method_does_not_have_are_refused(services, source, central, identity, method, paper,
                                                                level):
    _refused(services, source, central, identity, _votes(method, paper),
             LEVEL.format(level=level, method=method))


def test_a_ranking_cafe_with_no_first_choices_is_refused(services, source, central, identity):
    _refused(services, source, central, identity, _votes("ranking", {"2": 50, "3": 50}),
             "This file holds ranked votes but no first choices, by which a ranking's voters are counted, so nothing "
             "from it was imported; ask the facilitator to check the café's votes (each voter's first choice is "
             "rank 1) and export it again.")


def test_a_ranking_cafe_with_first_choices_comes_in(services, source, central, identity):
    result = _import(services, source, central, identity, _votes("ranking", {"1": 5, "2": 3}, {"3": 1}))
    assert central.cafes.cafe(result.cafe_id).vote_method == "ranking"


def test_more_votes_than_any_cafe_could_cast_are_refused(services, source, central, identity):
    _refused(services, source, central, identity, _votes("dots", {"0": 3 * MAX_PEOPLE + 1}),
             f"This file holds 300,001 votes, more than any café's people could cast, {AGAIN}")


def test_as_many_votes_as_the_most_people_could_cast_come_in(services, source, central, identity):
    result = _import(services, source, central, identity, _votes("dots", {"0": 3 * MAX_PEOPLE - 2}))
    assert result.status == "imported"


# --- the manifest ---------------------------------------------------------------------------------------------------

NO_PROOF = ("This file lacks the proof a receipt needs to free the facilitator's laptop (or has one no Café Desk "
            f"writes), {AGAIN}")


@pytest.mark.parametrize(("value", "message"), [
    (None, NO_PROOF), (5, NO_PROOF), ("ab" * 31, NO_PROOF), ("AB" * 32, NO_PROOF),
], ids=["missing", "a number", "too short", "upper case"])
def test_a_version_2_file_without_a_receipt_secret_is_refused(services, source, central, identity, value, message):
    _refused(services, source, central, identity, _manifest("receipt_secret", value), message)


@pytest.mark.parametrize("value", ["../../etc/passwd\u0000\n", "x" * 19_000, "P5EESB"],
                         ids=["path and control characters", "19,000 characters", "a short code"])
def test_a_cafe_id_that_is_not_a_uuid_is_refused(services, source, central, identity, value):
    _refused(services, source, central, identity, _manifest("cafe_id", value),
             f"This file does not give its café's id as Café Desk writes it, {AGAIN}")


def test_a_laptop_code_that_is_another_cafes_code_here_is_not_shown(services, source, central, identity):
    first = _import(services, source, central, identity)
    other = cafe_at(services, "Impostor by code", "2026-04-01", "Perth", points=("A point",))
    data = sealed(rebuilt(services, other.id, _manifest("cafe_code", first.short_code.lower())),
                  str(identity.to_public()))
    second = central.importing.import_bundle(data, [identity])
    assert "on the facilitator's laptop" not in second.line()
    assert second.source_code == ""
    record = central.store.import_record_for_source(other.id)
    assert "cafe_code" not in record["manifest"]


# --- comments -------------------------------------------------------------------------------------------------------

def _comment(**fields):
    def edit(rows):
        next(r for r in rows if r["source"] == "participant").update(fields)
    return edit_notes(edit)


def test_a_comment_without_consent_is_refused(services, source, central, identity):
    _refused(services, source, central, identity, _comment(consent=False),
             f"Item 3 of this file is a participant's comment without their consent, {AGAIN}")


def test_a_comment_marked_as_a_summary_is_refused(services, source, central, identity):
    _refused(services, source, central, identity, _comment(kind="summary"),
             f"Item 3 of this file is a participant's comment marked as a table's summary, {AGAIN}")


# --- people by group ------------------------------------------------------------------------------------------------

def _round_people(counts: dict[str, int], total: int):
    """Round 1's people: one table's total and the café's groups over every table, as `counts` says."""
    def edit(rows):
        rows[:] = [{"table": 1, "round": 1, "group": None, "count": total}]
        rows += [{"table": None, "round": 1, "group": g, "count": n} for g, n in counts.items()]
    return edit_json("attendance.json", edit)


GROUPS = ("Lived experience", "Family member or carer", "Practitioner", "Other")


@pytest.mark.parametrize(("counts", "shown"), [
    ((1, 2, 3, 42), (None, None, None, 42)),
    ((3, 10, 20, 15), (None, None, 20, 15)),
    ((0, 0, 4, 44), (0, 0, None, None)),
    ((0, 4, 0, 0), (None, None, None, None)),
    ((6, 0, 12, 30), (6, 0, 12, 30)),
], ids=["three small", "one small and the next smallest", "one small, the rest zero", "only one group came",
        "none small"])
def test_small_counts_of_people_by_group_are_hidden_whatever_the_file_says(services, source, central, identity,
                                                                            counts, shown):
    people = _round_people(dict(zip(GROUPS, counts, strict=True)), sum(counts))
    result = _import(services, source, central, identity, people)
    profile = central.synthesis.profiles()[result.cafe_id]
    assert (profile.people, profile.groups) == (sum(counts), tuple(zip(GROUPS, shown, strict=True)))
    assert central.cafes.status(result.cafe_id)["attendance"] == sum(counts)


def test_small_counts_at_a_table_from_an_older_file_are_hidden(services, source, central, identity):
    def edit(rows):
        rows[:] = [{"table": 1, "round": 1, "group": g, "count": n} for g, n in zip(GROUPS, (2, 9, 0, 0), strict=True)]
        rows.append({"table": 1, "round": 1, "group": None, "count": 11})
    result = _import(services, source, central, identity, edit_json("attendance.json", edit))
    tables = central.planning.items(result.cafe_id, "table")
    rounds = central.planning.items(result.cafe_id, "round")
    place = central.notes.attendance_at(result.cafe_id, tables[0].id, rounds[0].id)
    names = {g.id: g.name for g in central.planning.items(result.cafe_id, "group")}
    assert (place.total, sorted(names[g] for g in place.counts)) == (11, ["Other", "Practitioner"])
    assert {names[g] for g in place.hidden} == {"Lived experience", "Family member or carer"}
    assert dict(central.synthesis.profiles()[result.cafe_id].groups)["Family member or carer"] is None
