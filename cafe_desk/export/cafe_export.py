"""One café's anonymised bundle files: what leaves the laptop, with names and contact details redacted.

Left out entirely: facilitator and voter identities, link tokens, the hashing salt, ballot hashes, the Wi-Fi details,
exact clock times (notes carry minutes from the café's start), hidden items, and flagged comments unless asked for.
Attendance counts from 1 to 4 are written as null (suppressed) so nobody can be picked out of a small group.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cached_property

from cafe_desk.core.ballots import ballots_as_tallies
from cafe_desk.core.model import Note, Tally
from cafe_desk.core.safeguarding import held_back
from cafe_desk.core.vote_synthesis import Pile, estimate_voters
from cafe_desk.export import bundle
from cafe_desk.export.anonymise import PLACEHOLDERS, Span, redact

SMALL_COUNT = 5  # attendance counts from 1 to SMALL_COUNT - 1 are suppressed
KIND_WORDS = {
    "name": ("name", "names"), "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"), "postcode": ("postcode", "postcodes"),
    "health_id": ("health number", "health numbers"), "ni_number": ("NI number", "NI numbers"),
    "address": ("address", "addresses"), "dob": ("date of birth", "dates of birth"),
    "url": ("web address", "web addresses"), "handle": ("social media handle", "social media handles"),
    "other": ("other personal detail", "other personal details"),
}
# Every kind the facilitator may remove by hand, with what replaces it ("other" is theirs alone).
REPLACEMENTS = {**PLACEHOLDERS, "other": "[REDACTED]"}
README = """Café Desk bundle: the anonymised record of one conversation café.

manifest.json    what is in this bundle: format, version, export id, café id, each file's SHA-256 and record count,
                 how many pieces of personal data were removed (by kind) and how many items were left out.
cafe.json        the café's title, date and locality.
prompts.json     the questions asked in each round.
outcomes.json    the outcomes people voted on.
tables.json      the tables, by number (and name, if they had one).
groups.json      the groups people could say they belong to.
themes.json      the themes notes were tagged with.
notes.jsonl      one note or comment a line: table and round number, source, text, tags, and minutes from the
                 café's start. Names, contact details, addresses and health or NI numbers are replaced by [NAME],
                 [PHONE] and so on ([REDACTED]: another personal detail the facilitator removed). Hidden comments
                 are not included.
votes.json       vote totals per outcome: paper tallies and phone ballots added up (no individual ballots), and
                 the paper tallies split by group where a group had at least 5 voters.
attendance.json  people per table, round and group; counts from 1 to 4 are shown as null to protect privacy.
"""


@dataclass
class ExportResult:
    """The bundle's files (manifest included) and what the facilitator is told about them."""

    files: dict[str, bytes]
    title: str
    notes: int
    redactions: Counter = field(default_factory=Counter)
    left_out: dict[str, int] = field(default_factory=dict)
    suppressed: int = 0

    def summary(self, target: str = "") -> str:
        """One line: "Exported “title”: 42 notes, 3 comments left out, 12 names and 2 phone numbers removed → F"."""
        parts = [f"{self.notes} note{'s' if self.notes != 1 else ''}"]
        out = sum(self.left_out.values())
        if out:
            parts.append(f"{out} comment{'s' if out != 1 else ''} left out")
        removed = [f"{n} {KIND_WORDS.get(k, (k, k))[n != 1]}" for k, n in self.redactions.most_common() if n]
        if removed:
            parts.append((", ".join(removed[:-1]) + " and " + removed[-1] if len(removed) > 1 else removed[0])
                         + " removed")
        else:
            parts.append("nothing personal found")
        line = f"Exported “{self.title}”: " + ", ".join(parts)
        return line + (f" → {target}" if target else "")


