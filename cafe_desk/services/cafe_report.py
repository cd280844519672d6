"""The café summary report: gathers one café into a `CafeSummary` and writes it as a PDF.

The anonymised text, the items left out and the counts held back to protect small groups all come from the very
files an export would write (`services.exporting.build`, with the same review choices), so the report and the bundle
can never say different things. The full version takes the text as it was typed instead, and says so on every page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path

from cafe_desk.core.ballots import people_recorded
from cafe_desk.core.counts import Counts, counted, label, what
from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.core.exports import CafeSnapshot, ExportResult
from cafe_desk.core.model import COMMENT_SOURCES, VOTE_METHOD_LABELS, Outcome, Tally
from cafe_desk.core.redaction import KIND_WORDS, Overrides
from cafe_desk.core.safeguarding import held_back
from cafe_desk.core.votes import summarise
from cafe_desk.platforms import finishing, replace_file
from cafe_desk.reports.cafe_summary_model import (
    ALL_TABLES,
    Attendance,
    CafeSummary,
    CarriedForward,
    Comment,
    GroupVotes,
    Point,
    Question,
    TableNotes,
    VoteRow,
)
from cafe_desk.services.files import write_beside

STATES = {"planning": "Being planned", "running": "Running", "closed": "Closed"}
CANCELLED = "The café summary was cancelled; nothing was saved."


def _json(result: ExportResult, name: str):
    return json.loads(result.files[name])


def _lines(result: ExportResult, name: str) -> list[dict]:
    return [json.loads(line) for line in result.files[name].decode("utf-8").splitlines() if line.strip()]


def _long_date(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return f"{day:%A} {day.day} {day:%B %Y}"


class CafeReportService:
    """Built on the other services: `services.cafe_report`."""

    def __init__(self, services):
        self.services = services

    def summary(self, cafe_key: str, *, full: bool = False, include_flagged: bool = False,
                leave_out: AbstractSet[str] = frozenset(), overrides: Overrides | None = None) -> CafeSummary:
        """What the report shows of the café. Anonymised unless `full`; `include_flagged`, `leave_out` and
        `overrides` are the facilitator's review choices, exactly as for an export."""
        exporting = self.services.exporting
        snap = exporting.snapshot(cafe_key)
        result = exporting.build(snap.cafe.id, include_flagged=include_flagged, leave_out=leave_out,
                                 overrides=overrides)
        return _Gatherer(snap, result, full).summary()

    def write_pdf(self, cafe_key: str, target: str | Path, *, full: bool = False, include_flagged: bool = False,
                  leave_out: AbstractSet[str] = frozenset(), overrides: Overrides | None = None,
                  cancelled: Callable[[], bool] = lambda: False,
                  progress: Callable[[int, int], None] = lambda done, total: None) -> Path:
        """Write the café summary to `target` (a PDF), whole or not at all: a Cancelled once `cancelled()` turns
        true, a UserError with one plain line if the folder is missing or can't be written; returns `target`."""
        from cafe_desk.reports.cafe_summary import cafe_summary_pdf

        target = Path(target)
        if not target.parent.is_dir():
            raise UserError(f"The folder {target.parent} isn't there, so the report was not saved. "
                            "Please choose another folder.")
        progress(0, 100)
        summary = self.summary(cafe_key, full=full, include_flagged=include_flagged, leave_out=leave_out,
                               overrides=overrides)
        if cancelled():
            raise Cancelled(CANCELLED)
        progress(10, 100)

        def laid_out(done: int, total: int) -> None:
            if done % 50 == 0 or done == total:
                progress(10 + 85 * min(done, total) // max(total, 1), 100)
                if cancelled():
                    raise Cancelled(CANCELLED)

        data = cafe_summary_pdf(summary, laid_out)
        try:
            temp = write_beside(target, data)
        except OSError as exc:
            raise _unsaved(target, exc) from None
        try:
            if cancelled():
                raise Cancelled(CANCELLED)
            finishing()
            replace_file(temp, target)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise _unsaved(target, exc) from None
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        progress(100, 100)
        return target


def _unsaved(target: Path, exc: OSError) -> UserError:
    if isinstance(exc, PermissionError):
        return UserError(f"The folder {target.parent} can't be written to, so the report was not saved. "
                         "Please choose another folder.")
    return UserError(f"{target.name} could not be saved ({exc.strerror or 'the disk said no'}); nothing was written.")


class _Gatherer:
    """Reads the export's files (and, for the full version, the text as typed) into a CafeSummary."""

    def __init__(self, snap: CafeSnapshot, result: ExportResult, full: bool):
        self.snap, self.result, self.full = snap, result, full
        self.cafe_file = _json(result, "cafe.json")
        self.rows = _lines(result, "notes.jsonl")
        typed = {n.id: n.text or "" for n in snap.notes}
        self.text = {r["id"]: typed.get(r["id"], r["text"]) if full else r["text"] for r in self.rows}
        names = {t["number"]: t["name"] for t in _json(result, "tables.json")}
        self.tables = {t.number: f"Table {t.number}" + (f" — {n}" if (n := t.name if full else names.get(t.number))
                                                        else "") for t in snap.tables}
        clean_groups = {g["id"]: g["name"] for g in _json(result, "groups.json")}
        self.groups = {g.id: g.name if full else clean_groups.get(g.id, g.name) for g in snap.groups}
        self.group_by_written = {clean_groups.get(g.id, g.name): self.groups[g.id] for g in snap.groups}
        clean_outcomes = {o["id"]: o["title"] for o in _json(result, "outcomes.json")}
        self.outcomes = [o if full else Outcome(o.id, o.cafe_id, o.position, clean_outcomes.get(o.id, o.title))
                         for o in snap.outcomes]

    def summary(self) -> CafeSummary:
        cafe = self.snap.cafe
        title = cafe.title if self.full else self.cafe_file["title"]
        votes, by_group, suppressed = self._votes()
        return CafeSummary(title=title, facts=self._facts(), questions=self._questions(),
                           attendance=self._attendance(), attendance_hidden=self.result.suppressed,
                           notes=self._notes(), carried=self._carried(),
                           vote_method=VOTE_METHOD_LABELS.get(cafe.vote_method, cafe.vote_method), votes=votes,
                           votes_by_group=by_group, groups_suppressed=suppressed, comments=self._comments(),
                           removed=self._removed(), left_out=self._left_out(), full=self.full)

    def _facts(self) -> tuple[tuple[str, str], ...]:
        cafe, snap = self.snap.cafe, self.snap
        method = VOTE_METHOD_LABELS.get(cafe.vote_method, cafe.vote_method)
        if cafe.vote_method == "dots":
            method += f" ({cafe.dots_per_person} per person)"
        included = Counts.of((r["source"], r["kind"]) for r in self.rows)
        return (
            ("Date", _long_date(cafe.date)),
            ("Town or area", cafe.locality if self.full else self.cafe_file["locality"]),
            ("Short code", cafe.short_code),
            ("State", STATES.get(cafe.state, cafe.state)),
            ("Tables", str(len(snap.tables))),
            ("Rounds", str(len(snap.rounds))),
            ("People recorded", f"{people_recorded(snap.attendance):,} (the busiest round, all tables)"),
            ("Vote method", method),
            ("Recorded", f"{included.phrase(always=('point', 'summary', 'comment'))}; {self.result.votes.phrase()}"),
            ("This version", "Full: contains personal data — not for sharing" if self.full else
             "Anonymised: names, contact details and other personal data replaced, as in the export"),
            ("Made", _long_date(dt.date.today().isoformat())),
        )

    def _questions(self) -> tuple[Question, ...]:
        written = {p["round"]: p for p in _json(self.result, "prompts.json")}
        out = []
        for r in self.snap.rounds:
            p = written.get(r.number, {})
            prompt, follow = (r.prompt, r.follow_ups) if self.full else (p.get("prompt", ""), p.get("follow_ups", ()))
            out.append(Question(r.number, prompt, tuple(follow)))
        return tuple(out)

    def _attendance(self) -> tuple[Attendance, ...]:
        """Each round's people by group over every table ("All tables", as the export wrote them), then each
        table's total per round (with its counts by group only from files that still wrote them)."""
        places: dict[tuple[int | None, int], dict] = {}
        for row in _json(self.result, "attendance.json"):
            place = places.setdefault((row["table"], row["round"] or 0), {"counts": {}, "total": 0})
            if row["group"] is None:
                place["total"] = row["count"] or 0
            else:
                place["counts"][self.group_by_written.get(row["group"], row["group"])] = row["count"]
        for (table, rnd), place in places.items():
            if table is not None:
                whole = places.get((None, rnd))
                if whole is not None:
                    whole["total"] += place["total"]
        order = [self.groups[g.id] for g in self.snap.groups]
        return tuple(Attendance(ALL_TABLES if t is None else self.tables.get(t, f"Table {t}"), r,
                                tuple((g, p["counts"].get(g)) for g in order) if p["counts"] else (), p["total"])
                     for (t, r), p in sorted(places.items(), key=lambda kv: (kv[0][0] is not None, kv[0][0] or 0,
                                                                             kv[0][1])))

    def _notes(self) -> tuple[TableNotes, ...]:
        points: dict[int | None, dict[int | None, list[Point]]] = {}
        for row in self.rows:
            if what(row["source"], row["kind"]) == "point":
                points.setdefault(row["table"], {}).setdefault(row["round"], []).append(
                    Point(self.text[row["id"]], bool(row["is_quote"])))
        rounds = [r.number for r in self.snap.rounds]
        out = []
        for number in [*sorted(self.tables), *(k for k in points if k not in self.tables)]:
            at = points.get(number, {})
            listed = [*rounds, *(k for k in at if k not in rounds)]
            out.append(TableNotes(self.tables.get(number, "Not at a table"),
                                  tuple((f"Round {r}" if r is not None else "No round", tuple(at.get(r, ())))
                                        for r in listed)))
        return tuple(out)

    def _carried(self) -> tuple[CarriedForward, ...]:
        rows = [r for r in self.rows if what(r["source"], r["kind"]) == "summary" and self.text[r["id"]].strip()]
        rows.sort(key=lambda r: (r["table"] or 0, r["round"] or 0))
        return tuple(CarriedForward(self.tables.get(r["table"], "Not at a table"),
                                    f"Round {r['round']}" if r["round"] is not None else "", self.text[r["id"]])
                     for r in rows)

    def _comments(self) -> tuple[Comment, ...]:
        return tuple(Comment(self.text[r["id"]], label(r["source"], r["kind"]),
                             f"round {r['round']}" if r["round"] is not None else "")
                     for r in self.rows if r["source"] in COMMENT_SOURCES)

    def _votes(self) -> tuple[tuple[VoteRow, ...], tuple[GroupVotes, ...], int]:
        written = _json(self.result, "votes.json")
        method = self.snap.cafe.vote_method
        if not self.result.votes.total:
            return (), (), written.get("groups_suppressed", 0)
        tallies = [Tally(o["id"], None, None, int(level), n) for o in written["outcomes"]
                   for part in ("paper", "phone") for level, n in o[part].items()]
        rows = tuple(VoteRow(t.title, t.score, t.detail) for t in summarise(method, self.outcomes, tallies))
        groups = []
        for g in written["by_group"]:
            split = [Tally(o["id"], None, None, int(level), n)
                     for o in g["outcomes"] for level, n in o["paper"].items()]
            groups.append(GroupVotes(self.group_by_written.get(g["group"], g["group"]), g["voters"],
                                     tuple(VoteRow(t.title, t.score, t.detail)
                                           for t in summarise(method, self.outcomes, split))))
        return rows, tuple(groups), written["groups_suppressed"]

    def _removed(self) -> tuple[str, ...]:
        return tuple(f"{n:,} {KIND_WORDS.get(k, (k, k))[n != 1]}" for k, n in self.result.redactions.most_common()
                     if n)

    def _left_out(self) -> tuple[str, ...]:
        kept = {r["id"] for r in self.rows}
        reasons: dict[str, dict[str, int]] = {}
        for note in self.snap.notes:
            if note.id in kept:
                continue
            reason = ("hidden by the facilitator" if note.hidden else
                      "held back until someone follows them up" if held_back(note) else "left out in the review")
            word = what(note.source, note.kind)
            reasons.setdefault(reason, {}).setdefault(word, 0)
            reasons[reason][word] += 1
        return tuple(f"{counted(n, word)} {reason}" for reason, words in reasons.items() for word, n in words.items())
