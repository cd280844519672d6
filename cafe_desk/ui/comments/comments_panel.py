"""The comments page: participants' comments arriving live from phones or typed in from paper cards, and the
facilitator's moderation of them (hide, pin one to the presenter window and choose when to show it, flags, the audit
log)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import counted
from cafe_desk.core.model import Cafe, Note
from cafe_desk.services.comments import PAPER_CLOSED
from cafe_desk.ui.comments.comments_model import (
    COL_ABOUT,
    COL_COMMENT,
    COL_FLAG,
    COL_GROUP,
    COL_STATE,
    COL_TIME,
    FLAG_BADGE,
    FOLLOWED_UP,
    NOT_SHOWN,
    NOTE_ROLE,
    PAPER,
    STATES,
    CommentLabels,
    CommentsModel,
    CommentsProxy,
)
from cafe_desk.ui.comments.paper_card_steps import PaperCardSteps
from cafe_desk.ui.comments.paper_cards import PaperCardsDialog
from cafe_desk.ui.notes.notes_model import needs_care
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets.care_panel import CarePanel, CareSteps
from cafe_desk.ui.widgets.fitted_text import fit_column, two_lines
from cafe_desk.ui.widgets.plain_text import plain_labels

SUPPORT_BANNER = ("A comment may be from someone who needs support. Please read it and, if you can, make sure "
                  "someone checks in with the room; support lines are on every phone page.")
CARE_WIDTH = 440  # the care panel's width beside the comments
PIN_FLAGGED = ("This comment may be from someone who needs care. Pinning it means it can be shown to the whole room. "
               "Pin it anyway?")
SHOW_FLAGGED = ("The pinned comment may be from someone who needs care. Show it to the whole room on the projector "
                "anyway?")
READ_ONLY = "This café is closed: its comments can be read and the audit log exported, but nothing can be changed."


class CommentsPanel(Panel):
    """Comments from phones, newest first with flagged ones on top (followed up or not, so rows never jump);
    moderation as undoable steps."""

    title = "Comments"

    #: str | None — the comment to show on the presenter window now (pinned and revealed), or None
    sig_projector = Signal(object)

    def __init__(self, services, undo_stack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self._projected: str | None = None
        #: ids of the comments the projector has shown, by café; not stored, so kept only while the app is open
        self._was_on_screen: dict[str, frozenset[str]] = {}
        self.paper = PaperCardSteps(self)
        self.model = CommentsModel(self)
        self.proxy = CommentsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0)
        self.flagged_only = QCheckBox("Fla&gged only")
        self.flagged_only.toggled.connect(self.proxy.set_flagged_only)
        self.care = CarePanel()
        self.care_steps = CareSteps(self, self.care)
        self.care.sig_next.connect(self.select_next_needing_care)
        #: asks before a flagged comment can reach the projector (a test may answer instead of a person)
        self.ask_projector = lambda text: QMessageBox.question(self, "Before it reaches the room", text) \
            == QMessageBox.StandardButton.Yes

        root = QVBoxLayout(self)
        root.addWidget(self._build_banner())
        root.addLayout(self._build_top_row())
        root.addWidget(self._build_splitter(), 1)
        self.message = QLabel()
        plain_labels(self.message)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        root.addWidget(self.message)
        root.addLayout(self._build_buttons())
        self.table.selectionModel().selectionChanged.connect(self._show_buttons)
        self.set_cafe(None)

    # --- building ---------------------------------------------------------------------------------------------------

    def _build_banner(self) -> QFrame:
        """The notice that a comment may be from someone who needs support (hidden until one arrives)."""
        self.banner = QFrame()
        self.banner.setObjectName("supportBanner")
        self.banner.setStyleSheet("#supportBanner { background: #fff4c2; border: 2px solid #8a6d00; "
                                  "border-radius: 4px; } #supportBanner QLabel { color: #222; }")
        self.banner_text = QLabel(f"<b>Please read:</b> {SUPPORT_BANNER}")
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName("Support notice")
        self.banner_flagged = QPushButton("Sho&w flagged comments")
        self.banner_dismiss = QPushButton("&Dismiss")
        self.banner_dismiss.setAccessibleName("Dismiss the support notice")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_flagged)
        banner_layout.addWidget(self.banner_dismiss)
        self.banner.hide()
        self.banner_dismiss.clicked.connect(self.banner.hide)
        self.banner_flagged.clicked.connect(lambda: (self.flagged_only.setChecked(True), self.banner.hide(),
                                                     self.select_next_needing_care()))
        return self.banner

    def _build_top_row(self) -> QHBoxLayout:
        self.count = QLabel()
        self.count.setAccessibleName("Number of comments")
        hint = QLabel("Nothing here reaches the room unless you pin it and show it on the projector.")
        hint.setWordWrap(True)
        self.paper_btn = QPushButton("&Type in paper cards…")
        self.paper_btn.setAccessibleName("Type in comments written on paper cards")
        self.paper_btn.setToolTip("Type in comments written on paper cards, one after another")
        self.paper_btn.clicked.connect(lambda: self.open_paper_cards())
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(hint, 2)
        top.addWidget(self.paper_btn)
        return top

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Comments from phones and paper cards")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_COMMENT, QHeaderView.ResizeMode.Stretch)
        # fixed widths that fit the short values, so a flag that arrives after its row (or a narrow page) never
        # squeezes "⚑ Needs care" onto three lines; "Not shown yet" fits on one line, every other state on two
        fit_column(self.table, COL_TIME, ["00:00", PAPER, "table 00"])
        fit_column(self.table, COL_FLAG, [FLAG_BADGE, FOLLOWED_UP], bold=True)
        state_lines = [line for state in STATES for line in two_lines(self.table.font(), state)]
        fit_column(self.table, COL_STATE, [NOT_SHOWN, *state_lines])
        self.table.setColumnWidth(COL_ABOUT, 160)
        self.table.setColumnWidth(COL_GROUP, 110)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return self.table

    def _build_splitter(self) -> QSplitter:
        """The comments, with the care panel beside them."""
        self.splitter = QSplitter()
        self.splitter.addWidget(self._build_table())
        self.splitter.addWidget(self.care)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        return self.splitter

    def _build_buttons(self) -> QHBoxLayout:
        """Hide, Pin, Show on the projector, Flagged only, Export audit log."""
        self.hide_btn = QPushButton("&Hide")
        self.pin_btn = QPushButton("&Pin to presenter")
        self.reveal_btn = QPushButton("Show pinned comment on the p&rojector")
        self.reveal_btn.setCheckable(True)
        self.export_btn = QPushButton("E&xport audit log (CSV)…")
        for button, name in ((self.hide_btn, "Hide or unhide the selected comment"),
                             (self.pin_btn, "Pin the selected comment to the presenter window, or unpin it"),
                             (self.reveal_btn, "Show the pinned comment on the projector"),
                             (self.export_btn, "Export the audit log as a CSV file")):
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.hide_btn.clicked.connect(self.toggle_hidden)
        self.pin_btn.clicked.connect(self.toggle_pinned)
        self.reveal_btn.toggled.connect(self._reveal_toggled)
        self.export_btn.clicked.connect(lambda: self.export_audit())
        buttons = QHBoxLayout()
        for w in (self.hide_btn, self.pin_btn, self.reveal_btn):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.flagged_only)
        buttons.addWidget(self.export_btn)
        return buttons

    # --- Panel ------------------------------------------------------------------------------------------------------

    def set_cafe(self, cafe: Cafe | None) -> None:
        changed = cafe is None or self.cafe is None or cafe.id != self.cafe.id
        super().set_cafe(cafe)
        if changed:
            self.banner.hide()
            self.reveal_btn.setChecked(False)
            self.model.load(self._comments(), self._labels())
            self.paper.forget()
        self._refresh_state()

    def on_changes(self, changes: Changes) -> None:
        if not self.cafe:
            return
        if changes.plan:
            self.model.set_labels(self._labels())
        if changes.notes or changes.plan:
            new = self.model.sync(self._comments())
            if any(needs_care(n) for n in new):
                self.banner.show()
                self.sig_message.emit("A new comment may be from someone who needs support: please read it.")
        self._refresh_state()

    # --- moderation -------------------------------------------------------------------------------------------------

    def selected(self) -> Note | None:
        """The comment whose row is selected, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], NOTE_ROLE) if rows else None

    def select(self, note_id: str) -> None:
        """Select the row of this comment (keyboard and tests)."""
        row = self.model.row_of(note_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_COMMENT))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def showEvent(self, event) -> None:
        """Coming to this page with nothing chosen: the first comment that needs care is chosen, so its panel shows."""
        super().showEvent(event)
        if self.selected() is None:
            self.select_next_needing_care()

    def select_next_needing_care(self) -> None:
        """Select the next comment that needs care after the selected one (the first, from the top)."""
        waiting = [self.proxy.data(self.proxy.index(r, COL_COMMENT), NOTE_ROLE) for r in range(self.proxy.rowCount())]
        waiting = [n for n in waiting if needs_care(n)]
        if not waiting:
            return
        current = self.selected()
        ids = [n.id for n in waiting]
        after = ids.index(current.id) + 1 if current is not None and current.id in ids else 0
        self.select(ids[after % len(ids)])

    def toggle_hidden(self) -> None:
        note = self.selected()
        if note is None or not self.cafe or self.cafe.is_closed:
            return
        comments, note_id = self.services.comments, note.id
        if note.hidden:
            self.push("Unhide comment", lambda: comments.set_hidden(note_id, False),
                      lambda: comments.set_hidden(note_id, True))
            return
        was_pinned = note.pinned

        def unhide() -> Changes:
            changes = comments.set_hidden(note_id, False)
            return changes | comments.set_pinned(note_id, True) if was_pinned else changes

        self.push("Hide comment", lambda: comments.set_hidden(note_id, True), unhide)

    def toggle_pinned(self) -> None:
        note = self.selected()
        if note is None or not self.cafe or self.cafe.is_closed:
            return
        comments, note_id = self.services.comments, note.id
        if note.pinned:
            self.push("Unpin comment", lambda: comments.set_pinned(note_id, False),
                      lambda: comments.set_pinned(note_id, True))
            return
        if note.flag and not self.ask_projector(SHOW_FLAGGED if self.reveal_btn.isChecked() else PIN_FLAGGED):
            return
        before = comments.pinned(self.cafe.id)

        def unpin() -> Changes:
            changes = comments.set_pinned(note_id, False)
            return changes | comments.set_pinned(before.id, True) if before else changes

        self.push("Pin comment to the presenter window", lambda: comments.set_pinned(note_id, True), unpin)

    def open_paper_cards(self) -> PaperCardsDialog | None:
        """Open the entry for paper comment cards (or say plainly why not); returns the dialog, or None."""
        if self.cafe and self.cafe.is_closed:
            self._say(PAPER_CLOSED)
            return None
        return self.paper.open()

    def export_audit(self, path: str | None = None) -> None:
        """Save the café's audit log as CSV (asks where, unless `path` is given)."""
        if not self.cafe:
            return
        if path is None:
            default = str(Path.home() / f"audit-log-{self.cafe.short_code}.csv")
            path, _ = QFileDialog.getSaveFileName(self, "Export the audit log", default, "CSV files (*.csv)")
            if not path:
                return
        text = self.attempt(lambda: self.services.comments.audit_csv(self.cafe.id))
        if text is None:
            return
        try:
            Path(path).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            self._say(f"The audit log couldn't be saved to {path} ({exc.strerror or exc}); "
                      "please choose another folder.")
            return
        self._say(f"Audit log saved to {path}.")

    # --- display ------------------------------------------------------------------------------------------------

    def _comments(self) -> list[Note]:
        if not self.cafe:
            return []
        return self.attempt(lambda: self.services.comments.comments(self.cafe.id)) or []

    def _labels(self) -> CommentLabels:
        if not self.cafe:
            return CommentLabels()
        items = self.services.planning.items
        return CommentLabels(tables={t.id: t.number for t in items(self.cafe.id, "table")},
                             rounds={r.id: f"{r.label}: {r.prompt}" for r in items(self.cafe.id, "round")},
                             outcomes={o.id: o.title for o in items(self.cafe.id, "outcome")},
                             groups={g.id: g.name for g in items(self.cafe.id, "group")})

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.sig_message.emit(text)

    def _reveal_toggled(self, on: bool) -> None:
        pinned = next((n for n in self.model.comments if n.pinned and not n.hidden), None)
        if on and pinned is not None and pinned.flag and not self.ask_projector(SHOW_FLAGGED):
            self.reveal_btn.blockSignals(True)
            self.reveal_btn.setChecked(False)
            self.reveal_btn.blockSignals(False)
            return
        self.reveal_btn.setText("Take the comment off the p&rojector" if on else
                                "Show pinned comment on the p&rojector")
        self._refresh_state()

    def _refresh_state(self) -> None:
        comments = self.model.comments
        flagged = sum(1 for n in comments if needs_care(n))
        hidden = sum(1 for n in comments if n.hidden)
        if not self.cafe:
            self.count.setText("Open a café to see the comments sent from phones.")
        else:
            paper = sum(1 for n in comments if n.source == "paper")
            where = f" ({len(comments) - paper:,} from phones, {paper:,} on paper)" if paper else " from phones"
            self.count.setText(f"{counted(len(comments), 'comment')}{where}"
                               + (f" · {flagged} need{'s' if flagged == 1 else ''} care" if flagged else "")
                               + (f" · {hidden} hidden" if hidden else ""))
        if not flagged:
            self.banner.hide()  # everything that needed care has been followed up
        if self.cafe and self.cafe.is_closed:
            self.message.setText(READ_ONLY)
        elif self.message.text() == READ_ONLY:
            self.message.clear()
        self._show_buttons()
        self.paper.show_count(sum(1 for n in comments if n.source == "paper"))
        pinned = next((n for n in comments if n.pinned and not n.hidden), None)
        on_screen = pinned if pinned and self.reveal_btn.isChecked() else None
        text = on_screen.text if on_screen else None
        if self.cafe:
            shown = self._was_on_screen.get(self.cafe.id, frozenset())
            if on_screen is not None:
                shown = self._was_on_screen[self.cafe.id] = shown | {on_screen.id}
            self.model.set_projection(on_screen.id if on_screen else None, shown)
        else:
            self.model.set_projection(None, frozenset())
        if text != self._projected:
            self._projected = text
            self.sig_projector.emit(text)

    def _show_buttons(self, *_args) -> None:
        note = self.selected()
        writable = bool(self.cafe and not self.cafe.is_closed)
        self.hide_btn.setEnabled(writable and note is not None)
        self.pin_btn.setEnabled(writable and note is not None and not note.hidden)
        self.hide_btn.setText("Un&hide" if note is not None and note.hidden else "&Hide")
        self.pin_btn.setText("Un&pin" if note is not None and note.pinned else "&Pin to presenter")
        self.reveal_btn.setEnabled(bool(self.cafe))
        self.export_btn.setEnabled(bool(self.cafe))
        self.paper_btn.setEnabled(bool(self.cafe))  # a closed café's button stays, to say why no card can be added
        waiting = sum(1 for n in self.model.comments if needs_care(n))
        self.care_steps.show(note, waiting)
        sizes = self.splitter.sizes()
        if self.care.isVisibleTo(self) and sizes[1] < CARE_WIDTH:  # shown after being hidden: give it its room
            total = sum(sizes)
            self.splitter.setSizes([max(total - CARE_WIDTH, 0), CARE_WIDTH])
