"""What the risk finder looks for: word families, and the phrase patterns built from them, each with its kind and
weight. What raises or lowers a match around it is in `risk_context`.

A pattern is plain words, read through the same stemming as the text, so one pattern covers every form
("end my life" matches "ending my life", "ended ma life"). Inside a pattern:
  {family}   any entry of that word family        [a|b c]   one of these (each may be several words)
  ~N         up to N other words in between      word?     the word may be missing
Patterns never run across the end of a sentence.
"""

from __future__ import annotations

from cafe_desk.core.risk_kinds import CHILD, HARMED, SELF_HARM, SUICIDE  # noqa: F401

FAMILIES: dict[str, str] = {
    # who
    "self": "i|me|my|myself|mine",
    "refl": "myself|herself|himself|themselves|yourself|hisself|ourselves|oneself|self",
    "poss": "my|her|his|their|your|our|own|ma",
    "pron_obj": "me|us|her|him|them|mum|my mum|my dad|my gran|my granny|my sister|my brother|you",
    "agent": "he|she|they|partner|husband|wife|boyfriend|girlfriend|fiance|ex|dad|father|stepdad|mum|mother|stepmum"
    "|son|daughter|brother|sister|carer|uncle|aunt|grandson|granddaughter|nephew|niece|cousin|neighbour|landlord"
    "|family|man|woman|guy|pal|flatmate|lodger|in laws|other half|him|her|staff|worker|support worker|people|guys"
    "|lads|dealer|gang|they",
    "child": "15yo|14yo|13yo|12yo|11yo|10yo|9yo|8yo|7yo|6yo|5yo|4yo|3yo|son|daughter|kid|child|childer|wean|bairn|boy"
    "|girl|baby|toddler|teenager|twin|twins|infant|newborn|nappies|teen|grandson|granddaughter|grandkid|grandchild"
    "|stepson|stepdaughter|wee one|wee ones|wee man|wee lassie|wee boy|wee girl|wee brother|wee sister|little brother"
    "|little sister|laddie|lassie|pupil|schoolgirl|schoolboy|youngest|eldest|oldest|nighean|mhac|clann|chlann|leanabh"
    "|paiste|balach|caileag",
    # wanting, planning, being unable
    "want": "want|wish|would like|would rather|feel like|tempt|need|plan|going|go|think about|think of|ready|decide"
    "|urge|desire|long|hope|mean|intend|keep think|start think|consider|try|could easily|might",
    "neg": "not|no|never|nobody|nothing|none|cannot|without|nor|no one",
    "die": "die|dead|death|deid|gone|away",
    "end": "end|finish|stop|take|top|off",
    "stop": "stop|end|be over|go away|switch off|shut off|quiet|disappear",
    "everything": "everything|it all|it|all of it|the pain|the world|life|the noise|the thought|my head|my brain"
    "|the voices|things|this",
    "go_on": "go on|carry on|keep go|keep on|do this|do it|face|cope|take it|take this|handle it|handle this|manage"
    "|hold on|get through|last|survive|see a future|see a way|live like this|stand it|bear it",
    "live": "live|be alive|be here|be around|exist|wake up|wake|get up|be in this world|breathe|see tomorrow"
    "|see another day|go on|carry on",
    "pills": "tablet|pill|medication|paracetamol|co codamol|codeine|insulin|antidepressant|sleeping tablet"
    "|prescription|stash|dose|sertraline|citalopram|diazepam|tramadol|morphine|methadone|lithium",
    "means": "tablet|pill|medication|paracetamol|codeine|insulin|sleeping tablet|prescription|pileachan|carrier bag"
    "|plastic bag|engine running|exhaust|hosepipe|rope|ligature|noose|banister|knife|blade|razor|gun|shotgun"
    "|multi storey|car park|bridge|cliff|tracks|train|railway|motorway|drochaid|pier|the edge|tallest|highest|tree"
    "|beam|balcony|jump|hang|drown|overdose|method|methods|everything in the cabinet",
    "intent": "plan|planned|planning|decided|next time|try again|do it|did it|act on it|go through with|this time"
    "|might listen|ready|thinking of|thinking about|think about|thought about|googled|looked up|looking up|look up"
    "|lined up|do it right|nearly|almost|measured|pick a day|waiting on|wish it had worked|how easy|how many|too many"
    "|come back from|saving them|saved up|stockpile|stockpiling|keep think|keep thinking|all planned|got it sorted"
    "|wish it have work",
    "farewell": "goodbye|keys back|paid off my debts|said sorry to|everything be in order|in order now"
    "|cleared out my flat|rehome|rehomed|sorted my will|thanks for everything|sorry for everything|look after my cat"
    "|look after my dog|look after my dogs|look after the dog|look after the cat|gave away|give away|giving away"
    "|bank pin|my pin|not need|will not need|won't need|where i be going|my affairs|the will|sorted the will"
    "|one last time|for keeps|gave my keys|look after mum|look after my mum|strange calm|last thing|labelled boxes"
    "|made my peace|come home early|the note|already written|be done|not see|not be around|not be about"
    "|not planning on being|be gone",
    "when": "tonight|tomorrow|weekend|saturday|sunday|friday|monday|tuesday|wednesday|thursday|christmas|new year"
    "|next month|next week|spring|summer|by then|birthday|lambing|a dry night|this week|the morning",
    "sh_tool": "razor|blade|blades|lighter|compass|scissors|knife|glass|cigarette|fag|fags|pencil sharpener",
    "sh_body": "arm|arms|thigh|thighs|wrist|wrists|skin|leg|legs|stomach|forearm|forearms|hip|hips|ankle",
    "young": "son|daughter|kid|child|wean|bairn|boy|girl|baby|toddler|teenager|grandson|granddaughter|niece|nephew"
    "|wee one|wee sister|wee brother|little sister|little brother|pupil|10|11|12|13|14|15|15yo|14yo|13yo|12yo|11yo"
    "|10yo|year old|yr old",
    "minor": "10|11|12|13|14|15|ten|eleven|twelve|thirteen|fourteen|fifteen",
    "place": "drochaid|bridge|cliff|edge|tracks|track|train|railway|motorway|roof|river|sea|water|loch|car park|tower"
    "|ledge|rope|ligature|noose|harbour|pier",
    "harm_self_verb": "cut|harm|hurt|burn|scratch|punch|hit|bang|bite|scald|starve|punish|batter|pull|slash|overdose"
    "|injure|beat",
    "hit": "hit|hurt|beat|punch|kick|slap|push|shove|strangle|choke|throttle|grab|batter|attack|assault|rape|abuse"
    "|bully|belt|thump|smack|whack|headbutt|bite|spit|pin|lock|throw|burn|touch|leather|skelp",
    "scared": "scare|afraid|terrifi|frighten|fear|petrifi|worri|dread|nervous|panic",
    "money": "money|benefit|pension|bank|card|account|wage|savings|cash|universal credit|pip|payment|giro|purse"
    "|wallet|pin",
    "take_money": "take|steal|use|control|empty|spend|withdraw|borrow|keep|handle|have|manage|run|drain|clean out|hold",
    "threaten": "threaten|threat|warn",
}

# (kind, weight, pattern), in three modules by kind. A weight of 3 flags on its own; 2 flags unless the context lowers
# it; 1 needs the context to raise it (first person with now, a plan or a timeframe).
from cafe_desk.core.risk_rules_harm import HARM  # noqa: E402
from cafe_desk.core.risk_rules_life import LIFE  # noqa: E402
from cafe_desk.core.risk_rules_more import MORE  # noqa: E402

RULES: list[tuple[str, float, str]] = [*LIFE, *HARM, *MORE]
