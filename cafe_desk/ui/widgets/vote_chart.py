"""A horizontal bar chart of vote totals, painted with QPainter (no chart library needed)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from cafe_desk.core.votes import OutcomeTotal

BAR_COLOUR = QColor("#2f6db5")
ROW_MIN = 34


class VoteChart(QWidget):
    """Shows one bar per outcome, longest = highest score, with the number and a wrapped outcome title."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.totals: list[OutcomeTotal] = []
        self.unit = ""
        self.setAccessibleName("Vote totals chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_totals(self, totals: list[OutcomeTotal], unit: str = "") -> None:
        self.totals = list(totals)
        self.unit = unit
        self.setAccessibleDescription("; ".join(f"{t.title}: {t.detail}" for t in totals) or "No votes yet")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, max(160, ROW_MIN * 2 * len(self.totals)))

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        if not self.totals:
            p.setPen(text_colour)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No outcomes to vote on yet.")
            return
        margin = 8
        width = self.width() - 2 * margin
        row_h = max(ROW_MIN * 1.6, (self.height() - 2 * margin) / len(self.totals))
        fm = p.fontMetrics()
        value_w = fm.horizontalAdvance("00000.0") + 8
        for i, total in enumerate(self.totals):
            top = margin + i * row_h
            title_rect = QRectF(margin, top, width, row_h * 0.5)
            p.setPen(text_colour)
            title = fm.elidedText(total.title, Qt.TextElideMode.ElideRight, int(width))
            p.drawText(title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), title)
            bar_top = top + row_h * 0.52
            bar_h = row_h * 0.36
            track = QRectF(margin, bar_top, width - value_w, bar_h)
            p.fillRect(track, pal.color(QPalette.ColorRole.AlternateBase))
            bar = QRectF(track.left(), track.top(), track.width() * max(0.0, min(1.0, total.share)), bar_h)
            p.fillRect(bar, BAR_COLOUR)
            value = (f"{total.score:.1f}" if total.score % 1 else f"{int(total.score)}") + \
                ("%" if self.unit == "%" else "")
            p.drawText(QRectF(track.right() + 6, bar_top, value_w, bar_h),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), value)
        p.end()