@dataclass(frozen=True)
class RedactionChoices:
    """The facilitator's changes to one item's proposed redactions, for one export (never saved).

    `put_back`: proposed redactions to leave as they are, by (start, end) in the original text.
    `added`: more to remove, as spans of the original text (kind "name", or any kind of KIND_WORDS).
    `for_text`: the text the choices were made on; if the item's text has changed since, they are ignored.
    Spans that are outside the text, empty or of an unknown kind are ignored.
    """

    put_back: frozenset[tuple[int, int]] = frozenset()
    added: tuple[Span, ...] = ()
    for_text: str | None = None

    def __bool__(self) -> bool:
        return bool(self.put_back or self.added)


NO_CHOICES = RedactionChoices()
Overrides = Mapping[str, RedactionChoices]  # note id -> the facilitator's choices for it


def _word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def whole_words(text: str, start: object, end: object, kind: object = "name") -> Span | None:
    """The span [start, end) of `text` without surrounding spaces and widened to whole words, so no piece of a
    word is left behind; None if it is not a usable span (outside the text, empty, or an unknown kind)."""
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)) or kind not in REPLACEMENTS:
        return None
    if not 0 <= start < end <= len(text):
        return None
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    while start > 0 and (_word_char(text[start - 1]) or (
            text[start - 1] in "'’-" and start > 1 and _word_char(text[start - 2]) and _word_char(text[start]))):
        start -= 1
    while end < len(text) and (_word_char(text[end]) or (
            text[end] in "'’-" and end + 1 < len(text) and _word_char(text[end + 1]) and _word_char(text[end - 1]))):
        end += 1
    return Span(start, end, str(kind))


def _widened(text: str, span: object) -> Span | None:
    try:
        return whole_words(text, span.start, span.end, span.kind)  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return None


def chosen_spans(text: str, proposed: Iterable[Span], choices: RedactionChoices = NO_CHOICES) -> tuple[Span, ...]:
    """What is removed from `text`: the proposed spans less those put back, with the added ones (whole words).
    An added span inside a proposed one changes nothing; one that overlaps others joins them into one span of the
    kind the facilitator chose (the latest added wins), so nothing is replaced twice. In order of position."""
    if not choices or (choices.for_text is not None and choices.for_text != text):
        return tuple(proposed)
    kept = [s for s in proposed if (s.start, s.end) not in choices.put_back]
    added = [a for a in (_widened(text, span) for span in choices.added)
             if a and not any(k.start <= a.start and a.end <= k.end for k in kept)]
    marks = sorted([(s.start, s.end, s.kind, -1) for s in kept] + [(a.start, a.end, a.kind, i)
                                                                   for i, a in enumerate(added)])
    merged: list[list] = []  # [start, end, kind, order of the latest added span in it (-1: none)]
    for start, end, kind, order in marks:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if order > last[3]:
                last[2], last[3] = kind, order
        else:
            merged.append([start, end, kind, order])
    return tuple(Span(start, end, kind) for start, end, kind, _ in merged)


def replaced(text: str, spans: Iterable[Span]) -> str:
    """`text` with each span (in order, not overlapping) replaced by the placeholder of its kind."""
    out, at = [], 0
    for span in spans:
        out += [text[at:span.start], REPLACEMENTS.get(span.kind, "[REDACTED]")]
        at = span.end
    return "".join(out) + text[at:]


class _Redactor:
    """redact() with the café's own names added, counting what it removes."""

    def __init__(self, extra_names: Iterable[str]):
        self.extra = [n for n in extra_names if n.strip()]
        self.counts: Counter = Counter()

    def __call__(self, text: str, *, extra: bool = True, choices: RedactionChoices = NO_CHOICES) -> str:
        result = redact(text or "", self.extra if extra else ())
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


