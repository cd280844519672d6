"""The facilitator's run order: from what is known about a café, the one next thing to do on the day (start the round,
open to phones, open voting, close voting, close the café, export, send the file)."""

from __future__ import annotations

from dataclasses import dataclass

EXPORT_WHERE = "the Café menu → Export for the central team…"


@dataclass(frozen=True)
class CafeProgress:
    """What the run order needs to know about one café, read in one go (see `services.cafes.progress`)."""

    closed: bool = False
    imported: bool = False
    has_tables: bool = True
    has_rounds: bool = True
    has_outcomes: bool = True
    started: bool = False  # its countdown has run at least once
    voting_open: bool = False
    voting_started: bool = False  # voting was opened (or closed) by hand at least once
    exported: bool = False  # an export of it is recorded on this laptop
    changed_since_export: bool = False  # something an export carries changed after the newest export


@dataclass(frozen=True)
class NextStep:
    """The one next thing to do: `key` names it (for code and tests), `text` says it to the facilitator."""

    key: str
    text: str


PLAN = NextStep("plan", "Add the tables and questions on the Plan page, then come back here to run the café.")
START = NextStep("start", "Start the first round (Start, below) when the room is ready.")
PHONES = NextStep("phones", "Open to phones (below), so people can send comments from their phones.")
PHONES_TO_VOTE = NextStep("phones", "Voting is open: open to phones (below), so people can vote from their phones.")
OPEN_VOTING = NextStep("open_voting", "When the tables are ready to vote, open voting on the Votes page.")
CLOSE_VOTING = NextStep("close_voting", "When everyone has voted, close voting on the Votes page.")
CLOSE_CAFE = NextStep("close_cafe", "When everyone has finished, close the café on the Cafés page (Close café).")
EXPORT = NextStep("export", f"Export the café for the central team: {EXPORT_WHERE}")
EXPORT_AGAIN = NextStep("export_again", "Something changed after the last export, so export the café again: "
                                        f"{EXPORT_WHERE}")
SEND = NextStep("send", "Send the exported .cafe file to the central team, by the email address or shared drive they "
                        "gave you — never a public link. Keep the file until their receipt arrives; then open the "
                        "receipt from the Cafés page.")
NOTHING = NextStep("none", "")


def next_step(progress: CafeProgress, phones_open: bool) -> NextStep:
    """The one next thing to do for a café in this state, with the café open to phones or not (NOTHING for a café
    imported from a bundle: it is never run here)."""
    p = progress
    if p.imported:
        return NOTHING
    if p.closed:
        if not p.exported:
            return EXPORT
        return EXPORT_AGAIN if p.changed_since_export else SEND
    if not p.has_tables or not p.has_rounds:
        return PLAN
    if not p.started:
        return START
    if p.voting_open:
        return CLOSE_VOTING if phones_open else PHONES_TO_VOTE
    if not p.voting_started and not phones_open:
        return PHONES
    if p.has_outcomes and not p.voting_started:
        return OPEN_VOTING
    return CLOSE_CAFE
