"""What the risk finder looks for: word families, and the phrase patterns built from them, each with its kind and
weight; and the context that raises or lowers a match (first person, now, a plan; talk about the subject, the past,
a negation).

A pattern is plain words, read through the same stemming as the text, so one pattern covers every form
("end my life" matches "ending my life", "ended ma life"). Inside a pattern:
  {family}   any entry of that word family        [a|b c]   one of these (each may be several words)
  ~N         up to N other words in between      word?     the word may be missing
Patterns never run across the end of a sentence.
"""

from __future__ import annotations

SUICIDE, SELF_HARM, HARMED, CHILD = "suicide", "self_harm", "harmed", "child"

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

# (kind, weight, pattern). A weight of 3 flags on its own; 2 flags unless the context lowers it;
# 1 needs the context to raise it (first person with now, a plan or a timeframe).
RULES: list[tuple[str, float, str]] = [
    # --- ending their life: said plainly -------------------------------------------------------------------------
    (SUICIDE, 3.5, "kill {refl}"),
    (SUICIDE, 3.5, "[end|take|finish] {poss} own? life"),
    (SUICIDE, 3, "[end|take|finish] {poss} own? ~1 life"),
    (SUICIDE, 2, "suicid"),
    (SUICIDE, 3, "suicid [thought|feel|idea|plan|again|attempt|note]"),
    (SUICIDE, 3.5, "{want} to? ~2 die"),
    (SUICIDE, 3, "{want} ~1 to be dead"),
    (SUICIDE, 3, "[wish|wishing] ~3 [dead|die|gone|never born|not born|never been born|not here|not alive|not wake"
                 "|not be here|no be here|not be alive|not exist|disappear]"),
    (SUICIDE, 3.5, "better off [dead|gone|without me|not here|not around|if i be not]"),
    (SUICIDE, 3, "be better off ~3 without me"),
    (SUICIDE, 3, "rather be dead"),
    (SUICIDE, 3, "rather not [be here|be alive|exist|wake up|be around|live]"),
    (SUICIDE, 3.5, "[end|finish] it all"),
    (SUICIDE, 3, "{want} to? [end|finish] [it|everything|things]"),
    (SUICIDE, 2.5, "end [everything|things] for good"),
    (SUICIDE, 3.5, "{neg} {want} to? ~2 {live}"),
    (SUICIDE, 3, "not {want} ~2 [here|alive|around] any more"),
    (SUICIDE, 2, "[not|never] wake up"),
    (SUICIDE, 3, "[sleep|go to sleep|close my eye] ~3 [not wake|no wake|never wake|not come back|forever|for good]"),
    (SUICIDE, 3, "[no|not any|nothing] [point|reason|purpose|use] ~3 [live|life|go on|carry on|be here|be alive"
                 "|get up|wake up|exist|keep go|try any more|trying]"),
    (SUICIDE, 3.5, "nothing [left]? to [live|stay|be here|get up|go on|carry on|keep go] for"),
    (SUICIDE, 3, "what be the point [of|in] ~2 [anything|live|life|go on|carry on|me|be here|any of it|it all]"),
    (SUICIDE, 2.5, "can not {go_on}"),
    (SUICIDE, 2, "can not do [this|it] any more"),
    (SUICIDE, 3, "can not {go_on} ~2 [any more|much longer|any longer|for much longer|like this]"),
    (SUICIDE, 3, "can not ~2 [go on|carry on|keep go] [any more|much longer|any longer|like this]"),
    (SUICIDE, 2.5, "[no|not] way out"),
    (SUICIDE, 3, "only way out"),
    (SUICIDE, 2.5, "[give|given] up on [life|live|everything|myself]"),
    (SUICIDE, 3.5, "[tire|tired|sick|done|finish|weary|exhaust|had enough|have enough] [of|with] [life|live|be alive"
                   "|it all|everything|exist|be here|be me|fight|struggle|try|trying|pretend|being alive|the life"
                   "|living]"),
    (SUICIDE, 2.5, "be done [with it all|with everything|with life|now]"),
    (SUICIDE, 3, "{want} ~2 {everything} to [stop|end|be over|go away|just stop|just end]"),
    (SUICIDE, 3, "make ~2 [it|everything|it all|the pain] stop for good"),
    (SUICIDE, 2.5, "{want} to [disappear|vanish|not exist|stop exist|switch off|fade away] ~2"),
    (SUICIDE, 3, "[switch|shut] ~1 off [for good|forever|permanently]"),
    (SUICIDE, 3, "[not|never] [be|be be] [around|here] [next|for|by|much|long|to see|any more|after]"),
    (SUICIDE, 3, "[will|would|may|might] not be [around|here] [next|for|by|much|long|to see|after|when]"),
    (SUICIDE, 2.5, "[be|feel] a [burden|weight|drain]"),
    (SUICIDE, 3, "[burden|weight] [to|on] [everyone|everybody|them|my family|my kid|the family|my partner|people]"),
    (SUICIDE, 3, "[everyone|everybody|they|family|kid|people|the world|no one|nobody] ~3 better off without me"),
    (SUICIDE, 3, "[nobody|no one|noone|naebody] would ~2 [miss|notice|care] ~4 [gone|go|die|dead|be not here|not here"
                 "|disappear|be not around|not around]"),
    (SUICIDE, 3, "[join|be with] [her|him|them|my] ~2 [soon|again|up there|in heaven|on the other side]"),
    (SUICIDE, 2, "[want|long|wish] to be with [her|him|them] again"),
    (SUICIDE, 2.5, "[say|said|saying] [my]? goodbye"),
    (SUICIDE, 3, "[goodbye|suicide] [letter|note|message]"),
    (SUICIDE, 3, "[write|wrote|written] ~2 [letter|note] ~3 [family|kid|mum|sister|everyone|them]"),
    (SUICIDE, 2.5, "[give|give away|gave] ~2 [my]? [thing|stuff|belonging|possession] away?"),
    (SUICIDE, 2.5, "[sort|sorted|put|get] ~1 [my]? [affair|affairs|thing] [in order|sorted]"),
    (SUICIDE, 2.5, "[my]? affairs [sorted|in order]"),
    (SUICIDE, 2, "[dark|black|bad] [thought|place|hole] again"),
    (SUICIDE, 3, "[thought|think|idea|urge] ~2 [of|about]? [end|die|dying|kill myself|killing myself|not be here"
                 "|not wake|being dead|ending it|jump|overdose|not being here|not being around|taking my]"),
    (SUICIDE, 2.5, "[thinking|think] about [how|ways|the way] [to]? ~2 [do it|end|die]"),
    (SUICIDE, 3, "[end|cash] of the [road|line] for me"),
    (SUICIDE, 3, "[check out|checking out] [for good|of life|permanently|early]"),
    (SUICIDE, 3, "not long for this world"),
    (SUICIDE, 3, "[permanent|final] [solution|exit|sleep|way out]"),
    (SUICIDE, 2.5, "[hopeless|no hope|without hope|lost all hope|no future|no light]"),
    (SUICIDE, 3, "[try|tried|attempt|attempted] ~2 [to]? [end|kill|take] ~1 [life|myself|it]"),
    (SUICIDE, 3, "[my|last|recent|second|another|an] attempt"),
    (SUICIDE, 3, "[already|have] [written|write|wrote] [the|a|my] [note|letter]"),
    (SUICIDE, 3, "[not|no|never] be a [bother|burden|problem|nuisance|worry] ~3 [much longer|for long|any more|soon"
                 "|to anyone|to you|for much]"),
    (SUICIDE, 2.5, "[ready|want|going] to [stop|let go|give up] [now|soon|for good]"),
    (SUICIDE, 3, "[date|day|time] in mind"),
    (SUICIDE, 3, "[plan|plans] and [the]? means"),
    (SUICIDE, 3, "[finish|do|did] the job [properly|right|this time]"),
    (SUICIDE, 3, "sorry for everything ~4 goodbye"),
    (SUICIDE, 2.5, "[say|said|text|message|messaged] ~3 goodbye"),
    (SUICIDE, 3, "[look|research|search|google|read up] ~3 [how many|how much] ~2 {pills}"),
    (SUICIDE, 3, "[look|research|search|google|read up] ~3 [how to|ways to|way to|method] ~3 [die|end|do it|kill"
                 "|overdose|hang]"),
    (SUICIDE, 3, "[not|never] [think|see|expect] ~2 [will|would|be going to] ~1 [be here|be around|make it|last"
                 "|see] ~2 [by|till|until|to|next|much longer|for long|christmas|new year|the end]"),
    (SUICIDE, 3, "if a [bus|car|lorry|train|van] [hit|hits|ran over|run over|knock] me ~6 [relieve|relief|fine"
                 "|not mind|happy|glad|good thing|not care|be okay|be ok]"),
    (SUICIDE, 3, "[would|will] not mind if i [die|did not wake|never woke|be not here|be gone|be dead]"),
    (SUICIDE, 2.5, "[be|feel] ~3 burden"),
    (SUICIDE, 2.5, "[if|when|once] i [be|be be] gone"),
    (SUICIDE, 3, "better off with [a different|another|a new|a better|no] [mum|dad|mother|father|parent|wife|husband"
                 "|partner]"),
    (SUICIDE, 3, "[peaceful|easier|easy|simpler|quicker|better] to [just]? [go in|jump|step off|let go|not wake"
                 "|end it|not be here|walk in|walk into]"),
    (SUICIDE, 3, "[tell|tells|telling|told] me to [end it|kill|die|hurt|jump|do it]"),
    (SUICIDE, 3, "[tie|tied|put|wrap|wrapped] ~3 [round|around] [her|his|my|their] neck"),
    (SUICIDE, 2.5, "[go|going] to heaven to be with"),
    (SUICIDE, 2.5, "[think|thought|thinking] ~2 about ~2 {place}"),
    (SUICIDE, 2.5, "[disappear|vanish] [forever|for good|and never|and not]"),
    (SUICIDE, 2.5, "the last [café|time|one|day] for me"),
    (SUICIDE, 3, "better off without [me|you|us] ~1"),
    (SUICIDE, 2.5, "[set|picked|chose|chosen|got] a [date|day] $"),
    (SUICIDE, 2.5, "[make|made|making] [my|his|her|their] peace [$|with everyone|with everything|with god"
                   "|with the world]"),
    (SUICIDE, 2.5, "[write|writing|written|wrote] [letters|goodbyes] to"),
    (SUICIDE, 3, "[write|writing|written|wrote] letters to [everyone|everybody|all|my|the kid|family]"),
    (SUICIDE, 2.5, "[my|his|her|their] last café"),
    (SUICIDE, 2.5, "[get on|manage|cope|be fine|be okay|be ok|be happier] ~2 without me"),
    (SUICIDE, 2.5, "[look|looked|looking|search|searched|searching] [up]? how [long|fast|far|high|many|much|deep]"),
    (SUICIDE, 3, "[work|working|figure|figuring|plan|planning] out how ~3 [end|die|do it|go|kill]"),
    (SUICIDE, 3, "how [i|i would|i will|i could|to] [end|finish] [things|it|everything|it all]"),
    (SUICIDE, 2.5, "[walk|walking|drive|driving|swim|swimming|wade|wading] [into|in to|off] the {place}"),
    (SUICIDE, 2.5, "[and]? [just]? [not|never] [stop|stopping|come back|coming back|turn back|turning back] $"),
    (SUICIDE, 2.5, "[drive|driving|walk|walking|go|going] past the {place} ~6 [slow|stop|nearly|almost|pull]"),
    (SUICIDE, 3, "[nearly|almost] [jump|jumped|did it|went over|stepped|pulled in|drove off|took them|took the]"),
    (SUICIDE, 3, "[search|searching|searched|look|looking|looked] ~2 [online]? for ways"),
    (SUICIDE, 3, "[not|no] see the point [in|of] ~2 [get up|anything|live|go on|any of it|try|be here|carry on"
                 "|wake up]"),
    (SUICIDE, 3, "what be the point [any more|now|anyway] ~1"),
    (SUICIDE, 3, "can not see [me|myself] [making|make|lasting|last|being here|be here|seeing|getting] ~2 [to|till"
                 "|until|past|christmas|another|next]"),
    (SUICIDE, 3, "can not [picture|see|imagine] a future ~3 [with me|for me|me in]"),
    (SUICIDE, 2.5, "[not|never] [going to|go to] do anything [tonight|today|yet]"),
    (SUICIDE, 3, "[not|never] bother [anyone|anybody|you|them] again"),
    (SUICIDE, 2.5, "[stop|stopped] [eating and drinking|eating or drinking|taking my]"),
    (SUICIDE, 3, "[not|never|will not] be [needing|need] [them|it|that|this|those] ~3 where i be going"),
    (SUICIDE, 2.5, "where i be going $"),
    (SUICIDE, 2.5, "[give|giving|gave|given] [my|his|her|their] ~3 away"),
    (SUICIDE, 2.5, "[nearly|almost] time $"),
    (SUICIDE, 3, "[nobody|no one|naebody] [will|would] ~2 miss me"),
    (SUICIDE, 2.5, "[end|finish] [everything|it all|things] ~1"),
    (SUICIDE, 2.5, "[plenty|lots|loads|a lot|enough|stockpile|a stash|a drawer full|boxes] of {pills}"),
    (SUICIDE, 2, "[be away|be gone] soon ~3 one way or another"),
    (SUICIDE, 2.5, "one way or [another|the other] $"),
    (SUICIDE, 3, "[had|have] enough of [being alive|life|living|it all|everything|this world]"),
    (SUICIDE, 2.5, "[deliberately|on purpose] ~2 [took|take|taken|taking] ~3 [more|too many|extra|overdose|all]"),
    (SUICIDE, 2.5, "[took|take|taken|taking] more than ~3 [dose|prescribed|should]"),
    (SUICIDE, 3, "[see you|see yous] on the other side"),
    (SUICIDE, 3, "[chan eil duil agam|cha bhi mi] a bhith an seo"),
    (SUICIDE, 2.5, "sgith de [gach ni|h uile rud|a h uile rud|beatha|mo bheatha]"),
    (SUICIDE, 2.5, "[run|ran|running] out of [road|options|reasons|fight|hope]"),
    (SUICIDE, 3, "[would|will|be] ~3 [box|boxes|packet|packets|bottle|strip|strips] be enough"),
    (SUICIDE, 2.5, "{pills} ~6 [be enough|enough to]"),
    (SUICIDE, 2.5, "do something [stupid|silly|daft|drastic] [tonight|today|$]"),
    (SUICIDE, 3, "wake up [disappointed|gutted|sad|angry|annoyed|upset] ~3 [that i did|i did|to be alive|still here"
                 "|i woke]"),
    (SUICIDE, 3, "[wish|pray|praying|prayed|ask] ~2 for death"),
    (SUICIDE, 3, "[pray|praying|prayed] ~2 [to die|not to wake|i do not wake|i not wake|to be taken|he take me]"),
    (SUICIDE, 3, "[not|never] see [the year out|another winter|another christmas|another year|the spring|next year"
                 "|the summer|next christmas|another birthday]"),
    (SUICIDE, 3, "[not|no] expect to see [another|next|the]"),
    (SUICIDE, 2.5, "[manage|cope|do] better ~3 [without me|insurance|when i be gone|if i be gone]"),
    (SUICIDE, 2.5, "insurance money"),
    (SUICIDE, 3, "[better|happier|fine|okay|ok] without me"),
    (SUICIDE, 3, "[better off|better|happier|easier] if i [be not|just be not|be gone|be dead|do not exist] ~1"),
    (SUICIDE, 3, "[if i|when i] [just]? be not [here|there|around|alive] [any more]?"),
    (SUICIDE, 2.5, "how easy it would be"),
    (SUICIDE, 2.5, "weight round [my|their|her|his] ~1 neck"),
    (SUICIDE, 3, "not [really]? [planning|plan] on [being|be] [about|around|here|alive]"),
    (SUICIDE, 3, "[pinch|snuff|blow|put] out the [flame|candle|light]"),
    (SUICIDE, 3, "wish it [had|have]? [work|worked]"),
    (SUICIDE, 3, "[take|took|taking|taken|swallow|swallowed] everything in the [cabinet|cupboard|drawer|house|box]"),
    (SUICIDE, 3, "[tallest|highest] [car park|building|bridge|cliff|block]"),
    (SUICIDE, 3, "[note|letter|letters] ~2 already written"),
    (SUICIDE, 3, "[pick|choose|picked|chosen|chose] [a|the] [day|date|night|bridge|place|spot]"),
    (SUICIDE, 3, "[walk|walking|jump|jumping|step|stepping] off the ~3 {place}"),
    (SUICIDE, 3, "[too many|enough] to [come back from|not come back|not wake]"),
    (SUICIDE, 2.5, "how many {pills}"),
    (SUICIDE, 3, "time i [check|checked] out"),
    (SUICIDE, 3, "[come|go|going] home early"),
    (SUICIDE, 2.5, "[he|god|the lord] will understand"),
    (SUICIDE, 2.5, "[last thing|everything] ~3 [needed sorting|to sort|sorted]"),
    (SUICIDE, 2.5, "one last time"),
    (SUICIDE, 2.5, "i will be done $"),
    (SUICIDE, 3, "[chan|cha] ~3 airson dusgadh"),
    (SUICIDE, 3, "sgith de bhith beo"),
    (SUICIDE, 3, "[disappointed|gutted] [i|to] [woke|wake] up"),
    (SUICIDE, 3, "[family|kid|kids|everyone|children|husband|wife|partner] ~3 better off without [her|him|them]"),
    (SUICIDE, 3, "[stop|stopped|stopping] see the point"),
    (SUICIDE, 3, "only one way out"),
    (SUICIDE, 3, "airson leum"),
    (SUICIDE, 2.5, "[got|have|has] it all [planned|planned out|worked out|sorted out]"),
    (SUICIDE, 3, "not be need [them|it|this|that|my]"),
    (SUICIDE, 3, "engine running ~4 [garage|car|hose|hosepipe|exhaust]"),
    (SUICIDE, 3, "rather be with [her|him|them] than [here|alive|this]"),
    (SUICIDE, 3, "[nearly|almost|might|could] act on it"),
    (SUICIDE, 2.5, "[go|going|went] over how ~3 [do it|end it|go]"),
    (SUICIDE, 3, "[not|will not] need ~3 [thing|things|stuff|belongings|it|them] [much longer|for long|any more]"),
    (SUICIDE, 3, "[took|take|taken|taking] ~2 extra ~3 {pills}"),
    (SUICIDE, 3, "[walk|walking|wade|wading] into the [sea|river|loch|water|waves|tide]"),
    (SUICIDE, 3, "[affairs|will] ~4 [easy for them|for them after|after i be gone|when i be gone]"),
    (SUICIDE, 2.5, "[my|the] last one of these"),
    (SUICIDE, 3.5, "[head|heid|voices|voice] ~3 [say|saying|tell|telling] ~2 [end it|kill|die|jump|do it]"),
    (SUICIDE, 3, "or anywhere $"),
    (SUICIDE, 3, "no point in me"),
    (SUICIDE, 3.5, "big enough to take me"),
    (SUICIDE, 3, "[wave|sea|tide|water|river|train|bus|lorry] ~4 [to take me|take me away|take me with it]"),
    (SUICIDE, 3.5, "[not|no] like i would be missed"),
    (SUICIDE, 2.5, "[look|looking|stare|staring|been looking] at the [gun|gun cabinet|rope|pills|tablets|bridge|rail"
                   "|tracks]"),
    (SUICIDE, 3.5, "[go|went|going] over on purpose"),
    (SUICIDE, 3, "[paramedics|they|doctors|ambulance|the crew] ~2 [brought|bring|got] me back"),
    (SUICIDE, 3, "life insurance ~4 [pay out|pays out|if i|if you|suicide|cover]"),
    (SUICIDE, 2.5, "[might|will|could] ~1 be my last $"),
    (SUICIDE, 2.5, "[strange|sudden|weird|odd] calm"),
    (SUICIDE, 3, "[sitting|sat|sit] with the {means}"),
    (SUICIDE, 2.5, "this time it [feel|feels|be] different"),
    (SUICIDE, 3, "can not do another [winter|year|christmas|day|week|month] ~3"),
    (SUICIDE, 3, "[have|got|have got] a plan this time"),
    (SUICIDE, 2.5, "if anything [happen|happens] to me"),
    (SUICIDE, 2.5, "[you|you were|you have been] a good [pal|friend|mate|sister|brother|son|daughter] $"),
    (SUICIDE, 3, "[if you|if i] die and [nobody|no one|naebody] ~1 [find|finds|found]"),
    (SUICIDE, 3.5, "[going to|go to|gonna|about to|threatening to|threaten to] jump off"),
    (SUICIDE, 2.5, "before the end $"),
    (SUICIDE, 2.5, "i be [done|finished] $"),
    (SUICIDE, 3, "[actually|properly|really] done ~1 [not just|$]"),
    (SUICIDE, 2.5, "might as well make it official"),
    (SUICIDE, 3, "[wait|waiting] for the right [night|day|time|moment]"),
    (SUICIDE, 3, "& [platform|edge|bridge|cliff|cliffs|roof|ledge|tracks] [one step|step off|lean over"
                 "|nearer the edge|closer to the edge]"),
    (SUICIDE, 3, "what be the [use|point] ~3"),
    (SUICIDE, 3, "this be goodbye"),
    (SUICIDE, 3, "[last|final|very last] [winter|christmas|birthday|summer|year] i [have|will have|need|will need] to"),
    (SUICIDE, 2.5, "& [tide|tides|train|trains] [checked|check|times|timetable]"),
    (SUICIDE, 3, "[only thing|only reason] ~2 keeping me [here|going|alive]"),
    (SUICIDE, 2.5, "[near|nearer|closer] [to]? the edge"),
    (SUICIDE, 3, "the bottom of the [forth|river|sea|clyde|loch|tay|harbour|quarry]"),
    (SUICIDE, 2.5, "i be [planning|plan] $"),
    (SUICIDE, 2.5, "[what happen|what happens] ~4 when [you|i] die"),
    (SUICIDE, 3, "[taking up|take up|waste of] [space|oxygen]"),
    (SUICIDE, 3, "forgive me for what i be [thinking|about|going]"),
    (SUICIDE, 3, "call it a day ~4 [not the|the lot|for good|everything]"),
    (SUICIDE, 3, "[check|checking] out ~2 [permanently|for good|not the hotel]"),
    (SUICIDE, 3, "[bus|train|lorry|car|van] can have me"),
    (SUICIDE, 3, "not [scared|afraid|feart] of [dying|death|die] ~2"),
    (SUICIDE, 3.5, "i be [such]? a [burden|drain|weight] [on|to]"),
    (SUICIDE, 3, "[pinch|pinching|snuff|snuffing|blow|blowing] ~2 [wick|flame|candle] ~1"),
    (SUICIDE, 3.5, "[stockpile|stockpiled|saved|hoarded|collected] enough"),
    (SUICIDE, 3, "[need|needs] the [nerve|courage|guts]"),
    (SUICIDE, 3, "[not|wasn't|was not] [her|his|their|your] fault ~3 whatever happens"),
    (SUICIDE, 2.5, "[up|top of] the [multi storey|car park|bridge|roof|tower|flats] ~6 [looking over|looking down"
                   "|edge]"),
    (SUICIDE, 3, "[said|say|saying] ~1 [bye|goodbye] to everyone"),
    (SUICIDE, 3, "[properly bye|proper goodbye|a proper goodbye]"),
    # plans and means
    (SUICIDE, 3, "[save|saving|stockpile|hoard|collect|stash|squirrel|build up|gather] [up]? ~4 {pills}"),
    (SUICIDE, 3, "{pills} ~3 [saved|stockpil|hoard|put by|put aside|hidden|stashed|ready|in a drawer]"),
    (SUICIDE, 3, "[take|swallow|neck] ~3 [all|whole|lot|load|handful|bunch|every|too many|enough] ~2 {pills}"),
    (SUICIDE, 3, "[enough|all] ~4 {pills} ~4 [to]? [do it|end it|finish|kill|do the job|not wake|drawer|cupboard"
                 "|hidden|saved|take it|taking it]"),
    (SUICIDE, 2.5, "overdose"),
    (SUICIDE, 3, "[take|took|had|taken] an overdose"),
    (SUICIDE, 3, "[jump|throw myself|step] ~3 [off|from|in front of|under|into] ~2 {place}"),
    (SUICIDE, 1.5, "[stand|stood|sat|sit|walk|walked|find myself|found myself] ~2 [on|at|by|near|up|to] the {place}"),
    (SUICIDE, 2.5, "[look|looked|research|searched|googled|google] ~3 [how|ways|method] [to]? ~3 [die|end|do it|kill"
                   "|overdose|hang|how many]"),
    (SUICIDE, 3, "[hang|drown|gas|poison|shoot|stab|starve] {refl}"),
    (SUICIDE, 3, "[rope|ligature|noose|belt] ~3 [ready|bought|garage|loft|up|in the]"),
    (SUICIDE, 2.5, "[got|have|bought] ~2 [a]? [rope|ligature|noose]"),
    (SUICIDE, 3, "[do|doing|done|end|ending|finish] it [tonight|tomorrow|this weekend|on friday|soon|next week|before"
                 "|after|when|on my birthday|once]"),
    (SUICIDE, 2, "[go|going|went] to [do it|go through with it]"),
    (SUICIDE, 3, "go through with it"),
    (SUICIDE, 2, "[plan|planned|planning|a plan] ~3 [how|when|where|it out|it all out|the day|the date]"),
    (SUICIDE, 2.5, "[know|knew|decid] ~1 [how|when|where] [i|i will|i would|i am going to] [do it|end it|go]"),
    # --- harming themselves ---------------------------------------------------------------------------------------
    (SELF_HARM, 3, "{harm_self_verb} {refl}"),
    (SELF_HARM, 3, "{harm_self_verb} ~2 {refl} [again|deliberately|on purpose|when]"),
    (SELF_HARM, 3, "self [harm|harming|injur|injury|hurt|destruct|mutil]"),
    (SELF_HARM, 3, "[cut|cutting|burn|burning|scratch] [again|on my|my arm|my leg|my wrist|her arm|his arm|her leg"
                   "|her wrist|his wrist|her thigh|my thigh|her stomach|my stomach]"),
    (SELF_HARM, 3, "[cut|burn|scratch] [my|her|his|their] [arm|leg|wrist|thigh|stomach|skin]"),
    (SELF_HARM, 3, "[fresh|new|deep|more] [cut|scar|mark|burn|wound]"),
    (SELF_HARM, 3, "[cut|scar|mark|burn] [on|up] [my|her|his|their] [arm|leg|wrist|thigh|stomach]"),
    (SELF_HARM, 3, "[hide|hiding|cover|covering] ~2 [cut|scar|mark|arm|wrist|burn]"),
    (SELF_HARM, 2.5, "long sleeve"),
    (SELF_HARM, 3, "[blade|razor|lighter|compass|scissors] ~4 [my|her|his|their|on] ~1 [arm|leg|wrist|skin|thigh]"),
    (SELF_HARM, 2.5, "[keep|keeps|hide|hides|hid|found|find] ~2 [blade|razor]"),
    (SELF_HARM, 2.5, "[start|started|back to|relapse|relapsed|went back|go back to] ~2 [cut|harm|self harm|burn"
                     "|scratch|scratching|bite|biting|pick|picking]"),
    (SELF_HARM, 3, "[bang|hit|punch] ~2 [my|her|his|their] head ~3 [wall|floor|door|steering wheel|off]"),
    (SELF_HARM, 2.5, "[stop|stopped|not] [eat|eating] ~4 [punish|deserve]"),
    (SELF_HARM, 3, "[deserve|deserves] [to]? [hurt|pain|to suffer|be punished]"),
    (SELF_HARM, 3, "[til|until|till] ~3 [bleed|blister|raw|break the skin|skin break|bruise|split|splits|cracked]"),
    (SELF_HARM, 3, "[til|until|till] [it|they|the skin|my skin|her skin|his skin] ~1 [bleed|blister|break|raw|bruise]"),
    (SELF_HARM, 3, "[punch|hit|kick|bang] ~2 [wall|walls|door|doors|mirror] ~4 [bleed|blood|broke|break|knuckle"
                   "|split]"),
    (SELF_HARM, 2.5, "[bandage|plaster|dressing] on [her|his|my|their]? [wrist|wrists|arm|arms]"),
    (SELF_HARM, 3, "{harm_self_verb} ~5 [on purpose|deliberately]"),
    (SELF_HARM, 2.5, "[hurt|pain|burn|hot|blister|bleed|bruise|scald|starve] ~6 [on purpose|deliberately]"),
    (SELF_HARM, 3, "[relapse|relapsed|urge|urges|back on|clean from|clean off] ~3 [the]? [sh|self harm|cut|cutting]"),
    (SELF_HARM, 3, "sh [again|urges|scars|scar|relapse]"),
    (SELF_HARM, 3, "[take|taking|took] it out on [myself|herself|himself|themselves|my body|her body|his body]"),
    (SELF_HARM, 2.5, "razor [blade|blades]"),
    (SELF_HARM, 2.5, "[to|just to] feel something"),
    (SELF_HARM, 3, "[cut|cuts|cutting|burn|burns|hurt|hurts] ~1 when [we|i|she|he|they] [argue|fight|get|feel"
                   "|be upset]"),
    (SELF_HARM, 2.5, "[need|needed|needs] stitches"),
    (SELF_HARM, 3, "[stub|stubbing|stubbed|burn|burning|put|putting] ~2 [cigarettes|fags|cigs|cig|fag] [out]? on [my"
                   "|her|his|their] [arm|skin|hand|leg|wrist]"),
    (SELF_HARM, 3, "dsh"),
    (SELF_HARM, 3, "[burn|burns|cut|cuts|scar|scars] to ~1 {sh_body}"),
    (SELF_HARM, 3, "[pick|picking|picked] ~3 [scar|scars|scab|scabs|skin|wound|wounds] [open|again|till|until]"),
    (SELF_HARM, 3, "[did it|do it|done it] with the {sh_tool}"),
    (SELF_HARM, 3, "[did it|do it|done it] again ~6 [thigh|thighs|arm|arms|wrist|where nobody|where no one"
                   "|where people]"),
    (SELF_HARM, 2.5, "[wrist|wrists|arm|arms] ~1 [bandaged|strapped up|in bandages]"),
    (SELF_HARM, 3, "[arm|arms|wrist|wrists|leg|legs|thigh|thighs] ~2 cut up"),
    (SELF_HARM, 3, "[bang|banging|banged|hit|hitting] my head ~4 [until|till] ~2 [hurt|hurts|bleed|bleeds]"),
    (SELF_HARM, 3, "[looking for|look for|start|starting|pick|picking] fights ~3 [get battered|get hurt|get beaten"
                   "|hurt|battered]"),
    (SELF_HARM, 3, "[pull|pulled|pulling] out ~3 [my|ma|her|his] hair"),
    (SELF_HARM, 3.5, "[dig|digging|dug|carve|carving|carved|etch|etched|scratch|scratched|scratching|cut"
                     "|cutting] ~6 into ~2 {sh_body}"),
    (SELF_HARM, 3, "[dig|digging|dug] ~2 nails into"),
    (SELF_HARM, 3, "i still [cut|burn|harm|hurt myself] $"),
    (SELF_HARM, 3.5, "[done|did|do] [my|her|his|their] [arms|arm|wrists|wrist|legs|thighs] again"),
    (SELF_HARM, 3, "& [bandage|bandaged|cut|cuts|scar|scars|marks|forearm|arm|arms] [take the edge off|the release"
                   "|relief]"),
    (SELF_HARM, 2.5, "sleeves [pulled down|down|always down|pulled over]"),
    (SELF_HARM, 3.5, "[swallow|swallowing|swallowed] [batteries|objects|glass|bleach|razor|pins|magnets]"),
    (SELF_HARM, 3, "[pull|pulling|pulled] ~2 [my|her|his]? [eyelashes|eyebrows|lashes]"),
    (SELF_HARM, 3, "[thigh|thighs|arm|arms|stomach|wrist|wrists] ~3 where i do it"),
    (SELF_HARM, 3, "[carry|keep|have] a [blade|razor] ~4"),
    (SELF_HARM, 3, "[patch|patching|stitch|stitching|strap|strapping] myself up"),
    (SELF_HARM, 2.5, "steri strips"),
    (SELF_HARM, 3, "[broken|broke|break|breaking] the skin"),
    (SELF_HARM, 2, "[wrists|arms|wrist|arm] sting"),
    # --- being harmed by someone -----------------------------------------------------------------------------------
    (HARMED, 3, "{agent} ~4 {hit} {pron_obj}"),
    (HARMED, 3, "{agent} ~3 {hit} {pron_obj} ~2 [again|when|if|every]"),
    (HARMED, 3, "{hit} me [when|if|again|every]"),
    (HARMED, 2.5, "[he|she|they|partner|husband|wife|boyfriend|girlfriend] ~2 [hurt|hit|beat|batter] me"),
    (HARMED, 3, "{scared} ~2 [to]? [go|going|get|getting|goin] home"),
    (HARMED, 3, "{scared} ~2 [of|what] ~2 [him|her|he|she|my partner|my husband|my wife|my son|my dad|my boyfriend"
                "|my girlfriend|my ex|my carer|them at home|at home|when he|when she|he will|she will|he do|he would"
                "|she would]"),
    (HARMED, 3, "[not|never|no] [feel|felt]? safe [at home|in my home|in my own home|in the house|with him|with her"
                "|there|in my own house|to go home|going home]"),
    (HARMED, 3, "[eggshells|egg shells]"),
    (HARMED, 3, "{agent} ~4 {take_money} ~3 [my|her|his|mum|dad|gran|our|your|all] ~2 {money}"),
    (HARMED, 3, "{agent} ~3 [has|have|keeps|kept|took|take] ~2 [my|her|his] [bank]? [card|pin|pension|benefit|money]"),
    (HARMED, 3, "[my|her|his|mum|dad|gran] [money|pension|benefit|savings|account] ~3 [gone|disappear|empty|missing"
                "|taken|drained|spent]"),
    (HARMED, 2.5, "[wont|will not|does not|never] [let|give] [me|her|him] ~4 [money|out|see|go|leave|have|phone|speak"
                  "|talk|use|my own]"),
    (HARMED, 3, "[control|controls|controlling|check|checks|checking] ~2 [my|her|his|all|the|our]? [money|finances"
                "|finance|bank|benefits|phone|every move|every penny|every text|everything i|what i|where i|where she"
                "|where he]"),
    (HARMED, 3, "[threaten|threat|threatened] ~3 [me|to kill|to hurt|to put|to throw|to take|to leave|to burn"
                "|to smash|to harm|to kick]"),
    (HARMED, 3, "[he|she|they] [will|would|be going to|go to] [kill|hurt|get|finish|batter|do] me"),
    (HARMED, 3, "[bruise|black eye|broken rib|burst lip|split lip|strangl|chok]"),
    (HARMED, 3, "[rape|raped|sexual assault|sexually assault|touch me|touched me|force me|forces me|forced me"
                "|made me have sex|makes me have sex]"),
    (HARMED, 3, "[lock|locked|locks] me [in|out]"),
    (HARMED, 2.5, "[scream|shout|yell|swear] at me ~4 [every|all the time|scared|frightened|hit|push|throw]"),
    (HARMED, 2.5, "[domestic abuse|domestic violence|coercive control|being abused|abusive relationship"
                  "|abusive partner|abusive husband|he be abusive|she be abusive]"),
    (HARMED, 2.5, "[not allowed|no allowed] to [go out|see|leave|have|spend|phone|talk|work|use|complain|say|tell"
                  "|speak|eat|sleep]"),
    (HARMED, 2.5, "[keep|keeps|kept] me [in|locked|from]"),
    (HARMED, 2.5, "[hide|hiding|hid] from [him|her|them|my partner|my husband]"),
    (HARMED, 3, "[sleep|sleeping|slept] in the car ~4 [him|her|safe|home|scared]"),
    (HARMED, 2.5, "[he|she] ~2 [will|would] [kill|hurt] me"),
    (HARMED, 2.5, "[owe|owes] ~3 [favour|favours|sex]"),
    (HARMED, 3, "[come|comes|came|coming] into [her|his|my|their] [room|bed] ~3 [night|when]"),
    (HARMED, 3, "{scared} to [ask|tell] [them|him|her] to leave"),
    (HARMED, 2.5, "[keep|keeps] turn up at my"),
    (HARMED, 3, "[track|tracks|tracking|check|checks|checking|read|reads|go through] my [phone|location|messages]"),
    (HARMED, 3, "[withhold|withholding|withheld|hide|hides] ~3 [my|his|her] {pills}"),
    (HARMED, 3, "{agent} ~4 [break|broke|snap] [my|your|his|her] [leg|legs|arm|arms|neck|jaw|fingers|nose|rib|ribs"
                "|wrist|hand|finger|tooth|teeth|cheekbone|collarbone]"),
    (HARMED, 3, "[break|broke|snap] ~2 [my|your|his|her] [leg|legs|arm|arms|neck|jaw|fingers] ~3 [if|unless]"),
    (HARMED, 3, "[throw|threw|thrown] ~5 at me"),
    (HARMED, 2.5, "not {want} to [go|going] home"),
    (HARMED, 3, "[make|making|made|force|forced|forcing|pressure|pressured|pressuring] ~2 [send|sending"
                "|sent] ~1 [photo|photos|pic|pics|picture|pictures|nude|nudes|video]"),
    (HARMED, 3, "[post|share|send|show] them ~3 unless"),
    (HARMED, 3, "pay ~1 in [other ways|another way|some other way|kind]"),
    (HARMED, 3, "[sexual|sexually] [abuse|abused|assault|assaulted|exploit|exploited]"),
    (HARMED, 3, "[abuse|abused|abusing|abuses] [by|me|her|him]"),
    (HARMED, 3, "[leave|leaves|left|leaving] me ~3 [in bed|wet|soiled|alone for|without food|hungry|in the dark"
                "|in my own]"),
    (HARMED, 3, "if i [complain|tell|say anything|tell anyone|speak up|report] ~4 [i will|i would|he will|she will"
                "|they will|put in|kick|hurt|kill|take]"),
    (HARMED, 2.5, "careful what [i|she|he|they] [say|says|do]"),
    (HARMED, 3, "[remove|removes|take|takes|took|hide|hides] ~2 [my|her|his] [mobility|walking stick|stick|walker"
                "|wheelchair|chair|phone|hearing aid|aids]"),
    (HARMED, 3, "[keep|keeps|kept|took|take|has|have|hold|holds] ~2 [my|her|his] passport"),
    (HARMED, 2.5, "send me back if"),
    (HARMED, 3, "[pressure|pressuring|pressured|forcing|making|made] me to sign"),
    (HARMED, 2.5, "sign [my|her|his] [house|home|flat|money|savings] over"),
    (HARMED, 3, "[making|make|made|force|forcing] me [keep|hold|store|hide|carry|sell|deliver|move] [stuff|things"
                "|drugs|packages|it|bags|gear]"),
    (HARMED, 3.5, "[know|knows] where [i|you|my mum|my family|we|my kid|my wean] [live|stay|stays|lives]"),
    (HARMED, 3.5, "[made|make|making|being made] to [hold|keep|store|carry|sell|stash] [stuff|things|drugs|gear|a bag"
                  "|bags|packages]"),
    (HARMED, 2.5, "[sold|selling|sell|took|taken|taking] ~2 my [things|stuff|belongings|jewellery|rings|possessions]"),
    (HARMED, 3, "{scared} to [say|speak|tell] [anything|anyone|up|a word|no]"),
    (HARMED, 2.5, "can not [go|get] home [tonight|today|$]"),
    (HARMED, 3, "[take|took|taken|takes] my {pills} [off|from|away]"),
    (HARMED, 3, "only [give|gives|let|lets] me ~3 if i"),
    (HARMED, 2.5, "[do|did] what [he|she|they] [want|wants|say|says|tell|tells] ~1"),
    (HARMED, 3, "{agent} ~2 [will|would|going to] [burn|torch|set fire to] ~3 [with me|with us|the flat|the house]"),
    (HARMED, 3, "[got|get|make|makes|making|has|have] [him|her|them|me] [carrying|carry|selling|sell|delivering"
                "|deliver|moving|running] ~2 [bags|drugs|packages|stuff|gear|parcels|it|a knife|knives|weapons]"),
    (HARMED, 3, "{agent} ~3 [keep|keeps|kept|take|takes|took|hold|holds|hide|hides|hid] ~2 [her|my|his|their"
                "|the] [bank card|card|car keys|keys|passport|phone|money|pension|benefits|medication|meds|pip]"),
    (HARMED, 3, "account for every penny"),
    (HARMED, 2.5, "[pay|pays|paid] for it [if|when]"),
    (HARMED, 3, "[spit|spat|spits] at [me|my|us|her|him]"),
    (HARMED, 3, "brick through [our|my|the] window"),
    (HARMED, 2.5, "{scared} every [night|day|time]"),
    (HARMED, 3, "[say|says|said] i owe [him|her|them]"),
    (HARMED, 3, "[send|post|share|show] them ~6 unless"),
    (HARMED, 2.5, "[keep|keeps] turn up [outside|at]"),
    (HARMED, 3, "take ~3 [car keys|keys|phone] ~4 [so i can not|can not leave|can not get|can not go]"),
    (HARMED, 3, "[sleep with|have sex with] ~3 [to cover|for the rent|rent|or]"),
    (HARMED, 3, "[forced|forcing|made|make] ~2 [to marry|marriage|to be married|get married]"),
    (HARMED, 2.5, "to be married ~3 [crying|scared|does not want|not want|13|14|15|12]"),
    (HARMED, 3, "[deport|deported] me"),
    (CHILD, 3, "[bruthaidhean|gun bhiadh|leotha fhein]"),
    (HARMED, 3, "{agent} ~3 [touched|touch|touches|touching|fiddled|interfered] ~1 [her|him|them|me]"),
    (CHILD, 2.5, "{child} ~6 [play rough|plays rough|playing rough|rough with]"),
    (HARMED, 3, "told ~2 to say [he|she|i|they] [fell|fall|walked into|bumped]"),
    (HARMED, 3, "[left|leave|leaves|leaving] ~2 in [soiled|wet|dirty] [bedding|sheets|clothes|bed|pad|pads]"),
    (HARMED, 2.5, "{agent} ~3 [hold|holds|keep|keeps|took|take|takes] the [care money|money|pension|benefits]"),
    (CHILD, 3, "not keeping [her|him|them] safe"),
    (CHILD, 3, "[shut|shutting|lock|locking] [the|my]? {child} in"),
    (CHILD, 3, "[shaken|shook|shake] [her|him|them] ~2 [before|when|cry|crying]"),
    (HARMED, 3, "[let|letting|lets] [himself|herself|themselves] ~1 [in|into] [my|the|our] [flat|house|room|home]"),
    (HARMED, 3, "pay ~2 [another way|other ways|some other way|in kind]"),
    (HARMED, 3, "{agent} ~3 [get|gets|getting|come|comes|came|climb|climbs] into [her|his|their|my] bed"),
    (CHILD, 3, "[said|says|told] [her|him|me|them] not to tell"),
    (CHILD, 3, "shut [her|him|them] up for good"),
    (HARMED, 3, "[make|makes|made|making] me [hand over|give him|give her|pay|sign]"),
    (HARMED, 3, "[grab|grabbed|grabs] ~1 [my|her|his] [throat|neck|hair]"),
    (HARMED, 2.5, "{agent} ~2 [smashed|smash|smashes] my [phone|things|stuff]"),
    (HARMED, 3, "[using|use|took over|taken over] ~3 [flat|house|place] ~4 [deal|dealing|drugs|to deal]"),
    (HARMED, 3, "{scared} to go back"),
    (HARMED, 3, "[threaten|threatened|threatens] ~3 [the family|my family|his family|her family|my kid|the kid]"),
    (HARMED, 3, "[follow|followed|follows] me home"),
    (HARMED, 2.5, "[let|give] ~2 [my|the|our] {child} [eat|sleep|food|out|have]"),
    (HARMED, 3, "[keep|keeps|kept] following me"),
    (HARMED, 3.5, "hands [round|around|on] my [neck|throat]"),
    (HARMED, 3, "[favour|favours] instead of rent"),
    (HARMED, 3, "[know|knows] my address"),
    (HARMED, 2.5, "[vile|threatening|abusive|nasty] messages"),
    (CHILD, 3.5, "{child} ~2 left in the car"),
    (CHILD, 3, "[used|made|forced|being used] to [run|sell|carry|deal] [drugs|county lines|parcels|gear]"),
    (CHILD, 3.5, "{child} ~4 {scared} to go [to|home|back]"),
    (CHILD, 3.5, "[using|drinking|injecting|smoking] in front of the {child}"),
    (CHILD, 3.5, "[grabbed|grab|hit|smacked|shook|pushed|shake] [him|her|them] too hard"),
    (HARMED, 2.5, "left a mark"),
    (HARMED, 3, "[batter|battering|beat|beating|rob|robbing|mug|mugging] me for my"),
    # --- a child at risk (also any match above with a child as the one at risk) ----------------------------------
    (CHILD, 3, "{child} ~4 [be|get|gets|getting] [hit|hurt|beat|bully|abuse|touch|groom|slap|batter]"),
    (CHILD, 3, "{agent} ~3 {hit} [the|my|our|her|his] ~1 {child}"),
    (CHILD, 3, "{child} ~3 {scared} ~3 [of him|of her|of their|of his|of my|to go home|when he|when she|of dad|of mum"
               "|of the|at home]"),
    (CHILD, 3, "{child} ~3 [hide|hides|hiding|cry|cries|crying|shaking] ~3 [when he|when she|when dad|when mum"
               "|from him|from her|come home|comes home]"),
    (CHILD, 3, "[leave|left|leaves|leaving] ~4 {child} ~3 [alone|on their own|on his own|on her own|home alone"
               "|by themselves|overnight|all night|with him|with her]"),
    (CHILD, 3, "{child} ~3 [see|saw|seen|hear|heard|witness] ~4 [hit|fight|violence|hurt|beat|abuse|drunk|batter"
               "|everything|it all]"),
    (CHILD, 2.5, "{child} ~4 [no food|not eat|hungry|go without|gone without|not been fed|starve]"),
    (CHILD, 3, "{child} ~5 [talk|talking|say|said|says|saying|ask|asked] ~4 [die|dead|kill|end|not want to live"
               "|not be here|hurt herself|hurt himself|suicid]"),
    (CHILD, 3, "{child} ~3 [message|messages|talk|talking|meet|meeting|sending] ~4 [older man|older men|stranger"
               "|adult|man online|men online|photo|picture|pic]"),
    (CHILD, 3, "[lock|locking|locked] ~2 {child} ~3 [in|out]"),
    (CHILD, 3, "{child} ~6 [feed|feeding|fend|look after|looking after] [themselves|himself|herself]"),
    (CHILD, 3, "{child} ~6 [older lads|older men|older man|older boys|gang] ~4 [give|gave|buy|bought|money|phone"
               "|drugs]"),
    (CHILD, 3, "[message|messages|messaging|chat|chatting|talk|talking] ~4 [grown man|older man|older men|stranger"
               "|adult|man online|men online|online] ~4 [photo|picture|pic|meet|nude|video]"),
    (CHILD, 2.5, "[older lads|older men|older man|older boys|gang] ~3 [give|gave|buy|bought|giving] ~2 [him|her|them]"),
    (CHILD, 3, "{child} ~6 [bruise|burn mark|marks on|injury]"),
    (CHILD, 3, "{child} ~3 [hide|hiding|hides] ~4 [when|from] ~2 {agent}"),
    (CHILD, 3, "[shake|shook|shaken|smack|slap|hit|hurt] [my|the|our] ~1 {child}"),
    (CHILD, 3, "{child} ~3 [be|get]? [just]? [left|leave] ~8 [cry|alone|on|hungry|all day|most of the day]"),
    # --- Scottish Gaelic (accents optional) -------------------------------------------------------------------------
    (SUICIDE, 3, "[chan|cha] ~3 airson a bhith beo"),
    (SUICIDE, 3, "crioch a chur air mo bheatha"),
    (SUICIDE, 3, "[cur|chur] as dhomh fhin"),
    (SUICIDE, 3, "fein [mhort|mhurt|mharbhadh]"),
    (SUICIDE, 3, "airson [basachadh|bas|bhasachadh]"),
    (SUICIDE, 3, "fhearr ~2 as m aonais"),
    (SUICIDE, 3, "chan urrainn dhomh ~3 [cumail a dol|tuilleadh]"),
    (SELF_HARM, 3, "fein [chron|chiurradh|lot|leon]"),
    (SELF_HARM, 3, "[gearradh|losgadh|gearr|loisg] [mo|mi fhin|i fhein|e fhein|a]"),
    (SELF_HARM, 3, "[gam|ga mo|gan] [ghearradh|losgadh|bhualadh|ghoirteachadh] [fhin|fhein]"),
    (SUICIDE, 3, "[cha mhor nach do|theab mi|theab] ~1 [leum|leumadh]"),
    (SUICIDE, 3, "fhearr ~4 [marbh|bas]"),
    (SUICIDE, 2.5, "[tha mi|bu toil leam|ba mhath leam] ~3 [marbh|bas|basachadh]"),
    (HARMED, 3, "eagal orm ~4 [dhachaigh|roimhe|roimhpe|romhpa]"),
    (HARMED, 3, "[gam bhualadh|bhuail e mi|bhuail i mi|buailidh e mi|buailidh i mi|ga mo bhualadh]"),
    (CHILD, 2.5, "[leave|left|leaving] [him|her|them] [alone|on his own|on her own|on their own] ~3 [overnight"
                 "|all night|in the flat|in the house|at home|for hours|all day]"),
    (CHILD, 2.5, "[stay|stays|staying|sleep|sleeps|sleeping] [at|over at|with] ~5 [man|men|older man|adult|guy"
                 "|lads] ~2 [flat|house|place]"),
    (CHILD, 2.5, "{child} ~5 [scream|screaming|cry|crying|greet|greeting] ~6 [shout|bang|hit|every night|all night]"),
    (CHILD, 2.5, "[come|comes|coming|came] in hungry"),
    (CHILD, 2.5, "same clothes all week"),
    (CHILD, 3, "{child} ~3 [cry|cries|crying|scream|screams|left] ~3 [all day|in the cot|for hours|most of the day"
               "|on her own|on his own]"),
    (CHILD, 2.5, "{child} ~8 [no adult|no adults|no parent|no grown up|unsupervised|nobody answer|no one answer]"),
    (CHILD, 3, "[secret game|secret games|our secret|our little secret|not to tell anyone|not tell anyone"
               "|not tell mum]"),
    (CHILD, 3, "[picked up|pick up|picks up|picking up] by ~2 [older|a man|men|guys|lads|strangers]"),
    (CHILD, 2.5, "[eldest|oldest|wee one|child|kid] ~4 [doing the cooking|minding the baby|looking after the baby"
                 "|looking after the others|caring for]"),
    (CHILD, 2.5, "[drunk|drink|smelling of drink|under the influence|off their face|stoned|high|wasted] ~8 [drove"
                 "|drive|driving|behind the wheel]"),
    (CHILD, 2.5, "[needles|needle|syringes|works|foil] ~3 [floor|lying about|left out|about the house]"),
    (CHILD, 2.5, "{minor} ~8 [pregnant|older man|older boyfriend|older guy|20 year old|grown man]"),
    (CHILD, 2, "[no adult|no adults|no parent|no grown up] ~2 [answer|answered|about|around|home|in|there|with them]"),
    # --- found together in one sentence, in any order -----------------------------------------------------------
    (SUICIDE, 2.5, "& {means} {intent}"),
    (SUICIDE, 2.5, "& {farewell} {when}"),
    (SUICIDE, 3, "& {farewell} {means}"),
    (SUICIDE, 2.5, "& {farewell} [die|dead|death|end it|end things|not wake|for good|forever|kill]"),
    (SUICIDE, 3, "& [pin|bank card|password|keys] [funeral|when i be gone|after i be gone|after i go]"),
    (SUICIDE, 3, "& [rope|noose|ligature] [tree|beam|banister|loft|garage|sturdy|measured|hook]"),
    (SELF_HARM, 2.5, "& {sh_tool} {sh_body}"),
    (SELF_HARM, 2.5, "& [razor|blade|blades|lighter] [again|back]"),
    (SELF_HARM, 3, "& [did it|do it|done it|doing it] [again] {sh_body}"),
    (SELF_HARM, 2.5, "& [scar|scars|cut|cuts|wound|wounds] [fresh|open|picking|new|hide|hiding|again|blood]"),
    (CHILD, 2.5, "& {young} [main carer|young carer|does all her|does all his|doing the cooking|minding the baby"
                 "|missing school|missed school]"),
    (CHILD, 3, "& {young} [to be married|marry her|marry him|married off|forced marriage]"),
    (CHILD, 2.5, "& {young} [messaging|messages|snapchat|online] [money|meet up|meet|picture|photo|gift|gifts]"),
    (CHILD, 3, "& {young} [shake|shaken|shook|shaking]"),
    (CHILD, 3.5, "& {young} [needle|needles|inject|injects|injecting|syringe]"),
    (SUICIDE, 3, "&& {farewell} [ready now|ready to go|it be time|time to go]"),
    (SUICIDE, 2.5, "& {farewell} [text|texted|message|messaged|posting|posted]"),
    (SUICIDE, 3, "& [made my peace|make my peace|made his peace|made her peace] [sorted|dog|cat|keys|will|letters"
                 "|sister]"),
    (CHILD, 3, "&& {young} [grown man|older man|a man] [buying her|buys her|buying him|gifts|meeting her|meets her]"),
    (CHILD, 3, "&& {young} [run away|ran away|runs away|go missing|went missing] [drink|money|older|smelling|drugs]"),
    (CHILD, 3, "&& {young} [no food|nothing to eat|go hungry|gone hungry|nae food|no dinner|hungry again]"),
    (CHILD, 2.5, "& {young} [on their own|on his own|on her own|alone] [night|nights|all day|overnight|weekend"
                 "|crying]"),
    (HARMED, 2.5, "& {agent} [won't let|will not let|not allowed|can not leave|can not get|so i can not"
                  "|account for] [out|leave|house|keys|phone|money|penny|car|croft|see]"),
    (CHILD, 3, "&& {young} [to be married|marry her|marry him|married off|forced marriage]"),
    (CHILD, 3, "&& {young} [parcel|parcels|packages|drop bags] [cash|money|pay|paid]"),
    (CHILD, 3, "&& {young} [older man|older men|older guy|older lads|older boys] [gifts|gift|cash|money|presents"
               "|vodka|drink]"),
    (CHILD, 2.5, "&& [drinking|drunk|using] [leave|left|leaving] {young}"),
]

