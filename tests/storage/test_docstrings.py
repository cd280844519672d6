"""Every public function and method in `storage/` says in its docstring what it does."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import cafe_desk.storage

STORAGE = Path(cafe_desk.storage.__file__).parent


def undocumented(source: str) -> list[str]:
    """Public functions and methods (of public classes, nested ones too) with no docstring or an empty one."""
    missing: list[str] = []

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if not node.name.startswith("_") and not (ast.get_docstring(node) or "").strip():
                    missing.append(f"{node.lineno} {prefix}{node.name}")
            elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                walk(node.body, f"{prefix}{node.name}.")

    walk(ast.parse(source).body, "")
    return missing


def test_every_public_storage_function_has_a_docstring():
    files = sorted(STORAGE.rglob("*.py"))
    assert len(files) > 5, f"expected the storage modules in {STORAGE}"
    missing = [f"{path.relative_to(STORAGE)}:{entry}"
               for path in files for entry in undocumented(path.read_text(encoding="utf-8"))]
    assert not missing, "public functions without a docstring:\n" + "\n".join(missing)


def test_the_check_finds_a_planted_undocumented_function():
    source = textwrap.dedent('''
        def documented():
            """Says what it does."""

        def planted(x):
            return x

        def _private():
            return 1

        async def fetch():
            pass

        def blank():
            """ """

        class Store:
            """A class."""

            def read(self):
                """Reads."""

            def write(self):
                pass

            def _helper(self):
                pass

            class Inner:
                def deep(self):
                    pass

        class _Hidden:
            def anything(self):
                pass
    ''')
    assert [entry.split(" ", 1)[1] for entry in undocumented(source)] == [
        "planted", "fetch", "blank", "Store.write", "Store.Inner.deep"]
