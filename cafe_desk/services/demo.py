"""The demo café: a ready-made "Help Shape the Future of Mental Health" café under way — on its last round, with
notes from every round, comments from phones, paper votes and phone ballots (voting closed again after them)."""

from __future__ import annotations

import datetime as dt
import random

DEMO_KEY = "demo_cafe"

DEMO_NOTES = [
    (0, "Peer support group kept me going when the waiting list was a year long", True),
    (0, "Being asked what matters to me, not what is wrong with me", True),
    (0, "GP who took time and followed up with a phone call", False),
    (0, "Walking group run by the community centre: no referral needed", False),
    (1, "Services stop at 5pm and crisis doesn't", True),
    (1, "Having to tell my story again to every new worker", False),
    (1, "Bus to the nearest service takes two hours from the glens", False),
    (1, "Third sector funding is year to year so good projects disappear", False),
    (2, "Peer workers in every team, paid properly", False),
    (2, "One front door: you get help wherever you first ask", False),
    (2, "Nothing about us without us: lived experience on every board", True),
    (2, "Recovery colleges in every region", False),
]
DEMO_COMMENTS = [
    "It would help if the crisis team could see you in the evening, not just 9 to 5.",
    "My peer worker was the first person who didn't rush me. Every area should have them.",
    "Please keep cafés like this going: it's the first time I've felt listened to.",
]
SUMMARIES = [
    "Being listened to and peer support helped most; people want continuity with one worker.",
    "Access out of hours and in rural areas is the biggest barrier; short-term funding undermines what works.",
    "Peer roles and lived experience in decision-making, with one easy front door to support.",
]


def ensure_demo(services) -> str:
    """The demo café's id, creating it (with notes, attendance and votes, running, on its last round) the first
    time."""
    store = services.store
    with store.read():
        existing = store.get_state(DEMO_KEY)
    if existing and store.get_cafe(existing):
        return existing
    template = services.templates.built_in()[0]
    plan = template.plan
    plan.title = "Help Shape the Future of Mental Health — demo café"
    plan.date = dt.date.today().isoformat()
    plan.locality = "Perth"
    cafe, _ = services.planning.create(plan)
    rng = random.Random(2022)
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    outcomes = services.planning.items(cafe.id, "outcome")
    groups = services.planning.items(cafe.id, "group")
    themes = services.notes.themes(cafe.id)
    for i, (round_index, text, quote) in enumerate(DEMO_NOTES):
        earlier = sum(1 for r, _text, _quote in DEMO_NOTES[:i] if r == round_index)
        table = tables[earlier % len(tables)]  # each round's points from tables 1, 2, 3…: table 1 has one in each
        services.notes.add(cafe.id, table.id, rounds[round_index].id, text, is_quote=quote,
                           outcome_ids=[outcomes[i % len(outcomes)].id], theme_ids=[themes[i % len(themes)].id])
    for rnd, summary in zip(rounds, SUMMARIES, strict=True):
        services.notes.set_summary(cafe.id, tables[0].id, rnd.id, summary)
    for table in tables:
        people = 0  # the table's busiest round
        for rnd in rounds:
            counts = [rng.randint(0, 3) for _group in groups]
            people = max(people, sum(counts))
            for group, count in zip(groups, counts, strict=True):
                services.notes.set_attendance(cafe.id, table.id, rnd.id, group.id, count)
        # most of the table's people placed all their dots: never more dots than they had, which the page would query
        dots = [0] * len(outcomes)
        for _ in range(rng.randint(people * cafe.dots_per_person * 2 // 3, people * cafe.dots_per_person)):
            dots[rng.randrange(len(outcomes))] += 1
        for outcome, count in zip(outcomes, dots, strict=True):
            services.votes.set_tally(cafe.id, outcome.id, count, table_id=table.id)
    for i, text in enumerate(DEMO_COMMENTS):
        services.comments.submit(cafe.id, text, consent=True, round_id=rounds[i % len(rounds)].id,
                                 group_id=groups[i % len(groups)].id)
    services.channel.set_voting_open(cafe.id, True)
    for phone in range(3):
        services.ballots.cast(cafe.id, f"demo-phone-{phone}", {outcomes[phone].id: 2, outcomes[5 - phone].id: 1})
    # voting closes again (no phone can reach a demo until it is opened to phones on the Run page), and the café is
    # running, on the round its last notes are from, its countdown ready to start (one already counting would have run
    # out by the time the demo is opened again)
    services.channel.set_voting_open(cafe.id, False)
    for _ in rounds[1:]:
        services.running.next_round(cafe.id)
    with store.transaction():
        store.set_state(DEMO_KEY, cafe.id)
    return cafe.id