# --- context -------------------------------------------------------------------------------------------------------

#: talking *about* the subject, not saying it is happening: lowers the score in its sentence
TOPIC = ("training|awareness|prevention|prevent|workshop|awareness session|training session|session on|session about"
         "|seminar|webinar|campaign|statistic|rate|rates|attention seek|myth|stop say|the word|the term|the phrase"
         "|language|novel|chapter|book club|the book|a book|drama|storyline|character|narrator|government|strategy"
         "|money attached|training course|a course on|course about|the course on|session at|club|talk on|a talk"
         "|the talk|school need|school should|in school|research|study|the strategy|national strategy|strategy for"
         "|policy|charity|funding|leaflet|poster|film|documentary|programme|stigma|asist|safetalk|first aid|naloxone"
         "|ambassador|conference|lecture|module|toolkit|the topic|on the subject|about the subject|we talk about"
         "|we discuss|discussion|discuss|conversation about|open up about|funding cut|cuts to|budget|minister"
         "|caseload|referral pathway|protocol|risk assessment|the news|survey|article|podcast|school talk|assembly"
         "|lived experience panel|protection training|safeguarding training|mental health first aid|awareness week"
         "|the stats|stiogma|bruidhinn mu dheidhinn|we see|every shift|on shift|our patients|our clients|my clients"
         "|my patients|with clients|with patients|our service|i work in|i work with|in my job|my role|asked if i"
         "|asked me if|ask me if|as a practitioner|how common|underestimate|among older|among young|among men"
         "|among women|we say|sounds cold|clinical|jargon|acronym|abbreviation")
