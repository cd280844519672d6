"""The sample cafés seat six to ten people a table, most with lived experience or practitioners, and the national
synthesis report over them gives people by group as numbers, nationally and per café, not "hidden"."""

from __future__ import annotations

import re
import subprocess

import pytest

from cafe_desk.services import Services
from cafe_desk.storage.store import Store

MAIN = ("Lived experience", "Practitioner")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("samples")
    store = Store(folder / "cafe.sqlite3")
    desk = Services.build(store)
    desk.samples.add()
    desk.synthesis_report.write(folder / "report.pdf", include_samples=True)
    snapshot = desk.synthesis_report.snapshot(include_samples=True)
    text = subprocess.run(["pdftotext", "-layout", str(folder / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    yield snapshot, text
    store.close()


def test_every_sample_cafe_shows_its_main_groups_as_numbers(report):
    snapshot, _ = report
    assert len(snapshot.cafes) == 12
    for cafe in snapshot.cafes:
        people = {g.group: g.people for g in cafe.groups}
        assert all(people[g] is not None and people[g] >= 5 for g in MAIN), (cafe.title, people)
        assert cafe.people >= 6 * 3  # three tables or more, of six to ten
        shown = sum(n for n in people.values() if n is not None)
        assert shown == cafe.people or cafe.people - shown >= 2  # what is hidden is never one group's alone
    assert any(all(n is not None for _, n in ((g.group, g.people) for g in c.groups)) for c in snapshot.cafes)


def test_the_report_reads_numbers_for_people_by_group(report):
    _, text = report
    rows = [" ".join(line.split()) for line in text.splitlines()]
    national = rows[next(n for n, r in enumerate(rows) if r.startswith("Who took part")):]
    national = national[:next(n for n, r in enumerate(national) if r.startswith("Counts of fewer than"))]
    for group in MAIN:
        assert any(re.fullmatch(rf"{group} \d+", r) for r in national), national
    assert not any(r.endswith(" hidden") for r in national)
    group_rows = [r for r in rows if re.fullmatch(r"(Lived experience|Practitioner|Family member or carer|Other) "
                                                  r"(hidden|(at least )?\d+)", r)]
    numbers = [r for r in group_rows if not r.endswith("hidden")]
    assert len(numbers) > 2 * (len(group_rows) - len(numbers))  # more numbers than "hidden", by far
