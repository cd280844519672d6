"""The national synthesis report as an A4 PDF: the blocks of synthesis_content.py set with reportlab's platypus, with
a table of contents, page numbers, bookmarks for every heading, and the title, author and language in the file.

Every text goes through `fonts.printable` and is escaped before it becomes Paragraph markup; the one typeface is
embedded, so the file shows the same everywhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from cafe_desk.reports import charts, fonts
from cafe_desk.reports.synthesis_content import (
    Chart,
    Contents,
    Heading,
    PageBreak,
    Para,
    Table,
    blocks,
    percent,
)
from cafe_desk.reports.synthesis_snapshot import SynthesisSnapshot

Step = Callable[[int, int], None]
INK = (0.15, 0.33, 0.55)
GREY = (0.38, 0.38, 0.38)
WARN = (0.62, 0.22, 0.05)
PAD = 6  # a frame's padding (the text starts this far inside the margin), and a table cell's
CELL_SIZE = 9
CELL_LINES = 40  # at most, in a table cell: 40 lines of 12 points and the header row fit any page
NUMBER_WIDTH = 40  # a contents line's page number


def _markup(text: str) -> str:
    """Text as safe Paragraph markup: characters the font lacks replaced, XML escaped, line breaks kept."""
    return escape(fonts.printable(text)).replace("\n", "<br/>")


def _styles():
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = fonts.register()
    base = ParagraphStyle("body", fontName=regular, bulletFontName=regular, fontSize=10, leading=14, spaceAfter=6)
    ink, grey, warn = Color(*INK), Color(*GREY), Color(*WARN)

    def style(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": style("title", fontName=bold, fontSize=28, leading=34, textColor=ink, spaceAfter=24),
        "subtitle": style("subtitle", fontSize=14, leading=20, spaceAfter=8),
        "note": style("note", fontSize=9, leading=12.5, textColor=grey),
        "warning": style("warning", fontName=bold, fontSize=9, leading=12.5, textColor=warn),
        "lead": style("lead", fontName=bold, fontSize=10.5, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "quote": style("quote", fontSize=10.5, leading=15, leftIndent=18, rightIndent=18, spaceBefore=6,
                       spaceAfter=1, keepWithNext=1),
        "source": style("source", fontSize=8.5, leading=11, leftIndent=18, textColor=grey, spaceAfter=6),
        "bullet": style("bullet", leftIndent=14, bulletIndent=4, spaceAfter=3),
        "h1": style("h1", fontName=bold, fontSize=20, leading=26, textColor=ink, spaceAfter=12, keepWithNext=1),
        "h2": style("h2", fontName=bold, fontSize=14, leading=19, textColor=ink, spaceBefore=12, spaceAfter=6,
                    keepWithNext=1),
        "toc1": style("toc1", fontName=bold, fontSize=11, leading=16, spaceBefore=4),
        "toc2": style("toc2", fontSize=9.5, leading=13, leftIndent=16),
    }


def _flowables(snap: SynthesisSnapshot, width: float, styles) -> list:
    """The story: one or more flowables per block."""
    from reportlab.platypus import CondPageBreak, Paragraph, Spacer
    from reportlab.platypus import PageBreak as RLPageBreak

    story: list = []
    contents_at = None
    for block in blocks(snap):
        if isinstance(block, Heading):
            if block.new_page and story and not isinstance(story[-1], RLPageBreak):
                story.append(RLPageBreak())
            elif block.level == 2:
                story.append(CondPageBreak(120))  # a heading and the start of what follows, not a heading alone
            para = Paragraph(_markup(block.text), styles[f"h{block.level}"])
            if block.text != "Contents":
                para.toc_level = block.level - 1  # read by the template: a contents line and a bookmark
                para.plain_text = fonts.printable(block.text)
                para.toc_key = f"h{len(story)}"
            story.append(para)
        elif isinstance(block, Para):
            text = _markup(block.text)
            if block.style == "bullet":
                story.append(Paragraph(text, styles["bullet"], bulletText="•"))
            else:
                if block.style == "title":
                    story.append(Spacer(1, 150))  # the cover's title a third of the way down
                story.append(Paragraph(text, styles.get(block.style, styles["body"])))
        elif isinstance(block, Table):
            story += [_table(block, width), Spacer(1, 8)]
        elif isinstance(block, Chart):
            story += [charts.bar_chart(block.rows, width, value_label=percent), Spacer(1, 10)]
        elif isinstance(block, Contents):
            contents_at = len(story)
            story.append(Spacer(1, 0))
        elif isinstance(block, PageBreak):
            story.append(RLPageBreak())
    if contents_at is not None:
        headings = [f for f in story if hasattr(f, "toc_key")]
        story[contents_at] = _contents(headings, width, styles)
    return story


def _contents(headings: list, width: float, styles):
    """The table of contents: a line per heading, its page number a form drawn once the last page is known (so the
    document is laid out once, not again to number its contents), each line a link to its heading."""
    from reportlab.platypus import Flowable, Paragraph, TableStyle
    from reportlab.platypus import Table as RLTable

    class PageNumber(Flowable):
        def __init__(self, key: str, style):
            super().__init__()
            self.key, self.style = key, style

        def wrap(self, available_width, available_height):
            self.width, self.height = NUMBER_WIDTH, self.style.leading
            return self.width, self.height

        def draw(self) -> None:
            self.canv.doForm(f"page-of-{self.key}")
            self.canv.linkRect("", self.key, (-width + NUMBER_WIDTH, 0, NUMBER_WIDTH, self.height), relative=1)

    rows = []
    for heading in headings:
        style = styles[f"toc{heading.toc_level + 1}"]
        rows.append([Paragraph(_markup(heading.plain_text), style), PageNumber(heading.toc_key, style)])
    table = RLTable(rows, colWidths=[width - NUMBER_WIDTH, NUMBER_WIDTH])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.register()[0]),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _table(block: Table, width: float):
    """A table whose header row repeats on each page. Cells are plain text broken into lines here, which reportlab
    lays out many times faster than a Paragraph in every cell."""
    from reportlab.lib.colors import Color
    from reportlab.lib.utils import simpleSplit
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    regular, bold = fonts.register()
    widths = [width * w for w in block.widths]

    def cell(text: str, column: int, head: bool) -> str:
        room = widths[column] - 2 * PAD
        font = bold if head else regular
        lines = [piece for part in fonts.printable(text).split("\n")
                 for line in simpleSplit(part, font, CELL_SIZE, room) or [""]
                 for piece in _broken(line, font, room)]
        if len(lines) > CELL_LINES:  # a row can't break across pages: one taller than a page stops the report
            lines = [*lines[:CELL_LINES - 1], lines[CELL_LINES - 1].rstrip() + " …"]
        return "\n".join(lines)

    data = [[cell(t, c, True) for c, t in enumerate(block.header)]]
    data += [[cell(t, c, False) for c, t in enumerate(row)] for row in block.rows]
    table = RLTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), regular),  # else the table names Helvetica, unembedded
        ("FONTNAME", (0, 0), (-1, 0), bold),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), 12),
        *[("ALIGN", (c, 0), (c, -1), "RIGHT") for c in block.numeric],
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, Color(*INK)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, Color(0.8, 0.8, 0.8)),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.93, 0.95, 0.98)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _broken(line: str, font: str, room: float) -> list[str]:
    """A table cell's line as lines that fit `room`: one word wider than the column (a long run of letters with no
    space) is broken where it reaches the edge, as a Paragraph breaks it, instead of running over the next column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = []
    while len(line) > 1 and stringWidth(line, font, CELL_SIZE) > room:
        fits, over = 1, len(line)  # the longest start that fits: at least one character, never all of them
        while over - fits > 1:
            middle = (fits + over) // 2
            fits, over = (middle, over) if stringWidth(line[:middle], font, CELL_SIZE) <= room else (fits, middle)
        pieces.append(line[:fits])
        line = line[fits:]
    return [*pieces, line]


