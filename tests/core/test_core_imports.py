"""core/ holds pure rules: no module under cafe_desk/core may import Qt or SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import cafe_desk.core

FORBIDDEN = ("PySide6", "sqlite3", "sqlite_utils")
CORE = Path(cafe_desk.core.__file__).parent


def forbidden_imports(source: str) -> list[str]:
    """Top-level names of forbidden modules imported anywhere in `source` (including inside functions)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in FORBIDDEN]
    return found


def test_the_checker_spots_forbidden_imports():
    source = "import os\nimport sqlite3\ndef f():\n    from PySide6.QtCore import QObject\nimport sqlite_utils.db\n"
    assert sorted(forbidden_imports(source)) == ["PySide6.QtCore", "sqlite3", "sqlite_utils.db"]
    assert forbidden_imports("from . import sqlite3\nimport json\n") == []


def test_core_imports_neither_qt_nor_sql():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 5
    offenders = {str(f.relative_to(CORE)): bad for f in files
                 if (bad := forbidden_imports(f.read_text(encoding="utf-8")))}
    assert offenders == {}
