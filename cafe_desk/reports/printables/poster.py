"""The poster: the café's title, "Join the Wi-Fi" and "Open the comment page" QR codes with the short link, in
words too (the Wi-Fi's name and password, or how to join when none is stored; how to find the page without a code)."""

from __future__ import annotations

from cafe_desk.reports.printables.layout import (
    MARGIN,
    MM,
    PAGE_H,
    PAGE_W,
    SOFT,
    Sheet,
    fitted,
    one_line_size,
    support_text,
    wrap,
)
from cafe_desk.reports.printables.snapshot import PrintSnapshot

QR_SIDE = 78 * MM
NO_WIFI = ("Join the venue's Wi-Fi on your phone (not mobile data). Ask a facilitator for its name and password "
           "if it isn't on display.")
NO_LINK = "Ask a facilitator for the comment page's link, or use a paper comment card."


def page_count(snap: PrintSnapshot) -> int:
    """The poster is one page."""
    return 1


def draw(sheet: Sheet, snap: PrintSnapshot) -> None:
    """Draw the poster on one page."""
    width = PAGE_W - 2 * MARGIN
    top = PAGE_H - MARGIN - 4 * MM
    sheet.text(PAGE_W / 2, top - 14, "Have your say from your phone", 16, align="centre", colour=SOFT)
    top -= 24
    title = fitted(snap.title, sheet.bold, width, 92, 34, 12)
    top = sheet.block(PAGE_W / 2, top - 6, title, align="centre") - 4
    where = " · ".join(part for part in (snap.date, snap.locality) if part)
    if where:
        sheet.line_fit(PAGE_W / 2, top - 14, where, 13, width, align="centre", colour=SOFT)
        top -= 22

    column = (width - 10 * MM) / 2
    left, right = MARGIN, MARGIN + column + 10 * MM
    heading_y = top - 34
    for x, heading in ((left, "1  Join the Wi-Fi"), (right, "2  Open the comment page")):
        size = one_line_size(heading, sheet.bold, column, 20, 12)
        sheet.line_fit(x + column / 2, heading_y, heading, size, column, bold=True, align="centre")
    qr_top = heading_y - 12
    qr_y = qr_top - QR_SIDE
    words_top = qr_y - 6
    if snap.wifi_payload and snap.with_qr:
        sheet.qr(snap.wifi_payload, left + (column - QR_SIDE) / 2, qr_y, QR_SIDE)
        lines = [f"Network: {snap.wifi_name}"] + ([f"Password: {snap.wifi_password}"] if snap.wifi_password else [])
        _words(sheet, lines, left, words_top, column, 13)
    elif snap.wifi_name:
        lines = [f"Network: {snap.wifi_name}"] + ([f"Password: {snap.wifi_password}"] if snap.wifi_password else [])
        _words(sheet, lines, left, qr_top - 20, column, 16)
    else:
        _words(sheet, [NO_WIFI], left, qr_top - 20, column, 14)
    if snap.with_qr:
        sheet.qr(snap.comment_url, right + (column - QR_SIDE) / 2, qr_y, QR_SIDE)
        _words(sheet, ["Or type this link:"], right, words_top, column, 11)
        size = one_line_size(snap.comment_url, sheet.regular, column, 11, 7)
        _words(sheet, [snap.comment_url], right, words_top - 11 * 1.65, column, size)
    else:
        _words(sheet, [NO_LINK], right, qr_top - 20, column, 14)

    foot_top = min(MARGIN + 62 * MM, words_top - 42 * MM)
    how = ("Scan the square with your phone's camera" if snap.with_qr
           else "Join the Wi-Fi, then open the comment page's link on your phone")
    steps = (f"{how}: no app, no account, no internet needed. Write a comment or, when voting opens, vote on what "
             "matters most. Only the facilitator sees your comment, unless they choose to show it on the screen.")
    sheet.block(MARGIN, foot_top, fitted(steps, sheet.regular, width, 30 * MM, 13, 9))
    sheet.text(MARGIN, MARGIN + 30 * MM, f"Café code {snap.short_code}", 12, bold=True)
    support_top = MARGIN + 24 * MM
    sheet.text(MARGIN, support_top, snap.support_heading, 11, bold=True)
    line = support_text(snap.support_lines)
    sheet.block(MARGIN, support_top - 4, fitted(line, sheet.regular, width, 18 * MM, 11, 7))
    sheet.page_done()


def _words(sheet: Sheet, paragraphs: list[str], x: float, top: float, width: float, size: float) -> None:
    """Paragraphs centred in a column, each wrapped (a long link breaks where it must), at most ~5 lines each."""
    y = top
    for paragraph in paragraphs:
        lines = wrap(paragraph, sheet.regular, size, width)
        if len(lines) > 4:
            size = max(7.0, size * 0.75)
            lines = wrap(paragraph, sheet.regular, size, width)[:6]
        for line in lines:
            y -= size * 1.25
            sheet.text(x + width / 2, y, line, size, align="centre")
        y -= size * 0.4
