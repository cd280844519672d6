"""The Synthesis page's filters as `cafe-desk data`, `cafe-desk search` and `cafe-desk report --central` take them,
each run as a real process on a real central data file: one name per filter in --help, the older spellings still
answering the same, the same one-line message from each command for what can't be followed, and the sample cafés
left out unless --samples asks for them."""

from __future__ import annotations

import csv
import json
import re

import pytest

from cafe_desk.commands.filters import ONLY_SAMPLES, SAMPLE_CAFE
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.central import cafe_at, make_cafe, send
from tests.conftest import assert_fails, cafe_desk

COMMANDS = ("data", "search", "report")


@pytest.fixture(scope="module")
def desk(tmp_path_factory, identity):
    """A central data folder: Perth and Inverness imported (Perth's quote shortlisted, Inverness coded "Peer
    support"), the sample cafés, and a café of the desk's own. (folder, {title: short code}, own café's code)."""
    base = tmp_path_factory.mktemp("filters")
    laptop_store, central_store = Store(base / "laptop.sqlite3"), Store(Settings(base / "central").db_path)
    try:
        laptop, hq = Services.build(laptop_store), Services.build(central_store)
        inverness = cafe_at(laptop, "Inverness café", "2026-04-02", "Inverness", ("Peer workers in every practice",),
                            ("Peer support saved my week",))
        codes = {}
        for cafe in (make_cafe(laptop), inverness):
            codes[cafe.title] = hq.cafes.cafe(send(laptop, cafe, central_store, identity).cafe_id).short_code
        theme = hq.synthesis.create_theme("Peer support")[0]
        items = hq.synthesis.find().items
        hq.synthesis.apply_theme([i.id for i in items if i.cafe_title == "Inverness café"], theme.id)
        hq.synthesis.shortlist([i.id for i in items if i.is_quote])
        hq.samples.add()
        codes["sample"] = next(c.short_code for c in hq.synthesis.cafes() if c.id in hq.samples.ids())
        own = make_cafe(hq, "The desk's own café").short_code
    finally:
        laptop_store.close()
        central_store.close()
    return base / "central", codes, own


def run(command: str, folder, tmp_path, *args: str, query: str = "peer OR waited OR benches OR support",
        flag: str = "--search"):
    """`command` with the filter options `args`; what it found, read back (search: the texts, data: items.csv's
    texts, report: its line's counts), or the finished process when it failed."""
    if command == "search":
        result = cafe_desk("search", query, "--json", "--limit", "10000", *args, data_dir=folder)
    elif command == "data":
        out = tmp_path / f"data-{len(list(tmp_path.iterdir()))}"
        out.mkdir()
        result = cafe_desk("data", "--format", "csv", "--for", "analysis", "--out", str(out), flag, query,
                           *args, data_dir=folder)
    else:
        out = tmp_path / f"report-{len(list(tmp_path.iterdir()))}.pdf"
        result = cafe_desk("report", "--central", "--out", str(out), flag, query, *args, data_dir=folder)
    if result.returncode:
        return result
    assert result.stderr == "", result.stderr
    if command == "search":
        return sorted(i["text"] for i in json.loads(result.stdout)["items"])
    if command == "data":
        with open(out / "items.csv", encoding="utf-8", newline="") as f:
            return sorted(r["text"] for r in csv.DictReader(f))
    return re.fullmatch(r"Synthesis report of (.*) → .*\n", result.stdout).group(1)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_lists_one_name_per_filter(desk, command):
    folder, _, _ = desk
    args = ("report", "--help") if command == "report" else (command, "--help")
    shown = cafe_desk(*args, data_dir=folder).stdout
    for name in ("--cafe", "--from", "--to", "--locality", "--group", "--question", "--outcome", "--theme",
                 "--source", "--quotes-only", "--shortlisted-only", "--samples"):
        assert name in shown, name
    assert ("--search" in shown) == (command != "search")  # search takes its words as QUERY
    for alias in ("--text", "--quotes ", "--shortlisted ", "note-taker"):
        assert alias not in shown, alias


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("shown", "older"), [
    (["--quotes-only"], ["--quotes"]),
    (["--shortlisted-only"], ["--shortlisted"]),
    (["--source", "points"], ["--source", "note-taker"]),
    (["--source", "comments", "--source", "paper"], ["--source", "participant", "--source", "paper"]),
])
def test_older_spellings_answer_as_the_shown_names(desk, tmp_path, command, shown, older):
    folder, _, _ = desk
    everything, narrowed = run(command, folder, tmp_path), run(command, folder, tmp_path, *shown)
    assert narrowed != everything and narrowed  # the filter narrowed the answer to something
    assert run(command, folder, tmp_path, *older) == narrowed


