"""The workbook's guide to itself: the sheet "About these columns", with where the data came from (which cafés, when
it was exported, whether the sample cafés are in it, which filters narrowed the items) and one row per column of
every table — its sheet, its name, what it holds and an example. Plain values in, rows out: the workbook writes them
(central/tables_workbook.py), so the guide can't drift from the columns (a column without a line here fails a test).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cafe_desk.core.counts import counted

SHEET = "About these columns"
NAMED_CAFES = 4  # more cafés than this are counted, not listed: the line stays readable in one row
GUIDE_COLUMNS = (("sheet", 10), ("column", 20), ("what it holds", 90), ("example", 40))

#: (sheet, column) -> (what it holds, an example)
ABOUT: dict[tuple[str, str], tuple[str, str]] = {
    ("Items", "item id"): ("The item's id at this desk: the same in every export, so rows can be matched across "
                           "files.", "428c1f83-3efa-5263-98f1-5a34662d95c4"),
    ("Items", "café"): ("The title of the café it was said at.", "Perth café"),
    ("Items", "café id"): ("The café's id at this desk (two cafés may share a title, never an id).",
                           "b1c524b9-32e0-505d-84a4-7d864c0bf540"),
    ("Items", "café code"): ("The café's short code at this desk, as the Synthesis page and `cafe-desk cafes` show it "
                             "(`cafe-desk data --cafe` takes it).", "J5767Y"),
    ("Items", "date"): ("The day the café was held (a date cell).", "2026-03-14"),
    ("Items", "locality"): ("The café's town or area.", "Perth"),
    ("Items", "table"): ("The table's number; empty for a comment sent from a phone or on a paper card.", "3"),
    ("Items", "round"): ("The round's number: which question was being talked about.", "2"),
    ("Items", "question"): ("That round's question, word for word.", "What gets in the way of recovery-focused "
                            "support where you live?"),
    ("Items", "source"): ("What kind of item: Point or Summary (written by a note-taker), Comment (sent from a "
                          "phone) or Paper comment (from a card).", "Point"),
    ("Items", "text"): ("What was said or written, as the café sent it.", "Peer workers in every GP practice"),
    ("Items", "quote"): ("yes if the note-taker marked it as someone's own words.", "no"),
    ("Items", "group"): ("The participant group the person said they belong to, if any.", "Lived experience"),
    ("Items", "outcomes"): ("The outcomes the item was linked to, separated by \"; \".",
                            "People can access the type of support that works for them"),
    ("Items", "café tags"): ("The themes the café's own note-takers tagged it with, separated by \"; \".",
                             "Waiting times"),
    ("Items", "themes"): ("The themes of the central codebook it was coded with here, separated by \"; \".",
                          "Access and waiting times"),
    ("Items", "minutes from start"): ("Minutes from the café's start to when it was noted, when known.", "35"),
    ("Items", "shortlisted"): ("yes if it is on the shortlist of quotes.", "no"),
    ("Items", "sender checked"): ("Whether the café's file was signed by a key on this desk's list: signed, signed "
                                  "by a key not on the list, signer revoked or unsigned.", "signed"),
    ("Votes", "outcome"): ("The outcome voted on.", "All parts of the mental health system are equally valued"),
    ("Votes", "measure"): ("How support is measured: share of voters' support (dots and rankings, each voter "
                           "counting once) or share who agree (agreement statements).", "share of voters' support"),
    ("Votes", "group"): ("all voters, or one participant group's part of them.", "all voters"),
    ("Votes", "cafés"): ("How many cafés voted on the outcome (on the all voters row).", "12"),
    ("Votes", "voters"): ("How many people voted; empty where the count is held back to protect small groups.",
                          "298"),
    ("Votes", "votes"): ("Dots, ranking points or agreeing answers given to the outcome (on the all voters row).",
                         "276"),
    ("Votes", "share"): ("The share of support, from 0 to 1 (shown as a percentage); empty where held back.",
                         "0.3091"),
    ("Votes", "suppressed"): ("yes where a group's voters and share are held back: fewer than five voters, or a "
                              "number the others would give away.", "no"),
    ("Themes", "theme"): ("A theme of the central codebook.", "Access and waiting times"),
    ("Themes", "description"): ("What the theme covers, as the codebook describes it.", "Waiting lists and "
                                "getting seen"),
    ("Themes", "items in all cafés"): ("How many items carry the theme across every imported café.", "26"),
    ("Themes", "café"): ("One café with items coded with the theme (one row per theme and café); empty for a theme "
                         "no item carries yet.", "Perth café"),
    ("Themes", "café id"): ("That café's id at this desk.", "b1c524b9-32e0-505d-84a4-7d864c0bf540"),
    ("Themes", "café code"): ("That café's short code at this desk.", "J5767Y"),
    ("Themes", "date"): ("The day that café was held (a date cell).", "2026-03-14"),
    ("Themes", "locality"): ("That café's town or area.", "Perth"),
    ("Themes", "items in café"): ("How many of that café's items carry the theme.", "4"),
    ("Themes", "sender checked"): ("Whether that café's file was signed by a key on this desk's list (as on the "
                                   "Items sheet).", "signed"),
}


@dataclass(frozen=True)
class Provenance:
    """Where an export's data came from, in plain values."""

    cafes: tuple[tuple[str, str], ...]  # (title, date) of each café the export covers
    exported: str  # when, as the person reads it: "2026-12-02 21:40"
    samples: str  # "left out", "included" or "" (this desk holds none)
    filters: tuple[str, ...] = ()  # the filters that narrowed the items, one phrase each; () for every item


def provenance_lines(p: Provenance) -> list[str]:
    """The lines at the top of the guide, each short enough to read in one row: when, which cafés, the sample cafés,
    and what narrowed the items."""
    n = len(p.cafes)
    lines = ["Exported from Café Desk's central desk" + (f" on {p.exported}." if p.exported else ".")]
    dates = sorted(date for _title, date in p.cafes if date)
    held = f", held from {dates[0]} to {dates[-1]}" if dates and dates[0] != dates[-1] else (
        f", held on {dates[0]}" if dates else "")
    if n <= NAMED_CAFES:
        lines.append(f"From {counted(n, 'imported café')}" + (": " if n else ".") +
                     "; ".join(f"{title} ({date})" if date else title for title, date in p.cafes) + ("." if n else ""))
    else:
        lines.append(f"From {counted(n, 'imported café')}{held} (the Items and Themes sheets name them).")
    if p.samples == "left out":
        lines.append("The sample cafés (made up for trying Café Desk) were left out.")
    elif p.samples == "included":
        lines.append("The sample cafés were included: they are made up for trying Café Desk, not real cafés.")
    lines.append("The items are narrowed by: " + "; ".join(p.filters) + "." if p.filters else
                 "The items are every item of those cafés.")
    lines.append("Votes and Themes cover every café above, whatever narrowed the items.")
    return lines


def column_rows(tables: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]) -> Iterator[list]:
    """One row per column of each (sheet, columns): sheet, column, what it holds, example."""
    for sheet, columns in tables:
        for name, _width in columns:
            what, example = ABOUT[(sheet, name)]
            yield [sheet, name, what, example]
