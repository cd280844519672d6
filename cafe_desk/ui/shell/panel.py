"""`Panel`: the shape every page of the main window shares (services in, changes out, errors shown kindly)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError
from cafe_desk.core.model import Cafe
from cafe_desk.services import Services
from cafe_desk.ui.shell.undo import ServiceCommand

T = TypeVar("T")

#: How a page hands its one undo path to a child widget: `push(text, do, undo)` runs `do` as an undoable step and
#: returns None, or the message saying why it was refused (then nothing is recorded).
PushStep = Callable[[str, Callable[[], Changes], Callable[[], Changes]], str | None]


class Panel(QWidget):
    """A page of the main window.

    Subclasses override `set_cafe` (a café was opened, or None) and `on_changes` (something was written anywhere;
    refresh if it concerns you). They never refresh another panel: they emit `sig_changed` and the main window
    broadcasts.
    """

    #: Changes — emitted after this panel wrote through a service (including undo/redo of its commands)
    sig_changed = Signal(object)
    #: str — a one-line message for the person at the laptop (shown in the status bar)
    sig_message = Signal(str)
    #: str — a message this panel gave is no longer true (a search it could not read was put right): it goes, if
    #: it is still shown
    sig_message_gone = Signal(str)

    title = "Page"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.cafe: Cafe | None = None

    def set_cafe(self, cafe: Cafe | None) -> None:
        self.cafe = cafe

    def on_changes(self, changes: Changes) -> None:
        """Called after any write; refresh what this panel shows if `changes` concerns it."""

    # --- helpers for subclasses ---------------------------------------------------------------------------------

    def attempt(self, fn: Callable[[], T]) -> T | None:
        """Call a service; a UserError becomes a message (and None is returned) instead of a crash."""
        try:
            return fn()
        except UserError as exc:
            self.sig_message.emit(str(exc))
            return None

    def announce(self, changes: Changes) -> None:
        if changes:
            self.sig_changed.emit(changes)

    def push(self, text: str, do: Callable[[], Changes], undo: Callable[[], Changes], *,
             done: bool = False) -> str | None:
        """Run `do` as an undoable step (or record it, if `done`); the message if it was refused, else None.

        A refusal becomes a message, not a step; a `do` that changed nothing records no step (there would be nothing
        to undo)."""
        if not done:
            try:
                changes = do()
            except UserError as exc:
                self.refused(str(exc))
                return str(exc)
            self.accepted()
            if not changes:
                return None
            self.announce(changes)
        self.undo_stack.push(ServiceCommand(text, do, undo, self.announce, self.sig_message.emit, done=True))
        return None

    def refused(self, message: str) -> None:
        """A step was refused: say why. Pages that show refusals inline override this (and `accepted`)."""
        self.sig_message.emit(message)

    def accepted(self) -> None:
        """A step went through: a page that shows refusals inline clears the last one here."""
