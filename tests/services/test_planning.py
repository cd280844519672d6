"""Planning a café through the service, on a real data file."""

from __future__ import annotations

import pytest

from cafe_desk.core.codebook import MAX_BYTES, codebook_text
from cafe_desk.core.errors import ReadOnlyError, UserError, ValidationError
from cafe_desk.core.model import Plan
from cafe_desk.storage.errors import StorageError
from tests.conftest import DISK_FULL, allow_rows, exactly, mental_health_plan, refuse_row


def test_create_from_the_template(services, cafe):
    plan = mental_health_plan(services)
    assert (cafe.title, cafe.date, cafe.locality, cafe.state) == (plan.title, "2026-03-14", "Perth", "planning")
    assert len(cafe.short_code) == 6
    assert [o.title for o in services.planning.items(cafe.id, "outcome")] == plan.outcomes
    assert [r.prompt for r in services.planning.items(cafe.id, "round")] == [r.prompt for r in plan.rounds]
    assert [r.duration_s for r in services.planning.items(cafe.id, "round")] == [r.minutes * 60 for r in plan.rounds]
    assert [t.number for t in services.planning.items(cafe.id, "table")] == [n for n, _ in plan.tables]
    back = services.planning.plan_of(cafe.id)
    assert sorted(back.themes) == sorted(plan.themes)  # themes have no order of their own: listed by name
    back.themes = plan.themes
    assert back == plan
    assert services.cafes.cafe(cafe.short_code.lower()) == cafe


def test_duplicate_outcome_is_refused_and_nothing_written(services):
    plan = mental_health_plan(services)
    plan.outcomes.append(plan.outcomes[0].upper())
    with pytest.raises(ValidationError) as err:
        services.planning.create(plan)
    assert str(err.value) == f"The outcome {plan.outcomes[0].upper()!r} is listed twice."
    assert services.cafes.list() == []


def test_impossible_date_is_refused_and_nothing_written(services):
    plan = mental_health_plan(services, date="2026-02-30")
    with pytest.raises(ValidationError, match=exactly("There is no 30 February 2026; please check the date.")):
        services.planning.create(plan)
    assert services.cafes.list() == []


def test_adding_a_duplicate_outcome_later_is_refused(services, cafe):
    first = services.planning.items(cafe.id, "outcome")[0]
    with pytest.raises(ValidationError) as err:
        services.planning.add_outcome(cafe.id, f"  {first.title.lower()} ")
    assert str(err.value) == f"The outcome {first.title.lower()!r} is already in this café."


@pytest.mark.parametrize(
    ("tables", "rounds", "message"),
    [(0, 1, "This café has no tables yet: add at least one on the Plan page."),
     (2, 0, "This café has no rounds yet: add at least one question on the Plan page.")],
)
def test_a_cafe_without_tables_or_rounds_cannot_start(services, tables, rounds, message):
    cafe, _ = services.planning.create(Plan(title="Not ready", date="2026-05-01",
                                            tables=[(i, "") for i in range(1, tables + 1)]))
    for i in range(rounds):
        services.planning.add_round(cafe.id, f"Question {i}?")
    with pytest.raises(ValidationError) as err:
        services.running.start(cafe.id)
    assert str(err.value) == message
    assert services.cafes.cafe(cafe.id).state == "planning"


@pytest.mark.parametrize("entity", ["outcome", "round", "group", "table"])
def test_remove_then_restore_keeps_id_and_order(services, cafe, entity):
    before = services.planning.items(cafe.id, entity)
    middle = before[1]
    removed, changes = services.planning.remove_item(entity, middle.id)
    assert changes.plan and removed == middle
    assert [i.id for i in services.planning.items(cafe.id, entity)] == [i.id for i in before if i.id != middle.id]
    services.planning.restore_item(entity, removed)
    assert services.planning.items(cafe.id, entity) == before


