"""The Notes page's attendance box for an imported café: a count the café file does not give reads "not shown" (with
the reason on hover), never 0, and the total is the table's real headcount from the file."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.notes.attendance_box import NOT_SHOWN, NOT_SHOWN_TIP
from cafe_desk.ui.notes.notes_panel import IMPORTED_LINE, NotesPanel
from tests.export.test_group_counts import cafe_with_groups


@pytest.fixture
def imported(services, tmp_path, identity):
    """A central desk holding a café whose table 1 had 3 carers, 7 practitioners and nobody with lived experience
    in round 1, and table 2 had 6 with lived experience and 8 practitioners."""
    cafe, groups = cafe_with_groups(services, ["Lived experience", "Carers", "Practitioners"])
    tables = services.planning.items(cafe.id, "table")
    first = services.planning.items(cafe.id, "round")[0]
    services.notes.set_attendances(cafe.id, tables[0].id, first.id,
                                   {groups["Carers"].id: 3, groups["Practitioners"].id: 7})
    services.notes.set_attendances(cafe.id, tables[1].id, first.id,
                                   {groups["Lived experience"].id: 6, groups["Practitioners"].id: 8})
    data = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
    store = Store(tmp_path / "central.sqlite3")
    central = Services.build(store)
    cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
    yield central, central.cafes.cafe(cafe_id)
    store.close()


def test_held_back_counts_read_not_shown_and_the_total_is_the_tables(imported, qtbot):
    central, cafe = imported
    panel = NotesPanel(central, QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.set_cafe(cafe)
    panel.show()
    qtbot.waitExposed(panel)
    tables = central.planning.items(cafe.id, "table")
    first = central.planning.items(cafe.id, "round")[0]
    groups = {g.name: g.id for g in central.planning.items(cafe.id, "group")}
    box = panel.attendance
    assert panel.banner.isVisible() and panel.banner.text() == IMPORTED_LINE, "no talk of reopening it"

    for table, total in ((tables[0], 10), (tables[1], 14)):  # the file gives a table's total, not its groups
        panel.place_bar.choose(table.id, first.id)
        for group_id in groups.values():
            assert not box.spin_box(group_id).isVisible()
            label = box.not_shown_label(group_id)
            assert label.isVisible() and label.text() == NOT_SHOWN and label.toolTip() == NOT_SHOWN_TIP
        assert box.total_text() == f"Total: {total} people"


def test_a_cafe_of_this_laptop_shows_every_count(services, qtbot):
    cafe, groups = cafe_with_groups(services, ["Carers", "Practitioners"])
    table = services.planning.items(cafe.id, "table")[0]
    first = services.planning.items(cafe.id, "round")[0]
    services.notes.set_attendances(cafe.id, table.id, first.id, {groups["Carers"].id: 3})
    panel = NotesPanel(services, QUndoStack())
    qtbot.addWidget(panel)
    panel.set_cafe(cafe)
    panel.show()
    panel.place_bar.choose(table.id, first.id)
    assert panel.attendance.spin_box(groups["Carers"].id).value() == 3
    assert not panel.attendance.not_shown_label(groups["Carers"].id).isVisible()
    assert panel.attendance.total_text() == "Total: 3 people"
