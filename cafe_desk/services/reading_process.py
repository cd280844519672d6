"""The process that reads the next files of a long import (services/bundle_intake.py `reading_ahead`): started with
the whole list, it reads the files in order as far as it is allowed, and sends each back as bytes, which a thread
here takes as they come.

Why not a process pool: a pool keeps its own copy of the pipe's end that results are sent on, so when the reading
process was killed half-way through sending one, the pool's thread waited for the rest of it for ever, and the
import with it. Here only the reading process holds that end: killed, it leaves an end of file, and the import reads
the rest itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import pickle
import threading
from collections.abc import Callable, Sequence

from cafe_desk import platforms

#: how long closing waits for the thread that takes results to see the reading process gone
_TAKER_JOIN_S = 5.0


class ReaderGone(Exception):
    """The reading process stopped (killed, or it failed) before sending the file asked for."""


def _leave_with_parent() -> None:
    """In the reading process: end it as soon as the importing process ends, however it ends (killed, it can't say
    so, and the reading process would otherwise wait for work for ever)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an error that can't cross: still one the importer turns into a plain line
        return pickle.dumps(RuntimeError(f"{type(exc).__name__} while reading"), protocol=pickle.HIGHEST_PROTOCOL)


def _run(paths: list[str], read: Callable[[str], bytes], allowed: multiprocessing.connection.Connection,
         results: multiprocessing.connection.Connection) -> None:
    """The reading process: read `paths` in order as far as `allowed` says ((first, last): skip to `first`, read up
    to `last`), sending each file's number then its bytes (or the error reading it raised) on `results`."""
    platforms.ignore_ctrl_c()  # the import decides what stopping means
    _leave_with_parent()
    n, last = 0, -1
    try:
        while n < len(paths):
            while last < n or allowed.poll():
                first, last = allowed.recv()  # EOFError: the import has ended
                n = max(n, first)
            if n >= len(paths) or n > last:
                continue
            try:
                body, ok = read(paths[n]), True
            except Exception as exc:
                body, ok = _pickled_error(exc), False
            results.send_bytes(n.to_bytes(8, "big") + (b"\1" if ok else b"\0"))
            results.send_bytes(body)
            n += 1
    except (EOFError, OSError):  # the import has ended, or no longer listens
        return


class ReadingProcess:
    """The reading process for `paths`, each read by `read(path)` there (a function of the module's top level, or a
    partial of one), and what it has sent back so far. Exceptions from starting it pass through (read here then).
    `run`: what the process runs (`_run`; tests give one that dies half-way through sending a file)."""

    def __init__(self, paths: Sequence[str], read: Callable[[str], bytes], run: Callable = _run):
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of the GUI's state crosses
        allowed_there, self._allowed = context.Pipe(duplex=False)
        results, results_there = context.Pipe(duplex=False)
        self.process = context.Process(target=run, args=([str(p) for p in paths], read, allowed_there,
                                                          results_there), name="cafe-desk-reading", daemon=True)
        try:
            self.process.start()
        except BaseException:
            for conn in (allowed_there, self._allowed, results, results_there):
                conn.close()
            raise
        allowed_there.close()  # the reading process alone holds these ends now
        results_there.close()
        self.last = -1  # the last file it is allowed to read
        self._came: dict[int, tuple[bool, bytes]] = {}
        self._arrived: list[tuple[int, int]] = []  # (file, bytes) of each come back since `arrived()` last said
        self._gone = False
        self._changed = threading.Condition()
        self._taker = threading.Thread(target=self._take, args=(results,), name="reading-ahead-results", daemon=True)
        self._taker.start()

    def _take(self, results: multiprocessing.connection.Connection) -> None:
        """The thread that takes each file as it comes back: bytes only, so it costs the writer nothing (see
        `_read_elsewhere`); an end of file (the process gone, even half-way through sending) ends it."""
        try:
            while True:
                head = results.recv_bytes()
                body = results.recv_bytes()
                n, ok = int.from_bytes(head[:8], "big"), head[8:] == b"\1"
                with self._changed:
                    self._came[n] = (ok, body)
                    self._arrived.append((n, len(body)))
                    self._changed.notify_all()
        except (EOFError, OSError):
            pass
        finally:
            results.close()
            with self._changed:
                self._gone = True
                self._changed.notify_all()

    def allow(self, first: int, last: int) -> None:
        """Let it read files `first` to `last` (skipping any before `first` it has not reached)."""
        if last <= self.last and first <= self.last:
            return
        self.last = max(last, self.last)
        with contextlib.suppress(OSError):  # gone: `result` says so
            self._allowed.send((first, self.last))

    def arrived(self) -> list[tuple[int, int]]:
        """(file, bytes) of each file come back since this was last asked."""
        with self._changed:
            arrived, self._arrived = self._arrived, []
        return arrived

    def result(self, n: int) -> bytes:
        """File n's bytes once it comes back (and nothing kept of those before it); the error reading it raised, or
        ReaderGone if the process stopped first."""
        with self._changed:
            while n not in self._came and not self._gone:
                self._changed.wait()
            for passed in [k for k in self._came if k < n]:  # read here instead
                del self._came[passed]
            if n not in self._came:
                raise ReaderGone
            ok, body = self._came.pop(n)
        if not ok:
            raise pickle.loads(body)
        return body

    def forget(self, n: int) -> None:
        """Drop file n if it came back (it is read here instead)."""
        with self._changed:
            self._came.pop(n, None)

    def close(self) -> None:
        """End the reading process at once (it writes nothing) and the thread that takes its results."""
        self._allowed.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._taker.join(_TAKER_JOIN_S)