def test_a_round_with_a_summary_and_a_comment_says_what_it_holds(services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    round_ = services.planning.items(cafe.id, "round")[0]
    services.notes.set_summary(cafe.id, table.id, round_.id, "What the table carries forward")
    services.notes.add(cafe.id, None, round_.id, "From a phone", source="participant")
    with pytest.raises(ValidationError, match=exactly("Round 1 has 1 summary, 1 comment, so it can't be removed.")):
        services.planning.remove_item("round", round_.id)


def test_a_table_with_notes_cannot_be_removed(services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    services.notes.add(cafe.id, table.id, None, "Something said")
    with pytest.raises(ValidationError, match=exactly("Table 1 has 1 point, so it can't be removed.")):
        services.planning.remove_item("table", table.id)
    assert table in services.planning.items(cafe.id, "table")


def test_move_item_reorders(services, cafe):
    ids = [o.id for o in services.planning.items(cafe.id, "outcome")]
    assert services.planning.move_item("outcome", ids[0], +1).plan
    assert [o.id for o in services.planning.items(cafe.id, "outcome")] == [ids[1], ids[0], *ids[2:]]
    assert [o.position for o in services.planning.items(cafe.id, "outcome")] == list(range(1, len(ids) + 1))
    services.planning.move_item("outcome", ids[-1], -100)
    assert services.planning.items(cafe.id, "outcome")[0].id == ids[-1]
    assert not services.planning.move_item("outcome", ids[-1], -1)  # already first: nothing changes


def test_update_details_checks_each_field(services, cafe):
    assert services.planning.update_details(cafe.id, title="  A  new   title ").cafes
    assert services.cafes.cafe(cafe.id).title == "A new title"
    with pytest.raises(ValidationError, match=exactly("There is no 31 April 2026; please check the date.")):
        services.planning.update_details(cafe.id, date="2026-04-31")
    assert not services.planning.update_details(cafe.id, locality="Perth")  # unchanged: nothing to do


def test_closed_cafe_refuses_every_write(services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    rnd = services.planning.items(cafe.id, "round")[0]
    outcome = services.planning.items(cafe.id, "outcome")[0]
    note, _ = services.notes.add(cafe.id, table.id, rnd.id, "Before closing")
    services.cafes.close(cafe.id)
    expected = f"“{cafe.title}” is closed, so it can't be changed. Reopen it to make changes."
    writes = [
        lambda: services.planning.add_table(cafe.id),
        lambda: services.planning.update_details(cafe.id, title="Renamed"),
        lambda: services.planning.remove_item("outcome", outcome.id),
        lambda: services.notes.add(cafe.id, table.id, rnd.id, "After closing"),
        lambda: services.notes.update(note.id, text="Changed"),
        lambda: services.notes.delete(note.id),
        lambda: services.votes.set_tally(cafe.id, outcome.id, 3),
        lambda: services.running.start(cafe.id),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyError) as err:
            write()
        assert str(err.value) == expected
    assert [n.text for n in services.notes.list(cafe.id)] == ["Before closing"]
    services.cafes.reopen(cafe.id)
    services.notes.add(cafe.id, table.id, rnd.id, "After reopening")
    assert len(services.notes.list(cafe.id)) == 2


def test_demo_cafe_has_something_on_every_page_and_is_made_once(services):
    from cafe_desk.services.demo import ensure_demo

    cafe_id = ensure_demo(services)
    assert ensure_demo(services) == cafe_id
    status = services.cafes.status(cafe_id)
    assert (status["tables"], status["rounds"], status["outcomes"]) == (6, 3, 6)
    assert status["notes"]["note-taker"] > 0 and status["summaries"] == 3 and status["attendance"] > 0
    assert status["comments"] == 3 and status["phone_ballots"] == 3 and status["paper_votes"] > 0
    assert [c.id for c in services.cafes.list()] == [cafe_id]


def test_demo_cafe_is_under_way_in_one_consistent_state(services):
    from cafe_desk.core.tally_checks import dots_warnings
    from cafe_desk.services.demo import ensure_demo

    cafe_id = ensure_demo(services)
    cafe = services.cafes.cafe(cafe_id)
    run = services.running.state(cafe_id)
    assert cafe.state == "running" and run.is_last and run.timer.status == "ready", "on the round its notes end with"
    # its phone ballots came while voting was open; it is closed now, as nothing can reach a demo's phone pages
    assert services.channel.voting_state(cafe_id) == "closed"
    tables = services.planning.items(cafe_id, "table")
    points = [n for n in services.notes.list(cafe_id) if n.kind == "point"]
    assert {n.round_id for n in points if n.table_id == tables[0].id} == {r.id for r in run.rounds}
    attendance = services.notes.attendance(cafe_id)
    assert {a.round_id for a in attendance if a.table_id == tables[0].id} == {r.id for r in run.rounds}
    assert dots_warnings(cafe.dots_per_person, tables, services.votes.tallies(cafe_id), attendance) == []


# --- a codebook's themes: read from the file by the service, added and taken away in one write each --------------


def test_codebook_themes_are_added_and_taken_away_whole(services, cafe, tmp_path, db_path):
    have = sorted(t.name for t in services.planning.items(cafe.id, "theme"))
    path = tmp_path / "themes.codebook.json"
    path.write_text(codebook_text([("Transport", "Getting there"), (have[0].upper(), ""), ("Housing", "")]),
                    encoding="utf-8")
    themes = services.planning.read_codebook(path)
    added, changes = services.planning.add_themes(cafe.id, themes)
    assert changes.themes and [t.name for t in added] == ["Transport", "Housing"]
    refuse_row(db_path, "theme", "DELETE", added[1].id)
    with pytest.raises(StorageError, match=exactly(DISK_FULL)):
        services.planning.remove_themes([t.id for t in added])
    assert len(services.planning.items(cafe.id, "theme")) == len(have) + 2
    allow_rows(db_path, "theme", "DELETE")
    assert services.planning.remove_themes([t.id for t in added]).themes
    assert sorted(t.name for t in services.planning.items(cafe.id, "theme")) == have


def test_a_codebook_that_cannot_be_read(services, tmp_path):
    with pytest.raises(UserError, match=exactly("absent.json could not be read, so no themes were added.")):
        services.planning.read_codebook(tmp_path / "absent.json")
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(UserError, match=exactly("a-folder could not be read, so no themes were added.")):
        services.planning.read_codebook(tmp_path / "a-folder")


def test_a_huge_file_is_refused_without_reading_it_all(services, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(50 * MAX_BYTES)  # 50 MB of nothing: only the first megabyte and a byte are read
    with pytest.raises(UserError, match=exactly("This file is too large to be a codebook, so no themes were added.")):
        services.planning.read_codebook(path)


def test_the_way_of_voting_is_fixed_once_votes_are_in(services):
    from cafe_desk.services.planning import VOTES_IN

    cafe = services.planning.create(mental_health_plan(services))[0]
    services.planning.update_details(cafe.id, vote_method="ranking")  # no votes yet: free to change
    services.planning.update_details(cafe.id, vote_method="dots")
    outcome = services.planning.items(cafe.id, "outcome")[0]
    services.votes.set_tally(cafe.id, outcome.id, 3)
    with pytest.raises(ValidationError) as refused:
        services.planning.update_details(cafe.id, vote_method="ranking")
    assert str(refused.value) == VOTES_IN
    assert services.cafes.cafe(cafe.id).vote_method == "dots"
    services.planning.update_details(cafe.id, dots_per_person=5, vote_method="dots")  # the dots each may change
    assert services.cafes.cafe(cafe.id).dots_per_person == 5
