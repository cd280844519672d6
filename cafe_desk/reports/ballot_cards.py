"""Ballot cards: one card per one-time code, each with a QR code for the vote page and the code in large type, drawn
with the printables' shared sheet (the shipped typeface, QR codes drawn once per file)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cafe_desk.reports.printables.layout import MARGIN, MM, PAGE_H, PAGE_W, SOFT, Sheet, wrap

CARDS_ACROSS, CARDS_DOWN = 2, 4
CARDS_PER_PAGE = CARDS_ACROSS * CARDS_DOWN
HOW_TO = ("Scan the square with your phone's camera and type this code to vote. One ballot per card: you can change "
          "it until voting closes.")


def page_count(cards: int) -> int:
    """How many pages `cards` cards take."""
    return -(-cards // CARDS_PER_PAGE)


def write_ballot_cards(path: Path | str, codes: Sequence[str], vote_url: str, cafe_title: str) -> int:
    """Write an A4 PDF with one cut-out card per code (eight to a page); returns the number of pages."""
    Path(path).write_bytes(ballot_cards_pdf(codes, vote_url, cafe_title))
    return page_count(len(codes))


def ballot_cards_pdf(codes: Sequence[str], vote_url: str, cafe_title: str,
                     on_page: Callable[[int, int], None] = lambda done, total: None) -> bytes:
    """An A4 PDF with one cut-out card per code (eight to a page). `on_page(done, total)` is called after each
    page is drawn; an exception it raises stops the drawing."""
    sheet = Sheet(f"Ballot cards — {cafe_title}", page_count(len(codes)), on_page)
    card_w = (PAGE_W - 2 * MARGIN) / CARDS_ACROSS
    card_h = (PAGE_H - 2 * MARGIN) / CARDS_DOWN
    qr_side = 38 * MM
    pad = 5 * MM
    text_x = pad + qr_side + 2 * MM
    text_w = card_w - pad - text_x
    how_to = wrap(HOW_TO, sheet.regular, 9, text_w)
    for start in range(0, len(codes), CARDS_PER_PAGE):
        for i, code in enumerate(codes[start:start + CARDS_PER_PAGE]):
            col, row = i % CARDS_ACROSS, i // CARDS_ACROSS
            x = MARGIN + col * card_w
            y = PAGE_H - MARGIN - (row + 1) * card_h
            pdf = sheet.pdf
            pdf.saveState()
            pdf.translate(x, y)
            sheet.box(0, 0, card_w, card_h, width=0.5, dashed=True, colour=SOFT)
            top = card_h - pad
            sheet.text(pad, top - 10, "Your ballot card", 12, bold=True)
            sheet.line_fit(pad, top - 23, cafe_title, 9, card_w - 2 * pad)
            sheet.qr(vote_url, pad - 2 * MM, pad + 4 * MM, qr_side)
            sheet.text(text_x, top - 45, "Your code", 9)
            sheet.text(text_x, top - 70, code, 20, bold=True)
            for n, line in enumerate(how_to):
                sheet.text(text_x, top - 90 - n * 11, line, 9)
            for n, line in enumerate(wrap(f"Or type: {vote_url}", sheet.regular, 7, card_w - 2 * pad)[:2]):
                sheet.text(pad, pad - 1 * MM - n * 8, line, 7)
            pdf.restoreState()
        sheet.page_done()
    return sheet.finish()
