"""Guard against PySide6 6.12.0 on Python 3.11: each Signal.emit() from Python dropped a reference to `True`
until the interpreter aborted (`Fatal Python error: bool_dealloc`). Emitting must leave the count where it was."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

EMITS = 1_000


class Sender(QObject):
    sig_flag = Signal(bool)
    """A bool, as the run page announces `running`."""

    sig_value = Signal(object)
    """Any Python value."""


@pytest.mark.parametrize("signal_name", ["sig_flag", "sig_value"])
def test_emitting_true_does_not_drift_its_refcount(signal_name):
    sender = Sender()
    seen = {"calls": 0, "last": None}

    def slot(value) -> None:
        seen["calls"] += 1
        seen["last"] = value

    signal = getattr(sender, signal_name)
    signal.connect(slot)
    for _ in range(10):  # warm up caches (and `seen["last"]`) before measuring
        signal.emit(True)
    before = sys.getrefcount(True)
    for _ in range(EMITS):
        signal.emit(True)
    drift = sys.getrefcount(True) - before
    assert seen == {"calls": 10 + EMITS, "last": True}
    assert abs(drift) < 10, f"sys.getrefcount(True) moved by {drift} over {EMITS} emits"
