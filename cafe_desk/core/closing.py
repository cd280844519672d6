"""What closing a café would cut off, said plainly before the facilitator closes it: a round still under way, rounds
that haven't happened, items that still need care, phones that are in, voting that is open."""

from __future__ import annotations

from dataclasses import dataclass

from cafe_desk.core.counts import counted
from cafe_desk.core.timer import format_clock

READ_ONLY = "A closed café can't be changed; you can reopen it later."
#: what a page says of an imported café, which no page can change or reopen
IMPORTED_LINE = "This café came in from a café file: it is kept exactly as it arrived and can't be changed here."
PHONES_ENDED = "Phones are open: they will see “This café has ended” for five minutes, then be cut off."
VOTING_OPEN = "Voting is still open: no more votes can come in once the café closes."


@dataclass(frozen=True)
class ClosingFacts:
    """How the café stands at the moment the facilitator asks to close it."""

    rounds: int = 0  # how many rounds the plan has
    round_number: int = 0  # the current round, counted from 1 (0: no rounds)
    round_status: str = "ready"  # the current round's countdown: ready | running | paused | done
    time_left_s: float = 0.0  # on the current round's countdown
    needs_care: int = 0  # flagged items nobody has followed up yet
    phones_open: bool = False  # phones can reach the café's pages now
    voting_open: bool = False


def rounds_to_come(facts: ClosingFacts) -> list[int]:
    """The rounds that haven't happened yet: those after the current one, and the current one if not started."""
    first = facts.round_number if facts.round_status == "ready" else facts.round_number + 1
    return list(range(max(first, 1), facts.rounds + 1))


def _numbers(numbers: list[int]) -> str:
    """"3", "3 and 4", "2, 3 and 4"."""
    said = [str(n) for n in numbers]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def what_closing_cuts_off(facts: ClosingFacts) -> list[str]:
    """One plain line for each thing under way that closing the café would stop; [] when nothing is."""
    lines = []
    left = format_clock(facts.time_left_s)
    if facts.round_status == "running":
        lines.append(f"Round {facts.round_number} is still running, with {left} left.")
    elif facts.round_status == "paused":
        lines.append(f"Round {facts.round_number} hasn't finished: it is paused with {left} left.")
    to_come = rounds_to_come(facts)
    if len(to_come) == 1:
        lines.append(f"Round {to_come[0]} hasn't happened yet.")
    elif to_come:
        lines.append(f"Rounds {_numbers(to_come)} haven't happened yet.")
    if facts.needs_care:
        need = "still needs" if facts.needs_care == 1 else "still need"
        lines.append(f"{counted(facts.needs_care, 'item')} flagged for safeguarding {need} care (⚑): follow "
                     f"{'it' if facts.needs_care == 1 else 'them'} up on the Comments or Notes page.")
    if facts.phones_open:
        lines.append(PHONES_ENDED)
    if facts.voting_open:
        lines.append(VOTING_OPEN)
    return lines


def closing_question(facts: ClosingFacts) -> str:
    """The explanation under "Close this café?": what it would cut off, one line each, then what closing means."""
    lines = what_closing_cuts_off(facts)
    return "\n".join(f"• {line}" for line in lines) + "\n\n" + READ_ONLY if lines else READ_ONLY
