"""The central synthesis over real imported bundles: filters, full-text search, the codebook, the shortlist, votes."""

from __future__ import annotations

import json

import pytest

from cafe_desk.core.errors import NotFoundError, ValidationError
from cafe_desk.core.model import DEFAULT_GROUPS
from cafe_desk.core.synthesis import HIT_END, HIT_START, SynthesisFilter
from tests.central import cafe_at, make_cafe, send
from tests.conftest import exactly, mental_health_plan


@pytest.fixture
def desk(services, central, identity):
    """Two cafés imported: Perth (the shared test café) and Inverness (a second, with more notes)."""
    perth = make_cafe(services)
    inverness = cafe_at(services, "Inverness café", "2026-04-02", "Inverness", (
        "Recovery colleges gave me a reason to get up", "Peer workers in every GP practice",
        "Recovering takes time and patience", "Support from people who have been there"),
        ("Peer support near home, not an hour away on the bus",))
    ids = {c.title: send(services, c, central.store, identity).cafe_id for c in (perth, inverness)}
    return central.synthesis, ids


def texts(found) -> list[str]:
    return [i.text for i in found.items]


def test_every_imported_item_with_its_cafe(desk, central):
    syn, _ = desk
    found = syn.find()
    assert found.total == 8 and not found.truncated
    cafes = syn.cafes()
    assert [(c.title, c.items) for c in cafes] == [("Inverness café", 5), ("Perth café", 3)]  # newest date first
    assert all(c.export_id and c.imported_at for c in cafes)
    item = next(i for i in found.items if i.text == "Waited eight months for a first appointment")
    assert (item.cafe_title, item.date, item.locality, item.table, item.round, item.is_quote) == (
        "Perth café", "2026-03-14", "Perth", 2, 2, True)
    assert item.question and item.cafe_themes == ("Waiting times",)
    # a local café of the central laptop is not part of the synthesis
    central.planning.create(mental_health_plan(central))
    assert syn.find().total == 8


def test_filters(desk):
    syn, ids = desk
    assert syn.find(SynthesisFilter(locality="inverness")).total == 5
    assert syn.find(SynthesisFilter(date_from="2026-04-01")).total == 5
    assert syn.find(SynthesisFilter(date_to="2026-03-31")).total == 3
    comments = syn.find(SynthesisFilter(sources=("participant",)))
    assert sorted(texts(comments)) == ["Peer support groups helped me most",
                                       "Peer support near home, not an hour away on the bus"]
    facets = syn.facets()
    assert facets.localities == ["Inverness", "Perth"] and (facets.first_date, facets.last_date) == (
        "2026-03-14", "2026-04-02")
    group = DEFAULT_GROUPS[0]  # the group the Perth comment gave
    assert group in facets.groups
    assert texts(syn.find(SynthesisFilter(group=group))) == ["Peer support groups helped me most"]
    question = syn.find(SynthesisFilter(text="benches")).items[0].question
    assert question in facets.questions
    assert texts(syn.find(SynthesisFilter(question=question))) == ["More benches in the park"]
    linked = syn.find(SynthesisFilter(text="benches")).items[0].outcomes[0]
    assert linked in facets.outcomes
    assert texts(syn.find(SynthesisFilter(outcome=linked.upper()))) == ["More benches in the park"]
    assert syn.find(SynthesisFilter(quotes_only=True)).total == 1
    assert syn.find(SynthesisFilter(cafe_id=ids["Perth café"])).total == 3


def test_dates_the_wrong_way_round_are_one_line_not_an_empty_answer(desk, tmp_path):
    syn, _ = desk
    reversed_ = SynthesisFilter(date_from="2026-04-02", date_to="2026-03-14")
    line = exactly("The To date (2026-03-14) is before the From date (2026-04-02), so no café falls between them: "
                   "please swap the two dates.")
    with pytest.raises(ValidationError, match=line):
        syn.find(reversed_)
    with pytest.raises(ValidationError, match=line):
        list(syn.iter_items(reversed_))
    out = tmp_path / "out"
    out.mkdir()
    for kind, target in (("xlsx", out / "synthesis.xlsx"), ("csv", out / "csv"), ("qdpx", out / "synthesis.qdpx")):
        with pytest.raises(ValidationError, match=line):
            syn.export_data(kind, target, reversed_)
    assert list(out.iterdir()) == []
    one_day = SynthesisFilter(date_from="2026-04-02", date_to="2026-04-02")
    assert syn.find(one_day).total == 5 and syn.find(SynthesisFilter(date_to="2026-03-14")).total == 3


