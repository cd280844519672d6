"""The shipped typeface: embedded in the PDF, every letter of Gaelic, Polish and curly punctuation prints, and
characters it can't draw become one visible placeholder each."""

from __future__ import annotations

import io
import subprocess

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cafe_desk.reports.charts import bar_chart, drawing_png
from cafe_desk.reports.fonts import PLACEHOLDER, printable, register

WORDS = "Mòrag Nic a’ Phearsain — “Ciamar a tha thu?” Łódź, żółć, Zoë, naïve"


def _pdf(text: str) -> bytes:
    regular, bold = register()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(regular, 12)
    page.drawString(72, 700, printable(text))
    page.setFont(bold, 12)
    page.drawString(72, 680, printable(text))
    page.save()
    return out.getvalue()


def test_every_letter_prints_and_the_font_is_embedded(tmp_path):
    pdf = tmp_path / "words.pdf"
    pdf.write_bytes(_pdf(WORDS))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count(WORDS) == 2
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert len(rows) == 2 and all("DejaVuSans" in row for row in rows), fonts
    assert all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column


def test_a_character_the_font_lacks_is_one_placeholder():
    assert printable("thanks 👍🏽 x") == f"thanks {PLACEHOLDER} x"
    assert printable("family 👨‍👩‍👧 flag 🇬🇧") == f"family {PLACEHOLDER} flag {PLACEHOLDER}"
    assert printable("love ❤️") == "love ❤"  # the font has the heart; the colour selector goes
    assert printable("a\x00b\x1bc\u200bd\u202ee\nf\tg") == "abcde\nf\tg"
    assert printable("e\u0301") == "e\u0301"
    assert printable(WORDS) == WORDS


def test_a_chart_draws_as_png_without_qt():
    png = drawing_png(bar_chart([("Peer support in every surgery", 12), ("Nothing 👍", 0)], 400))
    assert png.startswith(b"\x89PNG") and len(png) > 1000
