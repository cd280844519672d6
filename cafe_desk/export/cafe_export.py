"""One café's anonymised bundle files: what leaves the laptop, with names and contact details redacted.

Left out entirely: facilitator and voter identities, link tokens, the hashing salt, ballot hashes, the Wi-Fi details,
exact clock times (notes carry minutes from the café's start), hidden items, and flagged comments unless asked for.
Counts by group follow core/small_counts.py: a count of 1 to 4 people is never written, nor is any count that the
total minus the written ones would give back. Attendance: each table's total per round, and the café's groups over
every table in one round as a set whose total is known (the tables' totals); hidden counts are null. A table's
groups are never written: beside the café's, a hidden count of either could be worked back from the other. Votes:
the groups of the paper votes are a set whose total is in the bundle (the paper totals per outcome), with the votes
nobody split by group as a part that is never shown on its own; a hidden group's split is left out and counted in
`groups_suppressed`.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from cafe_desk.core.ballots import ballots_as_tallies
from cafe_desk.core.counts import Counts, VoteCounts
from cafe_desk.core.exports import CafeSnapshot, ExportResult
from cafe_desk.core.model import Note, Tally
from cafe_desk.core.redaction import (
    KIND_WORDS,
    NO_CHOICES,
    REPLACEMENTS,
    Overrides,
    PreviewItem,
    RedactionChoices,
    chosen_spans,
    replaced,
    whole_words,
)
from cafe_desk.core.safeguarding import held_back
from cafe_desk.core.small_counts import hidden_counts
from cafe_desk.core.vote_synthesis import Pile, estimate_voters
from cafe_desk.export import bundle
from cafe_desk.export.anonymise import CafeRedactor

__all__ = ["KIND_WORDS", "REPLACEMENTS", "ExportResult", "Overrides", "PreviewItem", "RedactionChoices", "build",
           "chosen_spans", "exported_at", "preview", "replaced", "whole_words"]

README = """Café Desk bundle: the anonymised record of one conversation café.

manifest.json    what is in this bundle: format, version, export id, café id and short code, each file's SHA-256
                 and record count, how many pieces of personal data were removed (by kind) and how many items were
                 left out, and a one-off secret the central team's receipt carries back to show the bundle was opened.
manifest.sig     the facilitator's signature of manifest.json (Ed25519) and their public signing key.
cafe.json        the café's title, date and locality.
prompts.json     the questions asked in each round.
outcomes.json    the outcomes people voted on.
tables.json      the tables, by number (and name, if they had one).
groups.json      the groups people could say they belong to.
themes.json      the themes notes were tagged with.
notes.jsonl      one note or comment a line: table and round number, source, text, tags, and minutes from the
                 café's start. Names, named workplaces and schools, contact details, addresses and health or NI
                 numbers are replaced by [NAME], [PLACE], [PHONE] and so on ([REDACTED]: another personal detail
                 the facilitator removed). Hidden comments are not included.