#: the past, resolved, or someone lost: lowers the score in its sentence
PAST = ("year ago|years ago|month ago|months ago|decade|when i was young|when i was younger|when i was a teen"
        "|when i was a teenager|as a teenager|as a kid|as a child|when i was a kid|when i was little|when i was wee"
        "|when i was at school|when i was at uni|in my teens|in my twenties|back in|back then|used to|in the past"
        "|in my past|recovered|since then|at the time|once upon|the 90s|the 80s|survivor|survived|got through"
        "|came through|turned my life|life around|turned it around|better now|doing well|well now|thankfully"
        "|looking back|from my teens|part of my story|years old|year old now|old scars|old scar|when i was ill"
        "|at my lowest|o chionn|bliadhna|there was a time|a long time ago|long time ago|have not in|in decades"
        "|not where i be now|i be ok now|i be doing ok|doing ok|doing okay|that person|discharged now|when we was"
        "|when they was|the worst year|worst time of my life|at school|as a teen|when i was")
#: someone lost, or how a death is spoken of: lowers the score in its part of the sentence
LOSS = ("lost|lose|loss|bereave|griev|grief|funeral|passed away|pass away|anniversary|memory|memorial|in memory|rip"
        "|die by|died by|commit|committed|completed|chaill")
#: going away for ordinary reasons ("won't be around next month, off to Spain"): lowers the score in its sentence
GOING_AWAY = ("holiday|cottage|skye|island|cabin|no signal|for a week|off to|moving to|move to|moved to|old flat"
              "|new flat|new house|away to|goodbye card|leaving card|retired|retirement|moving up to|moving down to"
              "|moving away|moving abroad|trip|flight|for work|new job|see you then|see yous then|see you in"
              "|see yous in|abroad|spain|emigrat|leaving do|cruise")
