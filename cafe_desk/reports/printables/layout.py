"""Drawing helpers every printable shares: the A4 sheet being drawn (`Sheet`: one canvas in the shipped typeface,
pages counted for progress, anything drawn many times kept once as a form), text wrapped and shrunk to fit a box,
QR codes, tick boxes, ruled lines and cut lines. All text passes through `fonts.printable` here."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from cafe_desk.reports.fonts import printable, register

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2755905511812, 841.8897637795277  # A4 in points
MARGIN = 12 * MM
LEADING = 1.22
INK = (0.1, 0.1, 0.1)
SOFT = (0.45, 0.45, 0.45)


@dataclass(frozen=True)
class Block:
    """Text laid out: its lines at `size` points in `font`, `height` points tall."""

    lines: tuple[str, ...]
    font: str
    size: float

    @property
    def leading(self) -> float:
        """The distance from one baseline to the next."""
        return self.size * LEADING

    @property
    def height(self) -> float:
        """How tall the lines stand."""
        return len(self.lines) * self.leading


def width_of(text: str, font: str, size: float) -> float:
    """How wide `text` is set in `font` at `size` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` (made printable) broken into lines no wider than `width`: at spaces where it can, inside a word too
    long for a line where it must. Line breaks in the text are kept."""
    lines: list[str] = []
    space = width_of(" ", font, size)
    for paragraph in printable(text).replace("\t", " ").replace("\r", "").split("\n"):
        line, line_w = "", 0.0
        for word in paragraph.split(" "):
            if not word:
                continue
            word_w = width_of(word, font, size)
            if line and line_w + space + word_w <= width:
                line, line_w = f"{line} {word}", line_w + space + word_w
                continue
            if line:
                lines.append(line)
            while word_w > width:  # a word wider than the line: break it where it reaches the edge
                cut = _fitting_prefix(word, font, size, width)
                lines.append(word[:cut])
                word = word[cut:]
                word_w = width_of(word, font, size)
            line, line_w = word, word_w
        lines.append(line)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def _fitting_prefix(word: str, font: str, size: float, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if width_of(word[:mid], font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return low


def fit(text: str, font: str, width: float, height: float, largest: float, smallest: float) -> Block | None:
    """`text` at the largest size from `largest` down to `smallest` (half a point at a time) whose lines fit in
    `width` × `height`; None when even `smallest` is too big."""
    size = largest
    while size >= smallest:
        block = Block(tuple(wrap(text, font, size, width)), font, size)
        if block.height <= height:
            return block
        size -= 0.5
    return None


def fitted(text: str, font: str, width: float, height: float, largest: float, smallest: float) -> Block:
    """As `fit`, but always a block: when even `smallest` is too big, the lines that fit, the last ending in "…"."""
    block = fit(text, font, width, height, largest, smallest)
    if block is not None:
        return block
    lines = wrap(text, font, smallest, width)
    room = max(1, int(height // (smallest * LEADING)))
    kept = lines[:room]
    kept[-1] = shortened(kept[-1] + " …", font, smallest, width) if len(lines) > room else kept[-1]
    return Block(tuple(kept), font, smallest)


def support_text(lines) -> str:
    """Support lines (name, number) as one paragraph that only breaks between lines, never inside one."""
    return "   ".join(f"{name} {number}".replace(" ", "\u00a0") for name, number in lines)


def one_line_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The largest size from `largest` down to `smallest` at which `text` fits `width` on one line."""
    size = largest
    while size > smallest and width_of(printable(text), font, size) > width:
        size -= 0.5
    return size


def shortened(text: str, font: str, size: float, width: float) -> str:
    """`text` on one line, ending in "…" where it is cut to fit `width`."""
    text = " ".join(printable(text).split())
    if width_of(text, font, size) <= width:
        return text
    cut = _fitting_prefix(text + "…", font, size, width - width_of("…", font, size))
    return text[:max(0, cut)].rstrip() + "…"


class Enough(Exception):
    """The sheet has drawn as many pages as it was asked for (a preview)."""


class Sheet:
    """The A4 PDF being drawn. `page_done()` ends a page and reports progress through `on_page(done, total)`, whose
    exception stops the drawing (Cancel). Forms (`form`) hold what is drawn many times, drawn once."""

    def __init__(self, title: str, total: int, on_page: Callable[[int, int], None] = lambda done, total: None,
                 last_page: int | None = None):
        from reportlab.pdfgen import canvas

        self.regular, self.bold = register()
        self.out = io.BytesIO()
        self.pdf = canvas.Canvas(self.out, pagesize=(PAGE_W, PAGE_H), initialFontName=self.regular)
        self.pdf.setTitle(printable(title))
        self.pdf.setAuthor("Café Desk")
        self.total = max(1, total)
        self.done = 0
        self.on_page = on_page
        self.last_page = last_page
        self._forms: set[str] = set()
        self._qr_codes: dict[str, tuple[str, int]] = {}  # payload -> (form name, side in modules)

    def page_done(self) -> None:
        """End the page, and report it."""
        self.pdf.showPage()
        self.done += 1
        self.on_page(self.done, self.total)
        if self.last_page is not None and self.done >= self.last_page:
            raise Enough

    def finish(self) -> bytes:
        """The PDF's bytes (an empty document still has one blank page)."""
        if self.done == 0:
            self.pdf.showPage()
        self.pdf.save()
        return self.out.getvalue()

    # --- text ---------------------------------------------------------------------------------------------------------

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False, align: str = "left",
             colour=INK) -> None:
        """One line of text with its baseline at `y`; `align` "left", "centre" or "right" of `x`."""
        font = self.bold if bold else self.regular
        self.pdf.setFillColorRGB(*colour)
        self.pdf.setFont(font, size)
        line = printable(text)
        if align == "centre":
            self.pdf.drawCentredString(x, y, line)
        elif align == "right":
            self.pdf.drawRightString(x, y, line)
        else:
            self.pdf.drawString(x, y, line)

    def block(self, x: float, top: float, block: Block, *, align: str = "left", colour=INK) -> float:
        """Draw `block` with its first line's top at `top`; returns where its last line's bottom is."""
        self.pdf.setFillColorRGB(*colour)
        self.pdf.setFont(block.font, block.size)
        y = top - block.size
        for line in block.lines:
            if align == "centre":
                self.pdf.drawCentredString(x, y, line)
            else:
                self.pdf.drawString(x, y, line)
            y -= block.leading
        return top - block.height

    def line_fit(self, x: float, y: float, text: str, size: float, width: float, *, bold: bool = False,
                 align: str = "left", colour=INK) -> None:
        """One line of text shortened with "…" to fit `width`."""
        font = self.bold if bold else self.regular
        self.text(x, y, shortened(text, font, size, width), size, bold=bold, align=align, colour=colour)

    # --- shapes -------------------------------------------------------------------------------------------------------

    def box(self, x: float, y: float, w: float, h: float, *, width: float = 0.8, dashed: bool = False,
            colour=INK) -> None:
        """A rectangle's outline, its lower left corner at (x, y)."""
        self.pdf.setStrokeColorRGB(*colour)
        self.pdf.setLineWidth(width)
        if dashed:
            self.pdf.setDash(3, 3)
        self.pdf.rect(x, y, w, h, stroke=1, fill=0)
        if dashed:
            self.pdf.setDash()

    def rule(self, x0: float, y: float, x1: float, *, width: float = 0.4, colour=SOFT, dashed: bool = False) -> None:
        """A horizontal line."""
        self.pdf.setStrokeColorRGB(*colour)
        self.pdf.setLineWidth(width)
        if dashed:
            self.pdf.setDash(3, 3)
        self.pdf.line(x0, y, x1, y)
        if dashed:
            self.pdf.setDash()

    def tick_box(self, x: float, y: float, side: float = 4 * MM) -> None:
        """An empty square to tick, its lower left corner at (x, y)."""
        self.box(x, y, side, side, width=0.9)

    def circle(self, x: float, y: float, radius: float) -> None:
        """An empty circle to fill in, centred on (x, y)."""
        self.pdf.setStrokeColorRGB(*INK)
        self.pdf.setLineWidth(0.8)
        self.pdf.circle(x, y, radius, stroke=1, fill=0)

    # --- QR codes and forms -------------------------------------------------------------------------------------------

    def qr(self, payload: str, x: float, y: float, side: float) -> None:
        """The QR code for `payload` (medium error correction, as the app shows it) as a `side`-wide square, quiet
        zone included, its lower left corner at (x, y). Each payload is drawn once per file and reused."""
        if payload not in self._qr_codes:
            name = f"qr{len(self._qr_codes)}"
            self._qr_codes[payload] = (name, _qr_form(self.pdf, name, payload))
        name, modules = self._qr_codes[payload]
        self.pdf.saveState()
        self.pdf.translate(x, y)
        self.pdf.scale(side / modules, side / modules)
        self.pdf.doForm(name)
        self.pdf.restoreState()

    def form(self, name: str, draw: Callable[[], None]) -> None:
        """Place the form `name` at the current origin, drawing it with `draw()` the first time (in page
        coordinates, as if it were drawn on the page)."""
        if name not in self._forms:
            self.pdf.beginForm(name)
            draw()
            self.pdf.endForm()
            self._forms.add(name)
        self.pdf.doForm(name)

    def placed(self, name: str, x: float, y: float, draw: Callable[[], None]) -> None:
        """The form `name` (made by `draw()` drawing at the origin) with its origin moved to (x, y)."""
        self.pdf.saveState()
        self.pdf.translate(x, y)
        self.form(name, draw)
        self.pdf.restoreState()


QUIET = 4  # modules of white around a QR code, as the standard asks


def _qr_form(pdf, name: str, payload: str) -> int:
    """Draw the QR code for `payload` as a form one unit per module; returns its side in modules."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    side = n + 2 * QUIET
    pdf.beginForm(name, lowerx=0, lowery=0, upperx=side, uppery=side)
    pdf.setFillColorRGB(0, 0, 0)
    path = pdf.beginPath()
    for row, cells in enumerate(matrix):
        y = side - QUIET - row - 1
        col = 0
        while col < n:
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < n and cells[col]:
                col += 1
            path.rect(QUIET + start, y - 0.02, col - start, 1.04)  # a hair taller: no seams between rows
    # non-zero winding: overlapping rows fill as one (even-odd leaves the overlaps white: seams a reader trips on)
    pdf.drawPath(path, stroke=0, fill=1, fillMode=1)  # reportlab.pdfgen.canvas.FILL_NON_ZERO
    pdf.endForm()
    return side
