"""How the central desk's search finds its first page: the ranking index (tantivy, top-k without scoring every
match) picks the best rowids; SQLite checks them against the filters and the FTS5 query, adds the snippets, and
counts the matches exactly. FTS5 ranks instead when the index can't answer exactly: no index yet or one behind the
data file (while it is built), a NEAR query, a prefix of very many words, or filters so narrow that walking down
the ranking would take longer than ranking the filtered matches.

The index is brought up to date here when little is missing (a few cafés imported since); when much is missing
(a first search after a large import, a deleted or damaged index folder) the answer comes from FTS5 and
`Found.index_behind` says so, so the caller can build it with progress (`SynthesisService.update_search_index`).
When the index's folder can't be written (read-only), nothing is tried: FTS5 answers every search, and
`unsaved_folder` names the folder so the caller can say so once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cafe_desk.core.search_query import Node
from cafe_desk.core.synthesis import Item, SynthesisFilter
from cafe_desk.storage.search_index import IndexBusy, SearchIndex
from cafe_desk.storage.store import Store

CATCH_UP_INLINE = 20  # cafés a search brings into the index itself before answering (about 1,000 items each)
DEEPEST = 20_000  # ranked rowids walked through for a filtered search before FTS5 ranks it instead


def _index(store: Store) -> SearchIndex:
    return SearchIndex(store.path)


def missing_cafes(store: Store) -> int | None:
    """How many cafés the ranking index lacks or holds in an older import; None if it is up to date."""
    index = _index(store)
    if index.generation() == store.search_generation():
        return None
    held, now = index.cafes(), store.search_cafes()
    if held is None:  # unreadable: everything is missing
        return len(now)
    return sum(1 for c, stamp in now.items() if held.get(c) != stamp) + sum(1 for c in held if c not in now)


def unsaved_folder(store: Store) -> Path | None:
    """The ranking index's folder if this program may not write it there (FTS5 then answers every search)."""
    index = _index(store)
    return None if index.can_save() else index.folder


def update_index(store: Store, progress: Callable[[int, int], None] = lambda done, total: None,
                 cancelled: Callable[[], bool] = lambda: False) -> bool:
    """Bring the ranking index up to date with the data file (building it if it is missing); False if cancelled
    or another program is writing it just now (it then stays as it was)."""
    generation = store.search_generation()  # read first: a later import makes it stale again, never wrongly fresh
    index = _index(store)
    if index.generation() == generation:
        return True
    try:
        return index.catch_up(generation, store.search_cafes(), store.notes_to_index, progress, cancelled)
    except (IndexBusy, OSError, ValueError):  # busy elsewhere, disk full, damaged: FTS5 answers meanwhile
        return False


def ranked_page(store: Store, f: SynthesisFilter, node: Node, limit: int, total: int,
                text_total: int) -> tuple[list[Item] | None, bool]:
    """(the first `limit` items matching `f` best first, or None when FTS5 must rank them; whether the index is
    behind the data file). `f.text` is the FTS5 form of `node`; `total` counts the matches of `f`, `text_total`
    those of the text alone."""
    behind = missing_cafes(store)
    if behind is not None and (behind > CATCH_UP_INLINE or not _index(store).can_save() or not update_index(store)):
        return None, True
    if total == 0:
        return [], False
    index = _index(store)
    # filters keep about total/text_total of the ranked matches: walk no further than DEEPEST to fill the page
    wanted = min(limit, total)
    if wanted * text_total / total > DEEPEST:
        return None, False
    found: list[Item] = []
    offset, batch = 0, max(wanted, 50) * max(1, round(text_total / total))
    while len(found) < wanted and offset < DEEPEST:
        rowids = index.best(node, batch, offset)
        if rowids is None:
            return None, False
        found += store.items_at(f, node, rowids)
        if len(rowids) < batch:
            break
        offset += batch
        batch *= 4
    if len(found) < wanted:  # the index and FTS5 disagree on what matches: FTS5 is the truth
        return None, False
    return found[:limit], False