#: the words belong to someone in general, not a person in the room
GENERIC = ("people who|if a friend|if a pal|if someone tell you|tell you they|if your friend|best thing to say"
           "|what to say|how do we|how do you|we ask all|we ask everyone|ask all|ask every|people that|those who"
           "|anyone who|someone who|somebody who|folk who|person who|men who|women who|young people|a lot of people"
           "|lots of people|many people|some people|patient who|client who|people with|people in|people feel"
           "|disabled people|make people|society|ask someone|ask if|asking if|asking about|if they be think"
           "|if someone be|if someone|if somebody|when someone|when people|for people|how people")
#: a negation just before the words ("not suicidal", "never self harmed")
NEGATION = "not|never|no|nobody|nothing|without|neither|nor"
#: the words are about now, or there is a plan or a time: raises the score
NOW = ("again|lately|recently|this week|last week|last night|yesterday|today|tonight|tomorrow|right now|at the moment"
       "|every day|every night|all the time|still|currently|these days|keep|keeps|now|this morning|this month|weekend"
       "|soon|start|started|since|ongoing|anymore|any more")
#: hyperbole about services or daily life ("the waiting list is killing me", "dying for a cuppa")
HYPERBOLE = ("dying for|dying to|to die for|die of embarrassment|die laughing|dead good|dead nice|dead tired|dead on"
             "|dead end|kill for|live in|live at|live near|go on the|go on a|burden on the nhs|burden on services"
             "|burden on the state|peace with it|peace with that|peace with what|old scar|old scars|die lol|die haha"
             "|dead lol|think i be go to die|i was go to die|any more emails|emails|inbox|literally kill"
             "|literally killing|wake up early|get up early|early start|early on|i be go to die lol|call a burden"
             "|called a burden|burden on nobody|burden to nobody|burden to no one|not a burden|not be a burden"
             "|it kill me|this kill me|that kill me|be kill me|rather die than|die than|killing it|killed it"
             "|the death of me|bored to death|scared to death|sick to death|end of the day|end of the world|dead easy"
             "|deadline|dead set")
