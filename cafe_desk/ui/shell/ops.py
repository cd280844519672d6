"""Long tasks off the GUI thread: `run_op` runs a service call in a worker thread with a progress dialog and Cancel.

Every long task (import, export, report) goes through here; screens never start threads themselves. The function
runs with an `OpContext`: it may report `ctx.progress(done, total)` and must check `ctx.cancelled()` before it writes
anything that can't be taken back. Results and errors come back to the GUI thread by queued signals.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cafe_desk.core.errors import UserError

UNEXPECTED = "Something unexpected went wrong, so the task was stopped. Nothing else was changed."
CANCELLED = "Cancelled; nothing was written."
TITLE_BAR_ROOM = 160  # pixels a title bar takes besides the title: the icon and the window's buttons


class OpContext:
    """What a running function may use: `progress(done, total)` and `cancelled()`. Safe to call from any thread."""

    def __init__(self, report: Callable[[int, int], None]):
        self._cancel = threading.Event()
        self._report = report

    def progress(self, done: int, total: int) -> None:
        """Report how far the task has got (shown in the progress dialog)."""
        self._report(done, total)

    def cancelled(self) -> bool:
        """True once the person pressed Cancel: stop, and leave nothing half-written."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Worker(QThread):
    """The thread that runs the function; it only emits signals, never touches widgets."""

    #: object — the function's return value
    sig_result = Signal(object)
    #: str — a plain one-line message (a UserError's text, or UNEXPECTED)
    sig_failed = Signal(str)
    #: int, int — done, total
    sig_progress = Signal(int, int)

    def __init__(self, fn: Callable[[OpContext], Any]):
        super().__init__()
        self.fn = fn
        self.ctx = OpContext(self.sig_progress.emit)
        self.ident: int | None = None

    def run(self) -> None:
        self.ident = threading.get_ident()
        try:
            result = self.fn(self.ctx)
        except UserError as exc:
            self.sig_failed.emit(str(exc))
        except Exception:  # anything else is our fault: keep the app alive, say so plainly, log the details
            traceback.print_exc(file=sys.stderr)
            self.sig_failed.emit(UNEXPECTED)
        else:
            self.sig_result.emit(result)


class Op(QObject):
    """One running task. Keep it if you want to cancel it or wait for it; it keeps itself alive until it ends."""

    #: bool — emitted on the GUI thread when the task has ended (True: it succeeded)
    sig_finished = Signal(bool)

    _running: ClassVar[set[Op]] = set()  # ops in flight, kept alive until they end

    def __init__(self, parent: QWidget | None, title: str, fn: Callable[[OpContext], Any],
                 on_done: Callable[[Any], None], on_error: Callable[[str], None] | None,
                 on_cancel: Callable[[], None] | None, cancellable: bool):
        super().__init__()
        self.on_done, self.on_error, self.on_cancel = on_done, on_error, on_cancel
        self.done = False
        self.parent_gone = False
        self.worker = _Worker(fn)
        self.dialog = QProgressDialog(title, "Cancel" if cancellable else "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(title)
        # wide enough for the title bar to show the title whole, beside the window's own buttons
        self.dialog.setMinimumWidth(self.dialog.fontMetrics().horizontalAdvance(title) + TITLE_BAR_ROOM)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self.cancel)
        queued = Qt.ConnectionType.QueuedConnection
        self.worker.sig_progress.connect(self._progress, queued)
        self.worker.sig_result.connect(self._result, queued)
        self.worker.sig_failed.connect(self._failed, queued)
        Op._running.add(self)
        if parent is not None:  # a window closed while the task runs takes its progress dialog with it
            parent.destroyed.connect(self._parent_destroyed)

    @property
    def ctx(self) -> OpContext:
        return self.worker.ctx

    def start(self) -> None:
        """Start the task; its dialog shows if it is still running after 400 ms."""
        self.dialog.setValue(0)  # starts the dialog's 400 ms clock (without it Qt waits its own 4 s)
        self.worker.start()

    def cancel(self) -> None:
        """Ask the task to stop; it ends at its next check, leaving nothing half-written."""
        self.ctx.cancel()
        if not self.parent_gone:
            self.dialog.setLabelText("Stopping…")

    def _parent_destroyed(self) -> None:
        self.parent_gone = True

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)

    def _result(self, result: Any) -> None:
        # It ran to the end (Cancel came too late to stop it), so its result stands.
        self._finish(True)
        if not self.parent_gone:  # nothing is left to show it in
            self.on_done(result)

    def _failed(self, message: str) -> None:
        cancelled = self.ctx.cancelled()
        self._finish(False)
        if self.parent_gone:
            return
        if cancelled and self.on_cancel:
            self.on_cancel()
        elif self.on_error:
            self.on_error(CANCELLED if cancelled else message)

    def _finish(self, ok: bool) -> None:
        self.worker.wait()
        self.done = True
        if not self.parent_gone:
            self.dialog.canceled.disconnect(self.cancel)  # closing a shown progress dialog emits `canceled`
            self.dialog.close()
            self.dialog.deleteLater()
        Op._running.discard(self)
        self.sig_finished.emit(ok)


def stop_running() -> None:
    """Ask every running task to stop and wait until each has: the app is closing, and a task's thread must end
    before the app does (Qt aborts the whole process otherwise). Each stops at its next check, as after Cancel; an
    import first finishes the file it is writing."""
    running = list(Op._running)
    for op in running:
        op.ctx.cancel()
    for op in running:
        op.worker.wait()


def run_op(parent: QWidget | None, title: str, fn: Callable[[OpContext], Any], on_done: Callable[[Any], None],
           on_error: Callable[[str], None] | None = None, *, on_cancel: Callable[[], None] | None = None,
           cancellable: bool = True) -> Op:
    """Run `fn(ctx)` off the GUI thread behind a progress dialog titled `title`; return the running `Op`.

    On the GUI thread afterwards: `on_done(result)`; or `on_error(message)` with a UserError's one-line text (any
    other exception is logged and reported as a plain "something unexpected" line); or, after Cancel, `on_cancel()`
    if given, else `on_error("Cancelled; nothing was written.")`. If `parent` is destroyed before the task ends,
    none of them is called.
    """
    op = Op(parent, title, fn, on_done, on_error, on_cancel, cancellable)
    op.start()
    return op
