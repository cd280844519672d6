"""The word-by-word check and highlight of the ranking index's page (core/search_match.py) against FTS5 itself, on
thousands of queries made from a small alphabet of words and syntax: the same texts match, the same words are marked
(NEAR's marks are FTS5's own, as NEAR is always answered by FTS5); NEAR's distances, near and far, and colons that
name no column, as FTS5 reads them."""

from __future__ import annotations

import random
import sqlite3

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.search_match import highlight, matches
from cafe_desk.core.search_query import fts5_query, parse
from cafe_desk.core.synthesis import HIT_END, HIT_START

TEXTS = ("peer support near home café", "support for peers, not support groups", "Home is where peer help is",
         "nothing here", "Café support: peer-support near near home", "Helpful, helping, helpline HELP")
ALPHABET = ("peer", "support", "sup", "home", "near", '"', "(", ")", "*", "NEAR(", "NOT", "OR", "AND", ",", "2", " ",
            "cafe", "Café", "help", "peers")


def test_the_check_and_the_marks_are_fts5s():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO t (rowid, text) VALUES (?, ?)", enumerate(TEXTS))
    draw = random.Random(7)
    compared = 0
    for _ in range(6000):
        text = "".join(draw.choice(ALPHABET) + draw.choice(("", " ")) for _ in range(draw.randint(1, 7)))
        try:
            node = parse(text)
        except ValidationError:
            continue
        if node is None:
            continue
        query = fts5_query(node)
        fts5 = dict(conn.execute(f"SELECT rowid, highlight(t, 0, '{HIT_START}', '{HIT_END}') FROM t WHERE t MATCH ?",
                                 [query]))
        assert {i for i, t in enumerate(TEXTS) if matches(node, t)} == set(fts5), text
        if "NEAR" not in query:
            assert {i: highlight(node, TEXTS[i]) for i in fts5} == fts5, text
        compared += 1
    assert compared > 1000


def test_near_distances_and_colons_that_name_no_column_are_fts5s():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO t (rowid, text) VALUES (?, ?)", enumerate(TEXTS))
    queries = [f"NEAR(peer support, {n})" for n in (0, 1, 2, 3, 2**31, 10**12)] + [
        "NEAR(support near, 0)", "support: peer", "🧠 peer", "home 10:30", "near: home"]
    for text in queries:
        node = parse(text)
        fts5 = {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [fts5_query(node)])}
        assert {i for i, t in enumerate(TEXTS) if matches(node, t)} == fts5, text
    assert {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [fts5_query(parse(queries[0]))])}
