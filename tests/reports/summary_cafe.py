"""A café with something in every section of the summary, for the report, command-line and screen tests, and the
PDF helpers those tests share (poppler's pdftotext and pdffonts)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cafe_desk.services import Services

NAME = "Morag Fairbairn"  # typed into a point: the anonymised report must not carry it
QUOTE = "Waiting lists broke me more than the illness did"
CARRIED = "Peer support should be funded before the next review"
COMMENT = "The drop-in café on Tuesdays kept me going"
HIDDEN_COMMENT = "This comment was hidden by the facilitator"


@dataclass
class SummaryCafe:
    cafe_id: str
    title: str
    questions: list[str]
    outcomes: list[str]
    groups: list[str]


def make_cafe(services: Services, cafe) -> SummaryCafe:
    """Notes at two tables (one a quote, one with a name), a summary carried forward, attendance with a group of 3
    beside groups of 6 and 7, dots on paper split by group (5, 6 and 1 voters), two phone ballots, a comment and a
    hidden one."""
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    outcomes = services.planning.items(cafe.id, "outcome")
    groups = services.planning.items(cafe.id, "group")
    t1, t2 = tables[0], tables[1]
    services.notes.add(cafe.id, t1.id, rounds[0].id, f"{NAME} said the crisis team never called back")
    services.notes.add(cafe.id, t1.id, rounds[0].id, QUOTE, is_quote=True)
    services.notes.add(cafe.id, t2.id, rounds[1].id, "More evening groups for people in work")
    services.notes.set_summary(cafe.id, t1.id, rounds[0].id, CARRIED)
    services.notes.set_attendances(cafe.id, t1.id, rounds[0].id, {groups[0].id: 6, groups[1].id: 7,
                                                                  groups[2].id: 3})
    for group, dots in ((groups[0], 15), (groups[1], 18)):  # 5 and 6 voters at 3 dots each
        services.votes.set_tally(cafe.id, outcomes[0].id, dots, group_id=group.id)
    services.votes.set_tally(cafe.id, outcomes[1].id, 3, group_id=groups[2].id)  # one voter
    services.channel.set_voting_open(cafe.id, True)
    for voter in ("phone-a", "phone-b"):
        services.ballots.cast(cafe.id, voter, {outcomes[0].id: 2, outcomes[1].id: 1})
    services.comments.submit(cafe.id, COMMENT, consent=True, round_id=rounds[0].id)
    hidden, _ = services.comments.submit(cafe.id, HIDDEN_COMMENT, consent=True)
    services.comments.set_hidden(hidden.id, True)
    return SummaryCafe(cafe.id, cafe.title, [r.prompt for r in rounds], [o.title for o in outcomes],
                       [g.name for g in groups])


def pdftotext(path, page: int | None = None) -> str:
    """The PDF's text, laid out as on the page (one page if `page` is given)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout


def page_count(path) -> int:
    """How many pages the PDF has (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=30, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def fonts(path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font the PDF uses (pdffonts)."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=30,
                           check=True).stdout.splitlines()[2:]
    return [(line.split()[0], " yes " in line[line.find(" ", 40):]) for line in lines if line.strip()]


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder no file can be made in: one of our own made read-only, or (as root, who may write anywhere of ours)
    the kernel's /sys."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder
