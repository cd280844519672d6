"""Paper vote sheets, one per person, matching the café's vote method: circles to fill in for dots, a box for each
rank, or a tick from 1 to 5 for agreement, beside every outcome. The sheet shrinks to fit one page and goes on to a
second only when it must (each page then says so); every copy is the same, drawn once and placed as often as asked."""

from __future__ import annotations

from dataclasses import dataclass

from cafe_desk.reports.printables.layout import (
    LEADING,
    MARGIN,
    MM,
    PAGE_H,
    PAGE_W,
    SOFT,
    Sheet,
    fitted,
    shortened,
    support_text,
    width_of,
    wrap,
)
from cafe_desk.reports.printables.snapshot import PrintSnapshot

LARGEST, SMALLEST = 11.0, 8.0
HEAD = 40 * MM  # title, instructions, table and group
FOOT = 16 * MM  # support lines
DOT_STEP = 6.2 * MM
DOTS_A_LINE = 10
RANK_BOX = 14 * MM
AGREE_STEP = 17 * MM
NUMBER_W = 9 * MM


def instructions(snap: PrintSnapshot) -> str:
    """What to do, for the café's vote method."""
    if snap.vote_method == "ranking":
        return ("Number the outcomes in order of how much they matter to you: 1 is the most important. You don't "
                "have to rank them all, and each number can be used once.")
    if snap.vote_method == "agreement":
        return "For each outcome, tick how much you agree that it matters. You can skip any."
    n = snap.dots_per_person
    return (f"You have {n} dot{'s' if n != 1 else ''} to give. Fill in a circle for each dot, on the outcomes that "
            f"matter most to you. You can put more than one dot on the same outcome; no more than {n} in all.")


def _answer_width(snap: PrintSnapshot) -> float:
    if snap.vote_method == "ranking":
        return RANK_BOX + 4 * MM
    if snap.vote_method == "agreement":
        return 5 * AGREE_STEP
    return min(snap.dots_per_person, DOTS_A_LINE) * DOT_STEP + 2 * MM