def test_search_words_phrases_prefixes_and_near(desk):
    syn, _ = desk
    assert sorted(texts(syn.find(SynthesisFilter(text="peer")))) == [
        "Peer support groups helped me most", "Peer support near home, not an hour away on the bus",
        "Peer workers in every GP practice"]
    assert len(texts(syn.find(SynthesisFilter(text='"peer support"')))) == 2
    assert sorted(texts(syn.find(SynthesisFilter(text="recov*")))) == [
        "Recovering takes time and patience", "Recovery colleges gave me a reason to get up"]
    assert texts(syn.find(SynthesisFilter(text="NEAR(peer home, 3)"))) == [
        "Peer support near home, not an hour away on the bus"]
    hit = syn.find(SynthesisFilter(text="benches")).items[0]
    assert hit.snippet == f"More {HIT_START}benches{HIT_END} in the park"
    # a query that can't be read says what to change, in one line
    unclosed = 'The search has a quote that is not closed: please add the closing ".'
    with pytest.raises(ValidationError, match=exactly(unclosed)):
        syn.find(SynthesisFilter(text='peer AND ("'))
    with pytest.raises(ValidationError, match=r"^A “\*” goes straight after the start of a word"):
        syn.find(SynthesisFilter(text="***"))
    assert texts(syn.find(SynthesisFilter(text="peer-support"))) == texts(syn.find(SynthesisFilter(text="peer sup*")))
    assert syn.find(SynthesisFilter(text="zeitgeist")).total == 0
    # search and filters together
    assert syn.find(SynthesisFilter(text="peer", sources=("note-taker",))).total == 1


def test_codebook_create_apply_rename_merge(desk):
    syn, ids = desk
    access, _ = syn.create_theme("Access")
    peer, _ = syn.create_theme(" Peer   support ")
    assert peer.name == "Peer support"
    with pytest.raises(ValidationError, match=exactly("There is already a theme called “access”.")):
        syn.create_theme("access")
    with pytest.raises(ValidationError, match=exactly("Please give the theme a name.")):
        syn.create_theme("   ")
    peer_items = [i.id for i in syn.find(SynthesisFilter(text="peer")).items]
    added, changes = syn.apply_theme(peer_items, peer.id)
    assert added == 3 and changes.themes
    assert syn.apply_theme(peer_items, peer.id)[0] == 0  # applying again adds nothing
    assert syn.apply_theme(["not-a-note"], peer.id)[0] == 0
    syn.apply_theme([peer_items[0]], access.id)
    assert {t.name: t.count for t in syn.themes()} == {"Access": 1, "Peer support": 3}
    assert syn.find(SynthesisFilter(theme_id=peer.id)).total == 3
    per_cafe = {(c.theme_id, c.cafe_id): c.items for c in syn.theme_counts()}
    assert per_cafe[(peer.id, ids["Inverness café"])] == 2 and per_cafe[(peer.id, ids["Perth café"])] == 1
    syn.rename_theme(access.id, "Getting help")
    with pytest.raises(ValidationError, match="merge the two instead"):
        syn.rename_theme(access.id, "PEER SUPPORT")
    syn.merge_themes([access.id], peer.id)
    assert {t.name: t.count for t in syn.themes()} == {"Peer support": 3}  # the item with both keeps one
    with pytest.raises(NotFoundError):
        syn.apply_theme(peer_items, access.id)
    removed, _ = syn.remove_theme(peer_items[:2], peer.id)
    assert removed == 2 and syn.themes()[0].count == 1
    book = json.loads(syn.codebook_json())
    assert book == {"format": "cafe-desk-codebook", "version": 1,
                    "themes": [{"name": "Peer support", "description": ""}]}


