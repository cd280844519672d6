"""One A4 PDF of any selection of printables for one café, in the order of `snapshot.KINDS`, with progress page by
page (and a way to stop: `on_page` raising)."""

from __future__ import annotations

from collections.abc import Callable

from cafe_desk.reports.fonts import register
from cafe_desk.reports.printables import comment_cards, note_sheets, poster, table_tents, vote_sheets
from cafe_desk.reports.printables.layout import Sheet
from cafe_desk.reports.printables.snapshot import (
    COMMENT_CARDS,
    NOTE_SHEETS,
    POSTER,
    TABLES,
    VOTE_SHEETS,
    PrintSnapshot,
    Selection,
)


def page_counts(snap: PrintSnapshot, selection: Selection) -> dict[str, int]:
    """How many pages each chosen printable takes."""
    regular, _bold = register()
    counts = {
        POSTER: lambda: poster.page_count(snap),
        TABLES: lambda: table_tents.page_count(snap, regular),
        COMMENT_CARDS: lambda: comment_cards.page_count(selection.comment_cards),
        VOTE_SHEETS: lambda: vote_sheets.page_count(snap, regular, selection.vote_sheets),
        NOTE_SHEETS: lambda: note_sheets.page_count(snap),
    }
    return {kind: counts[kind]() for kind in selection.kinds}


def first_page_png(snap: PrintSnapshot, selection: Selection, dpi: int = 72) -> bytes:
    """A picture of the first page of `printables_pdf`, as a PNG (a preview)."""
    from cafe_desk.reports.printables.preview import first_page_png as paint

    return paint(lambda sheet: _draw(sheet, snap, selection), dpi)


def printables_pdf(snap: PrintSnapshot, selection: Selection,
                   on_page: Callable[[int, int], None] = lambda done, total: None) -> bytes:
    """The chosen printables as one A4 PDF. `on_page(done, total)` is called after each page; an exception it
    raises stops the drawing."""
    sheet = Sheet(f"Printables — {snap.title}", sum(page_counts(snap, selection).values()), on_page)
    _draw(sheet, snap, selection)
    return sheet.finish()


def _draw(sheet: Sheet, snap: PrintSnapshot, selection: Selection) -> None:
    drawers = {
        POSTER: lambda: poster.draw(sheet, snap),
        TABLES: lambda: table_tents.draw(sheet, snap),
        COMMENT_CARDS: lambda: comment_cards.draw(sheet, snap, selection.comment_cards),
        VOTE_SHEETS: lambda: vote_sheets.draw(sheet, snap, selection.vote_sheets),
        NOTE_SHEETS: lambda: note_sheets.draw(sheet, snap),
    }
    for kind in selection.kinds:
        drawers[kind]()
