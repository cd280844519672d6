"""What the printables are drawn from: a plain snapshot of one café (`PrintSnapshot`), and which printables to draw
and how many copies (`Selection`). Made by the printing service; nothing here reads data."""

from __future__ import annotations

from dataclasses import dataclass

POSTER, TABLES, COMMENT_CARDS, VOTE_SHEETS, NOTE_SHEETS = (
    "poster", "tables", "comment-cards", "vote-sheets", "note-sheets")
#: Every kind, in the order they are printed, with what a person reads for it.
KINDS: dict[str, str] = {
    POSTER: "Poster with the QR codes",
    TABLES: "Table tent cards",
    COMMENT_CARDS: "Paper comment cards",
    VOTE_SHEETS: "Paper vote sheets",
    NOTE_SHEETS: "Note-taker sheets",
}


@dataclass(frozen=True)
class TableCard:
    """A table: its number, what it is called on paper, and its host's link ("" when printed without QR codes)."""

    number: int
    label: str
    host_url: str = ""


@dataclass(frozen=True)
class Question:
    """One round's question."""

    number: int
    prompt: str


@dataclass(frozen=True)
class PrintSnapshot:
    """One café as the printables need it. Links are "" when printing without QR codes."""

    title: str
    short_code: str
    date: str = ""
    locality: str = ""
    tables: tuple[TableCard, ...] = ()
    questions: tuple[Question, ...] = ()
    outcomes: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    vote_method: str = "dots"
    dots_per_person: int = 3
    agreement_labels: tuple[tuple[int, str], ...] = ()
    support_heading: str = ""
    support_lines: tuple[tuple[str, str], ...] = ()
    consent_words: str = ""
    comment_url: str = ""
    wifi_name: str = ""
    wifi_password: str = ""
    wifi_payload: str = ""  # the "join this Wi-Fi" QR code's payload; "" when no Wi-Fi name is stored

    @property
    def with_qr(self) -> bool:
        """Whether the printables carry QR codes (there is an address phones can reach)."""
        return bool(self.comment_url)


@dataclass(frozen=True)
class Selection:
    """Which printables, in `KINDS` order, and how many comment cards and vote sheets."""

    kinds: tuple[str, ...] = tuple(KINDS)
    comment_cards: int = 4
    vote_sheets: int = 1
