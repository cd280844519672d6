"""Reading back the PDFs we write with poppler and zbar: text, fonts, words' boxes and QR codes."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def text_of(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text (pdftotext), optionally of pages first..last."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout


def font_rows(pdf: Path) -> list[str]:
    """pdffonts' rows, one per font the PDF uses."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    return [line for line in out.splitlines()[2:] if line.strip()]


def only_embedded_dejavu(pdf: Path) -> bool:
    """Every font is an embedded DejaVu Sans face."""
    rows = font_rows(pdf)
    return bool(rows) and all("DejaVuSans" in row and row.split()[-5] == "yes" for row in rows)


def pages_count(pdf: Path) -> int:
    """How many pages the PDF has."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def qr_codes(pdf: Path, page: int, folder: Path) -> list[str]:
    """What every QR code on `page` says, rendered at 100 dpi and again at 300 dpi (as a printer sharpens it: a seam
    between a code's rows that blurs away on screen stops a phone reading it on paper); both must agree."""
    found = []
    for dpi in ("100", "300"):
        stem = folder / f"qr-page-{page}-{dpi}"
        subprocess.run(["pdftoppm", "-png", "-r", dpi, "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                        str(stem)], check=True, timeout=60)
        found.append(sorted(subprocess.run(["zbarimg", "-q", "--raw", f"{stem}.png"], capture_output=True, text=True,
                                           timeout=60).stdout.splitlines()))
    assert found[0] == found[1], f"QR codes read differently at 100 and 300 dpi: {found}"
    return found[1]


def words(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page: (width, height, [(x0, y0, x1, y1, word)…]) from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    return [(float(w), float(h), [(float(a), float(b), float(c), float(d), html.unescape(t))
                                  for a, b, c, d, t in WORD.findall(body)]) for w, h, body in PAGE.findall(out)]


def layout_problems(pdf: Path, margin: float = 10.0) -> list[str]:
    """Words that leave the page (closer than `margin` points to an edge) or overlap another word."""
    problems = []
    for number, (width, height, found) in enumerate(words(pdf), start=1):
        for x0, y0, x1, y1, word in found:
            if x0 < margin or y0 < margin or x1 > width - margin or y1 > height - margin:
                problems.append(f"page {number}: {word!r} leaves the page")
        found = sorted(found, key=lambda w: w[1])
        for i, (x0, y0, x1, y1, word) in enumerate(found):
            for a0, b0, a1, b1, other in found[i + 1:]:
                if b0 >= y1 - 0.5:
                    break
                if min(x1, a1) - max(x0, a0) > 0.5 and min(y1, b1) - max(y0, b0) > 0.5:
                    problems.append(f"page {number}: {word!r} overlaps {other!r}")
    return problems
