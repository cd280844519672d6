"""Votes typed in from paper: tallies per outcome (per table or room, optionally per group) and their totals."""

from __future__ import annotations

from cafe_desk.core.ballots import ballots_as_tallies
from cafe_desk.core.changes import Changes
from cafe_desk.core.model import Tally
from cafe_desk.core.votes import OutcomeTotal, check_count, check_level, summarise
from cafe_desk.services.base import ServiceBase


class VoteService(ServiceBase):
    def tallies(self, cafe_id: str) -> list[Tally]:
        """Every paper tally row of the café."""
        with self.store.read():
            return self.store.list_tallies(cafe_id)

    def count(self, cafe_id: str, outcome_id: str, table_id: str | None, group_id: str | None, level: int) -> int:
        """The paper count for one outcome, table, group and level (0 if none was entered)."""
        return next((t.count for t in self.tallies(cafe_id)
                     if (t.outcome_id, t.table_id, t.group_id, t.level) == (outcome_id, table_id, group_id, level)), 0)

    def set_tally(self, cafe_id: str, outcome_id: str, count, *, table_id: str | None = None,
                  group_id: str | None = None, level: int = 0) -> tuple[int, Changes]:
        """Record the count for one pile of paper; returns the previous count (for undo)."""
        cafe = self.writable(cafe_id)
        count = check_count(count)
        with self.store.read():
            n_outcomes = len(self.store.list_items("outcome", cafe.id))
        check_level(cafe.vote_method, level, n_outcomes)
        previous = self.count(cafe.id, outcome_id, table_id, group_id, level)
        if previous == count:
            return previous, Changes()
        with self.store.transaction():
            self.store.set_tally(cafe.id, Tally(outcome_id, table_id, group_id, level, count))
            self.store.audit(cafe.id, "tally", "outcome", outcome_id, table_id=table_id, group_id=group_id,
                             level=level, before=previous, after=count)
        return previous, Changes(votes=True)

    def totals(self, cafe_id: str, table_id: str | None = None, group_id: str | None = None) -> list[OutcomeTotal]:
        """Totals per outcome: paper tallies plus phone ballots (which count for the whole room, no group)."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            outcomes = self.store.list_items("outcome", cafe.id)
            tallies = self.store.list_tallies(cafe.id)
            if table_id is None and group_id is None:
                tallies += ballots_as_tallies(cafe.vote_method, self.store.list_ballots(cafe.id))
        return summarise(cafe.vote_method, outcomes, tallies, table_id, group_id)
