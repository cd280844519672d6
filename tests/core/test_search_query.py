"""Search queries read into a tree, written back for FTS5 with every word quoted, and a one-line message for every
query that can't be read; and the word-by-word check and highlight of one text."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.search_match import checked, highlight, matches
from cafe_desk.core.search_query import (
    MAX_NEAR,
    MAX_QUERY_CHARS,
    All,
    Any,
    Near,
    Phrase,
    Without,
    fts5_query,
    parse,
)
from cafe_desk.core.synthesis import HIT_END, HIT_START


@pytest.mark.parametrize(("text", "tree", "fts5"), [
    ("recovery", Phrase(("recovery",)), '"recovery"'),
    ("peer support", All((Phrase(("peer",)), Phrase(("support",)))), '("peer" AND "support")'),
    ('"Peer Support"', Phrase(("peer", "support")), '"peer support"'),
    ("recov*", Phrase(("recov",), prefix=True), '"recov"*'),
    ('"waiting list"*', Phrase(("waiting", "list"), prefix=True), '"waiting list"*'),
    ("NEAR(waiting lists, 10)", Near((Phrase(("waiting",)), Phrase(("lists",))), 10), 'NEAR("waiting" "lists", 10)'),
    ("NEAR(peer home)", Near((Phrase(("peer",)), Phrase(("home",))), 10), 'NEAR("peer" "home", 10)'),
    ("a OR b c", Any((Phrase(("a",)), All((Phrase(("b",)), Phrase(("c",)))))), '("a" OR ("b" AND "c"))'),
    ("a NOT b", Without(Phrase(("a",)), Phrase(("b",))), '("a" NOT "b")'),
    ("(a OR b) AND c", All((Any((Phrase(("a",)), Phrase(("b",)))), Phrase(("c",)))), '(("a" OR "b") AND "c")'),
    ("not or and", All((Phrase(("not",)), Phrase(("or",)), Phrase(("and",)))), '("not" AND "or" AND "and")'),
    ("peer-support, home", All((Phrase(("peer",)), Phrase(("support",)), Phrase(("home",)))),
     '("peer" AND "support" AND "home")'),
    ("NEAR(peer support, 0)", Near((Phrase(("peer",)), Phrase(("support",))), 0), 'NEAR("peer" "support", 0)'),
    ("NEAR(peer support,3)", Near((Phrase(("peer",)), Phrase(("support",))), 3), 'NEAR("peer" "support", 3)'),
    ("NEAR(peer support, 99999999999)", Near((Phrase(("peer",)), Phrase(("support",))), MAX_NEAR),
     f'NEAR("peer" "support", {MAX_NEAR})'),
    # a colon that names no column (a time, a heading, a web address) still only separates words
    ("10:30 support", All((Phrase(("10",)), Phrase(("30",)), Phrase(("support",)))), '("10" AND "30" AND "support")'),
    ("Note: peer", All((Phrase(("note",)), Phrase(("peer",)))), '("note" AND "peer")'),
    ("https://peer.org", All((Phrase(("https",)), Phrase(("peer",)), Phrase(("org",)))),
     '("https" AND "peer" AND "org")'),
    ('"text:peer"', Phrase(("text", "peer")), '"text peer"'),
    ("🧠 recovery", Phrase(("recovery",)), '"recovery"'),
])
def test_query_forms(text, tree, fts5):
    assert parse(text) == tree
    assert fts5_query(tree) == fts5


@pytest.mark.parametrize(("text", "message"), [
    ('peer "support', 'The search has a quote that is not closed: please add the closing ".'),
    ('""', 'A phrase in quotes needs at least one word, e.g. "waiting list".'),
    ("NOT peer", "NOT needs words on both sides, e.g. peer NOT support."),
    ("peer NOT", "NOT needs words on both sides, e.g. peer NOT support."),
    ("peer OR", "OR needs words on both sides, e.g. peer OR support."),
    ("AND", "AND needs words on both sides, e.g. peer AND support."),
    ("*", "A “*” goes straight after the start of a word, e.g. recov* for recovery, recovering…"),
    ("peer *", None),
    ("NEAR()", "NEAR needs words to look for, e.g. NEAR(peer support, 10)."),
    ("NEAR(, 5)", "NEAR needs words to look for, e.g. NEAR(peer support, 10)."),
    ("NEAR(peer support, ten)", "NEAR's distance is a whole number after the comma, e.g. NEAR(peer support, 10)."),
    ("NEAR(peer support", "NEAR( is not closed: please add the “)”, e.g. NEAR(peer support, 10)."),
    ("NEAR(peer OR support)", "NEAR takes only words and phrases, e.g. NEAR(peer support, 10)."),
    ("(peer support", "The search has a “(” that is not closed: please add the “)”."),
    ("peer support)", "The search has a “)” without its “(”: please remove it or add the “(”."),
    ("(", "The search has no words to look for; try e.g. peer support, \"waiting list\", recov* or "
          "NEAR(peer support, 10)."),
    ("x" * (5 * 2**20), f"The search is too long: please keep it to {MAX_QUERY_CHARS:,} characters."),
    (" ".join(["w"] * 65), "The search has too many words: please use at most 64."),
    *((f"NEAR(waiting year, {n})", "NEAR's distance is a whole number after the comma, e.g. NEAR(peer support, 10).")
      for n in ("-3", "-1", "1.5", "10 words", "")),
    ("NEAR(waiting year, 10", "NEAR( is not closed: please add the “)”, e.g. NEAR(peer support, 10)."),
    *((text, f"A search can't name a column or field (“{name}:”): type just the words, and narrow by café, group, "
             "theme or date with the filters.")
      for text, name in (("text:peer", "text"), ('title:"waiting list"', "title"), ("peer cafe:(a OR b)", "cafe"),
                         ("NEAR(text:peer home)", "text"))),
    *((text, "Emoji and symbols can't be searched, only words and numbers; try e.g. peer support, \"waiting list\", "
             "recov* or NEAR(peer support, 10).") for text in ("🧠", "😀🧠", '"🧠"', "---", "🧠 OR 😀")),
])
def test_a_query_that_cant_be_read_gets_one_line(text, message):
    if message is None:  # a star after a space still means a prefix: nothing to complain about
        assert parse(text) == Phrase(("peer",), prefix=True)
        return
    with pytest.raises(ValidationError) as caught:
        parse(text)
    assert str(caught.value) == message and "\n" not in message


def test_empty_queries_are_no_search():
    assert parse("") is None and parse("   ") is None


def test_check_and_highlight_one_text():
    def mark(s: str) -> str:
        return s.replace("[", HIT_START).replace("]", HIT_END)

    assert highlight(parse('"peer support"'), "Peer support near home") == mark("[Peer support] near home")
    assert highlight(parse("peer support"), "Peer support near home") == mark("[Peer] [support] near home")
    assert highlight(parse("recov*"), "Recovery, recovering: rec") == mark("[Recovery], [recovering]: rec")
    assert highlight(parse("cafe"), "The Café opens") == mark("The [Café] opens")
    assert highlight(parse("help NOT staff"), "help staff") == mark("[help] staff")
    assert matches(parse("help NOT staff"), "help us") and not matches(parse("help NOT staff"), "Staff help")
    assert matches(parse("NEAR(waiting lists, 2)"), "lists of long waiting times")
    assert not matches(parse("NEAR(waiting lists, 1)"), "waiting for the lists")
    assert checked(parse('"support peer"'), "peer support") is None


def test_brackets_nested_too_deep_get_one_line():
    assert parse("(" * 20 + "peer" + ")" * 20) is not None
    for depth in (21, 300):
        with pytest.raises(ValidationError, match="more than 20 brackets inside each other"):
            parse("(" * depth + "a" + ")" * depth)
