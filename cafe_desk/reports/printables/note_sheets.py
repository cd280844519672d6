"""Note-takers' sheets: one A4 page per table and round, with the round's question at the top, boxes for how many
people sat at the table in each group (counts only, never names), ruled lines for the points, and a "what we carry
forward" box at the foot."""

from __future__ import annotations

from cafe_desk.reports.printables.layout import MARGIN, MM, PAGE_H, PAGE_W, SOFT, Sheet, fitted, shortened, width_of
from cafe_desk.reports.printables.snapshot import PrintSnapshot, Question, TableCard

LINE_GAP = 8 * MM
CARRY_H = 45 * MM
NO_QUESTION = Question(0, "")


def page_count(snap: PrintSnapshot) -> int:
    """One page per table and round (per table, when no round is planned yet)."""
    return len(snap.tables) * max(1, len(snap.questions))


def draw(sheet: Sheet, snap: PrintSnapshot) -> None:
    """Every table's sheet for every round."""
    for table in snap.tables:
        for question in snap.questions or (NO_QUESTION,):
            _page(sheet, snap, table, question)
            sheet.page_done()


def _page(sheet: Sheet, snap: PrintSnapshot, table: TableCard, question: Question) -> None:
    left, right = MARGIN, PAGE_W - MARGIN
    width = right - left
    top = PAGE_H - MARGIN
    heading = f"Notes · {table.label}" + (f" · Round {question.number}" if question.number else "")
    sheet.line_fit(left, top - 16, heading, 16, width - 40 * MM, bold=True)
    sheet.text(right, top - 15, f"Café {snap.short_code}", 10, bold=True, align="right")
    sheet.line_fit(left, top - 29, snap.title, 9, width, colour=SOFT)
    y = top - 36
    if question.prompt:
        block = fitted(question.prompt, sheet.bold, width - 8 * MM, 60 * MM, 12, 8)
        sheet.box(left, y - block.height - 4 * MM, width, block.height + 4 * MM, width=0.5, colour=SOFT)
        y = sheet.block(left + 4 * MM, y - 2 * MM, block) - 2 * MM
    y -= 6 * MM
    if snap.groups:
        y = _counts(sheet, snap.groups, left, y, width) - 4 * MM
    sheet.text(left, y - 9, "Points (one to a line; mark a quote with “ ”)", 9, colour=SOFT)
    carry_top = MARGIN + CARRY_H
    line_y = y - 9 - LINE_GAP
    while line_y > carry_top + 4 * MM:
        sheet.rule(left, line_y, right)
        line_y -= LINE_GAP
    sheet.box(left, MARGIN, width, CARRY_H, width=1.2)
    sheet.text(left + 4 * MM, carry_top - 6 * MM, "What we carry forward", 12, bold=True)
    for n in range(1, 4):
        sheet.rule(left + 4 * MM, carry_top - 6 * MM - n * 10 * MM, right - 4 * MM)


def _counts(sheet: Sheet, groups: tuple[str, ...], left: float, top: float, width: float) -> float:
    """"How many people sat at this table" with a small box per group, on as many lines as needed; returns the
    bottom of what was drawn."""
    sheet.text(left, top - 9, "How many people sat at this table, in each group (numbers only, never names):", 9)
    size, box = 9.0, 10 * MM
    x, y = left, top - 9 - 10 * MM
    for group in groups:
        name = shortened(group, sheet.regular, size, width - box - 6 * MM)
        need = width_of(name, sheet.regular, size) + box + 8 * MM
        if x > left and x + need > left + width:
            x, y = left, y - 10 * MM
        sheet.text(x, y + 2.5 * MM, name, size)
        sheet.box(x + width_of(name, sheet.regular, size) + 2 * MM, y, box, 7 * MM)
        x += need
    return y