votes.json       vote totals per outcome: paper tallies and phone ballots added up (no individual ballots), and
                 the paper tallies split by group where a group had at least 5 voters and its split can't be worked
                 out from the totals (groups_suppressed: how many groups' splits were held back for either reason).
attendance.json  each table's total people per round (group null), and per round the people by group over all
                 the tables (table null); a count is null where it was 1 to 4, or where the round's total minus
                 the other counts would give one back. People by group at one table are not included.
"""


class _Redactor:
    """redact() with the café's own names added, and the names found in any of its notes, counting what it removes."""

    def __init__(self, extra_names: Iterable[str], notes: Iterable[Note]):
        self.cafe = CafeRedactor([n.text or "" for n in notes], extra_names)
        self.counts: Counter = Counter()

    def __call__(self, text: str, *, extra: bool = True, choices: RedactionChoices = NO_CHOICES) -> str:
        result = self.cafe(text or "", extra=extra)
        if not choices:
            self.counts.update(result.counts)
            return result.text
        spans = chosen_spans(text or "", result.spans, choices)
        self.counts.update(s.kind for s in spans)
        return replaced(text or "", spans)


def _minutes(note: Note, start: dt.datetime | None) -> int | None:
    when = _parse_time(note.created_at)
    if when is None or start is None:
        return None
    return int((when - start).total_seconds() // 60)


def _parse_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None


def build(snap: CafeSnapshot, *, include_flagged: bool = False,
          today: dt.date | None = None, leave_out: AbstractSet[str] = frozenset(),
          overrides: Overrides | None = None) -> ExportResult:
    """The anonymised files of one café, from its snapshot (`snap.started_at`: when its first round started).
    `leave_out`: ids of notes the facilitator chose to leave out (counted in the manifest as "by_facilitator").
    `overrides`: note id -> the facilitator's changes to its redactions (counted as they are made)."""
    overrides = overrides or {}
    cafe, tables, rounds, groups = snap.cafe, snap.tables, snap.rounds, snap.groups
    clean = _Redactor([t.name for t in tables], snap.notes)
    notes, left_out, left = [], Counter({"hidden": 0, "flagged": 0, "by_facilitator": 0}), []
    for note in snap.notes:
        if note.hidden:
            left_out["hidden"] += 1
        elif held_back(note) and (not include_flagged or note.id in leave_out):
            left_out["flagged"] += 1
        elif note.id in leave_out:
            left_out["by_facilitator"] += 1
        else:
            notes.append(note)
            continue
        left.append(note)
    start = _parse_time(snap.started_at or "") or min(
        (t for t in (_parse_time(n.created_at) for n in notes) if t), default=None)
    table_no = {t.id: t.number for t in tables}
    round_no = {r.id: r.number for r in rounds}
    group_name = {g.id: clean(g.name) for g in groups}
    theme_name = {t.id: clean(t.name) for t in snap.themes}
    rows = [{
        "id": n.id, "table": table_no.get(n.table_id), "round": round_no.get(n.round_id), "source": n.source,
        "kind": n.kind, "text": clean(n.text, choices=overrides.get(n.id, NO_CHOICES)), "is_quote": n.is_quote,
        "outcome_ids": sorted(n.outcome_ids),
        "themes": sorted(theme_name[t] for t in n.theme_ids if t in theme_name), "group": group_name.get(n.group_id),
        "minutes_from_start": _minutes(n, start), "consent": n.consent,
    } for n in notes]
    attendance, suppressed = _attendance(snap, table_no, round_no, group_name)
    votes = _votes(snap, group_name)
    files = {
        "cafe.json": bundle.dumps({"title": clean(cafe.title), "date": cafe.date, "locality": clean(cafe.locality),
                                   "vote_method": cafe.vote_method, "dots_per_person": cafe.dots_per_person}),
        "prompts.json": bundle.dumps([{"round": r.number, "prompt": clean(r.prompt),
                                       "follow_ups": [clean(f) for f in r.follow_ups],
                                       "minutes": round(r.duration_s / 60, 1)} for r in rounds]),
        "outcomes.json": bundle.dumps([{"id": o.id, "position": o.position, "title": clean(o.title)}
                                       for o in snap.outcomes]),
        "tables.json": bundle.dumps([{"number": t.number, "name": clean(t.name, extra=False)} for t in tables]),
        "groups.json": bundle.dumps([{"id": g.id, "position": g.position, "name": group_name[g.id]} for g in groups]),
        "themes.json": bundle.dumps([{"id": t.id, "name": theme_name[t.id], "description": clean(t.description)}
                                     for t in snap.themes]),
        "notes.jsonl": bundle.dumps_lines(rows),
        "votes.json": bundle.dumps(votes),
        "attendance.json": bundle.dumps(attendance),
        "README.txt": README.encode("utf-8"),
    }
    redactions = +clean.counts
    if not left_out["by_facilitator"]:
        del left_out["by_facilitator"]
    files = bundle.with_manifest(
        files, export_id=str(uuid.uuid4()), cafe_id=cafe.id, cafe_code=cafe.short_code,
        created=(today or dt.date.today()).isoformat(), exported_at=exported_at(), receipt_secret=secrets.token_hex(32),
        redactions=dict(sorted(redactions.items())), left_out=dict(left_out), suppressed=suppressed)
    return ExportResult(files, cafe.title, Counts.of_notes(notes), redactions, dict(left_out), suppressed,
                        Counts.of_notes(left), VoteCounts.of_bundle(votes, cafe.vote_method))


def preview(snap: CafeSnapshot, overrides: Overrides | None = None) -> list[PreviewItem]:
    """Every note and comment of the café, with the redactions `build` would make (same names, same rules, a name
    found in one note removed from all);
    `overrides` (note id -> the facilitator's choices) are carried by each item, and its `removed` follows them."""
    overrides = overrides or {}
    cafe = CafeRedactor([n.text or "" for n in snap.notes], [t.name for t in snap.tables])
    table_no = {t.id: t.number for t in snap.tables}
    round_no = {r.id: r.number for r in snap.rounds}
    return [PreviewItem(n.id, n.source, n.kind, table_no.get(n.table_id), round_no.get(n.round_id), n.text or "",
                        cafe(n.text or "").spans, "hidden" if n.hidden else "flagged" if held_back(n) else "",
                        overrides.get(n.id, NO_CHOICES), n.flag) for n in snap.notes]


def exported_at(now: dt.datetime | None = None) -> str:
    """When the export was made, UTC, in ISO 8601 basic format ("20260314T154502.123456Z"): sorts as text, so a
    newer export of the same café can be told from an older one, and never looks like the notes' own clock times."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def _votes(snap: CafeSnapshot, group_names: dict[str, str]) -> dict:
    """Per outcome and level: paper tallies added up, and phone ballots added up. No ballot, token or hash."""
    cafe = snap.cafe
    outcomes = [o.id for o in snap.outcomes]
    paper: dict[str, Counter] = {o: Counter() for o in outcomes}
    phone: dict[str, Counter] = {o: Counter() for o in outcomes}
    tallies = snap.tallies
    for t in tallies:
        if t.outcome_id in paper:
            paper[t.outcome_id][t.level] += t.count
    ballots = snap.ballots
    for t in ballots_as_tallies(cafe.vote_method, ballots):
        if t.outcome_id in phone:
            phone[t.outcome_id][t.level] += t.count
    by_group, held_back = _votes_by_group(cafe, tallies, outcomes, group_names)
    return {
        "method": cafe.vote_method, "phone_ballots": len(ballots),
        "outcomes": [{"id": o, "paper": {str(k): v for k, v in sorted(paper[o].items())},
                      "phone": {str(k): v for k, v in sorted(phone[o].items())}} for o in outcomes],
        "by_group": by_group, "groups_suppressed": held_back,
    }


def _attendance(snap: CafeSnapshot, table_no: dict[str, int], round_no: dict[str, int],
                names: dict[str, str]) -> tuple[list[dict], int]:
    """Each table's total people per round (group null), then per round the café's people by group over every table
    (table null; every group, zeros included), and how many counts are written as null. A round's groups are one set
    whose total (its tables' totals added up) is known: counts that are small, or that it would give back, are null.
    A table's people by group are never written: beside the café's counts they would give hidden ones back."""
    totals: dict[tuple[str, str], int] = {}
    by_round: dict[str, dict[str, int]] = {}
    for a in snap.attendance:
        if a.group_id not in names:
            continue
        totals[(a.table_id, a.round_id)] = totals.get((a.table_id, a.round_id), 0) + a.count
        groups = by_round.setdefault(a.round_id, {})
        groups[a.group_id] = groups.get(a.group_id, 0) + a.count
    rows = [{"table": table_no.get(t), "round": round_no.get(r), "group": None, "count": n}
            for (t, r), n in totals.items()]
    suppressed = 0
    for round_id, recorded in by_round.items():
        counts = {g.id: recorded.get(g.id, 0) for g in snap.groups}
        hidden = hidden_counts(counts)
        suppressed += len(hidden)
        rows += [{"table": None, "round": round_no.get(round_id), "group": names[g],
                  "count": None if g in hidden else n} for g, n in counts.items()]
    rows.sort(key=lambda r: (r["table"] is None, r["table"] or 0, r["round"] or 0, r["group"] or ""))
    return rows, suppressed


def _votes_by_group(cafe, tallies: list[Tally], outcomes: list[str], names: dict[str, str]) -> tuple[list[dict], int]:
    """Paper votes split by group (part of the paper totals above), each group with its estimated voters, and how
    many groups' splits were held back. The groups are one set under the small-count rule, the paper totals its
    total, and the paper votes not split by group a part never shown on its own; a group with any votes counts as
    at least one voter. `names`: group id -> the group's name as the bundle writes it, in the plan's order."""
    known = set(outcomes)
    split: dict[str | None, dict[str, Counter]] = {}
    for t in tallies:
        if t.outcome_id in known:
            key = t.group_id if t.group_id in names else None
            split.setdefault(key, {}).setdefault(t.outcome_id, Counter())[t.level] += t.count
    voters: dict[str | None, int] = {}
    for group_id in names:
        piles = [Pile(cafe.id, cafe.vote_method, cafe.dots_per_person, len(outcomes), o, "", level, n)
                 for o, levels in split.get(group_id, {}).items() for level, n in levels.items()]
        estimate = round(estimate_voters(cafe.vote_method, cafe.dots_per_person, piles))
        voters[group_id] = max(estimate, 1 if any(p.count for p in piles) else 0)
    voters[None] = sum(sum(levels.values()) for levels in split.get(None, {}).values())
    hidden = hidden_counts(voters, never_shown={None})
    rows = [{"group": names[g], "voters": voters[g],
             "outcomes": [{"id": o, "paper": {str(k): v for k, v in sorted(c.items())}} for o, c in split[g].items()]}
            for g in names if g not in hidden and voters[g]]
    rows.sort(key=lambda r: r["group"])
    return rows, len(hidden - {None})