@pytest.mark.parametrize("command", ("data", "report"))
def test_text_answers_as_search(desk, tmp_path, command):
    folder, _, _ = desk
    found = run(command, folder, tmp_path, query="benches", flag="--search")
    assert found == (["More benches in the park"] if command == "data" else "2 cafés, 1 item")
    assert run(command, folder, tmp_path, query="benches", flag="--text") == found


@pytest.mark.parametrize("command", COMMANDS)
def test_the_same_filters_find_the_same_items(desk, tmp_path, command):
    folder, codes, _ = desk
    perth = run(command, folder, tmp_path, "--cafe", codes["Perth café"].lower())
    themed = run(command, folder, tmp_path, "--theme", "peer SUPPORT", "--from", "2026-04-01")
    if command == "report":
        assert perth.startswith("1 café,") and themed.startswith("1 café,")
    else:
        assert perth == ["More benches in the park", "Peer support groups helped me most",
                         "Waited eight months for a first appointment"]
        assert themed == ["Peer support saved my week", "Peer workers in every practice"]


@pytest.mark.parametrize("command", COMMANDS)
def test_each_filter_it_can_t_follow_is_the_same_line(desk, tmp_path, command):
    folder, codes, own = desk
    for args, message in (
        (["--from", "1 April"], "--from takes a date as YYYY-MM-DD, such as 2026-03-14, not '1 April'."),
        (["--to", "2026-02-30"], "--to takes a date as YYYY-MM-DD, such as 2026-03-14, not '2026-02-30'."),
        (["--theme", "Transport"],
         "There is no theme called “Transport” in the codebook (the Synthesis page lists its themes)."),
        (["--source", "phones"], "--source takes points, comments or paper, not 'phones'."),
        (["--cafe", "NOSUCH"], "There is no café 'NOSUCH' here. An imported café gets a short code of its own at the "
                               "central desk: `cafe-desk cafes` lists them (the café's long id from the facilitator's "
                               "laptop works too)."),
        (["--cafe", own], "“The desk's own café” is a café of this laptop, not an imported one, so the Synthesis "
                          "holds none of it; `cafe-desk cafes --json` says which cafés were imported."),
        (["--group", "Carers"], "There is no group called “Carers” in the imported cafés; their groups are “Family "
                                "member or carer”, “Lived experience”, “Other” and “Practitioner”."),
        (["--outcome", "Shorter waits"], "There is no outcome called “Shorter waits” in the imported cafés (the "
                                         "Synthesis page's Outcome filter lists them)."),
        (["--locality", "Pertth"], "There is no town or area called “Pertth” in the imported cafés (the Synthesis "
                                   "page's Town or area filter lists them)."),
        (["--question", "What helps?"], "There is no question called “What helps?” in the imported cafés (the "
                                        "Synthesis page's Question filter lists them)."),
        (["--from", "2027-01-01", "--to", "2026-01-01"],
         "--to 2026-01-01 is before --from 2027-01-01, so no café falls between them: please swap the two dates."),
    ):
        assert_fails(run(command, folder, tmp_path, *args), message)
    sample = run(command, folder, tmp_path, "--cafe", codes["sample"])
    assert_fails(sample, SAMPLE_CAFE.format(title=sample.stderr.split("“")[1].split("”")[0]))
    assert sample.stderr.startswith("cafe-desk: “Sample café — ")
    assert all(p.is_dir() and not any(p.iterdir()) for p in tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize("command", COMMANDS)
def test_group_outcome_and_place_are_read_without_regard_to_case_or_spacing(desk, tmp_path, command):
    folder, _, _ = desk
    for flag, name in (("--group", "Lived experience"), ("--locality", "Inverness"),
                       ("--outcome", "People expect recovery and are supported at all stages of their recovery "
                                     "journey")):
        exact = run(command, folder, tmp_path, flag, name)
        assert exact and run(command, folder, tmp_path, flag, "  " + name.upper().replace(" ", "  ")) == exact, flag


@pytest.mark.parametrize("command", COMMANDS)
def test_samples_are_left_out_unless_asked(desk, tmp_path, command):
    folder, codes, _ = desk
    real, every = run(command, folder, tmp_path), run(command, folder, tmp_path, "--samples")
    if command == "report":
        assert real.startswith("2 cafés,") and every.startswith("14 cafés,")
    else:
        assert len(real) == 5 and len(every) > len(real) and set(real) < set(every)
    chosen = run(command, folder, tmp_path, "--cafe", codes["sample"], "--samples")
    assert chosen and chosen != every


@pytest.mark.parametrize("command", COMMANDS)
def test_only_samples_is_one_line(tmp_path, command):
    store = Store(Settings(tmp_path / "central").db_path)
    try:
        Services.build(store).samples.add()
    finally:
        store.close()
    (tmp_path / "out").mkdir()
    assert_fails(run(command, tmp_path / "central", tmp_path / "out"), ONLY_SAMPLES)
    assert run(command, tmp_path / "central", tmp_path / "out", "--samples")
