"""The Synthesis page's filters: café, town or area, dates, group, question, outcome, theme, source, quotes and the
shortlist, filled from what has been imported and read back as a `SynthesisFilter`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from cafe_desk.core.synthesis import CentralCafe, CodeTheme, Facets, SynthesisFilter
from cafe_desk.ui.synthesis.date_filter import DateFilter
from cafe_desk.ui.synthesis.result_line import GROUP_NOTE
from cafe_desk.ui.synthesis.synthesis_models import cafe_choice
from cafe_desk.ui.widgets.fitted_text import ElidedCombo
from cafe_desk.ui.widgets.plain_text import tip

ANY = "Any"


SOURCES = (("note-taker", "Poi&nts and summaries"), ("participant", "C&omments"), ("paper", "&Paper comments"))


def _combo(name: str) -> QComboBox:
    combo = ElidedCombo()  # a long café title or question ends in "…", whole in the tooltip
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    return combo


def _fill(combo: QComboBox, choices: list[tuple[str, str]]) -> None:
    """"Any" and the choices; the current choice kept when it is still there."""
    current = combo.currentData()
    combo.clear()
    combo.addItem(ANY, "")
    for label, value in choices:
        combo.addItem(label, value)
        combo.setItemData(combo.count() - 1, tip(label), Qt.ItemDataRole.ToolTipRole)
    found = combo.findData(current) if current else 0
    combo.setCurrentIndex(max(0, found))


class FiltersBox(QGroupBox):
    """Every filter but the search text. Announces each change a person makes (not its own refills)."""

    #: emitted when the person changed a filter
    sig_changed = Signal()
    #: one line for what can't be followed (a date that isn't one)
    sig_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__("Filters", parent)
        self._filling = False
        self.cafe_combo, self.locality_combo = _combo("Café"), _combo("Town or area")
        self.group_combo, self.question_combo = _combo("Group"), _combo("Question")
        self.outcome_combo, self.theme_combo = _combo("Outcome"), _combo("Theme")
        self.combos = (self.cafe_combo, self.locality_combo, self.group_combo, self.question_combo,
                       self.outcome_combo, self.theme_combo)
        self._cafes: list[CentralCafe] = []
        self.locality_combo.currentIndexChanged.connect(self._offer_cafes)  # first: the change announced after
        for combo in self.combos:
            combo.currentIndexChanged.connect(self._changed)
        self.date_from, self.date_to = DateFilter("From date"), DateFilter("To date")
        for edit in (self.date_from, self.date_to):
            edit.sig_changed.connect(self._changed)
            edit.sig_message.connect(self.sig_message)
        self.source_boxes: dict[str, QCheckBox] = {}
        for source, label in SOURCES:
            box = QCheckBox(label)
            box.setChecked(True)
            box.toggled.connect(self._changed)
            self.source_boxes[source] = box
        self.quotes_box = QCheckBox("&Quotes only")
        self.shortlist_box = QCheckBox("Shortlisted onl&y")
        for box in (self.quotes_box, self.shortlist_box):
            box.toggled.connect(self._changed)
        self.clear_button = QPushButton("C&lear filters")
        self.clear_button.clicked.connect(self.clear)

        form = QFormLayout(self)
        cafe_label = QLabel("Ca&fé:")
        cafe_label.setBuddy(self.cafe_combo)
        form.addRow(cafe_label)
        form.addRow(self.cafe_combo)  # the whole width: a café's place, date and short code read in the closed box
        for label, widget in (("Town or &area:", self.locality_combo),
                              ("From date:", self.date_from), ("To date:", self.date_to),
                              ("&Group:", self.group_combo), ("Q&uestion:", self.question_combo),
                              ("Ou&tcome:", self.outcome_combo), ("Theme:", self.theme_combo)):
            form.addRow(label, widget)
        form.labelForField(self.group_combo).setToolTip(GROUP_NOTE)
        sources = QVBoxLayout()  # one under another: side by side, their names would widen the page
        for box in self.source_boxes.values():
            sources.addWidget(box)
        form.addRow("Source:", sources)
        form.addRow(self.quotes_box)
        form.addRow(self.shortlist_box)
        form.addRow(self.clear_button)

    def _changed(self, *_args) -> None:
        if not self._filling:
            self.sig_changed.emit()

    def _offer_cafes(self, *_args) -> None:
        """The Café list: the cafés of the town or area chosen (all of them for Any); a café chosen elsewhere goes
        back to Any."""
        town = self.locality_combo.currentData() or ""
        filling, self._filling = self._filling, True
        try:
            _fill(self.cafe_combo, [(cafe_choice(c), c.id) for c in self._cafes if not town or c.locality == town])
        finally:
            self._filling = filling

    def fill(self, cafes: list[CentralCafe], facets: Facets | None, themes: list[CodeTheme]) -> None:
        """Offer what has been imported; choices still there stay chosen."""
        self._filling = True
        try:
            self._cafes = list(cafes)
            if facets is not None:
                _fill(self.locality_combo, [(v, v) for v in facets.localities])
            self._offer_cafes()
            if facets is not None:
                _fill(self.group_combo, [(v, v) for v in facets.groups])
                _fill(self.question_combo, [(v, v) for v in facets.questions])
                _fill(self.outcome_combo, [(v, v) for v in facets.outcomes])
            _fill(self.theme_combo, [(f"{t.name} ({t.count})", t.id) for t in themes])
        finally:
            self._filling = False

    def fill_themes(self, themes: list[CodeTheme]) -> bool:
        """New theme counts; True if the theme chosen as a filter is gone (the items shown must be found again)."""
        chosen = self.theme_combo.currentData()
        self._filling = True
        try:
            _fill(self.theme_combo, [(f"{t.name} ({t.count})", t.id) for t in themes])
        finally:
            self._filling = False
        return bool(chosen) and self.theme_combo.currentData() != chosen

    def any_source(self) -> bool:
        return any(box.isChecked() for box in self.source_boxes.values())

    def filter(self, text: str = "") -> SynthesisFilter:
        """The filters (and the search `text`) as a SynthesisFilter."""
        sources = tuple(s for s, box in self.source_boxes.items() if box.isChecked())
        return SynthesisFilter(
            text=text, date_from=self.date_from.iso(), date_to=self.date_to.iso(),
            locality=self.locality_combo.currentData() or "", group=self.group_combo.currentData() or "",
            question=self.question_combo.currentData() or "", outcome=self.outcome_combo.currentData() or "",
            sources=sources if len(sources) < len(SOURCES) else (), theme_id=self.theme_combo.currentData() or "",
            cafe_id=self.cafe_combo.currentData() or "", quotes_only=self.quotes_box.isChecked(),
            shortlisted_only=self.shortlist_box.isChecked())

    def clear(self) -> None:
        """Every filter back to Any, every source ticked; announces one change."""
        self._filling = True
        try:
            for combo in self.combos:
                combo.setCurrentIndex(0)
            for edit in (self.date_from, self.date_to):
                edit.set_date(None)
            for box in self.source_boxes.values():
                box.setChecked(True)
            self.quotes_box.setChecked(False)
            self.shortlist_box.setChecked(False)
        finally:
            self._filling = False
        self.sig_changed.emit()