def test_a_newer_export_keeps_codings_and_the_index(services, central, identity, desk):
    syn, _ = desk
    theme, _ = syn.create_theme("Waiting")
    perth_item = syn.find(SynthesisFilter(text="appointment")).items[0]
    syn.apply_theme([perth_item.id], theme.id)
    syn.shortlist([perth_item.id])
    perth = services.cafes.cafe(next(c.id for c in services.cafes.list() if c.title == "Perth café"))
    services.notes.add(perth.id, None, None, "Appointments by text message would help")
    assert send(services, perth, central.store, identity).status == "replaced"
    assert syn.find(SynthesisFilter(text="appointment*")).total == 2  # the new note found, nothing twice
    assert syn.find().total == 9
    kept = syn.find(SynthesisFilter(text="eight months")).items[0]
    assert kept.codes == (theme.id,) and kept.shortlisted
    assert [q.text for q in syn.quotes()] == ["Waited eight months for a first appointment"]
    syn.shortlist([kept.id], keep=False)
    assert syn.quotes() == []


def test_cafe_tags_matching_the_codebook_are_coded_on_import(services, central, identity):
    syn = central.synthesis
    theme, _ = syn.create_theme("waiting times")
    make_cafe(services)  # its note is tagged "Waiting times" by the facilitator
    cafe = services.cafes.list()[0]
    send(services, services.cafes.cafe(cafe.id), central.store, identity)
    coded = syn.find(SynthesisFilter(theme_id=theme.id))
    assert texts(coded) == ["Waited eight months for a first appointment"]


def test_votes_across_cafes_split_by_group(services, central, identity):
    """Dot voting, 3 dots each. Café A: room tally 9 dots on outcome 1 and 3 on outcome 2 (4 voters); a group of 6
    voters (18 dots) split 12/6 between outcomes 1 and 2; a group of 1 voter (3 dots on outcome 2, suppressed at
    export, so its dots join the room's). Café B: 9 dots on outcome 2 and 3 on outcome 3 (4 voters)."""
    made = []
    for title, date in (("A café", "2026-03-01"), ("B café", "2026-03-02")):
        plan = mental_health_plan(services, date=date)
        plan.title = title
        made.append(services.planning.create(plan)[0])
    a, b = made
    oa, ob = (services.planning.items(c.id, "outcome") for c in made)
    ga = services.planning.items(a.id, "group")
    services.votes.set_tally(a.id, oa[0].id, 9)
    services.votes.set_tally(a.id, oa[1].id, 0)
    services.votes.set_tally(a.id, oa[0].id, 12, group_id=ga[0].id)
    services.votes.set_tally(a.id, oa[1].id, 6, group_id=ga[0].id)
    services.votes.set_tally(a.id, oa[1].id, 3, group_id=ga[1].id)
    services.votes.set_tally(b.id, ob[1].id, 9)
    services.votes.set_tally(b.id, ob[2].id, 3)
    for cafe in made:
        send(services, cafe, central.store, identity)
    votes = {v.title: v for v in central.synthesis.votes()}
    first, second, third = (votes[o.title] for o in oa[:3])
    # voters: A (9 + 3 + 18) / 3 = 10, B 4; every outcome was on both ballots, so each counts 14 voters
    assert (first.cafes, first.voters, round(first.share, 4)) == (2, 14, round((3 + 4) / 14, 4))
    assert (second.cafes, second.voters, round(second.share, 4)) == (2, 14, round((1 + 2 + 3) / 14, 4))
    assert (third.voters, round(third.share, 4)) == (14, round(1 / 14, 4))
    assert votes[oa[3].title].share == 0 and votes[oa[3].title].voters == 14
    split = {g.group: g for g in first.groups}
    assert ga[1].name not in split  # 1 voter: suppressed at export
    assert split[ga[0].name].voters == 6 and round(split[ga[0].name].share, 4) == round(4 / 6, 4)
    assert first.detail == "50% of voters' support; 14 voters in 2 cafés"
    assert list(votes)[:2] == [first.title, second.title]  # highest share first
