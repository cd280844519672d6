"""Table models of the Synthesis page: imported items (with search hits in bold) and theme counts per café."""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFontMetricsF, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from cafe_desk.core.synthesis import HIT_END, HIT_START, CentralCafe, CodeTheme, Item
from cafe_desk.ui.widgets.plain_text import shown, tip

COL_CAFE, COL_SOURCE, COL_TEXT, COL_THEMES, COL_SHORTLIST = range(5)
HEADERS = ("Café", "From", "Text", "Themes", "★")
#: the Item itself
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
#: the text as HTML, search hits in bold (COL_TEXT only)
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
#: a café's heading is cut after this many characters (at a word), with "…"; the tooltip holds the whole
HEADING_CHARS = 24
ELLIPSIS = "…"

Index = QModelIndex | QPersistentModelIndex


#: in the table's rows, a text whose first hit comes later than this many characters starts a few words before it,
#: after "…", so the row shows why it was found (the reading pane shows it all)
HIT_LATE = 100
LEAD_CHARS = 40


def from_first_hit(snippet: str) -> str:
    """`snippet` starting a few words before its first hit, after "…", when that hit comes late; as it is if not."""
    first = snippet.find(HIT_START)
    if first <= HIT_LATE:
        return snippet
    space = snippet.find(" ", first - LEAD_CHARS, first)
    return "… " + snippet[space + 1 if space >= 0 else first:]


def hits_as_html(item: Item, row: bool = False) -> str:
    """The item's text, escaped, with search hits in bold (plain escaped text when not searching); for a `row` of
    the table, from a few words before the first hit when it comes late."""
    text = item.snippet or item.text
    if row and item.snippet:
        text = from_first_hit(text)
    parts = (part.split(HIT_END) for part in text.split(HIT_START))
    text = HIT_START.join(HIT_END.join(html.escape(shown(piece)) for piece in part) for part in parts)
    return text.replace(HIT_START, "<b>").replace(HIT_END, "</b>")


def item_html(item: Item, themes: str, code: str = "") -> str:
    """One item in full for the reading pane: its text (hits in bold), then where it came from (with its café's
    short `code`, which tells apart cafés of one title and day)."""
    where = ", ".join(p for p in (item.cafe_title, code and f"code {code}", item.locality, item.date, place(item))
                      if p)
    lines = [f"<p>{hits_as_html(item)}</p>",
             f"<p><small>{html.escape(item.source_label)}{' (quote)' if item.is_quote else ''} · "
             f"{html.escape(shown(where))}"]
    for label, value in (("Question", item.question), ("Group", item.group), ("Outcomes", "; ".join(item.outcomes)),
                         ("Café's tags", ", ".join(item.cafe_themes)), ("Themes", themes)):
        if value:
            lines.append(f"<br>{label}: {html.escape(shown(value))}")
    return "".join(lines) + "</small></p>"


def cafe_heading(cafe: CentralCafe) -> str:
    """A café's short heading over its column: its town or area (cafés of a series often share one title), or its
    title's first words when it has none, over its date, over its short code (two cafés of one day and place, from
    one template, differ only there)."""
    name = cafe.locality or cafe.title
    if len(name) > HEADING_CHARS:
        name = name[:HEADING_CHARS].rsplit(" ", 1)[0].rstrip(" ,·-—") + "…"
    return "\n".join(p for p in (name, cafe.date, cafe.short_code) if p)


def cafe_choice(cafe: CentralCafe) -> str:
    """A café as the Café filter offers it: its short code and date (short, so they show whole in the closed box and
    tell apart two cafés of one day and place), its town or area, then its title (which often starts the same for
    every café of a series, so it comes last)."""
    return " · ".join(p for p in (cafe.short_code, cafe.date, cafe.locality) if p) + f" — {cafe.title}"


def place(item: Item) -> str:
    parts = [f"table {item.table}" if item.table is not None else "",
             f"round {item.round}" if item.round is not None else ""]
    return ", ".join(p for p in parts if p)


