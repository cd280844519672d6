"""The line under the Synthesis page's items: how many were found (and shown, when there are too many to list) and,
when none were, which filters are on and what to try; with the Group filter on, that it finds comments only."""

from __future__ import annotations

from cafe_desk.core.counts import counted
from cafe_desk.core.search_query import NOTHING_FOUND_TIPS as SEARCH_TIPS
from cafe_desk.core.synthesis import SynthesisFilter

GROUP_NOTE = "The Group filter finds comments only: points and summaries are written per table, with no group."
WHERE_TO_FILTER = "The search reads what was said; a place, a date or a group is chosen in the Filters."
DATES_CROSSED = "The To date is before the From date."
CLEAR = "Change a filter, or press Clear filters."


def filters_on(f: SynthesisFilter) -> list[str]:
    """The names of the filters that narrow `f`, as the Filters box labels them."""
    named = (("Café", f.cafe_id), ("Town or area", f.locality), ("From date", f.date_from), ("To date", f.date_to),
             ("Group", f.group), ("Question", f.question), ("Outcome", f.outcome), ("Theme", f.theme_id),
             ("Source", f.sources), ("Quotes only", f.quotes_only), ("Shortlisted only", f.shortlisted_only))
    return [name for name, value in named if value]


def found_line(f: SynthesisFilter, total: int) -> str:
    """"20 items, best match first." for a search that found some; for none, why that may be and what to try."""
    if total:
        line = counted(total, "item") + (", best match first." if f.text.strip() else ".")
        return f"{line} {GROUP_NOTE}" if f.group else line
    on = filters_on(f)
    with_filters = f" with the filters on ({', '.join(on)})" if on else ""
    if f.text.strip() and on:  # the filters may be what keeps everything out: say so first
        parts = [f"Nothing matches “{f.text.strip()}”{with_filters}: try it with fewer filters (or press Clear "
                 f"filters), or {SEARCH_TIPS}."]
    elif f.text.strip():
        parts = [f"Nothing matches “{f.text.strip()}”: {SEARCH_TIPS}.", WHERE_TO_FILTER]
    elif on:
        parts = [f"No items match the filters on ({', '.join(on)})."]
    else:
        return counted(0, "item") + "."
    if f.date_from and f.date_to and f.date_to < f.date_from:
        parts.append(DATES_CROSSED)
    if f.group:
        parts.append(GROUP_NOTE)
    if on and not f.text.strip():
        parts.append(CLEAR)
    return " ".join(parts)


def shown_line(f: SynthesisFilter, shown: int, total: int) -> str:
    """The line when only the first `shown` of `total` items are listed."""
    if f.text.strip():
        return (f"Showing the best {shown:,} of {counted(total, 'item')}, best match first: add words or filters to "
                "narrow them down.")
    return f"Showing the first {shown:,} of {counted(total, 'item')}: search or filter to narrow them down."
