"""Undo and redo mapped onto service calls: each command knows a service call and its inverse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError


class ServiceCommand(QUndoCommand):
    """An undoable write. `do` and `undo` call services and return `Changes`.

    With `done=True` the write has already happened (for example a note saved while it was typed), so the first
    `redo()` that QUndoStack.push() makes is skipped.
    """

    def __init__(self, text: str, do: Callable[[], Changes], undo: Callable[[], Changes],
                 announce: Callable[[Changes], None], report: Callable[[str], None], *, done: bool = False):
        super().__init__(text)
        self._do, self._undo = do, undo
        self._announce, self._report = announce, report
        self._skip_first = done

    def redo(self) -> None:
        if self._skip_first:
            self._skip_first = False
            return
        self._call(self._do)

    def undo(self) -> None:
        self._call(self._undo)

    def _call(self, fn: Callable[[], Changes]) -> None:
        try:
            changes = fn()
        except UserError as exc:
            self._report(str(exc))
            self.setObsolete(True)
            return
        self._announce(changes or Changes())
