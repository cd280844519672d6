"""The facilitator's run order: from what is known about a café, the one next thing to do on the day (open to phones
and test from a phone, start each round, go on to the next, open and close voting once the last round has started,
follow up what needs care, close the café, export, send the file)."""

from __future__ import annotations

from dataclasses import dataclass

EXPORT_WHERE = "the Café menu → Export for the central team…"


@dataclass(frozen=True)
class CafeProgress:
    """What the run order needs to know about one café, read in one go (see `services.cafes.progress`)."""

    closed: bool = False
    imported: bool = False
    has_tables: bool = True
    rounds: int = 1  # how many rounds the plan has
    has_outcomes: bool = True
    started: bool = False  # its countdown has run at least once
    round_number: int = 1  # the current round, counted from 1
    round_status: str = "ready"  # the current round's countdown: ready | running | paused | done
    voting_open: bool = False
    voting_started: bool = False  # voting was opened (or closed) by hand at least once
    needs_care: int = 0  # flagged items nobody has followed up yet
    exported: bool = False  # an export of it is recorded on this laptop
    changed_since_export: bool = False  # something an export carries changed after the newest export

    @property
    def has_rounds(self) -> bool:
        """Whether the plan has at least one round."""
        return self.rounds > 0

    @property
    def on_last_round(self) -> bool:
        """Whether the current round is the plan's last."""
        return self.round_number >= self.rounds


@dataclass(frozen=True)
class NextStep:
    """The one next thing to do: `key` names it (for code and tests), `text` says it to the facilitator."""

    key: str
    text: str


PLAN = NextStep("plan", "Add the tables and questions on the Plan page, then come back here to run the café.")
PHONES = NextStep("phones", "Open to phones (below), then Test from a phone to check the Wi-Fi lets phones through.")
TEST_PHONE = NextStep("test_phone", "Now Test from a phone (below) to check the Wi-Fi lets phones through, before "
                                    "anyone arrives.")
START = NextStep("start", "Start the first round (Start, below) when the room is ready.")
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


def start_round(number: int) -> NextStep:
    """Start round `number`, moved to but not started yet."""
    return NextStep("start_round", f"Start round {number} (Start, below) when the tables are ready.")


def round_under_way(number: int) -> NextStep:
    """Round `number` is running (or paused) and another comes after it."""
    return NextStep("round_on", f"Round {number} is under way. When it is over, go on to round {number + 1} "
                                "(Next round, below).")


def next_round(number: int) -> NextStep:
    """Round `number`'s time is up and another comes after it."""
    return NextStep("next_round", f"Time is up: go on to round {number + 1} (Next round, below).")


def last_round(number: int) -> NextStep:
    """The last round, `number`, is running (or paused)."""
    return NextStep("last_round", f"Round {number} is the last one. When its time is up and the tables have "
                                  "finished, the café can close.")


def follow_up_care(n: int) -> NextStep:
    """`n` flagged items still need care before the café closes."""
    items = "the item that needs" if n == 1 else f"the {n:,} items that need"
    return NextStep("care", f"Follow up {items} care (⚑) before closing: View → What needs care.")


def next_step(progress: CafeProgress, phones_open: bool, phone_tested: bool = False) -> NextStep:
    """The one next thing to do for a café in this state, with the café open to phones or not, and a phone having
    reached the laptop's test page since it opened or not (NOTHING for a café imported from a bundle: it is never run
    here). Before the first round, phones are opened and tested (before anyone arrives); each round is started in
    turn; voting comes once the last round has started (or whenever it is open); closing comes once the last round's
    time is up and nothing needs care."""
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
        if not phones_open:
            return PHONES
        return START if phone_tested else TEST_PHONE
    if p.round_status == "ready":
        return start_round(p.round_number)
    if p.voting_open:
        return CLOSE_VOTING if phones_open else PHONES_TO_VOTE
    under_way = p.round_status in ("running", "paused")
    if under_way and not phones_open and not p.voting_started:
        return PHONES
    if not p.on_last_round:
        return round_under_way(p.round_number) if under_way else next_round(p.round_number)
    if p.has_outcomes and not p.voting_started:
        return OPEN_VOTING
    if under_way:
        return last_round(p.round_number)
    if p.needs_care:
        return follow_up_care(p.needs_care)
    return CLOSE_CAFE
