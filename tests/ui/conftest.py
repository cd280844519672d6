"""Fixtures for screen tests: checking table models with Qt's QAbstractItemModelTester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester


@pytest.fixture
def model_tester():
    """`model_tester(model)` watches a model for the whole test; any rule it breaks fails the test at the end."""
    failures: list[str] = []
    testers: list[QAbstractItemModelTester] = []

    def handler(mode, context, message):
        if context.category == "qt.modeltest":
            failures.append(message)
        elif previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)

    def watch(model: QAbstractItemModel) -> QAbstractItemModelTester:
        tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
        testers.append(tester)
        return tester

    yield watch
    qInstallMessageHandler(previous)
    assert not failures, failures[0]