#: everyday activities and accidents that share the words ("burnt my arm on the oven", "kill me at darts"):
#: lower the score in their sentence
BENIGN = ("by accident|accidentally|midge|midges|bed frame|tripped|fell over|on the oven|the oven|the hob|baking"
          "|scones|the toast|toast|recycling|recycle|blister pack|packaging|at darts|at pool|at cards|at golf"
          "|at chess|at the quiz|rematch|fireworks|sunset|the view|wild swimming|swimming group|washing line|bunting"
          "|wheelchair race|charity race|committee|the minutes|only joking|he be a star|she be a star|for me he"
          "|t side|bhus|dosette|the garden centre|at the gym|in the gym today|leg day|roadworks|roadwork"
          "|with the lads|baltic|tombstoning|power of attorney|attorney|for the wedding|wedding date|the big day"
          "|online|paper forms|online forms|eczema|psoriasis|rope swing|swing|sold it|sold the house|sheltered flat"
          "|new home|workout|marathon|legs be gone|dwp|the council|appeal|appeals|the system|benefits office"
          "|job interview|interview|exam|support worker|hillwalk|sponsored|fancy dress|panto|the match|football|rugby"
          "|shinty|cosy|lie in|long lie|too comfy|comfy|means deliberate|stands for|chopping|onions|carers group"
          "|young carers group|meets monthly|hedge|hawthorn|bramble|brambles|pruning|the roses|cat scratch|step down"
          "|social media|the apps|facebook|instagram|tiktok|fell down|clumsy|clumsiness|fitba|sock drawer"
          "|by which i mean|declutter|squash|ball hit|tennis|hockey|queue|soup|a plaster|cooking|being sensible"
          "|sensible|washing up|that look|turkey|politics|in laws|safely|safe dose|arthritis|pharmacist explained"
          "|reminder|please write|in notes|matches|therapist told me to|counsellor told me to|homework|from work"
          "|from the office|from the party|shortbread|smoke alarm|recipe")
#: talk about a subject: lowers a match just after "about" or "on" ("talking about self-harm was hard")
TALK = "talk|talking|session|train|training|discuss|conversation|lesson|topic|hard to hear|heavy|subject"
