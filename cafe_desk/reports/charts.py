"""Charts for reports, drawn with reportlab.graphics so the same drawing goes into a PDF (as a flowable) and into a
Word document (as a PNG, through renderPM and rlPyCairo). No Qt here: reports are made off the GUI thread and without
a screen."""

from __future__ import annotations

from collections.abc import Sequence

from cafe_desk.reports.fonts import printable, register

BAR_HEIGHT = 14
BAR_GAP = 6
LABEL_WIDTH_SHARE = 0.45  # of the drawing's width, for the outcome titles on the left
INK = (0.15, 0.33, 0.55)


def bar_chart(rows: Sequence[tuple[str, float]], width: float, value_label=lambda v: f"{v:g}"):
    """A horizontal bar chart, one bar per (label, value), longest value drawn full width; labels that don't fit
    are shortened with an ellipsis. Returns a reportlab Drawing (a flowable)."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular, _ = register()
    size = 8
    height = max(1, len(rows)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    drawing = Drawing(width, height, initialFontName=regular)  # else renderPDF names Helvetica on every page
    label_w = width * LABEL_WIDTH_SHARE
    number_w = 36
    bar_room = max(10.0, width - label_w - number_w - 8)
    top = max((value for _, value in rows), default=0) or 1
    for index, (label, value) in enumerate(rows):
        y = height - (index + 1) * (BAR_HEIGHT + BAR_GAP)
        text = _fit(printable(label), label_w - 6, regular, size, stringWidth)
        drawing.add(String(0, y + 4, text, fontName=regular, fontSize=size))
        bar_w = bar_room * max(0.0, value) / top
        drawing.add(Rect(label_w, y, max(bar_w, 0.5), BAR_HEIGHT, fillColor=Color(*INK), strokeColor=None))
        drawing.add(String(label_w + bar_w + 4, y + 4, value_label(value), fontName=regular, fontSize=size))
    return drawing


def _fit(text: str, room: float, font: str, size: float, width_of) -> str:
    """`text`, or as much of its start as fits `room` with "…" after it (found by halving: a label may be thousands of
    characters long)."""
    if width_of(text, font, size) <= room:
        return text
    fits, over = 0, len(text)
    while over - fits > 1:
        middle = (fits + over) // 2
        fits, over = (middle, over) if width_of(text[:middle] + "…", font, size) <= room else (fits, middle)
    return text[:fits].rstrip() + "…"


def drawing_png(drawing, dpi: int = 144) -> bytes:
    """The drawing as PNG bytes (renderPM with the rlPyCairo back end), for a Word document."""
    from reportlab.graphics import renderPM

    return renderPM.drawToString(drawing, fmt="PNG", dpi=dpi, backend="rlPyCairo")
