"""Printing a café's paper twins of its digital routes (poster, table tent cards, comment cards, vote sheets,
note-takers' sheets): the snapshot the drawing needs, a first-page preview, and the PDF saved whole or not at all.
QR codes follow the address rule (`core.phone_address`): phones must be able to reach the address, and the café
remembers it as where its printed codes point."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cafe_desk.core.errors import Cancelled, UserError, ValidationError
from cafe_desk.core.model import AGREEMENT_LABELS, Cafe
from cafe_desk.core.participant_words import CONSENT, SUPPORT_HEADING
from cafe_desk.core.phone_address import PhoneAddress, phone_address
from cafe_desk.core.safeguarding import parse_support_lines
from cafe_desk.platforms import replace_file
from cafe_desk.reports.printables.snapshot import KINDS as KINDS  # what can be printed, for screens and the CLI
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.files import write_beside

if TYPE_CHECKING:
    from cafe_desk.reports.printables.snapshot import PrintSnapshot, Selection
    from cafe_desk.services import Services

PRINTING = "the printables"
CANCELLED = "Printing cancelled; nothing was saved."
MAX_COPIES = 2000
#: (kind, what it needs, the line when the café has none of it)
NEEDS = (
    ("tables", "tables", "This café has no tables yet: add them on the Plan page, or leave out the table cards."),
    ("note-sheets", "tables", "This café has no tables yet: add them on the Plan page, or leave out the note-taker "
                              "sheets."),
    ("vote-sheets", "outcomes", "This café has no outcomes to vote on yet: add them on the Plan page, or leave out "
                                "the vote sheets."),
)


class PrintablesService(ServiceBase):
    def __init__(self, services: Services):
        super().__init__(services.store)
        self.services = services

    def selection(self, kinds: Sequence[str], comment_cards: int = 4, vote_sheets: int = 1) -> Selection:
        """The printables chosen, checked: at least one known kind, and 1 to 2,000 of each copy count asked for
        (ValidationError with one plain line otherwise)."""
        from cafe_desk.reports.printables.snapshot import Selection

        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValidationError(f"“{unknown[0][:40]}” isn't something Café Desk prints; choose from "
                                  f"{', '.join(KINDS)}.")
        if not kinds:
            raise ValidationError("Choose at least one thing to print.")
        for count, what, kind in ((comment_cards, "comment cards", "comment-cards"),
                                  (vote_sheets, "vote sheets", "vote-sheets")):
            if kind in kinds and not 1 <= count <= MAX_COPIES:
                raise ValidationError(f"Print between 1 and {MAX_COPIES:,} {what} at a time.")
        return Selection(tuple(k for k in KINDS if k in kinds), comment_cards, vote_sheets)

    def default_address(self, cafe_id: str) -> PhoneAddress | None:
        """Where the café's QR codes should point without being told: where it is open to phones now, else the
        address its cards were printed with last; None when there is neither."""
        now = self.services.phone_address.open_now(cafe_id)
        with contextlib.suppress(ValidationError):
            if now is not None:
                return phone_address(now, PRINTING)
        return self.services.phone_address.printed(cafe_id)

    def snapshot(self, cafe_id: str, address: PhoneAddress | str | None) -> PrintSnapshot:
        """What the printables are drawn from; `address` None prints without QR codes (and without links).
        ValidationError (one plain line) for an address phones can't reach."""
        from cafe_desk.reports.printables.snapshot import PrintSnapshot, Question, TableCard
        from cafe_desk.services.qr_codes import wifi_payload

        cafe = self.cafe(cafe_id)
        reach = phone_address(address, PRINTING) if address is not None else None
        if reach is not None and cafe.is_closed:
            raise ValidationError(f"“{cafe.title}” is closed, so phones can't reach it: reopen it, or print without "
                                  "QR codes.")
        planning, channel = self.services.planning, self.services.channel
        tables = planning.items(cafe.id, "table")
        settings = channel.settings(cafe.id) if reach is not None else None
        hosts = channel.host_tokens(cafe.id) if reach is not None and tables else {}
        name, password, security = channel.wifi()
        with self.store.read():  # not channel.settings: that gives a café its link secret, a write
            support = self.store.channel_settings(cafe.id).get("support_lines")
        return PrintSnapshot(
            title=cafe.title, short_code=cafe.short_code, date=cafe.date, locality=cafe.locality,
            tables=tuple(TableCard(t.number, t.label, reach.host_url(hosts[t.id]) if reach else "") for t in tables),
            questions=tuple(Question(r.number, r.prompt) for r in planning.items(cafe.id, "round")),
            outcomes=tuple(o.title for o in planning.items(cafe.id, "outcome")),
            groups=tuple(g.name for g in planning.items(cafe.id, "group")),
            vote_method=cafe.vote_method, dots_per_person=cafe.dots_per_person,
            agreement_labels=tuple(AGREEMENT_LABELS.items()),
            support_heading=SUPPORT_HEADING, support_lines=parse_support_lines(support),
            consent_words=CONSENT,
            comment_url=reach.comment_url(settings.token) if reach and settings else "",
            wifi_name=name, wifi_password=password if security != "nopass" else "",
            wifi_payload=wifi_payload(name, password, security) if name else "",
        )

    def preview(self, cafe_id: str, selection: Selection, address: PhoneAddress | str | None, dpi: int = 72
                ) -> bytes:
        """A picture (PNG, `dpi` dots per inch) of the first page `save` would write, to show before saving."""
        from cafe_desk.reports.printables.document import first_page_png

        snap = self.snapshot(cafe_id, address)
        self._check_contents(snap, selection)
        return first_page_png(snap, selection, dpi)

    def save(self, cafe_id: str, selection: Selection, target: str | Path, address: PhoneAddress | str | None, *,
             cancelled: Callable[[], bool] = lambda: False,
             progress: Callable[[int, int], None] = lambda done, total: None) -> Path:
        """Draw the chosen printables and save them as one A4 PDF at `target`; returns `target`. With an `address`
        (host:port where phones reach this laptop) the QR codes point there and the café remembers it as where its
        printed codes point; with None they are left out.

        All or nothing: the PDF is written whole beside `target`, then moved into place. Cancelled once
        `cancelled()` turns true before the end (no file); UserError with one plain line for a café or address that
        can't be used, a missing folder, or a file that can't be saved."""
        from cafe_desk.reports.printables.document import printables_pdf

        target = Path(target)
        if target.is_dir():
            raise UserError(f"{target} is a folder; please give a file name inside it.")
        if not target.parent.is_dir():
            raise UserError(f"The folder {target.parent} isn't there; please choose another one.")
        cafe = self.cafe(cafe_id)
        snap = self.snapshot(cafe.id, address)
        self._check_contents(snap, selection)

        def page_done(done: int, total: int) -> None:
            progress(done, total + 1)  # the last step is saving the file
            if cancelled():
                raise Cancelled(CANCELLED)

        data = printables_pdf(snap, selection, page_done)
        try:
            temp = write_beside(target, data)
        except OSError as exc:
            raise _unsaved(target, exc) from None
        try:
            if cancelled():
                raise Cancelled(CANCELLED)
            if address is None:
                replace_file(temp, target)
            else:
                self._remember_and_move(cafe, phone_address(address, PRINTING), selection, temp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise _unsaved(target, exc) from None
            raise
        progress(1, 1)
        return target

    def _remember_and_move(self, cafe: Cafe, address: PhoneAddress, selection: Selection, temp: Path,
                           target: Path) -> None:
        """Remember where the printed codes point, moving the file into place inside the same transaction: if the
        move fails, nothing is remembered."""
        with self.store.transaction():
            self.store.set_qr_printed_address(cafe.id, str(address))
            self.store.audit(cafe.id, "print", "cafe", cafe.id, address=str(address), kinds=",".join(selection.kinds))
            replace_file(temp, target)

    @staticmethod
    def _check_contents(snap: PrintSnapshot, selection: Selection) -> None:
        for kind, needs, line in NEEDS:
            if kind in selection.kinds and not getattr(snap, needs):
                raise ValidationError(line)


def _unsaved(target: Path, exc: OSError) -> UserError:
    return UserError(f"The printables couldn't be saved to {target} ({exc.strerror or exc}); please choose another "
                     "folder.")
