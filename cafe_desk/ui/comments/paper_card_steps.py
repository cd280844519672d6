"""The Comments page's part in typing in paper cards: opening the entry, saving each card through the comments
service (the phone comments' rules and risk finder) as one undoable step, and keeping the entry's count up to date."""

from __future__ import annotations

from cafe_desk.core.changes import Changes
from cafe_desk.core.model import Note
from cafe_desk.ui.comments.paper_cards import PaperCardsDialog

CARD_KEPT = "Card kept."
CARD_FLAGGED = ("Card kept. It may be from someone who needs support: it is marked ⚑ on the Comments page, to read "
                "with care.")


class PaperCardSteps:
    """Saves what the paper-card entry hands over. The page is a `Panel` (its café, services, `push` and messages)."""

    def __init__(self, page):
        self.page = page
        #: the entry, made when first opened for the café (closed, it keeps a card half typed for next time)
        self.dialog: PaperCardsDialog | None = None
        self._count = 0

    def open(self) -> PaperCardsDialog | None:
        """Show the entry over the page (its café open for changes); returns it, or None without a café."""
        page = self.page
        if not page.cafe:
            return None
        if self.dialog is None:
            self.dialog = PaperCardsDialog(page.undo_stack, page)
            self.dialog.sig_card.connect(self.keep)
        items, cafe_id = page.services.planning.items, page.cafe.id
        self.dialog.set_plan(items(cafe_id, "table"), items(cafe_id, "round"), items(cafe_id, "outcome"),
                             items(cafe_id, "group"))
        self.dialog.set_count(self._count)
        self.dialog.open()
        return self.dialog

    def forget(self) -> None:
        """Another café was opened: the next entry starts afresh for it."""
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def show_count(self, cards: int) -> None:
        """How many paper cards the café has, as the page's list shows them."""
        self._count = cards
        if self.dialog is not None:
            self.dialog.set_count(cards)

    def keep(self, text: str, consent: bool, table_id: str | None, round_id: str | None,
             outcome_id: str | None, group_id: str | None = None) -> None:
        """Save one card as one undoable step (undo deletes it, redo puts the same card back), then tell the entry
        how it went."""
        page, dialog = self.page, self.dialog
        if not page.cafe or dialog is None:
            return
        comments, notes, cafe_id = page.services.comments, page.services.notes, page.cafe.id
        kept: list[Note] = []

        def keep() -> Changes:
            if kept:
                return notes.restore(kept[0])
            note, changes = comments.add_paper(cafe_id, text, consent=consent, table_id=table_id,
                                               round_id=round_id, outcome_id=outcome_id, group_id=group_id)
            kept.append(note)
            return changes

        refused = page.push("Type in a paper card", keep, lambda: notes.delete(kept[0].id)[1])
        if refused is not None:
            dialog.card_refused(refused)
        else:
            dialog.card_saved(CARD_FLAGGED if kept[0].flag else CARD_KEPT)
