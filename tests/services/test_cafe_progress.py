"""How far a café has got on the day, read from a real data file: which round and how far into it, voting, what needs
care, closed, exported, changed since, imported (what the Run page's next step is worked out from)."""

from __future__ import annotations

from cafe_desk.core.run_order import CafeProgress, next_step
from cafe_desk.services import Services
from tests.conftest import mental_health_plan

RISKY = "Honestly I can't go on like this any more"


def test_progress_follows_the_day(store, clock, identity, tmp_path):
    services = Services.build(store, clock=clock)
    cafe, _ = services.planning.create(mental_health_plan(services))
    progress = services.cafes.progress
    rounds = services.planning.items(cafe.id, "round")
    assert len(rounds) == 3
    assert progress(cafe.id) == CafeProgress(rounds=3)
    services.running.start(cafe.id)
    assert progress(cafe.id) == CafeProgress(rounds=3, started=True, round_status="running")
    clock.now += rounds[0].duration_s
    assert progress(cafe.id).round_status == "done", "the countdown ran out while nobody looked"
    services.running.next_round(cafe.id)
    assert progress(cafe.id) == CafeProgress(rounds=3, started=True, round_number=2)
    services.running.start(cafe.id)
    services.running.pause(cafe.id)
    assert progress(cafe.id) == CafeProgress(rounds=3, started=True, round_number=2, round_status="paused")
    services.running.next_round(cafe.id)
    services.running.start(cafe.id)
    services.channel.set_voting_open(cafe.id, True)
    last = CafeProgress(rounds=3, started=True, round_number=3, round_status="running", voting_started=True)
    assert progress(cafe.id) == CafeProgress(**{**last.__dict__, "voting_open": True})
    services.channel.set_voting_open(cafe.id, False)
    assert progress(cafe.id) == last
    comment, _ = services.comments.submit(cafe.id, RISKY, consent=True)
    assert progress(cafe.id).needs_care == 1
    services.safeguarding.follow_up(comment.id, "JB", "Spoke with them")
    assert progress(cafe.id).needs_care == 0

    services.cafes.close(cafe.id)
    closed = progress(cafe.id)
    assert closed.closed and closed.round_status == "paused", "closing stopped the countdown"
    assert next_step(closed, False).key == "export"

    services.exporting.export_to_file(cafe.id, [str(identity.to_public())], tmp_path / "perth.cafe")
    assert progress(cafe.id).exported and not progress(cafe.id).changed_since_export
    assert next_step(progress(cafe.id), False).key == "send"

    services.cafes.reopen(cafe.id)
    table = services.planning.items(cafe.id, "table")[0]
    services.notes.add(cafe.id, table.id, None, "A point added after the export")
    services.cafes.close(cafe.id)
    assert progress(cafe.id).changed_since_export
    assert next_step(progress(cafe.id), False).key == "export_again"


def test_a_cafe_without_tables_or_rounds_is_still_being_planned(services, cafe):
    for item in services.planning.items(cafe.id, "round"):
        services.planning.remove_item("round", item.id)
    assert services.cafes.progress(cafe.id).has_rounds is False
    assert next_step(services.cafes.progress(cafe.id), False).key == "plan"


def test_an_imported_cafe_has_no_next_step(services, identity, central, tmp_path):
    from tests.central import make_cafe

    laptop_cafe = make_cafe(services)
    path = tmp_path / "perth.cafe"
    services.exporting.export_to_file(laptop_cafe.id, [str(identity.to_public())], path)
    imported = central.importing.import_file(path, [identity])
    progress = central.cafes.progress(imported.cafe_id)
    assert progress.imported and progress.closed
    assert next_step(progress, False).key == "none"
