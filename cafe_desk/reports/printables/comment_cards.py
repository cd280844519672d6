"""Paper comment cards, four to an A4 page (cut along the dashed lines): the café's short code, boxes for the table
and the question or outcome, lines to write on, the groups to tick, the consent tick box in the phone page's own
words, and the café's support lines. Every card is the same, drawn once and placed as often as asked."""

from __future__ import annotations

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
)
from cafe_desk.reports.printables.snapshot import PrintSnapshot

ACROSS, DOWN = 2, 2
PER_PAGE = ACROSS * DOWN
CARD_W = (PAGE_W - 2 * MARGIN) / ACROSS
CARD_H = (PAGE_H - 2 * MARGIN) / DOWN
PAD = 5 * MM
TICK = 3.6 * MM
LINE_GAP = 7.5 * MM
BOX_H = 10 * MM


def page_count(copies: int) -> int:
    """Pages for `copies` cards."""
    return -(-copies // PER_PAGE)


def draw(sheet: Sheet, snap: PrintSnapshot, copies: int) -> None:
    """`copies` cards, four to a page."""
    for start in range(0, copies, PER_PAGE):
        for i in range(min(PER_PAGE, copies - start)):
            col, row = i % ACROSS, i // ACROSS
            x = MARGIN + col * CARD_W
            y = PAGE_H - MARGIN - (row + 1) * CARD_H
            sheet.placed("comment-card", x, y, lambda: _card(sheet, snap))
        sheet.page_done()


def _card(sheet: Sheet, snap: PrintSnapshot) -> None:
    """One card, its lower left corner at the origin."""
    width = CARD_W - 2 * PAD
    left, right = PAD, CARD_W - PAD
    sheet.box(0, 0, CARD_W, CARD_H, width=0.5, dashed=True, colour=SOFT)
    top = CARD_H - PAD
    sheet.text(left, top - 13, "Your comment", 14, bold=True)
    sheet.text(right, top - 12, f"Café {snap.short_code}", 10, bold=True, align="right")
    sheet.line_fit(left, top - 25, snap.title, 8, width, colour=SOFT)

    # the table and what the comment is about
    boxes_top = top - 30
    box_y = boxes_top - 12 - BOX_H
    sheet.text(left, boxes_top - 8, "Table", 8)
    sheet.box(left, box_y, 16 * MM, BOX_H)
    about_x = left + 20 * MM
    sheet.line_fit(about_x, boxes_top - 8, "Question or outcome it is about (optional)", 8, right - about_x)
    sheet.box(about_x, box_y, right - about_x, BOX_H)

    # from the foot up: support lines, consent, groups
    support = fitted(support_text(snap.support_lines), sheet.regular, width,
                     16 * MM, 7.5, 6)
    support_top = PAD + support.height
    sheet.block(left, support_top, support)
    sheet.text(left, support_top + 3, snap.support_heading, 7.5, bold=True)
    consent_w = width - TICK - 2 * MM
    consent = fitted(snap.consent_words, sheet.bold, consent_w, 14 * MM, 9, 7)
    consent_top = support_top + 10 + 3 * MM + consent.height
    sheet.tick_box(left, consent_top - TICK - 0.5)
    sheet.block(left + TICK + 2 * MM, consent_top, consent)
    groups_top = consent_top + 3 * MM
    if snap.groups:
        groups_top = _groups(sheet, snap.groups, left, groups_top, width)

    # lines to write on, filling what is left
    hint_y = box_y - 11
    sheet.text(left, hint_y, "Your comment: please don't write your name or anyone else's.", 7.5, colour=SOFT)
    y = hint_y - LINE_GAP
    while y > groups_top + 2 * MM:
        sheet.rule(left, y, right)
        y -= LINE_GAP


def _groups(sheet: Sheet, groups: tuple[str, ...], left: float, bottom: float, width: float) -> float:
    """The groups as tick boxes, flowing across lines, above `bottom`; returns the top of what was drawn."""
    size = 8.0
    while True:
        rows = _flow(sheet, groups, size, width)
        if len(rows) <= 3 or size <= 5.5:
            break
        size -= 0.5
    line = max(size * LEADING, TICK) + 1.5 * MM
    y = bottom + len(rows) * line
    heading_y = y + 3
    for row in rows:
        y -= line
        for x, name in row:
            sheet.tick_box(left + x, y, TICK)
            sheet.text(left + x + TICK + 1.5 * MM, y + 0.6, name, size)
    sheet.text(left, heading_y, "Which group are you in? (optional)", 8)
    return heading_y + 8


def _flow(sheet: Sheet, groups: tuple[str, ...], size: float, width: float) -> list[list[tuple[float, str]]]:
    rows: list[list[tuple[float, str]]] = [[]]
    x = 0.0
    for group in groups:
        name = shortened(group, sheet.regular, size, width - TICK - 2 * MM)
        need = TICK + 1.5 * MM + width_of(name, sheet.regular, size) + 4 * MM
        if rows[-1] and x + need > width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, name))
        x += need
    return rows

