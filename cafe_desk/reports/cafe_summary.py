"""The café summary as an A4 PDF: details, attendance, questions, notes by table and round, what each table carried
forward, the votes, comments, and what was removed. `cafe_summary_pdf(summary)` lays out a `CafeSummary` (already
anonymised, small counts already held back) and returns the file's bytes. An empty section says so in words."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from cafe_desk.reports.cafe_summary_model import (
    HIDDEN_COUNT,
    PERSONAL_DATA_MARK,
    CafeSummary,
    Comment,
    Point,
    TableNotes,
    VoteRow,
)
from cafe_desk.reports.charts import bar_chart
from cafe_desk.reports.fonts import printable, register
from cafe_desk.reports.report_pages import MARGIN, Heading, ReportDocument

CHART_ROWS = 25  # bars in one drawing: well within a page
CELL_CHARS = 300  # a table cell can't break across pages: longer text in one is cut short
HEADING_CHARS = 200  # of a name in a heading (an imported café's title, question or outcome may run to pages)
RULE = Color(0.75, 0.75, 0.75)
SHADE = Color(0.93, 0.95, 0.97)
QUOTE_INK = Color(0.15, 0.33, 0.55)
# One run of text per item, bullet included (hanging indent, not reportlab's bullets): a paragraph with one font
# takes reportlab's fast line breaking, which a bold label or a separate bullet would lose on thousands of items.
BULLET = "•\u00a0\u00a0"  # no-break spaces as characters: an entity would start a run of its own
BULLET_DASH = "–\u00a0\u00a0"
# Characters the font draws as they are, learnt as texts come (every printable ASCII character to begin with).
_DRAWN: set[str] = {chr(c) for c in range(0x20, 0x7F)} | {"\n"}


def text(value: str) -> str:
    """`value` made safe for Paragraph markup: characters the font can't draw become a placeholder, then escaped;
    line breaks kept."""
    value = value or ""
    if not _DRAWN.issuperset(value):  # most texts have nothing to change: each new character is looked at once
        fresh = set(value) - _DRAWN
        _DRAWN.update(c for c in fresh if printable(c) == c)
        if not _DRAWN.issuperset(fresh):
            value = printable(value)
    return escape(value).replace("\n", "<br/>")


def point_markup(point: Point) -> str:
    """One point as the report sets it: a bullet, and a quote marked as one."""
    return BULLET + ("Quote: “" + text(point.text) + "”" if point.is_quote else text(point.text))


def comment_markup(comment: Comment) -> str:
    """One comment as the report sets it: a bullet, and "(paper comment)" after one written on a card."""
    return BULLET + text(comment.text + (" (paper comment)" if comment.label != "Comment" else ""))


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register()
    body = ParagraphStyle("body", fontName=regular, bulletFontName=regular, fontSize=9.5, leading=12.5, spaceAfter=3)
    hang = stringWidth(BULLET, regular, body.fontSize)  # lines after the first start where the first's text does
    return {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=18, leading=23, spaceAfter=8),
        "h1": ParagraphStyle("h1", parent=body, fontName=bold, fontSize=13.5, leading=17, spaceBefore=10,
                             spaceAfter=5, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=bold, fontSize=10.5, leading=13.5, spaceBefore=6,
                             spaceAfter=3, keepWithNext=1),
        "body": body,
        "point": ParagraphStyle("point", parent=body, leftIndent=hang, firstLineIndent=-hang),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=hang, firstLineIndent=-hang, textColor=QUOTE_INK),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=bold, fontSize=8.5, leading=10.5,
                                    spaceAfter=0),
        "group": ParagraphStyle("group", parent=body, fontName=bold, spaceBefore=8),
        "empty": ParagraphStyle("empty", parent=body, textColor=Color(0.35, 0.35, 0.35)),
        "warning": ParagraphStyle("warning", parent=body, fontName=bold, textColor=Color(0.7, 0.1, 0.1)),
    }


def cafe_summary_pdf(summary: CafeSummary, after_each: Callable[[int, int], None] = lambda done, total: None
                     ) -> bytes:
    """The report's PDF bytes. `after_each(done, total)` is called as the layout goes (raise from it to stop)."""
    story = cafe_summary_story(summary)
    total = len(story)
    out = io.BytesIO()
    title = printable(summary.title or "Untitled café")
    doc = ReportDocument(out, title=f"Café summary — {title}", subject="Summary of one conversation café",
                         footer_left=_short(f"Café summary — {title}", 90),
                         warning=PERSONAL_DATA_MARK if summary.full else "",
                         after_each=lambda done: after_each(done, total))
    doc.build_pdf(story)
    return out.getvalue()


