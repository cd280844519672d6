"""Commands of the command line that live in modules of their own (the older ones are in cli.py). Each module has
`NAME`, `add_parser(sub)` that adds its sub-command to argparse, and `run(services, args) -> int` that does it with a
registry open on the data file; raise `UserError` for a plain one-line message."""

from __future__ import annotations

import importlib

#: Module names in this package, in the order `cafe-desk --help` lists them.
MODULES: tuple[str, ...] = ("import_cafes", "printables", "report", "data", "search", "remove_cafe")


def modules():
    return [importlib.import_module(f"{__name__}.{name}") for name in MODULES]
