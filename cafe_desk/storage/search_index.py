"""The ranking index: a tantivy index in a folder beside the data file that finds the best-ranked imported notes
without scoring every match (block-max WAND), so the first page of a search over a million items comes back fast.

Derived data only: SQLite (with its FTS5 index) stays the truth. The index holds each imported café's notes (their
rowid and text), one marker per café with a stamp of the import it holds, and one state marker with the data file's
search generation at its last commit. Markers and notes change in the same tantivy commit, which is all or nothing,
so a kill leaves the index as it was at its last commit: older than the data file at worst, which the generation
shows, and which the next catch-up repairs. Searches only use an index whose generation is the data file's.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy

from cafe_desk.core.search_query import All, Any, Near, Node, Phrase, Without

FOLDER_SUFFIX = "-search"  # beside the data file: cafe-desk.sqlite3-search/
LAYOUT = "1"  # bump when the fields below change: an index of another layout is built again
MAX_EXPANSIONS = 256  # a prefix matching more words than this is ranked by FTS5 instead
_NOTE, _CAFE, _STATE = "note", "cafe", "state"

_open: dict[Path, tantivy.Index] = {}  # one Index per folder per process: opening reads every segment's metadata
_lock = threading.Lock()


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("kind", tokenizer_name="raw")
    b.add_text_field("cafe", stored=True, tokenizer_name="raw")
    b.add_text_field("stamp", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_integer_field("rowid", fast=True)
    b.add_text_field("text", tokenizer_name="words", index_option="position")
    return b.build()


def _analyzer() -> tantivy.TextAnalyzer:
    """Words as FTS5's `unicode61 remove_diacritics 2` makes them: letters and digits, lower case, accents off."""
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold()).build())


SCHEMA = _schema()
ANALYZER = _analyzer()


class IndexBusy(Exception):
    """Another program (or thread) is writing the index just now."""


