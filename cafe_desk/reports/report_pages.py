"""The page furniture of a report: an A4 document with "Page 3 of 12" at the foot of every page, an optional warning
at the head of every page, PDF title/author/subject/language, and a bookmark for every heading it is told about.
Headings become bookmarks through `Heading`, a paragraph that carries its outline level."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from cafe_desk.reports.fonts import printable, register

MARGIN = 18 * mm
WARNING_INK = Color(0.7, 0.1, 0.1)
GREY = Color(0.35, 0.35, 0.35)


class Heading(Paragraph):
    """A heading that becomes a bookmark at `level` (0: a section, 1: a part of it; None: the rest of a heading too
    long for the end of a page, carried on to the next, which is no bookmark of its own)."""

    def __init__(self, text: str | None, style, level: int | None = 0, outline_title: str | None = None, **kw):
        super().__init__(text, style, **kw)
        self.level = level
        self.outline_title = outline_title

    def split(self, available_width: float, available_height: float) -> list:
        """The heading in parts across a page end (reportlab makes them with this class): the first keeps the
        bookmark."""
        parts = super().split(available_width, available_height)
        for n, part in enumerate(parts):
            part.level, part.outline_title = (self.level, self.outline_title) if n == 0 else (None, None)
        return parts


def _numbered_canvas(footer_left: str, warning: str) -> type[Canvas]:
    """A canvas class that holds each page back until the end, so every page can say how many pages there are."""
    regular, bold = register()

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFillColor(GREY)
            self.setFont(regular, 8)
            self.drawString(MARGIN, 10 * mm, footer_left)
            self.drawRightString(width - MARGIN, 10 * mm, f"Page {number} of {total}")
            if warning:
                self.setFillColor(WARNING_INK)
                self.setFont(bold, 9)
                self.drawCentredString(width / 2, height - 10 * mm, warning)
            self.restoreState()

    return NumberedCanvas


class ReportDocument(BaseDocTemplate):
    """One A4 report: `build_pdf(story)` gives its bytes. `after_each(done)` is called after each flowable is laid
    out (raise from it to stop); headings become bookmarks."""

    def __init__(self, buffer: io.BytesIO, *, title: str, subject: str, footer_left: str, warning: str = "",
                 after_each: Callable[[int], None] = lambda done: None):
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, title=title, author="Café Desk", subject=subject,
                         creator="Café Desk", lang="en-GB")
        frame = Frame(MARGIN, MARGIN, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._canvas_class = _numbered_canvas(footer_left, warning)
        self._after_each = after_each
        self._done = 0
        self._bookmarks = 0

    def afterFlowable(self, flowable) -> None:
        """Bookmark headings; report how far the layout has got."""
        if isinstance(flowable, Heading) and flowable.level is not None:
            key = f"h{self._bookmarks}"
            self._bookmarks += 1
            self.canv.bookmarkPage(key)
            title = flowable.outline_title or flowable.getPlainText()
            self.canv.addOutlineEntry(printable(title)[:200], key, level=flowable.level, closed=flowable.level > 0)
        self._done += 1
        self._after_each(self._done)

    def build_pdf(self, story: list) -> None:
        """Lay out `story` into the buffer, with numbered pages."""
        self.build(story, canvasmaker=self._canvas_class)
