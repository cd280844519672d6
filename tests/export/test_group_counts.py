"""Counts by group in a real, decrypted bundle: none from 1 to 4 is written, and none can be worked back from the
totals the bundle also holds (the paper votes per outcome, the café's people in a round)."""

from __future__ import annotations

import json
from collections import Counter

from cafe_desk.export.bundle import open_bundle
from tests.conftest import mental_health_plan
from tests.core import worked_back

ROOM = "votes not split by group"


def cafe_with_groups(services, names: list[str]):
    """A dot-voting café (3 dots each) with these participant groups and nothing recorded yet."""
    plan = mental_health_plan(services)
    plan.groups = names
    cafe = services.planning.create(plan)[0]
    services.running.start(cafe.id)
    return cafe, {g.name: g for g in services.planning.items(cafe.id, "group")}


def bundle_files(services, cafe, identity) -> tuple[dict, dict[str, bytes]]:
    data = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
    return open_bundle(data, [identity])


def dots(services, cafe, groups, voters: dict[str | None, int]) -> None:
    """Each group's voters put their 3 dots on the first two outcomes (2 + 1); None is the room's unsplit tally."""
    first, second = services.planning.items(cafe.id, "outcome")[:2]
    for name, n in voters.items():
        group_id = groups[name].id if name else None
        services.votes.set_tally(cafe.id, first.id, 2 * n, group_id=group_id)
        services.votes.set_tally(cafe.id, second.id, n, group_id=group_id)


def check_votes(files: dict[str, bytes], true_voters: dict[str, int]) -> dict:
    """votes.json as an intruder reads it, checked: every group shown has 5 voters or more, and for every outcome
    and level the paper total minus the groups shown is never one group's own votes."""
    votes = json.loads(files["votes.json"])
    shown = {g["group"]: g for g in votes["by_group"]}
    assert all(g["voters"] >= 5 for g in shown.values())
    groups = [g["name"] for g in json.loads(files["groups.json"])]
    held_back = [g for g in groups if g not in shown and true_voters.get(g)]
    assert votes["groups_suppressed"] >= len(held_back)
    counts = {**{g: true_voters.get(g, 0) for g in groups}, ROOM: true_voters.get(ROOM, 0)}
    hidden = {g for g in groups if g not in shown} | {ROOM}
    assert not worked_back(counts, hidden, never_shown={ROOM})
    for outcome in votes["outcomes"]:  # the split never claims more than the total: the remainder is real
        split = Counter()
        for g in shown.values():
            for row in g["outcomes"]:
                if row["id"] == outcome["id"]:
                    split.update(row["paper"])
        assert all(split[level] <= outcome["paper"].get(level, 0) for level in split)
    return votes


def test_two_groups_one_small_both_held_back(services, identity):
    cafe, groups = cafe_with_groups(services, ["Carers", "Practitioners"])
    dots(services, cafe, groups, {"Carers": 3, "Practitioners": 9})
    votes = check_votes(bundle_files(services, cafe, identity)[1], {"Carers": 3, "Practitioners": 9})
    assert votes["by_group"] == [] and votes["groups_suppressed"] == 2
    first = services.planning.items(cafe.id, "outcome")[0]
    assert next(o for o in votes["outcomes"] if o["id"] == first.id)["paper"] == {"0": 24}  # the total stays


def test_two_groups_both_large_are_shown(services, identity):
    cafe, groups = cafe_with_groups(services, ["Carers", "Practitioners"])
    dots(services, cafe, groups, {"Carers": 5, "Practitioners": 9})
    votes = check_votes(bundle_files(services, cafe, identity)[1], {"Carers": 5, "Practitioners": 9})
    assert [(g["group"], g["voters"]) for g in votes["by_group"]] == [("Carers", 5), ("Practitioners", 9)]
    assert votes["groups_suppressed"] == 0


def test_three_groups_one_small_holds_back_the_next_smallest(services, identity):
    cafe, groups = cafe_with_groups(services, ["Carers", "Practitioners", "Lived experience"])
    voters = {"Carers": 2, "Practitioners": 6, "Lived experience": 11}
    dots(services, cafe, groups, voters)
    votes = check_votes(bundle_files(services, cafe, identity)[1], voters)
    assert [(g["group"], g["voters"]) for g in votes["by_group"]] == [("Lived experience", 11)]
    assert votes["groups_suppressed"] == 2


def test_room_votes_not_split_keep_a_small_group_hidden_on_their_own(services, identity):
    """Paper votes counted for the whole room are in the total and never shown apart, so the total minus the
    Practitioners is the Carers' and the room's together: the Practitioners can stay."""
    cafe, groups = cafe_with_groups(services, ["Carers", "Practitioners"])
    dots(services, cafe, groups, {"Carers": 3, "Practitioners": 9, None: 4})
    votes = check_votes(bundle_files(services, cafe, identity)[1], {"Carers": 3, "Practitioners": 9, ROOM: 4})
    assert [(g["group"], g["voters"]) for g in votes["by_group"]] == [("Practitioners", 9)]
    assert votes["groups_suppressed"] == 1


def test_attendance_gives_tables_totals_and_the_cafes_groups_per_round_with_nothing_worked_back(services, identity):
    cafe, groups = cafe_with_groups(services, ["Carers", "Practitioners", "Lived experience"])
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    recorded = {  # (table, round) -> people by group
        (1, 1): {"Carers": 3, "Practitioners": 7, "Lived experience": 6},
        (2, 1): {"Carers": 6, "Practitioners": 7, "Lived experience": 5},
        (1, 2): {"Carers": 2},
        (2, 2): {"Carers": 1, "Practitioners": 4, "Lived experience": 0},
    }
    for (table, rnd), counts in recorded.items():
        services.notes.set_attendances(cafe.id, tables[table - 1].id, rounds[rnd - 1].id,
                                       {groups[g].id: n for g, n in counts.items()})
    manifest, files = bundle_files(services, cafe, identity)
    written: dict[tuple[int | None, int], dict] = {}
    for row in json.loads(files["attendance.json"]):
        written.setdefault((row["table"], row["round"]), {})[row["group"]] = row["count"]
    assert written == {
        (1, 1): {None: 16}, (2, 1): {None: 18}, (1, 2): {None: 2}, (2, 2): {None: 5},  # a table's total only
        (None, 1): {"Carers": 9, "Practitioners": 14, "Lived experience": 11},
        (None, 2): {"Carers": None, "Practitioners": None, "Lived experience": 0},  # 3 and 4: both small
    }
    assert manifest["suppressed"] == 2
    for rnd in (1, 2):
        truth = {g: sum(recorded[(t, rnd)].get(g, 0) for t in (1, 2)) for g in groups}
        row = written[(None, rnd)]
        shown = {g: n for g, n in row.items() if n is not None}
        assert all(n == 0 or n >= 5 for n in shown.values())
        assert sum(truth.values()) == written[(1, rnd)][None] + written[(2, rnd)][None]
        assert not worked_back(truth, [g for g in truth if g not in shown])
