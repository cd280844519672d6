"""Synthesis reads on a thread of their own, so the page never stalls while a million items are searched.

Each request runs `fn(SynthesisService)` on a registry of its own (opened and closed for it) in one worker thread.
Only the newest request's answer is delivered: a request overtaken by a newer one (the person typed on) is skipped
before it starts, or its answer dropped. Answers and errors arrive on the GUI thread through a queued signal.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from cafe_desk.core.errors import UserError
from cafe_desk.services import ServicesOpener
from cafe_desk.ui.shell.ops import UNEXPECTED


class _Failure(str):
    """A plain one-line message in place of an answer."""


class SearchRunner(QObject):
    """`ask(fn, on_answer)`: run `fn(syn)` off the GUI thread; `on_answer(result)` on the GUI thread, newest only."""

    #: (int, object) — request number and its answer (or a _Failure); emitted from the worker thread, so queued
    _sig_done = Signal(int, object)
    #: str — a one-line message when a read failed
    sig_failed = Signal(str)

    def __init__(self, open_services: ServicesOpener, parent: QObject | None = None):
        super().__init__(parent)
        self.open_services = open_services
        self._pool = None  # made at the first request: nothing of it is loaded at start-up
        self._latest = 0
        self._pending = False
        self._on_answer: Callable[[Any], None] = lambda _r: None
        self._sig_done.connect(self._done)

    @property
    def busy(self) -> bool:
        """True while the newest request has not been answered."""
        return self._pending

    def ask(self, fn: Callable[[Any], Any], on_answer: Callable[[Any], None]) -> int:
        """Queue `fn(syn)`; any earlier request still waiting is dropped. Returns the request's number."""
        self._latest += 1
        number = self._latest
        self._on_answer = on_answer
        self._pending = True
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="synthesis-search")
        self._pool.submit(self._run, number, fn)
        return number

    def stop(self) -> None:
        """Deliver nothing more: the page is closing, and the data file may close before a read still running ends."""
        self._latest += 1
        self._pending = False

    def _run(self, number: int, fn: Callable[[Any], Any]) -> None:
        if number != self._latest:
            return  # overtaken before it started
        try:
            with self.open_services() as services:
                result = fn(services.synthesis)
        except UserError as exc:
            result = _Failure(str(exc))
        except Exception:  # our fault: keep the app alive, say so plainly, log the details
            traceback.print_exc(file=sys.stderr)
            result = _Failure(UNEXPECTED)
        with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
            self._sig_done.emit(number, result)

    def _done(self, number: int, result: Any) -> None:
        if number != self._latest:
            return
        self._pending = False
        if isinstance(result, _Failure):
            self.sig_failed.emit(str(result))
        else:
            self._on_answer(result)
