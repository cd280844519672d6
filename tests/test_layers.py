"""The layers in DESIGN.md hold: only storage/ talks SQL; ui/ reaches data only through services; server/ and the
pure formats of central/ stay below the screens and away from storage; services/ and server/ say what each public
function does."""

from __future__ import annotations

import ast
import sys
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


def reached(source: str) -> list[str]:
    """Every module the code imports, with `from a import b` also counted as `a.b` (b may be a module)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def offenders(folder: str, banned: tuple[str, ...], allowed: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Modules under `folder` that import something starting with one of `banned` (and not with one of `allowed`)."""
    found = {}
    for path in modules(folder):
        bad = sorted({n for n in reached(path.read_text(encoding="utf-8"))
                      if is_under(n, banned) and not is_under(n, allowed)})
        if bad:
            found[str(path.relative_to(PACKAGE))] = bad
    return found


def is_under(name: str, prefixes: tuple[str, ...]) -> bool:
    """Whether module `name` is one of `prefixes` or inside one of them."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def undocumented(source: str) -> list[str]:
    """Public module-level functions, and public methods (properties included) of public classes, with no docstring."""
    missing = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            if ast.get_docstring(node) is None:
                missing.append(node.name)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            missing += [f"{node.name}.{item.name}" for item in node.body
                        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and not item.name.startswith("_") and ast.get_docstring(item) is None]
    return missing


QT = ("PySide6", "shiboken6")
STORAGE = ("cafe_desk.storage", *SQL_MODULES)
SERVER_FOR_UI = ("cafe_desk.server.runner", "cafe_desk.server.addresses")
#: what pages never import: data, file formats and layouts are reached through services; values they share are in core/
UI_BANNED = (*STORAGE, "cafe_desk.central", "cafe_desk.server", "cafe_desk.export", "cafe_desk.reports")


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
    """Pages see services, never storage, the bundle, table or report formats, or the server's insides (only the
    server itself: start, stop and its addresses)."""
    assert offenders("ui", UI_BANNED, allowed=SERVER_FOR_UI) == {}


def test_server_reaches_data_only_through_services():
    assert offenders("server", (*STORAGE, "cafe_desk.ui", "cafe_desk.app", "cafe_desk.cli")) == {}


def test_central_formats_are_pure():
    assert offenders("central", (*QT, *STORAGE, "cafe_desk.services", "cafe_desk.ui", "cafe_desk.server")) == {}


def test_export_and_reports_are_pure():
    """Snapshots in, bytes out: the bundle and report formats never read the data themselves."""
    banned = (*QT, *STORAGE, "cafe_desk.services", "cafe_desk.ui", "cafe_desk.server")
    for folder in ("export", "reports"):
        assert offenders(folder, banned) == {}, folder


def test_nothing_below_the_screens_imports_qt():
    for folder in ("core", "storage", "services", "server", "central", "export", "reports"):
        assert offenders(folder, QT) == {}, folder


def test_services_and_server_say_what_each_public_function_does():
    missing = {str(p.relative_to(PACKAGE)): bad for folder in ("services", "server") for p in modules(folder)
               if (bad := undocumented(p.read_text(encoding="utf-8")))}
    assert missing == {}


def test_the_checks_would_see_an_offender():
    assert imported("import sqlite3\nfrom cafe_desk.storage.store import Store\n") == [
        "sqlite3", "cafe_desk.storage.store"]
    assert uses_connection("def f(store):\n    return store.conn.execute('SELECT 1')\n")
    assert not uses_connection("def f(conn):\n    return conn\n")


def test_the_layer_rules_would_see_a_planted_import(tmp_path, monkeypatch):
    """Each rule run over a copy of the package with one bad import planted in it."""
    import shutil

    copy = tmp_path / "cafe_desk"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", copy)
    plants = {
        "server/routes.py": ("from cafe_desk.storage.store import Store", (*STORAGE, "cafe_desk.ui")),
        "server/channel.py": ("from cafe_desk.ui.shell import ops", (*STORAGE, "cafe_desk.ui")),
        "central/bundle_reader.py": ("from PySide6.QtCore import QObject", (*QT, *STORAGE)),
        "central/tables_export.py": ("from cafe_desk.storage import rows", (*QT, *STORAGE)),
        "ui/central/keys_box.py": ("from cafe_desk.central.bundle_reader import local_id", UI_BANNED),
        "ui/run/phones_box.py": ("from cafe_desk.server import routes", UI_BANNED),
        "ui/export/review_model.py": ("from cafe_desk.export.cafe_export import preview", UI_BANNED),
        "ui/votes/voting_box.py": ("from cafe_desk.reports import ballot_cards", UI_BANNED),
        "export/cafe_export.py": ("from cafe_desk.services import Services", (*STORAGE, "cafe_desk.services")),
        "reports/ballot_cards.py": ("from cafe_desk.storage.store import Store", (*STORAGE, "cafe_desk.services")),
    }
    for rel, (line, banned) in plants.items():
        folder = rel.split("/")[0]
        allowed = SERVER_FOR_UI if folder == "ui" else ()
        assert offenders(folder, banned, allowed) == {}, rel
        target = copy / rel
        clean = target.read_text(encoding="utf-8")
        target.write_text(clean + f"\n\ndef planted():\n    {line}\n", encoding="utf-8")
        assert rel in offenders(folder, banned, allowed), rel
        target.write_text(clean, encoding="utf-8")


def test_the_docstring_rule_would_see_a_bare_function():
    source = ('"""A module."""\n\n\ndef said():\n    """Says."""\n\n\ndef bare():\n    pass\n\n\n'
              'def _private():\n    pass\n\n\nclass Thing:\n    """A thing."""\n\n    def __init__(self):\n'
              '        pass\n\n    @property\n    def size(self):\n        return 1\n\n    async def go(self):\n'
              '        """Goes."""\n\n    def _helper(self):\n        pass\n')
    assert undocumented(source) == ["bare", "Thing.size"]