def synthesis_pdf(snap: SynthesisSnapshot, step: Step = lambda done, total: None) -> bytes:
    """The report as PDF bytes. `step(pages done, pages expected)` is called after each page is laid out; an
    exception it raises (a cancel) stops the work."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    regular, _ = fonts.register()
    styles = _styles()
    out = io.BytesIO()
    margin = 20 * mm
    expected = 12 + len(snap.cafes) + len(snap.themes) // 2  # pages, about
    pages: dict[str, int] = {}  # heading key -> its page, for the contents
    title = fonts.printable(snap.title)

    class _Doc(BaseDocTemplate):
        def afterFlowable(self, flowable) -> None:
            level = getattr(flowable, "toc_level", None)
            if level is None:
                return
            key = flowable.toc_key
            pages[key] = self.page
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain_text, key, level=level, closed=level > 0)

        laid_out = 0

        def afterPage(self) -> None:
            self.laid_out += 1
            step(min(self.laid_out, expected - 1), expected)

    def footer(canvas, doc) -> None:
        if doc.page == 1:
            return
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColorRGB(*GREY)
        canvas.drawString(margin + PAD, 12 * mm, title)
        canvas.drawRightString(A4[0] - margin - PAD, 12 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = _Doc(out, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin,
               title=title, author=fonts.printable(snap.author), subject="Synthesis of conversation cafés",
               creator="Café Desk", lang=snap.language)
    frame = Frame(margin, margin, A4[0] - 2 * margin, A4[1] - 2 * margin, id="text")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=footer)])
    doc.build(_flowables(snap, frame._width - 12, styles), canvasmaker=_numbering_canvas(pages, styles["toc1"]))
    return out.getvalue()


def _numbering_canvas(pages: dict[str, int], style):
    """A canvas that, once every page is laid out, draws the contents' page numbers (forms the contents placed
    already) and opens with the bookmarks shown."""
    from reportlab.pdfgen.canvas import Canvas

    regular, _ = fonts.register()

    class _Canvas(Canvas):
        def save(self) -> None:
            for key, page in pages.items():
                self.beginForm(f"page-of-{key}", 0, 0, NUMBER_WIDTH, style.leading)
                self.setFont(regular, 9.5)
                self.drawRightString(NUMBER_WIDTH, 4, str(page))
                self.endForm()
            self.showOutline()
            super().save()

    return _Canvas
