"""The Central page's Import box: import `.cafe` files off the GUI thread, with progress and Cancel, and list what
was imported and what was refused. A file that would replace a café (or come from another signing key than the one
that signed it) is imported only once the person says yes to a question that says what will be lost; the question
about another key looks different from a routine replace (its own title, a warning, a button saying what it does).
Files a facilitator locked with a passphrase instead of the central team's key are asked for it, once for all of them,
and opened with it; the passphrase is used for that import only and kept nowhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.core.signers import LOCKED, NEW_SIGNER, UNSIGNED_CAFE
from cafe_desk.services import Services
from cafe_desk.ui.shell.ops import Op, run_op
from cafe_desk.ui.widgets.line_list import add_line, fit_lines
from cafe_desk.ui.widgets.plain_text import shown

if TYPE_CHECKING:
    from cafe_desk.services.importing import ImportRun  # loads encryption: only when importing

BUNDLE_SUFFIX = ".cafe"
NO_KEY = "Choose the key file first: “Create a key pair…” or “Use an existing key file…”, then import."


#: kind of question -> (title, a warning rather than a question, what the yes button says)
ASKING = {NEW_SIGNER: ("A different key signed this file", True, "Take it from the new key"),
          UNSIGNED_CAFE: ("Replace a café that came unsigned?", False, "Replace it")}


def question_box(parent: QWidget | None, title: str, text: str, warning: bool = False,
                 yes: str = "Yes") -> QMessageBox:
    """A question in plain text with a button saying what it does and Cancel, the default (Escape cancels too)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = QMessageBox(icon, shown(title), shown(text), QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text quotes titles from files
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 32em; }")  # a key's name and fingerprint on one line
    box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def ask(parent: QWidget, title: str, text: str, warning: bool = False, yes: str = "Yes") -> bool:
    """Ask with `question_box`; True if the person pressed the yes button."""
    box = question_box(parent, title, text, warning, yes)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole


def passphrase_text(names: list[str]) -> str:
    """What the passphrase question says of the files `names` it opens."""
    shown_names = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    which = f"“{names[0]}” was" if len(names) == 1 else f"{len(names)} files were"
    these = "this file" if len(names) == 1 else "these files"
    listed = "" if len(names) == 1 else f": {shown_names}"
    return (f"{which} locked with a passphrase instead of the central team's key{listed}.\n\n"
            f"Type the passphrase the facilitator gave you. It is used to open {these} now and is not kept.")