class SearchIndex:
    """The ranking index of one data file."""

    def __init__(self, db_path: Path):
        self.folder = Path(str(db_path) + FOLDER_SUFFIX)

    # --- opening -----------------------------------------------------------------------------------------

    def _index(self, create: bool = False) -> tantivy.Index | None:
        """The open index, or None if there is none (or it can't be read: it is then built again)."""
        with _lock:
            index = _open.get(self.folder)
            if index is not None:
                return index
            meta = self.folder / "meta.json"
            if not meta.exists() and not create:
                return None
            try:
                if meta.exists() and (self.folder / "layout").read_text() != LAYOUT:
                    return None  # another layout: built again
                if not meta.exists():
                    self.folder.mkdir(parents=True, exist_ok=True)
                    (self.folder / "layout").write_text(LAYOUT)
                index = tantivy.Index(SCHEMA, str(self.folder))
            except (OSError, ValueError):
                return None
            index.register_tokenizer("words", ANALYZER)
            _open[self.folder] = index
            return index

    def can_save(self) -> bool:
        """Whether this program may write the index: in its folder, or (with none yet) beside the data file. False
        for a read-only folder or disk, where building it would fail each time."""
        where = self.folder if self.folder.exists() else self.folder.parent
        return os.access(where, os.W_OK | os.X_OK)

    def close(self) -> None:
        """Forget this process's open copy; the next use opens the folder again."""
        with _lock:
            _open.pop(self.folder, None)

    def discard(self) -> None:
        """Delete the index folder (it is derived data); the next catch-up builds it from scratch."""
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- what it holds -----------------------------------------------------------------------------------

    def generation(self) -> str | None:
        """The data file's search generation at the index's last commit; None if there is no usable index."""
        index = self._index()
        if index is None:
            return None
        try:
            index.reload()
            searcher = index.searcher()
            hits = searcher.search(tantivy.Query.term_query(SCHEMA, "kind", _STATE), 1, count=False).hits
            return searcher.doc(hits[0][1])["stamp"][0] if hits else None
        except (OSError, ValueError):  # damaged: stale, so it is caught up (or built again)
            return None

    def cafes(self) -> dict[str, str] | None:
        """Café id -> the stamp of the import whose notes the index holds ({} if there is no index); None if the
        index can't be read (it is then built again)."""
        index = self._index()
        if index is None:
            return None if self.folder.exists() else {}
        try:
            index.reload()
            searcher = index.searcher()
            query = tantivy.Query.term_query(SCHEMA, "kind", _CAFE)
            held = {}
            markers = searcher.search(query, 1, count=True).count
            for _score, address in searcher.search(query, max(markers, 1), count=False).hits:
                doc = searcher.doc(address)
                held[doc["cafe"][0]] = doc["stamp"][0]
            return held
        except (OSError, ValueError):
            return None

    # --- keeping in step ---------------------------------------------------------------------------------

    def catch_up(self, generation: str, cafes_now: dict[str, str],
                 notes_of: Callable[[str], Iterable[tuple[int, str]]],
                 progress: Callable[[int, int], None] = lambda done, total: None,
                 cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Make the index hold exactly the notes of `cafes_now` (café id -> import stamp) and record `generation`:
        cafés gone or re-imported are taken out, new ones put in (`notes_of(café id)` gives (rowid, text) pairs),
        all in one commit. Returns False if cancelled (nothing changed); IndexBusy if another writer holds it."""
        held = self.cafes()
        index = self._index(create=True) if held is not None else None
        if index is None:  # unreadable or of another layout: start again
            self.discard()
            index, held = self._index(create=True), {}
        if index is None:
            raise IndexBusy(f"The search index in {self.folder} can't be opened.")
        gone = [c for c, stamp in held.items() if cafes_now.get(c) != stamp]
        new = [c for c, stamp in cafes_now.items() if held.get(c) != stamp]
        try:
            writer = index.writer(heap_size=64_000_000, num_threads=1)
        except ValueError as exc:  # tantivy's lock: someone else is writing
            raise IndexBusy(str(exc)) from exc
        try:
            for cafe_id in gone:
                writer.delete_documents_by_term("cafe", cafe_id)
            for done, cafe_id in enumerate(new):
                if cancelled():
                    writer.rollback()
                    return False
                progress(done, len(new))
                for rowid, text in notes_of(cafe_id):
                    writer.add_document(tantivy.Document(kind=_NOTE, cafe=cafe_id, rowid=rowid, text=text))
                writer.add_document(tantivy.Document(kind=_CAFE, cafe=cafe_id, stamp=cafes_now[cafe_id]))
            writer.delete_documents_by_term("kind", _STATE)
            writer.add_document(tantivy.Document(kind=_STATE, stamp=generation))
            writer.commit()
            writer.wait_merging_threads()
        finally:
            del writer  # releases tantivy's writer lock
        progress(len(new), len(new))
        index.reload()
        return True

    # --- searching ---------------------------------------------------------------------------------------

    def best(self, node: Node, limit: int, offset: int = 0) -> list[int] | None:
        """Rowids of the best-ranked notes matching `node` (BM25), from `offset`; None if the index can't answer
        this query exactly (a NEAR, a prefix of too many words) or there is no index."""
        index = self._index()
        if index is None:
            return None
        try:
            searcher = index.searcher()
            query = self._query(node, searcher)
            if query is None:
                return None
            hits = searcher.search(query, limit, count=False, offset=offset).hits
            return searcher.fast_field_values("rowid", [address for _score, address in hits]) if hits else []
        except (OSError, ValueError):  # a damaged index answers nothing; FTS5 does
            return None

    def _query(self, node: Node, searcher: tantivy.Searcher) -> tantivy.Query | None:
        if isinstance(node, Phrase):
            return self._phrase(node, searcher)
        if isinstance(node, Near):
            return None  # tantivy's sloppy phrases keep the words' order; FTS5 answers NEAR as it always has
        if isinstance(node, Without):
            parts = [(tantivy.Occur.Must, self._query(node.keep, searcher)),
                     (tantivy.Occur.MustNot, self._query(node.drop, searcher))]
        else:
            occur = tantivy.Occur.Must if isinstance(node, All) else tantivy.Occur.Should
            assert isinstance(node, All | Any)
            parts = [(occur, self._query(p, searcher)) for p in node.parts]
        if any(q is None for _o, q in parts):
            return None
        return tantivy.Query.boolean_query(parts)

    def _phrase(self, node: Phrase, searcher: tantivy.Searcher) -> tantivy.Query | None:
        words = [t for w in node.words for t in ANALYZER.analyze(w)]
        if not words:
            return tantivy.Query.empty_query()
        if node.prefix:
            endings = [t for t, _n in searcher.terms_with_prefix("text", words[-1], limit=MAX_EXPANSIONS + 1)]
            if len(endings) > MAX_EXPANSIONS:
                return None
            if not endings:
                return tantivy.Query.empty_query()
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._words([*words[:-1], e])) for e in endings])
        return self._words(words)

    @staticmethod
    def _words(words: list[str]) -> tantivy.Query:
        if len(words) == 1:
            return tantivy.Query.term_query(SCHEMA, "text", words[0])
        return tantivy.Query.phrase_query(SCHEMA, "text", words)
