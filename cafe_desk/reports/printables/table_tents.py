"""Table tent cards: one A4 page per table, folded across the middle to stand on the table, readable from both sides
(the top half is drawn upside down): the table's number and name, each round's question and the table host's QR
code. Questions that don't fit one card at a readable size go on to a second card for the same table."""

from __future__ import annotations

from collections.abc import Sequence

from cafe_desk.reports.printables.layout import (
    LEADING,
    MARGIN,
    MM,
    PAGE_H,
    PAGE_W,
    SOFT,
    Sheet,
    fitted,
    wrap,
)
from cafe_desk.reports.printables.snapshot import PrintSnapshot, Question, TableCard

HALF = PAGE_H / 2
QR_SIDE = 46 * MM
QR_COLUMN = QR_SIDE + 6 * MM
FOLD_GAP = 10 * MM  # kept clear each side of the fold
HEADER = 30 * MM  # the table's number and name
FOOT = 7 * MM  # the café's title
LARGEST, SMALLEST = 18.0, 8.0
HOST_CAPTION = "Table host: scan to add this table's points"


def _text_width(snap: PrintSnapshot) -> float:
    return PAGE_W - 2 * MARGIN - (QR_COLUMN if snap.with_qr else 0)


def _room() -> float:
    return HALF - FOLD_GAP - MARGIN - HEADER - FOOT


def _height(questions: Sequence[Question], font: str, size: float, width: float) -> float:
    lines = sum(1 + len(wrap(q.prompt, font, size, width)) for q in questions)
    return lines * size * LEADING + max(0, len(questions) - 1) * size * 0.6


def chunks(snap: PrintSnapshot, font: str) -> list[tuple[Question, ...]]:
    """The questions split into as few cards as fit them at a readable size (one card when there are none)."""
    width, room = _text_width(snap), _room()
    cards: list[tuple[Question, ...]] = []
    current: list[Question] = []
    for question in snap.questions:
        if current and _height([*current, question], font, SMALLEST, width) > room:
            cards.append(tuple(current))
            current = []
        current.append(question)
    cards.append(tuple(current))
    return cards


def page_count(snap: PrintSnapshot, font: str) -> int:
    """One page per table per card of questions."""
    return len(snap.tables) * len(chunks(snap, font))


def draw(sheet: Sheet, snap: PrintSnapshot) -> None:
    """Every table's tent card(s), one to a page."""
    cards = chunks(snap, sheet.regular)
    for table in snap.tables:
        for index, questions in enumerate(cards):
            part = f"card {index + 1} of {len(cards)}" if len(cards) > 1 else ""
            _half(sheet, snap, table, questions, part)
            sheet.pdf.saveState()
            sheet.pdf.translate(PAGE_W, PAGE_H)
            sheet.pdf.rotate(180)
            _half(sheet, snap, table, questions, part)
            sheet.pdf.restoreState()
            sheet.rule(MARGIN, HALF, PAGE_W - MARGIN, dashed=True)
            sheet.text(PAGE_W - MARGIN, HALF + 3, "fold here", 7, align="right", colour=SOFT)
            sheet.page_done()


def _half(sheet: Sheet, snap: PrintSnapshot, table: TableCard, questions: tuple[Question, ...], part: str) -> None:
    """One side of the tent, upright, in the page's lower half."""
    left, right = MARGIN, PAGE_W - MARGIN
    top = HALF - FOLD_GAP
    number = f"Table {table.number}"
    sheet.text(left, top - 34, number, 36, bold=True)
    name = table.label[len(number):].lstrip(" —") if table.label.startswith(number) else table.label
    heading_w = right - left - (QR_COLUMN if snap.with_qr else 0)
    if name:
        sheet.line_fit(left, top - 54, name, 15, heading_w, colour=SOFT)
    caption = " · ".join(p for p in (part, snap.title) if p)
    sheet.line_fit(left, MARGIN, caption, 9, heading_w, colour=SOFT)
    width = _text_width(snap)
    y = top - HEADER
    room = _room()
    size = LARGEST
    while size > SMALLEST and _height(questions, sheet.regular, size, width) > room:
        size -= 0.5
    for question in questions:
        y -= size
        sheet.text(left, y, f"Round {question.number}", size, bold=True)
        y -= size * (LEADING - 1)
        block = fitted(question.prompt, sheet.regular, width, max(y - MARGIN - FOOT, size * LEADING), size, size)
        y = sheet.block(left, y, block) - size * 0.6
    if not questions:
        sheet.text(left, y - 14, "The questions for each round are added on the Plan page.", 11, colour=SOFT)
    if snap.with_qr and table.host_url:
        qr_x = right - QR_SIDE
        qr_y = top - QR_SIDE
        sheet.qr(table.host_url, qr_x, qr_y, QR_SIDE)
        for n, line in enumerate(wrap(HOST_CAPTION, sheet.regular, 8, QR_SIDE)[:3]):
            sheet.text(qr_x + QR_SIDE / 2, qr_y - 9 - n * 10, line, 8, align="centre")
