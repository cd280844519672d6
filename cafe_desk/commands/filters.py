"""What the central desk's commands (`data`, `search`, `report --central`) read the same way from their options:
dates and codebook themes, with the same one-line messages."""

from __future__ import annotations

import datetime as dt

from cafe_desk.core.errors import UserError


def iso_date(value: str | None, flag: str) -> str:
    """`value` as an ISO date ("" for none); UserError naming `flag` if it is not a date."""
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UserError(f"{flag} takes a date as YYYY-MM-DD, such as 2026-03-14, not {value!r}.") from None


def theme_id(services, name: str | None) -> str:
    """The codebook theme called `name` (ignoring case and spacing; "" for none); UserError if there is none."""
    if not name or not name.strip():
        return ""
    wanted = " ".join(name.split()).casefold()
    theme = next((t for t in services.synthesis.themes() if t.name.casefold() == wanted), None)
    if theme is None:
        raise UserError(f"There is no theme called “{name.strip()}” in the codebook (the Synthesis page lists its "
                        "themes).")
    return theme.id