def build(services, cafe_key: str, *, started_at: str | None = None, include_flagged: bool = False,
          today: dt.date | None = None, leave_out: AbstractSet[str] = frozenset(),
          overrides: Overrides | None = None) -> ExportResult:
    """The anonymised files of one café. `started_at` (ISO, UTC) is when its first round started, if it ran.
    `leave_out`: ids of notes the facilitator chose to leave out (counted in the manifest as "by_facilitator").
    `overrides`: note id -> the facilitator's changes to its redactions (counted as they are made)."""
    overrides = overrides or {}
    cafe = services.cafes.cafe(cafe_key)
    items = {e: services.planning.items(cafe.id, e) for e in ("table", "round", "outcome", "group", "theme")}
    tables, rounds, groups = items["table"], items["round"], items["group"]
    clean = _Redactor([t.name for t in tables])
    notes, left_out = [], Counter({"hidden": 0, "flagged": 0, "by_facilitator": 0})
    for note in services.notes.list(cafe.id):
        if note.hidden:
            left_out["hidden"] += 1
        elif held_back(note) and (not include_flagged or note.id in leave_out):
            left_out["flagged"] += 1
        elif note.id in leave_out:
            left_out["by_facilitator"] += 1
        else:
            notes.append(note)
    start = _parse_time(started_at or "") or min(
        (t for t in (_parse_time(n.created_at) for n in notes) if t), default=None)
    table_no = {t.id: t.number for t in tables}
    round_no = {r.id: r.number for r in rounds}
    group_name = {g.id: clean(g.name) for g in groups}
    theme_name = {t.id: clean(t.name) for t in items["theme"]}
    rows = [{
        "id": n.id, "table": table_no.get(n.table_id), "round": round_no.get(n.round_id), "source": n.source,
        "kind": n.kind, "text": clean(n.text, choices=overrides.get(n.id, NO_CHOICES)), "is_quote": n.is_quote,
        "outcome_ids": sorted(n.outcome_ids),
        "themes": sorted(theme_name[t] for t in n.theme_ids if t in theme_name), "group": group_name.get(n.group_id),
        "minutes_from_start": _minutes(n, start), "consent": n.consent,
    } for n in notes]
    attendance, suppressed = [], 0
    for a in services.notes.attendance(cafe.id):
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
                                       for o in items["outcome"]]),
        "tables.json": bundle.dumps([{"number": t.number, "name": clean(t.name, extra=False)} for t in tables]),
        "groups.json": bundle.dumps([{"id": g.id, "position": g.position, "name": group_name[g.id]} for g in groups]),
        "themes.json": bundle.dumps([{"id": t.id, "name": theme_name[t.id], "description": clean(t.description)}
                                     for t in items["theme"]]),
        "notes.jsonl": bundle.dumps_lines(rows),
        "votes.json": bundle.dumps(_votes(services, cafe, group_name)),
        "attendance.json": bundle.dumps(attendance),
        "README.txt": README.encode("utf-8"),
    }
    redactions = +clean.counts
    if not left_out["by_facilitator"]:
        del left_out["by_facilitator"]
    files = bundle.with_manifest(
        files, export_id=str(uuid.uuid4()), cafe_id=cafe.id, created=(today or dt.date.today()).isoformat(),
        exported_at=exported_at(),
        redactions=dict(sorted(redactions.items())), left_out=dict(left_out), suppressed=suppressed)
    return ExportResult(files, cafe.title, len(rows), redactions, dict(left_out), suppressed)


