"""`cafe-desk search` in a process of its own, on a real central data file: lines and JSON, the Synthesis page's
filters, and the same one-line messages for a query that can't be read."""

from __future__ import annotations

import json

import pytest

from cafe_desk.settings import DB_NAME
from cafe_desk.storage.store import Store
from tests.central import cafe_at, send
from tests.conftest import assert_fails, cafe_desk
from tests.read_only import read_only_folder


@pytest.fixture
def desk(tmp_path, services, identity):
    """A central data folder with two imported cafés."""
    folder = tmp_path / "central"
    folder.mkdir()
    store = Store(folder / DB_NAME)
    try:
        for title, date, place, points in (
                ("Perth café", "2026-03-14", "Perth", ("Peer support groups helped me most", "Waiting lists")),
                ("Inverness café", "2026-04-02", "Inverness", ("Recovery takes peer support", "Support, support"))):
            send(services, cafe_at(services, title, date, place, points), store, identity)
    finally:
        store.close()
    return folder


def test_lines_best_match_first(desk):
    result = cafe_desk("search", "support", data_dir=desk)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    code = json.loads(cafe_desk("search", "support", "--json", data_dir=desk).stdout)["items"][0]["cafe_code"]
    codes = {c["title"]: c["short_code"] for c in json.loads(cafe_desk("cafes", "--json", data_dir=desk).stdout)}
    assert code == codes["Inverness café"]  # the short code `cafe-desk cafes` lists and --cafe takes
    assert lines[0] == f"Point — Inverness café ({code}), Inverness, 2026-04-02: [Support], [support]"
    assert lines[-1] == "3 items, best match first."
    assert len(lines) == 4


def test_json_with_filters_and_a_limit(desk):
    result = cafe_desk("search", '"peer support"', "--json", "--locality", "perth", data_dir=desk)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == 1
    (item,) = data["items"]
    assert (item["text"], item["locality"], item["highlighted"]) == (
        "Peer support groups helped me most", "Perth", ["Peer support"])
    limited = json.loads(cafe_desk("search", "support OR waiting", "--json", "--limit", "1", data_dir=desk).stdout)
    assert limited["total"] == 4 and len(limited["items"]) == 1
    shown = cafe_desk("search", "support", "--limit", "2", data_dir=desk).stdout.splitlines()
    assert shown[-1] == "The first 2 of 3 items, best match first."
    nothing = cafe_desk("search", "zeitgeist", "--json", data_dir=desk)
    assert json.loads(nothing.stdout) == {"total": 0, "items": []}


def test_nothing_found_says_which_options_may_keep_everything_out_and_what_to_try(desk):
    # "peer" is in both cafés, but not in Perth after March: the two options keep each other's items out
    result = cafe_desk("search", "peer", "--locality", "Perth", "--from", "2026-04-01", data_dir=desk)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", (
        "Nothing matches “peer” with --from 2026-04-01, --locality Perth: try it with fewer of those options, or check "
        "the spelling, or try fewer words or a word start like recov*.\n"))
    result = cafe_desk("search", "zeitgeist", data_dir=desk)
    assert result.stdout == (
        "Nothing matches “zeitgeist”: check the spelling, or try fewer words or a word start like recov*. The search "
        "reads what was said; a place, a date or a group is chosen with --locality, --from, --to or --group.\n")


def test_limit_0_says_only_how_many_match(desk):
    result = cafe_desk("search", "support", "--limit", "0", data_dir=desk)
    assert (result.returncode, result.stdout) == (0, "3 items.\n")
    assert json.loads(cafe_desk("search", "support", "--limit", "0", "--json", data_dir=desk).stdout) == {
        "total": 3, "items": []}