def cafe_summary_story(summary: CafeSummary) -> list:
    """The report's flowables, in order."""
    s = _styles()
    title = _short(summary.title or "Untitled café", HEADING_CHARS)
    story: list = [Heading(text(title), s["title"], 0, outline_title=title)]
    if summary.full:
        story.append(Paragraph(text(f"{PERSONAL_DATA_MARK}: names and contact details are left in."), s["warning"]))
    story += _details(summary, s)
    story += _attendance(summary, s)
    story += _questions(summary, s)
    story += _notes(summary.notes, s)
    story += _carried(summary, s)
    story += _votes(summary, s)
    story += _comments(summary, s)
    story += _removed(summary, s)
    return story


def _short(value: str, limit: int = CELL_CHARS) -> str:
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def _table(rows: list[list], widths: Sequence[float], s, header: bool = True, numeric_from: int = 99) -> Table:
    cells = [[Paragraph(text(_short(str(v))), s["cell_bold" if header and r == 0 else "cell"]) for v in row]
             for r, row in enumerate(rows)]
    table = Table(cells, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("FONTNAME", (0, 0), (-1, -1), register()[0]), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(style))
    return table


def _width() -> float:
    from reportlab.lib.pagesizes import A4

    return A4[0] - 2 * MARGIN


def _details(summary: CafeSummary, s) -> list:
    flow: list = [Heading("Details", s["h1"])]
    facts = [(label, value or "Not given") for label, value in summary.facts]
    if facts:
        flow.append(_table([list(f) for f in facts], [45 * mm, _width() - 45 * mm], s, header=False))
    else:
        flow.append(Paragraph("No details were given.", s["empty"]))
    return flow


def _attendance(summary: CafeSummary, s) -> list:
    flow: list = [Heading("Who came", s["h1"])]
    if not summary.attendance:
        return [*flow, Paragraph("No attendance was recorded.", s["empty"])]
    groups = [g for g, _ in next((a.counts for a in summary.attendance if a.counts), ())]
    head = ["Table", "Round", *groups, "Total"]
    rows = [head] + [[a.table, str(a.round), *((HIDDEN_COUNT if n is None else str(n) for _, n in a.counts)
                                               if a.counts else [""] * len(groups)),
                      str(a.total)] for a in summary.attendance]
    fixed = [33 * mm, 17 * mm]  # "Round" in bold fits on one line
    each = (_width() - sum(fixed) - 15 * mm) / max(len(groups), 1)
    flow.append(_table(rows, [*fixed, *([each] * len(groups)), 15 * mm], s))
    if summary.attendance_hidden:
        flow.append(Spacer(1, 3))
        flow.append(Paragraph(text(f"{HIDDEN_COUNT} : a count not shown, so no group of fewer than 5 people can be "
                                   "seen or worked out from the totals."), s["empty"]))
    return flow


def _questions(summary: CafeSummary, s) -> list:
    flow: list = [Heading("Questions", s["h1"])]
    if not summary.questions:
        return [*flow, Paragraph("No questions were planned.", s["empty"])]
    for q in summary.questions:
        flow.append(Paragraph(f"<b>Round {q.round}.</b> " + text(q.prompt or "No question was written."), s["body"]))
        flow += [Paragraph(BULLET_DASH + text(f), s["point"]) for f in q.follow_ups if f]
    return flow


def _notes(notes: Sequence[TableNotes], s) -> list:
    flow: list = [Heading("Notes by table and round", s["h1"])]
    if not notes:
        return [*flow, Paragraph("No tables were planned, so no notes were taken.", s["empty"])]
    flow.append(Paragraph("Quotes, people's own words, are in colour and marked “Quote”.", s["empty"]))
    for table in notes:
        name = _short(table.table, HEADING_CHARS)
        flow.append(Heading(text(name), s["h2"], 1, outline_title=name))
        if table.empty:
            flow.append(Paragraph("No notes were taken at this table.", s["empty"]))
            continue
        for label, points in table.rounds:
            flow.append(Paragraph(f"<b>{text(label)}</b>", s["body"]))
            if not points:
                flow.append(Paragraph("No notes were taken in this round.", s["empty"]))
            for p in points:
                flow.append(Paragraph(point_markup(p), s["quote" if p.is_quote else "point"]))
    return flow


