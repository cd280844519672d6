"""One café's anonymised bundle files: what leaves the laptop, with names and contact details redacted.

Left out entirely: facilitator and voter identities, link tokens, the hashing salt, ballot hashes, the Wi-Fi details,
exact clock times (notes carry minutes from the café's start), hidden items, and flagged comments unless asked for.
Attendance counts from 1 to 4 are written as null (suppressed) so nobody can be picked out of a small group.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from cafe_desk.core.ballots import ballots_as_tallies
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
from cafe_desk.core.vote_synthesis import Pile, estimate_voters
from cafe_desk.export import bundle
from cafe_desk.export.anonymise import CafeRedactor

__all__ = ["KIND_WORDS", "REPLACEMENTS", "ExportResult", "Overrides", "PreviewItem", "RedactionChoices", "build",
           "chosen_spans", "exported_at", "preview", "replaced", "whole_words"]

SMALL_COUNT = 5  # attendance counts from 1 to SMALL_COUNT - 1 are suppressed
README = """Café Desk bundle: the anonymised record of one conversation café.

manifest.json    what is in this bundle: format, version, export id, café id, each file's SHA-256 and record count,
                 how many pieces of personal data were removed (by kind) and how many items were left out, and a
                 one-off secret the central team's receipt carries back to show the bundle was opened.
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
                 the paper tallies split by group where a group had at least 5 voters.
attendance.json  people per table, round and group; counts from 1 to 4 are shown as null to protect privacy.
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
    notes, left_out = [], Counter({"hidden": 0, "flagged": 0, "by_facilitator": 0})
    for note in snap.notes:
        if note.hidden:
            left_out["hidden"] += 1
        elif held_back(note) and (not include_flagged or note.id in leave_out):
            left_out["flagged"] += 1
        elif note.id in leave_out:
            left_out["by_facilitator"] += 1
        else:
            notes.append(note)
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
    attendance, suppressed = [], 0
    for a in snap.attendance:
        small = 0 < a.count < SMALL_COUNT
        suppressed += small
        attendance.append({"table": table_no.get(a.table_id), "round": round_no.get(a.round_id),
                           "group": group_name.get(a.group_id), "count": None if small else a.count})
    attendance.sort(key=lambda r: (r["table"] or 0, r["round"] or 0, r["group"] or ""))
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
        "votes.json": bundle.dumps(_votes(snap, group_name)),
        "attendance.json": bundle.dumps(attendance),
        "README.txt": README.encode("utf-8"),
    }
    redactions = +clean.counts
    if not left_out["by_facilitator"]:
        del left_out["by_facilitator"]
    files = bundle.with_manifest(
        files, export_id=str(uuid.uuid4()), cafe_id=cafe.id, created=(today or dt.date.today()).isoformat(),
        exported_at=exported_at(), receipt_secret=secrets.token_hex(32),
        redactions=dict(sorted(redactions.items())), left_out=dict(left_out), suppressed=suppressed)
    return ExportResult(files, cafe.title, len(rows), redactions, dict(left_out), suppressed)


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
    by_group, small_groups = _votes_by_group(cafe, tallies, outcomes, group_names)
    return {
        "method": cafe.vote_method, "phone_ballots": len(ballots),
        "outcomes": [{"id": o, "paper": {str(k): v for k, v in sorted(paper[o].items())},
                      "phone": {str(k): v for k, v in sorted(phone[o].items())}} for o in outcomes],
        "by_group": by_group, "groups_suppressed": small_groups,
    }


def _votes_by_group(cafe, tallies: list[Tally], outcomes: list[str], names: dict[str, str]) -> tuple[list[dict], int]:
    """Paper votes split by group (part of the paper totals above), each group with its estimated voters.
    A group with fewer than SMALL_COUNT voters is left out (counted), so nobody's votes can be picked out.
    `names`: group id -> the group's name as the bundle writes it."""
    known = set(outcomes)
    split: dict[str, dict[str, Counter]] = {}
    for t in tallies:
        if t.group_id in names and t.outcome_id in known:
            split.setdefault(t.group_id, {}).setdefault(t.outcome_id, Counter())[t.level] += t.count
    rows, small = [], 0
    for group_id, counts in split.items():
        piles = [Pile(cafe.id, cafe.vote_method, cafe.dots_per_person, len(outcomes), o, "", level, n)
                 for o, levels in counts.items() for level, n in levels.items()]
        voters = round(estimate_voters(cafe.vote_method, cafe.dots_per_person, piles))
        if voters < SMALL_COUNT:
            small += 1
            continue
        rows.append({"group": names[group_id], "voters": voters,
                     "outcomes": [{"id": o, "paper": {str(k): v for k, v in sorted(c.items())}}
                                  for o, c in counts.items()]})
    rows.sort(key=lambda r: r["group"])
    return rows, small
