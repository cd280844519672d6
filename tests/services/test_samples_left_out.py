"""The sample cafés stay out of reports and data files unless asked for: the items, votes, themes and café pages of
a real café are all there is in them; asked for, the samples come too; with only samples, one plain line says so."""

from __future__ import annotations

import csv
import subprocess

import pyrage
import pytest

from cafe_desk.core.errors import UserError
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import Services
from cafe_desk.services.synthesis import ONLY_SAMPLES
from cafe_desk.storage.store import Store
from tests.central import make_cafe, send


@pytest.fixture
def desk(tmp_path):
    store = Store(tmp_path / "central" / "cafe.sqlite3")
    yield Services.build(store)
    store.close()


@pytest.fixture
def real_and_samples(desk, services):
    cafe = make_cafe(services, "Perth café")
    send(services, cafe, desk.store, pyrage.x25519.Identity.generate())
    desk.samples.add()
    return desk


def items_csv(folder) -> list[dict]:
    with open(folder / "items.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_data_files_leave_the_samples_out_unless_asked(real_and_samples, tmp_path):
    desk = real_and_samples
    assert len(desk.synthesis.cafes()) == 13  # the page itself shows them all
    (tmp_path / "real").mkdir()
    (tmp_path / "all").mkdir()
    desk.synthesis.export_data("csv", tmp_path / "real", csv_for="analysis")
    rows = items_csv(tmp_path / "real")
    assert rows and {r["café"] for r in rows} == {"Perth café"}
    desk.synthesis.export_data("csv", tmp_path / "all", csv_for="analysis", include_samples=True)
    assert len(items_csv(tmp_path / "all")) > len(rows) + 500
    votes = {o.title for o in desk.synthesis.without_samples().votes()}
    assert votes and votes <= {o.title for o in desk.synthesis.votes()}


def test_the_synthesis_report_leaves_the_samples_out_unless_asked(real_and_samples, tmp_path):
    desk = real_and_samples
    written = desk.synthesis_report.write(tmp_path / "real.pdf")
    assert written.cafes == 1
    text = subprocess.run(["pdftotext", str(tmp_path / "real.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Perth café" in text and "Sample café — Dundee" not in text
    assert desk.synthesis_report.write(tmp_path / "all.pdf", include_samples=True).cafes == 13
    cover = subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "all.pdf"), "-"], capture_output=True,
                           text=True).stdout
    assert "This report includes 12 sample cafés, made up for trying Café Desk: they are not real cafés." in \
        " ".join(cover.split())


def test_with_only_samples_held_a_report_or_file_says_how_to_include_them(desk, tmp_path):
    desk.samples.add()
    with pytest.raises(UserError) as raised:
        desk.synthesis_report.write(tmp_path / "report.docx")
    assert str(raised.value) == ONLY_SAMPLES
    with pytest.raises(UserError, match="Only the sample cafés"):
        desk.synthesis.export_data("xlsx", tmp_path / "data.xlsx")
    assert not (tmp_path / "report.docx").exists() and not (tmp_path / "data.xlsx").exists()
    assert desk.synthesis.export_data("xlsx", tmp_path / "data.xlsx", include_samples=True).exists()


def test_a_sample_cafe_named_without_asking_for_samples_says_so(real_and_samples, tmp_path):
    desk = real_and_samples
    sample = next(c for c in desk.synthesis.cafes() if c.id in desk.samples.ids())
    with pytest.raises(UserError, match="one of the sample cafés"):
        desk.synthesis.export_data("xlsx", tmp_path / "one.xlsx", SynthesisFilter(cafe_id=sample.id))
    with pytest.raises(UserError, match="one of the sample cafés"):
        desk.synthesis_report.write(tmp_path / "one.pdf", cafe_keys=[sample.short_code])
    assert not list(tmp_path.glob("one.*"))
    assert desk.synthesis_report.write(tmp_path / "one.pdf", cafe_keys=[sample.short_code],
                                       include_samples=True).cafes == 1


KILLED_HALF_WAY = """
import os, signal, sys
from pathlib import Path
from cafe_desk.services import Services

def progress(done, total):
    if done == 17:  # five sample cafés imported: the laptop is switched off here
        os.kill(os.getpid(), signal.SIGKILL)

with Services.open(Path(sys.argv[1])) as services:
    services.samples.add(progress)
"""


def test_a_sample_run_killed_half_way_leaves_what_came_in_known_as_samples(tmp_path):
    import sys

    path = tmp_path / "desk" / "cafe.sqlite3"
    killed = subprocess.run([sys.executable, "-c", KILLED_HALF_WAY, str(path)], capture_output=True, timeout=300)
    assert killed.returncode == -9
    with Services.open(path) as desk:
        came = {c.id for c in desk.synthesis.cafes()}
        assert len(came) == 5 and desk.samples.ids() == came
        with pytest.raises(UserError, match="Only the sample cafés"):
            desk.synthesis.export_data("xlsx", tmp_path / "data.xlsx")
        assert desk.samples.remove()[0] == 5
        assert desk.synthesis.cafes() == [] and desk.synthesis.themes() == []
        assert desk.samples.add()[0] == 12
