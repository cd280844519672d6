"""How far a café has got on the day, read from a real data file: started, voting, closed, exported, changed since,
imported (what the Run page's next step is worked out from)."""

from __future__ import annotations

from cafe_desk.core.run_order import CafeProgress, next_step


def test_progress_follows_the_day(services, cafe, identity, tmp_path):
    progress = services.cafes.progress
    assert progress(cafe.id) == CafeProgress()
    services.running.start(cafe.id)
    assert progress(cafe.id) == CafeProgress(started=True)
    services.channel.set_voting_open(cafe.id, True)
    assert progress(cafe.id) == CafeProgress(started=True, voting_open=True, voting_started=True)
    services.channel.set_voting_open(cafe.id, False)
    assert progress(cafe.id) == CafeProgress(started=True, voting_started=True)
    services.cafes.close(cafe.id)
    assert progress(cafe.id) == CafeProgress(closed=True, voting_started=True)
    assert next_step(progress(cafe.id), False).key == "export"

    services.exporting.export_to_file(cafe.id, [str(identity.to_public())], tmp_path / "perth.cafe")
    assert progress(cafe.id) == CafeProgress(closed=True, voting_started=True, exported=True)
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
