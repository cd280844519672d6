"""A café's people by group through a real export and import: its tables of 6 to 10 people hide almost every
table's counts by group, but the café's own counts per round come through, so the central desk, the synthesis
report and the café summary show numbers and say "hidden" only where the café's own count is small."""

from __future__ import annotations

import json
import subprocess

from cafe_desk.core.model import DEFAULT_GROUPS
from tests.export.test_group_counts import bundle_files, cafe_with_groups

SEATED = [  # four tables of seven: lived experience, family or carer, practitioner, other
    (3, 1, 3, 0), (2, 1, 3, 1), (4, 1, 2, 0), (3, 0, 3, 1)]


def seated_cafe(services):
    cafe, groups = cafe_with_groups(services, list(DEFAULT_GROUPS))
    tables = services.planning.items(cafe.id, "table")[:4]
    assert len(tables) == 4
    for rnd in services.planning.items(cafe.id, "round"):
        for table, counts in zip(tables, SEATED, strict=True):
            services.notes.set_attendances(cafe.id, table.id, rnd.id, {
                groups[name].id: n for name, n in zip(DEFAULT_GROUPS, counts, strict=True)})
    return cafe


def test_four_tables_of_seven_show_the_cafes_people_by_group_at_the_central_desk(services, central, identity):
    cafe = seated_cafe(services)
    files = bundle_files(services, cafe, identity)[1]
    rows = json.loads(files["attendance.json"])
    assert all(r["group"] is None for r in rows if r["table"] is not None)
    data = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
    cafe_id = central.importing.import_bundle(data, [identity]).cafe_id

    profile = central.synthesis.profiles()[cafe_id]
    # 12 with lived experience and 11 practitioners; 3 family members or carers, and the 2 others hidden with them
    assert profile.people == 28
    assert profile.groups == (("Lived experience", 12), ("Family member or carer", None), ("Practitioner", 11),
                              ("Other", None))
    report = central.synthesis_report.snapshot()
    (facts,) = report.cafes
    assert {g.group: (g.people, g.at_least) for g in facts.groups} == {
        "Family member or carer": (None, False), "Lived experience": (12, False), "Other": (None, False),
        "Practitioner": (11, False)}


def test_the_cafe_summary_gives_the_cafes_people_by_group_per_round(services, tmp_path):
    cafe = seated_cafe(services)
    summary = services.cafe_report.summary(cafe.id)
    whole = [a for a in summary.attendance if a.table == "All tables"]
    assert [(a.round, dict(a.counts)["Lived experience"], a.total) for a in whole] == [
        (r.number, 12, 28) for r in services.planning.items(cafe.id, "round")]
    assert all(a.counts == () and a.total == 7 for a in summary.attendance if a.table != "All tables")
    pdf = services.cafe_report.write_pdf(cafe.id, tmp_path / "summary.pdf")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "All tables 1 12 – 11 – 28" in text
