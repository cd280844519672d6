"""Building the ranking index when a search found it behind the imported cafés (the first search after a large
import, or after its folder was deleted): through the ops helper, off the GUI thread, with progress and Cancel.
Searches are right meanwhile (FTS5 answers them), only slower."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from cafe_desk.services import ServicesOpener
from cafe_desk.ui.shell.ops import Op, run_op


def build_search_index(parent: QWidget, open_services: ServicesOpener, say: Callable[[str], None]) -> Op:
    """Start bringing the ranking index up to date; `say` gets one line when it is done, failed or stopped."""

    def work(ctx) -> bool:
        with open_services() as services:
            return services.synthesis.update_search_index(ctx.progress, ctx.cancelled)

    def done(ready: bool) -> None:
        say("Search is ready for every imported café." if ready else
            "The search index is being written by another window; searches still work, only slower.")

    return run_op(parent, "Preparing search over every imported café…", work, done, say,
                  on_cancel=lambda: say("Stopped preparing search; searches still work, only slower."))
