"""The café list: finding cafés, their counts, how far each has got on the day, what closing one would cut off,
closing (which stops its countdown) and reopening them, and which one was open last."""

from __future__ import annotations

import dataclasses

from cafe_desk.core.attendance import people_by_place
from cafe_desk.core.changes import Changes
from cafe_desk.core.closing import ClosingFacts
from cafe_desk.core.counts import VoteCounts
from cafe_desk.core.errors import ReadOnlyError
from cafe_desk.core.model import COMMENT_SOURCES, CafeSummary
from cafe_desk.core.run_order import CafeProgress
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.running import RunService
from cafe_desk.storage.rows import utc_now

LAST_CAFE_KEY = "last_cafe"
LAST_PAGE_KEY = "last_page"
IMPORTED_READ_ONLY = "An imported café can't be changed; it is kept exactly as it arrived."


class CafeService(ServiceBase):
    def __init__(self, store, running: RunService):
        super().__init__(store)
        self.running = running  # closing a café stops its countdown, in the same transaction

    def list(self, search: str = "") -> list[CafeSummary]:
        """Every café, newest date first, narrowed to those whose title, locality, date or code matches `search`; each
        says whether it was run here, imported, or is one of the sample cafés."""
        from cafe_desk.services.samples import sample_cafe_ids

        with self.store.read():
            rows, samples = self.store.list_cafes(search), sample_cafe_ids(self.store)
        return [dataclasses.replace(r, origin="sample") if r.id in samples else r for r in rows]

    def status(self, key: str) -> dict:
        """Counts for one café, as `cafe-desk status --json` prints them."""
        cafe = self.cafe(key)
        s = self.store
        with s.read():
            notes = s.note_counts(cafe.id)
            people = people_by_place(s.list_attendance(cafe.id), s.list_table_totals(cafe.id))
            comments = [n for source in COMMENT_SOURCES for n in s.list_notes(cafe.id, source=source)]
            votes = self._vote_counts(cafe)
            return {
                "id": cafe.id,
                "short_code": cafe.short_code,
                "title": cafe.title,
                "date": cafe.date,
                "locality": cafe.locality,
                "state": cafe.state,
                "tables": len(s.list_items("table", cafe.id)),
                "rounds": len(s.list_items("round", cafe.id)),
                "outcomes": len(s.list_items("outcome", cafe.id)),
                "notes": {"note-taker": notes.get("note-taker", 0), "participant": notes.get("participant", 0),
                          "paper": notes.get("paper", 0)},
                "points": notes.get("note-taker", 0),
                "summaries": notes.get("summary", 0),
                "comments": notes.get("participant", 0) + notes.get("paper", 0),
                "votes": votes.total,
                "paper_votes": votes.paper,
                "phone_ballots": votes.phone_ballots,
                "attendance": sum(people.values()),
                "hidden": sum(n.hidden for n in comments),
                "flagged": sum(bool(n.flag) for n in comments),
                "needs_care": sum(s.care_counts(cafe.id).values()),
            }

    def _vote_counts(self, cafe) -> VoteCounts:
        """The café's paper votes and phone ballots (inside a read). An imported café's come from the votes its file
        carried, as its import line counted them: its tallies fold the phone ballots' choices into whole-room totals,
        and it holds no ballots of its own."""
        s = self.store
        if s.cafe_origin(cafe.id) == "imported":
            record = s.import_record_for_cafe(cafe.id)
            if record is not None and record["votes"]:
                return VoteCounts.of_bundle(record["votes"], cafe.vote_method)
        return VoteCounts(cafe.vote_method, len(s.list_ballots(cafe.id)), sum(t.count for t in s.list_tallies(cafe.id)))

    def is_imported(self, cafe_id: str) -> bool:
        """Whether the café came in from a café file (read-only for good), rather than being run on this laptop."""
        with self.store.read():
            return self.store.cafe_origin(cafe_id) == "imported"

    def progress(self, cafe_id: str) -> CafeProgress:
        """How far the café has got on the day (planned, which round and how far into it, voting, what needs care,
        closed, exported), for the run order."""
        cafe = self.cafe(cafe_id)
        run = self.running.state(cafe.id)
        s = self.store
        with s.read():
            settings = s.channel_settings(cafe.id)
            exported_at = s.latest_export_at(cafe.id)
            return CafeProgress(
                closed=cafe.is_closed, imported=s.cafe_origin(cafe.id) == "imported",
                has_tables=bool(s.list_items("table", cafe.id)), rounds=len(run.rounds),
                has_outcomes=bool(s.list_items("outcome", cafe.id)), started=cafe.state == "running",
                round_number=run.index + 1, round_status=run.timer.status,
                voting_open=bool(settings.get("voting_open")),
                voting_started=bool(settings.get("voting_open")) or s.voting_ever_opened(cafe.id),
                needs_care=sum(s.care_counts(cafe.id).values()),
                exported=exported_at is not None,
                changed_since_export=exported_at is not None and s.changed_since(cafe.id, exported_at))

    def closing_facts(self, cafe_id: str, phones_open: bool) -> ClosingFacts:
        """How the café stands for the question asked before closing it (see `core.closing`), with phones able to
        reach it now or not (the screen knows: the channel to phones lives there)."""
        cafe = self.cafe(cafe_id)
        run = self.running.state(cafe.id)
        with self.store.read():
            voting_open = bool(self.store.channel_settings(cafe.id).get("voting_open"))
            needs_care = sum(self.store.care_counts(cafe.id).values())
        return ClosingFacts(rounds=len(run.rounds), round_number=run.index + 1, round_status=run.timer.status,
                            time_left_s=run.timer.remaining(self.running.clock()), needs_care=needs_care,
                            phones_open=phones_open and not cafe.is_closed, voting_open=voting_open)

    def close(self, cafe_id: str) -> Changes:
        """Make a café read-only (notes, votes and plan can no longer change) and stop its countdown where it is;
        reopening leaves the countdown stopped."""
        cafe = self.cafe(cafe_id)
        if cafe.is_closed:
            return Changes()
        with self.store.transaction():
            self.running.stop_countdown(cafe.id)
            self.store.update_cafe(cafe.id, state="closed", updated_at=utc_now())
            self.store.audit(cafe.id, "close", "cafe", cafe.id, previous=cafe.state)
        return Changes(cafes=True, plan=True, run=True)

    def reopen(self, cafe_id: str) -> Changes:
        """Reopen a closed café so it can be changed again; ReadOnlyError for an imported one."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            imported = self.store.cafe_origin(cafe.id) == "imported"
        if imported:
            raise ReadOnlyError(IMPORTED_READ_ONLY)
        if not cafe.is_closed:
            return Changes()
        with self.store.transaction():
            state = "running" if self.store.get_run_state(cafe.id)[0] else "planning"
            self.store.update_cafe(cafe.id, state=state, updated_at=utc_now())
            self.store.audit(cafe.id, "reopen", "cafe", cafe.id)
        return Changes(cafes=True, plan=True, run=True)

    def remember_last(self, cafe_id: str | None) -> None:
        """Remember the open café (or none) for the next start."""
        with self.store.transaction():
            self.store.set_state(LAST_CAFE_KEY, cafe_id or "")

    def last(self) -> str | None:
        """The café that was open when the app last closed, if it still exists."""
        with self.store.read():
            key = self.store.get_state(LAST_CAFE_KEY) or None
            return key if key and self.store.get_cafe(key) else None

    def remember_page(self, page: str) -> None:
        """Remember the page shown, for the next start."""
        with self.store.transaction():
            self.store.set_state(LAST_PAGE_KEY, page)

    def last_page(self) -> str | None:
        """The page shown when the app last closed, or None."""
        with self.store.read():
            return self.store.get_state(LAST_PAGE_KEY) or None
