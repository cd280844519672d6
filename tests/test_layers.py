"""The layers in DESIGN.md hold: only storage/ talks SQL, and ui/ reaches data only through services."""

from __future__ import annotations

import ast
from pathlib import Path

import cafe_desk

PACKAGE = Path(cafe_desk.__file__).parent
SQL_MODULES = ("sqlite3", "sqlite_utils")


def imported(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def uses_connection(source: str) -> bool:
    """True when the code reaches for a database connection (`something.conn`)."""
    return any(isinstance(node, ast.Attribute) and node.attr == "conn" for node in ast.walk(ast.parse(source)))


def modules(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_only_storage_talks_sql():
    offenders = {}
    for path in modules():
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "storage":
            continue
        source = path.read_text(encoding="utf-8")
        bad = [n for n in imported(source) if n.split(".")[0] in SQL_MODULES]
        if bad or uses_connection(source):
            offenders[str(rel)] = bad or ["uses .conn"]
    assert offenders == {}


def test_ui_reaches_data_only_through_services():
    offenders = {str(p.relative_to(PACKAGE)): bad for p in modules("ui")
                 if (bad := [n for n in imported(p.read_text(encoding="utf-8"))
                             if n.startswith(("cafe_desk.storage", "cafe_desk.server.app"))])}
    assert offenders == {}


def test_the_checks_would_see_an_offender():
    assert imported("import sqlite3\nfrom cafe_desk.storage.store import Store\n") == [
        "sqlite3", "cafe_desk.storage.store"]
    assert uses_connection("def f(store):\n    return store.conn.execute('SELECT 1')\n")
    assert not uses_connection("def f(conn):\n    return conn\n")
