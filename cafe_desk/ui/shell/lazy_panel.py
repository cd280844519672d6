"""`LazyPanel`: a page of the main window built the first time it is shown, so its modules load then, not at
start-up. Until then it only remembers the open café; afterwards it passes everything on to the page it built."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.model import Cafe
from cafe_desk.services import Services
from cafe_desk.ui.shell.panel import Panel


class LazyPanel(Panel):
    """Stands in the page list for the panel `build()` makes when the page is first shown (or `panel()` is asked)."""

    def __init__(self, services: Services, undo_stack: QUndoStack, title: str, build: Callable[[], Panel],
                 parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.title = title
        self._build = build
        self.inner: Panel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def panel(self) -> Panel:
        """The real page, built now if it was not yet."""
        if self.inner is None:
            self.inner = self._build()
            self.inner.sig_changed.connect(self.sig_changed.emit)
            self.inner.sig_message.connect(self.sig_message.emit)
            self.inner.sig_message_gone.connect(self.sig_message_gone.emit)
            self._layout.addWidget(self.inner)
            self.inner.set_cafe(self.cafe)
        return self.inner

    def showEvent(self, event) -> None:
        self.panel()
        super().showEvent(event)

    def set_cafe(self, cafe: Cafe | None) -> None:
        super().set_cafe(cafe)
        if self.inner is not None:
            self.inner.set_cafe(cafe)

    def on_changes(self, changes: Changes) -> None:
        if self.inner is not None:
            self.inner.on_changes(changes)
