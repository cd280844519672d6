"""`cafe-desk report --central --out FILE.pdf|.docx`: the synthesis report over every imported café."""

from __future__ import annotations

from cafe_desk.core.errors import UserError


def add_arguments(parser) -> None:
    """Add the options only the synthesis report takes to the `report` command (none yet)."""


def run_central(services, args) -> int:
    """Write the synthesis report."""
    raise UserError("The synthesis report (report --central) is not built yet.")
