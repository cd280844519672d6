"""What the sample cafés say: twelve places across Scotland, and the points, summaries and comments their tables
might have made in answer to the "Help shape the future of mental health" questions. Written for trying the central
desk; nothing here is from a real café."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SamplePlace:
    """Where and when one sample café met."""

    title: str
    locality: str
    date: str  # ISO


PLACES = (
    SamplePlace("Sample café — Inverness", "Inbhir Nis / Inverness", "2026-09-08"),
    SamplePlace("Sample café — Dundee", "Dundee", "2026-09-15"),
    SamplePlace("Sample café — Glasgow East", "Glasgow", "2026-09-22"),
    SamplePlace("Sample café — Stornoway", "Steòrnabhagh / Stornoway", "2026-09-29"),
    SamplePlace("Sample café — Dumfries", "Dumfries", "2026-10-06"),
    SamplePlace("Sample café — Aberdeen", "Aberdeen", "2026-10-13"),
    SamplePlace("Sample café — Fort William", "Fort William", "2026-10-20"),
    SamplePlace("Sample café — Paisley", "Paisley", "2026-10-27"),
    SamplePlace("Sample café — Edinburgh Leith", "Edinburgh", "2026-11-03"),
    SamplePlace("Sample café — Kirkwall", "Kirkwall", "2026-11-10"),
    SamplePlace("Sample café — Galashiels", "Galashiels", "2026-11-17"),
    SamplePlace("Sample café — Stirling", "Stirling", "2026-11-24"),
)

#: Points by round (the template's three questions: what helped, what gets in the way, what the future looks like).
POINTS = (
    (
        "Peer support group kept me going while I waited for therapy",
        "A worker who remembered my name and what I'd said last time",
        "Being asked what matters to me, not what is wrong with me",
        "The walking group at the community centre, no referral needed",
        "Text reminders before appointments so I didn't miss them",
        "My GP phoned back the same day when I was struggling",
        "Meeting people who had been through the same thing",
        "A recovery college course on managing anxiety",
        "Family were included in the plan, not kept at arm's length",
        "Having one key worker for more than a few months",
        "Drop-in café on a Saturday when everything else is shut",
        "Being believed the first time I asked for help",
    ),
    (
        "Services stop at five and crisis doesn't",
        "Telling my story again to every new worker",
        "The bus to the nearest service takes two hours",
        "Waiting lists of over a year for talking therapy",
        "Short-term funding means good projects close just as they work",
        "Forms and phone lines that assume you're well enough to use them",
        "Stigma at work stops people asking for help early",
        "Carers aren't told anything because of confidentiality",
        "Being discharged as soon as you start to feel better",
        "No support in Gaelic or in other languages people think in",
        "Thresholds so high you have to be in crisis to get seen",
        "Young people fall through the gap between child and adult services",
    ),
    (
        "Peer workers in every team, paid properly",
        "One front door: help wherever you first ask",
        "Lived experience on every board that makes decisions",
        "Recovery colleges in every region, online and in person",
        "Crisis support that is open in the evening and at weekends",
        "Funding for community groups that lasts more than a year",
        "Mental health first aid as common as physical first aid",
        "Support for carers that starts on day one",
        "Services that come to the islands, not the other way round",
        "Choice about the kind of support, not one size for all",
        "People stay with the same worker while they recover",
        "Schools and workplaces that talk about mental health openly",
    ),
)

#: Openings and endings that vary how a point is put, so no two cafés read alike.
OPENINGS = ("", "", "", "For me: ", "Someone said: ", "Agreed by the table: ", "Strong feeling that ")
ENDINGS = ("", "", "", " — several people agreed", " (came up twice)", ", especially for older people",
           ", especially for young people", " in rural areas")

SUMMARIES = (
    "Being listened to and peer support helped most; people want continuity with one worker.",
    "Access out of hours and in rural areas is the biggest barrier; short-term funding undermines what works.",
    "Peer roles and lived experience in decision-making, with one easy front door to support.",
)

COMMENTS = (
    "It would help if the crisis team could see you in the evening, not just nine to five.",
    "My peer worker was the first person who didn't rush me. Every area should have them.",
    "Please keep cafés like this going: it's the first time I've felt listened to.",
    "As a carer I need to know who to call at two in the morning.",
    "The waiting list nearly broke me. Something in the meantime would have helped.",
    "More groups outdoors please, walking and gardening helped me more than anything.",
    "Ask young people what works, we're the ones using it.",
    "I'd like support in Gaelic, it's the language I think in when things are hard.",
)