class ItemsModel(QAbstractTableModel):
    """Found items, one row each; codebook theme names shown by id."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[Item] = []
        self._theme_names: dict[str, str] = {}
        self._codes: dict[str, str] = {}  # café id -> its short code here

    def set_codes(self, codes: dict[str, str]) -> None:
        """The imported cafés' short codes, by café id, for the café cell's tooltip and the reading pane."""
        self._codes = dict(codes)

    def code_of(self, item: Item) -> str:
        return self._codes.get(item.cafe_id, "")

    def set_items(self, items: list[Item], theme_names: dict[str, str]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._theme_names = dict(theme_names)
        self.endResetModel()

    def update_marks(self, marks: dict[str, tuple[tuple[str, ...], bool]], theme_names: dict[str, str]) -> None:
        """New codes and shortlist marks for the rows shown (after coding), without touching the rest."""
        self._theme_names = dict(theme_names)
        for row, item in enumerate(self._items):
            codes, listed = marks.get(item.id, (item.codes, item.shortlisted))
            self._items[row] = dataclasses.replace(item, codes=codes, shortlisted=listed)
        if self._items:
            self.dataChanged.emit(self.index(0, COL_THEMES), self.index(len(self._items) - 1, COL_SHORTLIST))

    def item_at(self, row: int) -> Item:
        return self._items[row]

    @property
    def items(self) -> list[Item]:
        return self._items

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section == COL_SHORTLIST:
            return "On the quotes shortlist"
        return None

    def themes_of(self, item: Item) -> str:
        return ", ".join(sorted((self._theme_names.get(t, "") for t in item.codes), key=str.casefold))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        col = index.column()
        if role == ITEM_ROLE:
            return item
        if role == HTML_ROLE:
            return hits_as_html(item, row=True)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_CAFE:
            where = ", ".join(p for p in (item.locality, item.date, place(item)) if p)
            code = f" · code {self.code_of(item)}" if self.code_of(item) else ""
            return tip(f"{item.cafe_title} ({where}){code}" + (f"\nQuestion: {item.question}" if item.question else ""))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = shown(self._cell(item, col))
            return tip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_SHORTLIST:
            return "shortlisted" if item.shortlisted else "not shortlisted"
        return None


    def _cell(self, item: Item, col: int) -> str | None:
        if col == COL_CAFE:  # where first, a line each; the title last, cut at its end if it runs out of room
            return "\n".join(p for p in (", ".join(p for p in (item.locality, item.date) if p), place(item),
                                          item.cafe_title) if p)
        if col == COL_SOURCE:
            return item.source_label + (" · quote" if item.is_quote else "")
        if col == COL_TEXT:
            return item.text
        if col == COL_THEMES:
            return self.themes_of(item)
        if col == COL_SHORTLIST:
            return "★" if item.shortlisted else ""
        return None


def last_whole_line(doc: QTextDocument, height: float) -> tuple[float, float, bool] | None:
    """Of the lines of `doc` laid out, the last that fits whole in `height`: (where its text ends, its bottom,
    whether any text is left below it); None when no line fits."""
    found, layout_of = None, doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        box, layout = layout_of.blockBoundingRect(block), block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            bottom = box.top() + line.y() + line.height()
            if bottom > height:
                return None if found is None else (found[0], found[1], True)
            found = (box.left() + line.x() + line.naturalTextWidth(), bottom)
        block = block.next()
    return None if found is None else (found[0], found[1], False)


class HitsDelegate(QStyledItemDelegate):
    """Draws the text column as rich text, so search hits show in bold; only whole lines, with "…" at the end of the
    last one when there is more (the reading pane below shows it all)."""

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(index.data(HTML_ROLE) or "", opt)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(opt.rect.topLeft())
        last = last_whole_line(doc, opt.rect.height())
        bottom = opt.rect.height() if last is None else last[1]
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), bottom))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        doc.documentLayout().draw(painter, ctx)
        if last is not None and last[2]:  # more text below: "…" at the end of the last line shown
            self._ellipsis(painter, opt, doc, last, selected)
        painter.restore()

    @staticmethod
    def _ellipsis(painter, opt: QStyleOptionViewItem, doc: QTextDocument, last, selected: bool) -> None:
        right, bottom, _ = last
        metrics = QFontMetricsF(doc.defaultFont())
        width, height = metrics.horizontalAdvance(ELLIPSIS), metrics.height()
        x = min(right, opt.rect.width() - doc.documentMargin() - width)
        where = QRectF(x, bottom - height, width + doc.documentMargin(), height)
        if x < right:  # over the line's last letters: on the row's own background
            painter.fillRect(where, opt.palette.color(QPalette.ColorRole.Highlight) if selected else
                             opt.backgroundBrush.color() if opt.backgroundBrush.style() != Qt.BrushStyle.NoBrush
                             else opt.palette.color(QPalette.ColorRole.Base))
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.setFont(doc.defaultFont())
        painter.drawText(where, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, ELLIPSIS)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(index.data(HTML_ROLE) or "", option)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))

    @staticmethod
    def _document(text: str, option: QStyleOptionViewItem) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(3)
        doc.setHtml(text)
        doc.setTextWidth(max(80, option.rect.width()))
        return doc


class ThemeCountsModel(QAbstractTableModel):
    """Themes down, cafés across: how many items of each café carry each theme, with a total column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._themes: list[CodeTheme] = []
        self._cafes: list[CentralCafe] = []
        self._counts: dict[tuple[str, str], int] = {}

    def set_counts(self, themes: list[CodeTheme], cafes: list[CentralCafe],
                   counts: dict[tuple[str, str], int]) -> None:
        self.beginResetModel()
        self._themes, self._cafes, self._counts = list(themes), list(cafes), dict(counts)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._themes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2 + len(self._cafes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                    Qt.ItemDataRole.ToolTipRole):
            return None
        if section == 0:
            return "Theme"
        if section == 1:
            return "All cafés"
        cafe = self._cafes[section - 2]
        return shown(cafe_heading(cafe)) if role == Qt.ItemDataRole.DisplayRole else \
            tip(", ".join(p for p in (cafe.title, cafe.locality, cafe.date, cafe.short_code) if p))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        theme = self._themes[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if col == 0 else int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if col == 0:
            return theme.name
        if col == 1:
            return theme.count
        return self._counts.get((theme.id, self._cafes[col - 2].id), 0)