def ask_passphrase(parent: QWidget, names: list[str]) -> str | None:
    """Ask for the passphrase that opens the files `names` (its characters hidden as typed); None if cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Passphrase needed")
    dialog.setLabelText(shown(passphrase_text(names)))
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText("Open and import")
    dialog.setAccessibleName("Passphrase needed")
    if dialog.exec() != QInputDialog.DialogCode.Accepted or not dialog.textValue():
        return None
    return dialog.textValue()


def cafe_files(urls) -> list[str]:
    """The local `.cafe` files among dropped URLs (anything else is left out)."""
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(BUNDLE_SUFFIX)]


class ImportBox(QGroupBox):
    """Import café files with the key file chosen in the Keys box: `ImportBox(services)`. `confirm(title, text,
    warning, yes)` asks the person a question (`ask` unless given)."""

    #: str — a one-line message for the status bar
    sig_message = Signal(str)
    #: str — a problem to show on the page ("" clears it)
    sig_problem = Signal(str)
    #: ImportRun — an import finished (all files, or stopped part way)
    sig_imported = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None,
                 confirm: Callable[..., bool] | None = None):
        super().__init__("Import", parent)
        self.services = services
        self.confirm = confirm or (lambda title, text, warning=False, yes="Yes": ask(self, title, text, warning, yes))
        #: names -> the passphrase that opens those files, or None (asks with `ask_passphrase` unless replaced)
        self.passphrase_for: Callable[[list[str]], str | None] = lambda names: ask_passphrase(self, names)
        self.op: Op | None = None
        self._first: ImportRun | None = None  # the passes so far, while the files that needed an answer go in
        self._passphrases: dict[str, str] = {}  # path -> passphrase, for this import only
        self.last_run: ImportRun | None = None
        self.key_ready = False
        self.import_button = QPushButton("&Import café files…")
        self.import_button.setAccessibleName("Import café files")
        self.import_button.clicked.connect(self._choose_bundles)
        self.key_hint = QLabel(NO_KEY)
        self.key_hint.setAccessibleName("Before importing")
        self.key_hint.setWordWrap(True)
        drop_hint = QLabel("Or drop .cafe files anywhere on this page. Each file is checked whole before anything "
                           "is written; a file already imported changes nothing.")
        drop_hint.setWordWrap(True)
        self.summary = QListWidget()
        self.summary.setAccessibleName("What was imported and what was refused")
        fit_lines(self.summary, rows=3, wrap=True)
        policy = self.summary.sizePolicy()  # its height is what the page's shares give it, not a list's default
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.summary.setSizePolicy(policy)
        summary_label = QLabel("&Last import:")
        summary_label.setBuddy(self.summary)
        self.closing = QLabel()
        self.closing.setAccessibleName("Import summary")
        self.closing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.key_hint)
        layout.addWidget(drop_hint)
        layout.addWidget(summary_label)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.closing)
        self.set_key_ready(False)

    def set_key_ready(self, ready: bool) -> None:
        """Whether a key file is chosen: until one is, the import button is off and a hint says what to do first."""
        self.key_ready = ready
        self.key_hint.setVisible(not ready)
        self.import_button.setEnabled(ready and not self.busy)

    @property
    def busy(self) -> bool:
        """Whether an import is running."""
        return self.op is not None and not self.op.done

    def import_paths(self, paths: list[str | Path]) -> Op | None:
        """Import these files off the GUI thread, with progress and Cancel; the running Op, or None (with a plain
        message) if it can't start."""
        if self.busy:
            self._say("An import is already running; wait for it to finish.")
            return None
        if not paths:
            return None
        self._first = None
        self._passphrases = {}
        return self._start([str(p) for p in paths], None)

    def _start(self, files: list[str], consents: dict | None) -> Op | None:
        """Run the import; with `consents` (path -> what the person agreed to), the files they answered yes for."""
        try:
            key_path = self.services.central_keys.key_path()
        except UserError as exc:
            self.sig_message.emit(str(exc))
            key_path = None
        if not key_path:
            self._say(NO_KEY)
            return None
        self._say("")
        open_services = self.services.opener()

        def work(ctx):
            with open_services() as services:
                return services.importing.import_files(files, key_path, ctx.progress, ctx.cancelled,
                                                       consents=consents, ask=True, passphrases=passphrases)

        passphrases = dict(self._passphrases)

        self.import_button.setEnabled(False)
        self.op = run_op(self, "Importing café files…", work, self._imported, self._failed)
        bar = self.op.dialog.findChild(QProgressBar)
        if bar is not None:
            bar.setFormat("file %v of %m")
        return self.op

    def _imported(self, run: ImportRun) -> None:
        self.import_button.setEnabled(self.key_ready)
        if run.cancelled:  # stopped before anyone could answer: those files stay out
            run.lines += [f"Not imported {Path(q.path).name}: stopped before your answer." for q in run.questions]
            run.questions.clear()
        if run.questions:
            consents = self._answers(run)
            if consents:
                self._carry(run)
                self.sig_imported.emit(run)
                self._start(list(consents), consents)
                return
        if self._first is not None:  # the answered files: one list and one count with the passes before
            self._carry(run)
            run, self._first = self._first, None
        self._passphrases = {}
        self.last_run = run
        self.summary.clear()
        for line in run.lines:
            add_line(self.summary, line)
        self.closing.setText(run.closing_line())
        self.sig_imported.emit(run)  # first: what it wrote is announced, and that clears the status bar's last word
        self.sig_message.emit(run.closing_line())

    def _carry(self, run: ImportRun) -> None:
        """Add a pass's lines and counts to the passes before it (the files of the first pass count once)."""
        if self._first is None:
            self._first = run
            return
        self._first.refusals += [len(self._first.lines) + n for n in run.refusals]
        self._first.lines += run.lines
        self._first.imported += run.imported
        self._first.refused += run.refused
        self._first.already += run.already
        self._first.cancelled = run.cancelled

    def _answers(self, run: ImportRun) -> dict:
        """Ask each question of the run; path -> what to import it with, for each "yes". A "no" becomes a line.
        The files locked with a passphrase are asked for it once, all together."""
        consents = {}
        locked = [q for q in run.questions if q.kind == LOCKED]
        if locked:
            phrase = self.passphrase_for([Path(q.path).name for q in locked])
            for question in locked:
                if phrase:
                    consents[question.path] = question.consent
                    self._passphrases[question.path] = phrase
                else:
                    run.lines.append(f"Not imported {Path(question.path).name}: it needs the passphrase it was "
                                     "locked with (or ask the facilitator to export it again to the central team's "
                                     "key).")
        for question in (q for q in run.questions if q.kind != LOCKED):
            title, warning, yes = ASKING.get(question.kind, (f"Replace “{question.title}”?", False, "Replace"))
            if self.confirm(title, question.text, warning=warning, yes=yes):
                consents[question.path] = question.consent
            else:
                run.lines.append(f"Not imported {Path(question.path).name}: “{question.title}” was kept as it is.")
        run.questions.clear()
        return consents

    def _failed(self, message: str) -> None:
        self.import_button.setEnabled(self.key_ready)
        self._say(message)

    def _say(self, message: str) -> bool:
        self.sig_problem.emit(message)
        return not message

    def _choose_bundles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import café files", "", "Café files (*.cafe);;All files (*)")
        if paths:
            self.import_paths(paths)
