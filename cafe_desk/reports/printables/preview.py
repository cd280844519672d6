"""A picture of the printables' first page (PNG), to show before saving: the same layout code draws onto
`PageRecorder`, a stand-in for the PDF canvas that keeps what is drawn as reportlab shapes, which renderPM (with the
rlPyCairo back end) paints. No Qt and no PDF reader needed."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable

from cafe_desk.reports.printables.layout import PAGE_H, PAGE_W, Sheet

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n applied inside it (n in m's coordinates)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f)


class _Path:
    def __init__(self):
        self.rects: list[tuple[float, float, float, float]] = []

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.rects.append((x, y, w, h))


class PageRecorder:
    """The part of reportlab's canvas the printables use, keeping the first page's drawing as shapes."""

    def __init__(self):
        from reportlab.lib.colors import black

        self.page: list = []
        self._into = self.page
        self._forms: dict[str, list] = {}
        self._form_name = ""
        self._state = {"m": IDENTITY, "fill": black, "stroke": black, "width": 1.0, "dash": None,
                       "font": "", "size": 10.0}
        self._saved: list[dict] = []
        self.pages = 0

    # --- state
    def setTitle(self, title: str) -> None:
        pass

    def setAuthor(self, author: str) -> None:
        pass

    def saveState(self) -> None:
        self._saved.append(dict(self._state))

    def restoreState(self) -> None:
        self._state = self._saved.pop()

    def translate(self, x: float, y: float) -> None:
        self._state["m"] = _times(self._state["m"], (1, 0, 0, 1, x, y))

    def scale(self, x: float, y: float) -> None:
        self._state["m"] = _times(self._state["m"], (x, 0, 0, y, 0, 0))

    def rotate(self, degrees: float) -> None:
        c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        self._state["m"] = _times(self._state["m"], (c, s, -s, c, 0, 0))

    def setFillColorRGB(self, r: float, g: float, b: float) -> None:
        from reportlab.lib.colors import Color

        self._state["fill"] = Color(r, g, b)

    def setStrokeColorRGB(self, r: float, g: float, b: float) -> None:
        from reportlab.lib.colors import Color

        self._state["stroke"] = Color(r, g, b)

    def setLineWidth(self, width: float) -> None:
        self._state["width"] = width

    def setDash(self, *dash) -> None:
        self._state["dash"] = list(dash) if dash else None

    def setFont(self, font: str, size: float) -> None:
        self._state["font"], self._state["size"] = font, size

    # --- drawing
    def _add(self, shape) -> None:
        from reportlab.graphics.shapes import Group

        if self.pages == 0:
            self._into.append(Group(shape, transform=self._state["m"]))

    def _text(self, x: float, y: float, text: str, anchor: str) -> None:
        from reportlab.graphics.shapes import String

        self._add(String(x, y, text, fontName=self._state["font"], fontSize=self._state["size"],
                         fillColor=self._state["fill"], textAnchor=anchor))

    def drawString(self, x: float, y: float, text: str) -> None:
        self._text(x, y, text, "start")

    def drawCentredString(self, x: float, y: float, text: str) -> None:
        self._text(x, y, text, "middle")

    def drawRightString(self, x: float, y: float, text: str) -> None:
        self._text(x, y, text, "end")

    def _stroked(self, shape):
        shape.strokeColor = self._state["stroke"]
        shape.strokeWidth = self._state["width"]
        shape.strokeDashArray = self._state["dash"]
        return shape

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        from reportlab.graphics.shapes import Rect

        shape = Rect(x, y, w, h, fillColor=self._state["fill"] if fill else None)
        self._add(self._stroked(shape) if stroke else _unstroked(shape))

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        from reportlab.graphics.shapes import Line

        self._add(self._stroked(Line(x0, y0, x1, y1)))

    def circle(self, x: float, y: float, r: float, stroke: int = 1, fill: int = 0) -> None:
        from reportlab.graphics.shapes import Circle

        self._add(self._stroked(Circle(x, y, r, fillColor=self._state["fill"] if fill else None)))

    def beginPath(self) -> _Path:
        return _Path()

    def drawPath(self, path: _Path, stroke: int = 0, fill: int = 1, fillMode: int | None = None) -> None:
        from reportlab.graphics.shapes import Group, Rect

        self._add(Group(*(_unstroked(Rect(x, y, w, h, fillColor=self._state["fill"])) for x, y, w, h in path.rects)))

    # --- forms and pages
    def beginForm(self, name: str, **_bounds) -> None:
        self._form_name = name
        self._forms[name] = []
        self._into = self._forms[name]
        self.saveState()
        self._state["m"] = IDENTITY

    def endForm(self) -> None:
        self.restoreState()
        self._into = self.page

    def doForm(self, name: str) -> None:
        from reportlab.graphics.shapes import Group

        self._add(Group(*self._forms[name]))

    def showPage(self) -> None:
        self.pages += 1

    def save(self) -> None:
        pass


def _unstroked(shape):
    shape.strokeColor = None
    shape.strokeWidth = 0
    return shape


def first_page_png(draw: Callable[[Sheet], None], dpi: int = 72) -> bytes:
    """`draw(sheet)` on a sheet that records its first page, painted as a PNG at `dpi` dots per inch."""
    from reportlab.graphics import renderPM
    from reportlab.graphics.shapes import Drawing, Rect

    from cafe_desk.reports.printables.layout import Enough

    sheet = Sheet("preview", 1, last_page=1)
    recorder = PageRecorder()
    sheet.pdf = recorder
    with contextlib.suppress(Enough):
        draw(sheet)
    from reportlab.lib.colors import white

    drawing = Drawing(PAGE_W, PAGE_H)
    drawing.add(_unstroked(Rect(0, 0, PAGE_W, PAGE_H, fillColor=white)))
    for shape in recorder.page:
        drawing.add(shape)
    return renderPM.drawToString(drawing, fmt="PNG", dpi=dpi, backend="rlPyCairo")
