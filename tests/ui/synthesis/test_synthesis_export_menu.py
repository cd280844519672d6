"""The Synthesis page's Export data menu: CSV for spreadsheets and CSV for analysis tools side by side, each writing
what it says, on a real imported café through the real menu."""

from __future__ import annotations

import codecs
import csv
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.central import cafe_at, send

SHOTS = os.environ.get("CAFE_DESK_SHOTS")
RISKY = ("=SUM(1)", "-5", "@x")
FOR_SPREADSHEETS = "CSV for spreadsheets, into a folder…"
FOR_ANALYSIS = "CSV for analysis tools (R, Python, Stata), into a folder…"


@pytest.fixture
def page(qtbot, services, identity, main_window):
    cafe = cafe_at(services, "Perth café", "2026-04-02", "Perth", RISKY)
    send(services, cafe, services.store, identity)
    main_window.show_page(main_window.page_index(main_window.synthesis_slot))
    page = main_window.synthesis_page
    page.confirm = lambda title, text: True
    page.reload()
    qtbot.waitUntil(lambda: not page.runner.busy and page.model.rowCount() == len(RISKY), timeout=5000)
    return page


def action(page, label: str):
    return next(a for a in page.export_button.menu().actions() if a.text() == label)


def export_through_menu(page, qtbot, monkeypatch, label: str, folder) -> list[dict[str, str]]:
    """Pick `label` in the menu, choose `folder` in the folder dialog; the items.csv written, as rows."""
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    action(page, label).trigger()
    qtbot.waitUntil(lambda: page.export_op is not None and page.export_op.done, timeout=10_000)
    with open(folder / "items.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_menu_offers_both_kinds_of_csv(page, main_window, qtbot):
    labels = [a.text() for a in page.export_button.menu().actions()]
    assert labels == ["Excel workbook (.xlsx)…", FOR_SPREADSHEETS, FOR_ANALYSIS,
                      "For NVivo, ATLAS.ti, MAXQDA or QualCoder (.qdpx)…"]
    assert "apostrophe" in action(page, FOR_SPREADSHEETS).toolTip()
    assert "exactly as typed" in action(page, FOR_ANALYSIS).toolTip()
    if SHOTS:
        menu = page.export_button.menu()
        menu.popup(page.export_button.mapToGlobal(page.export_button.rect().bottomLeft()))
        qtbot.waitUntil(menu.isVisible, timeout=3000)
        menu.grab().save(os.path.join(SHOTS, "synthesis-export-menu.png"))
        main_window.grab().save(os.path.join(SHOTS, "synthesis-export-menu-window.png"))
        menu.hide()


def test_csv_for_analysis_tools_is_as_typed(page, qtbot, monkeypatch, tmp_path):
    messages = []
    page.sig_message.connect(messages.append)
    rows = export_through_menu(page, qtbot, monkeypatch, FOR_ANALYSIS, tmp_path)
    assert not (tmp_path / "items.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert sorted(r["text"] for r in rows) == sorted(RISKY)
    assert messages[-1] == f"Saved items.csv, votes.csv and themes.csv in {tmp_path.name}: {len(rows)} items."


def test_csv_for_spreadsheets_is_guarded(page, qtbot, monkeypatch, tmp_path):
    rows = export_through_menu(page, qtbot, monkeypatch, FOR_SPREADSHEETS, tmp_path)
    assert (tmp_path / "items.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert sorted(r["text"] for r in rows) == sorted("'" + t for t in RISKY)


@pytest.mark.parametrize(("label", "ending"), [("Excel workbook (.xlsx)…", ".xlsx"),
                                               ("For NVivo, ATLAS.ti, MAXQDA or QualCoder (.qdpx)…", ".qdpx")])
def test_a_file_name_typed_without_its_ending_gets_it(page, qtbot, monkeypatch, tmp_path, label, ending):
    messages, asked = [], []
    page.sig_message.connect(messages.append)
    page.confirm = lambda title, text: asked.append(text) or False
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out / "all"), ""))
    action(page, label).trigger()
    qtbot.waitUntil(lambda: page.export_op is not None and page.export_op.done, timeout=10_000)
    assert [p.name for p in out.iterdir()] == [f"all{ending}"] and asked == []
    assert messages[-1] == f"Saved all{ending}: {len(RISKY)} items."
    before = (out / f"all{ending}").stat().st_mtime_ns
    op = page.export_op
    action(page, label).trigger()  # the dialog asked about "all"; replacing all.xlsx is asked here
    assert asked == [f"all{ending} already exists in out. Replace it?"] and page.export_op is op
    assert (out / f"all{ending}").stat().st_mtime_ns == before


def test_the_next_export_s_dialog_opens_where_the_last_one_went(page, qtbot, monkeypatch, tmp_path):
    opened = []
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, caption, start: opened.append(start) or str(sheets))
    action(page, FOR_ANALYSIS).trigger()
    qtbot.waitUntil(lambda: page.export_op is not None and page.export_op.done, timeout=10_000)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, start, what: opened.append(start) or ("", ""))
    action(page, "Excel workbook (.xlsx)…").trigger()
    assert opened == [str(Path.home()), str(sheets / "synthesis.xlsx")]
