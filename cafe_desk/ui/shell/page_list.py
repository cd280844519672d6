"""`PageList`: the list of pages down the left of the main window — which can be chosen now (the pages that work on
a café are greyed out until one is open), and the ⚑ count of items that need care beside the pages that have them.
Typing letters in it chooses nothing (only arrows, clicks and Ctrl+number move between pages)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from cafe_desk.ui.widgets.plain_text import CARE_MARK

WITHOUT_CAFE = ("Cafés", "Central", "Synthesis")  # the pages that work with no café open
NEEDS_CAFE = "Open a café first"


class PageItem(QListWidgetItem):
    """A page in the page list. Unusable (no café open), it is greyed out, can't be chosen, and its tooltip and
    accessible description say why, whatever tooltip it was given."""

    def set_usable(self, usable: bool) -> None:
        """Grey the page out (False) or make it choosable again (True)."""
        enabled = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self.setFlags(self.flags() | enabled if usable else self.flags() & ~enabled)

    def usable(self) -> bool:
        """Whether the page can be chosen."""
        return bool(self.flags() & Qt.ItemFlag.ItemIsEnabled)

    def data(self, role: int):
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole) and not self.usable():
            return NEEDS_CAFE
        return super().data(role)


class PageList(QListWidget):
    """The pages by title, in order; item i is page i (Ctrl+i+1)."""

    def __init__(self, titles: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.titles = titles
        self.setAccessibleName("Pages")
        self.setFixedWidth(150)
        self.setStyleSheet("QListWidget::item { padding: 10px 8px; }")
        self.items = [PageItem(title) for title in titles]
        for i, item in enumerate(self.items, 1):
            self.addItem(item)
            item.setToolTip(f"Ctrl+{i}")
        self.set_cafe_open(False)

    def keyboardSearch(self, search: str) -> None:
        """Typed letters choose no page: someone who thinks they are typing in a box would otherwise jump pages
        ("P" for Plan) and lose track of what they were typing. Arrow keys and Ctrl+1…8 still move."""

    def set_cafe_open(self, is_open: bool) -> None:
        """Grey out the pages that need a café while none is open."""
        for item, title in zip(self.items, self.titles, strict=True):
            item.set_usable(is_open or title in WITHOUT_CAFE)

    def usable(self, index: int) -> bool:
        return self.items[index].usable()

    def show_care(self, counts: dict[str, int]) -> None:
        """A bold ⚑ count beside each page with items that need care ({"Comments": n, "Notes": m})."""
        for i, (item, title) in enumerate(zip(self.items, self.titles, strict=True)):
            n = counts.get(title, 0)
            needs = f"{n} need{'s' if n == 1 else ''} care"
            item.setText(f"{title}  {CARE_MARK} {n}" if n else title)
            item.setToolTip(f"Ctrl+{i + 1}" + (f" · {needs}" if n else ""))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {needs}" if n else title)
            font = QFont(self.font())
            font.setBold(bool(n))
            item.setFont(font)