def _carried(summary: CafeSummary, s) -> list:
    flow: list = [Heading("What each table carried forward", s["h1"])]
    if not summary.carried:
        return [*flow, Paragraph("No table recorded what it carried forward.", s["empty"])]
    for c in summary.carried:
        where = c.table + (f", {c.round.lower()}" if c.round else "")
        flow.append(Paragraph(f"<b>{text(where)}:</b> " + text(c.text), s["body"]))
    return flow


def _vote_rows(rows: Sequence[VoteRow], s) -> list:
    width = _width()
    table = _table([["Outcome", "Votes"]] + [[r.title, r.detail] for r in rows], [width * 0.6, width * 0.4], s)
    charts = []
    for start in range(0, len(rows), CHART_ROWS):  # a drawing can't break across pages: a long list takes several
        chart = bar_chart([(r.title, r.score) for r in rows[start:start + CHART_ROWS]], width,
                          value_label=lambda v: f"{v:.3g}")
        chart.initialFontName = register()[0]  # else the drawing starts in Helvetica, which the PDF would not embed
        charts.append(chart)
    return [*charts, Spacer(1, 4), table]


def _votes(summary: CafeSummary, s) -> list:
    flow: list = [Heading("Votes", s["h1"])]
    if not summary.votes:
        return [*flow, Paragraph("No votes were recorded.", s["empty"])]
    if summary.vote_method:
        flow.append(Paragraph(text(f"{summary.vote_method}: paper tallies and phone votes together."), s["body"]))
    flow += _vote_rows(summary.votes, s)
    heading = Heading("Votes by group", s["h2"], 1)
    if not summary.votes_by_group:
        flow.append(KeepTogether([heading, Paragraph(
            "No group's votes can be shown: none was split by group on paper, or every group had too few voters to "
            "show without someone being worked out.", s["empty"])]))
    for index, g in enumerate(summary.votes_by_group):
        flow.append(KeepTogether([*([heading] if index == 0 else []),
                                  Paragraph(text(f"{_short(g.group, HEADING_CHARS)} (about {g.voters} voters, on "
                                                 "paper)"), s["group"]),
                                  *_vote_rows(g.rows, s)]))
    if summary.groups_suppressed:
        flow.append(Spacer(1, 4))
        n = summary.groups_suppressed
        whose = "One group’s" if n == 1 else f"{n} groups’"
        flow.append(Paragraph(f"{whose} votes are not shown on their own, so no group of fewer than 5 voters can be "
                              "seen or worked out from the totals.", s["empty"]))
    return flow


def _comments(summary: CafeSummary, s) -> list:
    flow: list = [Heading("Comments", s["h1"])]
    if not summary.comments:
        return [*flow, Paragraph("No comments are shown: none came in, or all were hidden.", s["empty"])]
    by_about: dict[str, list] = {}
    for c in summary.comments:
        by_about.setdefault(c.about, []).append(c)
    for about, comments in sorted(by_about.items(), key=lambda pair: (not pair[0], pair[0])):
        heading = f"About {_short(about, HEADING_CHARS)}" if about else "Not about one round"
        flow.append(Heading(text(heading), s["h2"], 1, outline_title=heading))
        flow += [Paragraph(comment_markup(c), s["point"]) for c in comments]
    return flow


def _removed(summary: CafeSummary, s) -> list:
    flow: list = [Heading("What was removed", s["h1"])]
    if summary.full:
        flow.append(Paragraph("Nothing was taken out of the text: this is the full version, with personal data.",
                              s["warning"]))
    elif summary.removed:
        flow.append(Paragraph(text("Taken out of the text: " + _listed(summary.removed) + "."), s["body"]))
    else:
        flow.append(Paragraph("Nothing personal was found in the text.", s["body"]))
    if summary.left_out:
        flow.append(Paragraph(text("Left out of this report: " + _listed(summary.left_out) + "."), s["body"]))
    else:
        flow.append(Paragraph("Nothing was left out: no item was hidden or held back.", s["body"]))
    return flow


def _listed(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