def _answer_height(snap: PrintSnapshot) -> float:
    if snap.vote_method == "dots":
        return -(-snap.dots_per_person // DOTS_A_LINE) * DOT_STEP
    return 8 * MM


@dataclass(frozen=True)
class Layout:
    """The outcomes' rows at one size, split into pages."""

    size: float
    pages: tuple[tuple[tuple[int, tuple[str, ...]], ...], ...]  # per page: (number, title lines) per outcome


def _title_width(snap: PrintSnapshot) -> float:
    return PAGE_W - 2 * MARGIN - NUMBER_W - _answer_width(snap) - 3 * MM


def _rows_room(snap: PrintSnapshot) -> float:
    header = 12 * MM if snap.vote_method == "agreement" else 0
    return PAGE_H - 2 * MARGIN - HEAD - FOOT - header


def layout(snap: PrintSnapshot, font: str) -> Layout:
    """The largest size at which every outcome fits one page, else the smallest size over as many pages as needed."""
    width, room = _title_width(snap), _rows_room(snap)
    size = LARGEST
    while True:
        rows = [(i + 1, tuple(wrap(title, font, size, width))) for i, title in enumerate(snap.outcomes)]
        heights = [_row_height(snap, len(lines), size) for _n, lines in rows]
        if sum(heights) <= room or size <= SMALLEST:
            break
        size -= 0.5
    pages: list[list] = [[]]
    used = 0.0
    for row, height in zip(rows, heights, strict=True):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += height
    return Layout(size, tuple(tuple(page) for page in pages))


def _row_height(snap: PrintSnapshot, lines: int, size: float) -> float:
    return max(lines * size * LEADING, _answer_height(snap)) + 3 * MM


def page_count(snap: PrintSnapshot, font: str, copies: int) -> int:
    """Pages for `copies` sheets."""
    return copies * len(layout(snap, font).pages)


def draw(sheet: Sheet, snap: PrintSnapshot, copies: int) -> None:
    """`copies` vote sheets, each one page (or more, when the outcomes need it)."""
    plan = layout(snap, sheet.regular)
    for _copy in range(copies):
        for index, rows in enumerate(plan.pages):
            sheet.form(f"vote-sheet-{index}", lambda rows=rows, index=index: _page(sheet, snap, plan, rows, index))
            sheet.page_done()


def _page(sheet: Sheet, snap: PrintSnapshot, plan: Layout, rows, index: int) -> None:
    left, right = MARGIN, PAGE_W - MARGIN
    width = right - left
    top = PAGE_H - MARGIN
    sheet.text(left, top - 18, "Vote on what matters most", 18, bold=True)
    sheet.text(right, top - 16, f"Café {snap.short_code}", 11, bold=True, align="right")
    pages = len(plan.pages)
    note = f"Page {index + 1} of {pages}: please hand in every page together" if pages > 1 else ""
    note_w = width_of(note, sheet.bold, 9) + 6 * MM if note else 0
    sheet.line_fit(left, top - 32, snap.title, 10, width - note_w, colour=SOFT)
    if note:
        sheet.text(right, top - 32, note, 9, bold=True, align="right")
    block = fitted(instructions(snap), sheet.regular, width, 13 * MM, 10, 8)
    y = sheet.block(left, top - 40, block) - 4 * MM
    sheet.text(left, y - 8, "Table", 9)
    sheet.box(left + 11 * MM, y - 12, 14 * MM, 8 * MM)
    if snap.groups:
        _groups(sheet, snap.groups, left + 32 * MM, y - 8, right - left - 32 * MM)
    y = top - HEAD
    answer_x = right - _answer_width(snap)
    if snap.vote_method == "agreement":
        for n, (level, label) in enumerate(snap.agreement_labels):
            cx = answer_x + (n + 0.5) * AGREE_STEP
            sheet.text(cx, y - 8, str(level), 9, bold=True, align="centre")
            for k, line in enumerate(wrap(label, sheet.regular, 7, AGREE_STEP - 1 * MM)[:2]):
                sheet.text(cx, y - 17 - k * 8, line, 7, align="centre")
        y -= 12 * MM
    elif snap.vote_method == "ranking":
        sheet.text(answer_x + 2 * MM + RANK_BOX / 2, y - 8, "Rank", 9, bold=True, align="centre")
        y -= 3 * MM
    size = plan.size
    for number, lines in rows:
        height = _row_height(snap, len(lines), size)
        sheet.rule(left, y, right, width=0.3)
        text_top = y - 1.5 * MM
        sheet.text(left, text_top - size, f"{number}.", size, bold=True)
        sheet.pdf.setFont(sheet.regular, size)
        line_y = text_top - size
        for line in lines:
            sheet.pdf.drawString(left + NUMBER_W, line_y, line)
            line_y -= size * LEADING
        _answer(sheet, snap, answer_x, y - 1.5 * MM)
        y -= height
    sheet.rule(left, y, right, width=0.3)
    support = support_text(snap.support_lines)
    block = fitted(support, sheet.regular, width, 9 * MM, 8, 6)
    sheet.text(left, MARGIN + block.height + 4, snap.support_heading, 8, bold=True)
    sheet.block(left, MARGIN + block.height, block)


def _answer(sheet: Sheet, snap: PrintSnapshot, x: float, top: float) -> None:
    """Where the answer goes for one outcome, its top at `top`."""
    if snap.vote_method == "ranking":
        sheet.box(x + 2 * MM, top - 7 * MM, RANK_BOX, 7 * MM)
    elif snap.vote_method == "agreement":
        for n in range(5):
            side = 4.5 * MM
            sheet.tick_box(x + (n + 0.5) * AGREE_STEP - side / 2, top - 6 * MM, side)
    else:
        for n in range(snap.dots_per_person):
            row, col = divmod(n, DOTS_A_LINE)
            sheet.circle(x + 2 * MM + (col + 0.5) * DOT_STEP, top - (row + 0.5) * DOT_STEP, 2.3 * MM)


def _groups(sheet: Sheet, groups: tuple[str, ...], x: float, y: float, width: float) -> None:
    """"Your group (optional)" and a tick box per group, on one line, shrunk to fit."""
    label = "Your group (optional):"
    size = 9.0
    while size > 6:
        names = [shortened(g, sheet.regular, size, 45 * MM) for g in groups]
        need = width_of(label, sheet.regular, size) + sum(width_of(n, sheet.regular, size) + 9 * MM for n in names)
        if need <= width:
            break
        size -= 0.5
    sheet.text(x, y, label, size)
    cx = x + width_of(label, sheet.regular, size) + 3 * MM
    for name in names:
        if cx + 5 * MM > x + width:
            break
        sheet.tick_box(cx, y - 1, 3.4 * MM)
        shown = shortened(name, sheet.regular, size, x + width - cx - 5 * MM)
        sheet.text(cx + 5 * MM, y, shown, size)
        cx += 5 * MM + width_of(shown, sheet.regular, size) + 4 * MM
