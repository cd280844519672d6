"""The national synthesis report as an editable Word document (python-docx), laid out from the same blocks as the PDF:
real Heading 1 and Heading 2 styles (so Word's navigation pane and contents work), tables whose header row repeats on
every page, charts as PNG pictures with alt text, a contents field Word fills in on opening, page numbers, and the
title, author and language in the file's properties. The central team edits and publishes from it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from cafe_desk.reports import charts
from cafe_desk.reports.synthesis_content import Chart, Contents, Heading, PageBreak, Para, Table, blocks, percent
from cafe_desk.reports.synthesis_snapshot import SynthesisSnapshot

Step = Callable[[int, int], None]
TEXT_WIDTH_PT = 453  # A4 less 2.5 cm margins, in points
CELL_HALF_POINTS = 18  # tables in 9 pt, as in the PDF
#: paragraph style ids of python-docx's default template (set by id: a lookup by name walks every style each time)
STYLES = {"title": "Title", "subtitle": "Subtitle", "quote": "Quote", "bullet": "ListBullet", 1: "Heading1",
          2: "Heading2"}
#: characters XML 1.0 can't hold (and Word would refuse): C0 controls but tab and line breaks, surrogates, U+FFFE/F
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` with the characters a Word document can't hold taken out."""
    return _NOT_XML.sub("", text)


def _field(paragraph, instruction: str, shown: list[str] | None = None) -> None:
    """A Word field (PAGE, TOC …) in `paragraph`, with `shown` as its text until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")  # Word brings it up to date when the file opens
        run.append(mark)
        return run

    p = paragraph._p
    p.append(char("begin"))
    run = OxmlElement("w:r")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run.append(code)
    p.append(run)
    p.append(char("separate"))
    for n, line in enumerate(shown or []):
        run = OxmlElement("w:r")
        if n:
            run.append(OxmlElement("w:br"))
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = line
        run.append(text)
        p.append(run)
    p.append(char("end"))


def _paragraph(doc, text: str, style_id: str | None):
    paragraph = doc.add_paragraph()
    if style_id:
        paragraph._p.style = style_id
    paragraph.add_run(clean(text))
    return paragraph


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _table(doc, block: Table) -> None:
    """A table written as WordprocessingML in one piece (python-docx's cell by cell calls take seconds for a few
    thousand cells): fixed column widths, the header row bold and repeated on every page, numbers set right."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    twips = [round(TEXT_WIDTH_PT * w * 20) for w in block.widths]

    def cell(text: str, column: int, head: bool) -> str:
        lines = [escape(clean(line)) for line in text.split("\n")]
        runs = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
        props = f"<w:rPr>{'<w:b/>' if head else ''}<w:sz w:val=\"{CELL_HALF_POINTS}\"/></w:rPr>"
        align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if column in block.numeric else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{twips[column]}" w:type="dxa"/></w:tcPr>'
                f"<w:p>{align}<w:r>{props}{runs}</w:r></w:p></w:tc>")

    header = "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "".join(
        cell(t, c, True) for c, t in enumerate(block.header)) + "</w:tr>"
    rows = "".join("<w:tr>" + "".join(cell(t, c, False) for c, t in enumerate(row)) + "</w:tr>"
                   for row in block.rows)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    table = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"{header}{rows}</w:tbl>")
    doc.element.body._insert_tbl(table)
    doc.add_paragraph()


def _chart(doc, block: Chart) -> None:
    from docx.shared import Pt

    png = charts.drawing_png(charts.bar_chart(block.rows, TEXT_WIDTH_PT, value_label=percent))
    shape = doc.add_paragraph().add_run().add_picture(io.BytesIO(png), width=Pt(TEXT_WIDTH_PT))
    # python-docx has no call for alt text: it is the picture's wp:docPr descr (and title), as Word writes it
    shape._inline.docPr.set("descr", clean(block.alt))
    shape._inline.docPr.set("title", "Chart")


def _set_language(doc, language: str) -> None:
    """Spell-check and read aloud in `language`: the document's default run language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = doc.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    props.append(lang)


def _footer(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE", ["1"])


def synthesis_docx(snap: SynthesisSnapshot, step: Step = lambda done, total: None) -> bytes:
    """The report as .docx bytes. `step(done, total)` is called as blocks are laid out; an exception it raises (a
    cancel) stops the work."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    props = doc.core_properties
    props.title, props.author, props.language = clean(snap.title), clean(snap.author), snap.language
    props.subject, props.comments = "Synthesis of conversation cafés", "Made with Café Desk"
    _set_language(doc, snap.language)
    _footer(doc)
    laid_out = list(blocks(snap))
    headings = [b.text for b in laid_out if isinstance(b, Heading) and b.text != "Contents"]
    for done, block in enumerate(laid_out, start=1):
        if isinstance(block, Heading):
            paragraph = _paragraph(doc, block.text, STYLES[block.level])
            paragraph.paragraph_format.page_break_before = block.new_page
        elif isinstance(block, Para):
            run = _paragraph(doc, block.text, STYLES.get(block.style)).runs[0]
            if block.style in ("note", "source", "warning"):
                run.italic = True
            elif block.style == "lead":
                run.bold = True
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Chart):
            _chart(doc, block)
        elif isinstance(block, Contents):
            _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', [clean(h) for h in headings])
        elif isinstance(block, PageBreak):
            doc.add_page_break()
        if done % 20 == 0:
            step(done, len(laid_out))
    _update_fields_on_open(doc)
    out = io.BytesIO()
    doc.save(out)
    step(len(laid_out), len(laid_out))
    return out.getvalue()


def _update_fields_on_open(doc) -> None:
    """Ask Word to fill in the contents and page numbers when the document opens."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
