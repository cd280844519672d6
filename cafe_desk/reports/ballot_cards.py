"""Ballot cards: one card per one-time code, each with a QR code for the vote page and the code in large type."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

CARDS_ACROSS, CARDS_DOWN = 2, 4
CARDS_PER_PAGE = CARDS_ACROSS * CARDS_DOWN


def page_count(cards: int) -> int:
    """How many pages `cards` cards take."""
    return -(-cards // CARDS_PER_PAGE)


def write_ballot_cards(path: Path | str, codes: Sequence[str], vote_url: str, cafe_title: str) -> int:
    """Write an A4 PDF with one cut-out card per code (eight to a page); returns the number of pages."""
    Path(path).write_bytes(ballot_cards_pdf(codes, vote_url, cafe_title))
    return page_count(len(codes))


def ballot_cards_pdf(codes: Sequence[str], vote_url: str, cafe_title: str,
                     on_page: Callable[[int, int], None] = lambda done, total: None) -> bytes:
    """An A4 PDF with one cut-out card per code (eight to a page). `on_page(done, total)` is called after each
    page is drawn; an exception it raises stops the drawing."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    page_w, page_h = A4
    margin = 12 * mm
    card_w = (page_w - 2 * margin) / CARDS_ACROSS
    card_h = (page_h - 2 * margin) / CARDS_DOWN
    qr_side = 38 * mm
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setTitle(f"Ballot cards — {cafe_title}")
    pdf.setAuthor("Café Desk")

    widget = QrCodeWidget(vote_url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    qr = Drawing(qr_side, qr_side, transform=[qr_side / (x1 - x0), 0, 0, qr_side / (y1 - y0), 0, 0])
    qr.add(widget)

    total = page_count(len(codes))
    for page, start in enumerate(range(0, len(codes), CARDS_PER_PAGE), start=1):
        for i, code in enumerate(codes[start:start + CARDS_PER_PAGE]):
            col, row = i % CARDS_ACROSS, i // CARDS_ACROSS
            x = margin + col * card_w
            y = page_h - margin - (row + 1) * card_h
            pdf.setDash(3, 3)
            pdf.setLineWidth(0.5)
            pdf.rect(x, y, card_w, card_h)
            pdf.setDash()
            pad = 5 * mm
            top = y + card_h - pad
            pdf.setFont("Helvetica-Bold", 12)
            pdf.drawString(x + pad, top - 10, "Your ballot card")
            pdf.setFont("Helvetica", 9)
            title = simpleSplit(cafe_title, "Helvetica", 9, card_w - 2 * pad)[:1]
            if title:
                pdf.drawString(x + pad, top - 23, title[0])
            renderPDF.draw(qr, pdf, x + pad - 2 * mm, y + pad + 4 * mm)
            text_x = x + pad + qr_side + 2 * mm
            text_w = x + card_w - pad - text_x
            pdf.setFont("Helvetica", 9)
            pdf.drawString(text_x, top - 45, "Your code")
            pdf.setFont("Courier-Bold", 22)
            pdf.drawString(text_x, top - 70, code)
            pdf.setFont("Helvetica", 9)
            lines = simpleSplit("Scan the square with your phone's camera and type this code to vote. "
                                "One ballot per card: you can change it until voting closes.",
                                "Helvetica", 9, text_w)
            for n, line in enumerate(lines):
                pdf.drawString(text_x, top - 90 - n * 11, line)
            pdf.setFont("Helvetica", 7)
            for n, line in enumerate(simpleSplit(f"Or type: {vote_url}", "Helvetica", 7, card_w - 2 * pad)[:2]):
                pdf.drawString(x + pad, y + pad - 1 * mm - n * 8, line)
        pdf.showPage()
        on_page(page, total)
    pdf.save()
    return out.getvalue()