@dataclass(frozen=True)
class PreviewItem:
    """One note or comment as the review before export shows it: its original text and what would be removed."""

    id: str
    source: str
    kind: str
    table: int | None
    round: int | None
    text: str
    spans: tuple[Span, ...]  # the redactions proposed
    left_out: str = ""  # "hidden" or "flagged" when left out unless the facilitator says otherwise, else ""
    choices: RedactionChoices = NO_CHOICES
    flag: str = ""  # the kind of risk flagged (core.safeguarding), shown in the review whether left out or not

    @cached_property
    def removed(self) -> tuple[Span, ...]:
        """What the export removes from the text: the proposed spans with the facilitator's choices applied."""
        return chosen_spans(self.text, self.spans, self.choices)

    @property
    def redacted(self) -> str:
        """The text exactly as the export writes it."""
        return replaced(self.text, self.removed)

    @property
    def put_back(self) -> tuple[Span, ...]:
        """The proposed redactions the facilitator put back (and has not removed again some other way)."""
        if self.choices.for_text not in (None, self.text):
            return ()
        return tuple(s for s in self.spans if (s.start, s.end) in self.choices.put_back
                     and not any(s.start < r.end and r.start < s.end for r in self.removed))

    def with_put_back(self, span: Span) -> PreviewItem:
        """This item with one of its removals (`span`, one of `removed`) put back: every proposed redaction in it
        is kept as it is, every span added in it is dropped."""
        overlaps = [s for s in self.spans if s.start < span.end and span.start < s.end]
        widened = [(a, _widened(self.text, a)) for a in self.choices.added]
        added = tuple(a for a, w in widened if not (w and w.start < span.end and span.start < w.end))
        put_back = self.choices.put_back | {(s.start, s.end) for s in overlaps}
        return self._choose(put_back, added)

    def with_removal(self, start: int, end: int, kind: str = "name") -> PreviewItem:
        """This item with the words from `start` to `end` removed too (widened to whole words) as `kind`; a put-back
        redaction selected again is simply removed again. Unchanged if the span is not usable."""
        span = whole_words(self.text, start, end, kind)
        if span is None:
            return self
        again = next((s for s in self.put_back if (s.start, s.end, s.kind) == (span.start, span.end, span.kind)),
                     None)
        if again is not None:
            return self._choose(self.choices.put_back - {(again.start, again.end)}, self.choices.added)
        item = self._choose(self.choices.put_back, (*self.choices.added, span))
        return self if item.removed == self.removed else item

    def with_removed_again(self, span: Span) -> PreviewItem:
        """This item with a put-back redaction (one of `put_back`) removed again."""
        return self._choose(self.choices.put_back - {(span.start, span.end)}, self.choices.added)

    def _choose(self, put_back: AbstractSet[tuple[int, int]], added: tuple[Span, ...]) -> PreviewItem:
        valid = {(s.start, s.end) for s in self.spans}
        return replace(self, choices=RedactionChoices(frozenset(put_back) & valid, added, self.text))


def preview(services, cafe_key: str, overrides: Overrides | None = None) -> list[PreviewItem]:
    """Every note and comment of the café, with the redactions `build` would make (same names, same rules);
    `overrides` (note id -> the facilitator's choices) are carried by each item, and its `removed` follows them."""
    overrides = overrides or {}
    cafe = services.cafes.cafe(cafe_key)
    tables = services.planning.items(cafe.id, "table")
    extra = [t.name for t in tables if t.name.strip()]
    table_no = {t.id: t.number for t in tables}
    round_no = {r.id: r.number for r in services.planning.items(cafe.id, "round")}
    return [PreviewItem(n.id, n.source, n.kind, table_no.get(n.table_id), round_no.get(n.round_id), n.text or "",
                        redact(n.text or "", extra).spans, "hidden" if n.hidden else "flagged" if held_back(n) else "",
                        overrides.get(n.id, NO_CHOICES), n.flag) for n in services.notes.list(cafe.id)]


def exported_at(now: dt.datetime | None = None) -> str:
    """When the export was made, UTC, in ISO 8601 basic format ("20260314T154502.123456Z"): sorts as text, so a
    newer export of the same café can be told from an older one, and never looks like the notes' own clock times."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def _votes(services, cafe, group_names: dict[str, str]) -> dict:
    """Per outcome and level: paper tallies added up, and phone ballots added up. No ballot, token or hash."""
    outcomes = [o.id for o in services.planning.items(cafe.id, "outcome")]
    paper: dict[str, Counter] = {o: Counter() for o in outcomes}
    phone: dict[str, Counter] = {o: Counter() for o in outcomes}
    tallies = services.votes.tallies(cafe.id)
    for t in tallies:
        if t.outcome_id in paper:
            paper[t.outcome_id][t.level] += t.count
    ballots = services.ballots.ballots(cafe.id)
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