def test_bad_queries_and_options_get_one_line(desk):
    assert_fails(cafe_desk("search", 'peer "support', data_dir=desk),
                 'The search has a quote that is not closed: please add the closing ".')
    assert_fails(cafe_desk("search", "NOT peer", data_dir=desk),
                 "NOT needs words on both sides, e.g. peer NOT support.")
    assert_fails(cafe_desk("search", "peer", "--limit", "-1", data_dir=desk),
                 "--limit takes a number from 0 (to count only) to 10,000.")
    assert_fails(cafe_desk("search", "peer", "--theme", "Nope", data_dir=desk),
                 "There is no theme called “Nope” in the codebook (the Synthesis page lists its themes).")
    for date in ("2026-13-45", "2026-4-1", "2026-02-30"):
        assert_fails(cafe_desk("search", "peer", "--from", date, data_dir=desk),
                     f"--from takes a date as YYYY-MM-DD, such as 2026-03-14, not '{date}'.")
    unknown = cafe_desk("search", "peer", "--cafe", "NOSUCH", data_dir=desk)
    assert unknown.returncode == 2 and unknown.stderr.startswith("cafe-desk: There is no café 'NOSUCH' here.")
    for distance in ("-3", "-1", "1.5"):
        assert_fails(cafe_desk("search", f"NEAR(peer support, {distance})", data_dir=desk),
                     "NEAR's distance is a whole number after the comma, e.g. NEAR(peer support, 10).")
    assert_fails(cafe_desk("search", "text:peer", data_dir=desk),
                 "A search can't name a column or field (“text:”): type just the words, and narrow by café, group, "
                 "theme or date with the filters.")
    assert_fails(cafe_desk("search", "🧠", data_dir=desk),
                 "Emoji and symbols can't be searched, only words and numbers; try e.g. peer support, \"waiting "
                 "list\", recov* or NEAR(peer support, 10).")
    assert_fails(cafe_desk("search", "peer", "--group", "Carers", data_dir=desk),
                 "There is no group called “Carers” in the imported cafés; their groups are “Family member or "
                 "carer”, “Lived experience”, “Other” and “Practitioner”.")
    assert_fails(cafe_desk("search", "peer", "--from", "2027-01-01", "--to", "2026-01-01", data_dir=desk),
                 "--to 2026-01-01 is before --from 2027-01-01, so no café falls between them: please swap the two "
                 "dates.")


def test_far_behind_the_answer_comes_first_then_the_index_is_built(desk, monkeypatch, capsys):
    from cafe_desk.cli import main
    from cafe_desk.storage.search_index import SearchIndex

    monkeypatch.setattr("cafe_desk.services.ranked_search.CATCH_UP_INLINE", 0)  # two cafés missing is then "far"
    assert main(["--data-dir", str(desk), "search", "support"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "3 items, best match first."
    assert err.splitlines() == ["Bringing the search index up to date…", "  0 of 2 cafés", "  2 of 2 cafés"]
    assert SearchIndex(desk / DB_NAME).generation() is not None
    assert main(["--data-dir", str(desk), "search", "support"]) == 0
    again, err = capsys.readouterr()
    assert again == out and err == ""  # up to date: nothing more to build, the same answer


def test_an_index_folder_it_may_not_write_is_said_once_and_searches_go_on(desk):
    from cafe_desk.storage.search_index import SearchIndex

    index = SearchIndex(desk / DB_NAME)
    index.discard()
    with read_only_folder(index.folder):
        for _ in range(2):  # each search answers, says it once, and tries no rebuild
            result = cafe_desk("search", "support", data_dir=desk)
            assert result.returncode == 0, result.stderr
            assert result.stdout.splitlines()[-1] == "3 items, best match first."
            assert result.stderr == (f"Searches will be slower than usual, because the search index can't be saved "
                                     f"in {index.folder} (Café Desk may not write there); they still find "
                                     "everything.\n")
        assert list(index.folder.iterdir()) == []
    assert cafe_desk("search", "support", data_dir=desk).stderr == ""  # writable again: built, nothing to say
    assert index.generation() is not None
