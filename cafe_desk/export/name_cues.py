"""The words around a name that point at a person or away from one: nicknames ("wee", "big"), verbs only a person
does ("needs", "got excluded"), greetings and imperatives that open on a person ("Hi Hope", "Ask Iona"), the words
that make a capitalised run a place ("Loch", "Inbhir"), and the checks redact_names runs with them."""

from __future__ import annotations

import re

from cafe_desk.export.name_lists import FORENAME, GIVEN, MONTH, PLACE
from cafe_desk.export.name_passes import PERSON_VERB
from cafe_desk.export.text_words import REPORTING, UNKNOWN_AFTER, Words

FIRST_KINDS = frozenset((FORENAME, GIVEN, MONTH, PLACE))  # what may stand before a name as part of it


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


NICKNAME = _set("wee big auld aul")  # "wee Shuggie", "Big Tam": a word that is not an everyday word, after one of these
LOWER_CUE_AFTER = REPORTING | UNKNOWN_AFTER | {"and"}  # "my pal frank said" (but "my son will be 19")
# A capitalised run after one of these is a place or a title: the English words, and the Gaelic place-name generics
# ("Inbhir Nis", "Baile Dhubhthaich", "Ceann a' Bhàigh", "Dùn Èideann")
BLOCKERS = _set("the st saint queen king prince princess fort port loch glen ben mount strath lady royal "
                "inbhir inver baile gleann ceann cill dùn srath achadh eilean beinn allt caol tobar druim cnoc àird "
                "aird ath bun rubha sgeir")
PERSON_BEFORE = _set("with and by for tell told asked ask met meet saw see call called phoned rang visited thank "
                     "thanks love miss missed hug hugged telt tellt texted messaged emailed")
MET = PERSON_BEFORE - _set("with and by for")  # before a word in lower case: "met torquil", not "and co-production"
# a verb that opens a sentence and takes a person: "Ask Iona about it", "Call Sandy back", "Remind Summer"
# in a note, with its subject left out: "Met Precious at the door", "Phoned Iona re the form"
IMPERATIVE = _set("ask call phone ring text tell thank meet remind invite help collect visit email message met saw "
                  "called phoned rang texted told asked thanked reminded helped collected visited emailed messaged")
GREETINGS = _set("hi hiya hello dear thanks ta cheers")  # "Hi Hope, see you Monday", "Dear Faith"
PERSON_PREV = "tell"
OPENING = IMPERATIVE | GREETINGS  # what the word before a name is taken as where the words around point at a person
# "gave the keys to Fraser", "a message from Faisal": "to" and "from" that point at a person, not a place
TO_PERSON = re.compile(r"\b(?:gave|give|given|giving|handed|hand|passed|pass|lent|lend|showed|show|explained|explain"
                       r"|introduced|introduce|mentioned|mention|apologised|apologized|waved|talked|spoke|speak|chatted"
                       r"|listened|paid|pay|owe|owes|owed|sold|read|sang|sing|said|say|wrote|write|it)\b[^.!?\n,;]{0,30}$",
                       re.IGNORECASE)
FROM_PERSON = re.compile(r"\b(?:message|messages|msg|call|calls|text|texts|letter|letters|card|cards|note|notes|email"
                         r"|emails|visit|visits|word|gift|present|hug|hugs|lift|help|thanks|apology|update|news)\s*$",
                         re.IGNORECASE)
# what only a person does or is, right after a name that is also a word: "Summer needs a lift", "Young is coming"
DOES = _set("needs needed helped helps arrived won drew turned popped relapsed overdosed died cooked kicked")
# what is done to a person: "Destiny got excluded", "Hunter got lifted", "Crystal was sectioned"
DONE_TO = re.compile(r"\s+(?:got|gets|has\s+been|had\s+been|was|is|['’]s|were)\s+(?:excluded|expelled|lifted|arrested"
                     r"|sectioned|sacked|married|pregnant|engaged|divorced|jailed|charged|evicted|deported|diagnosed"
                     r"|admitted|discharged|bullied|battered|fostered|adopted|suspended|referred|sentenced)\b",
                     re.IGNORECASE)
TIME_WORDS = _set("summer autumn winter spring dawn dusk christmas easter")  # "Summer is coming" is the season
# after a season or a month, "'s" is "is": "Summer's the worst for me", "Dawn's the worst time", "April's over"
IS_AFTER = _set("the a an not no so too very always never over here almost nearly coming my our when")
STATE = re.compile(r"\s+(?:is|was|isn't|wasn't|'s)\s+(?:coming|going|off|poorly|unwell|upset|late|sick|ill|asking"
                   r"|saying|helping|back|away|struggling|doing|feeling)\b", re.IGNORECASE)
# a verb that, straight after a word opening a sentence, has a person for its subject: "Frank sat at the back",
# "Jan works nights", "Sunny translated Punjabi", "Tam bides at…" (things and seasons seldom do these)
# days of the week given as forenames (Yoruba, Igbo, Akan and Caribbean naming), before a surname: "Sunday Adeyemi",
# "Tuesday Okoro" (not "on Friday Nowak said": a day after "on", "by", "since"…)
DAY_NAMES = _set("monday tuesday wednesday thursday friday saturday sunday")
NOT_DAY_NAME = _set("on by since till until last next every this that from before after of for each")
AGE_AFTER = re.compile(r"\s*(?:\((?:aged?\s*)?\d{1,2}\)|,?\s+aged?\s+\d{1,2}\b)")  # "Ruby (7)", "Ellie, aged 14"
FACILITIES = _set(
    "street st road rd avenue ave lane drive crescent terrace place gardens court wynd brae close way square park "
    "hospital infirmary centre center house hall college university school academy church library surgery practice "
    "clinic ward unit trust foundation project café cafe bar hotel monument bridge station memorial institute "
    "building theatre stadium county primary high medical health community hub group network springs "
    "services service team film films movie book show band festival award awards day night week bay beach sands "
    "island isle scotland magazine newspaper charity "
    "partnership council society club association recovery")
LOWER_STOP = _set("carol martin angus jack page dean bonnie ruth lynn gill will mark amber grace hope "
                  "victoria nicole eric sun rose ray sandy frank bill jean lee kelly max drew dale rowan olive")
PARTICLES = _set("van von de da di del della le la bin ibn al el mac nic mhic ó o a")
KUNYA = _set("abu umm um")  # "Abu Omar", "Um Khaled": father or mother of, before a name
MAX_RUN = 6  # words in one name at most ("Iain Mac a' Phearsain"); a longer run of capitals is cut
LONG_RUN = 16  # capitalised words in a row past which a run is decided word by word, without the words around
SENTENCE_END = re.compile(r"[.!?;\n]")
PRONOUN = re.compile(r"\b(?:he|she|his|her|him|hers|he's|she's|himself|herself)\b", re.IGNORECASE)
# what says the word before it is what someone is called: "Rusty is what the lads call him", "Cat to her friends",
# "Seun for short"
# (the second only set off by a dash, a bracket or a comma: not "Talk to her friends")
NAMED_AFTER = re.compile(r"\s+(?:is\s+what\s+(?:[\w'’]+\s+){0,3}call(?:s|ed)?\s+(?:him|her|them|me)\b|for\s+short\b"
                         r"|(?:is|was)\s+(?:(?:her|his|their|my|our)\s+(?:married\s+|maiden\s+|middle\s+|first\s+"
                         r"|last\s+|real\s+|family\s+)?(?:sur)?name|the\s+(?:married\s+|maiden\s+|family\s+)?surname)"
                         r"\b)",  # "Young is her married name", "Cook is the surname of the lady"
                         re.IGNORECASE)
NAMED_APART = re.compile(r"\s+(?:to|for)\s+(?:his|her|their|my|our)\s+(?:friends|pals|mates|family)\b", re.IGNORECASE)
APART = ("— ", "– ", "- ", "(", ", ")
OWN_PRONOUN = re.compile(r"(?:\s+[a-z]+)?\s+(?:his|himself|herself|he|she)\b")
IS_WAS = re.compile(r"\s+(?:is|was)\b")
AGE = re.compile(r"\s+(?:only\s+|just\s+|nearly\s+)?\d{1,2}\b(?!\s*(?:%|pm|am|:))")
# "im Skye", "I'm Blessing": a name given for oneself
I_AM = _set("im i'm iam")
# a name spoken to, at the start: "KYLE U ARE NOT ALONE", "Skye you're a star" (not "Hope you are well": GIVEN)
VOCATIVE = re.compile(r",?\s+(?:u|you|ye)\s+(?:are|r|were|rock|legend)\b|,?\s+you['’]re\b", re.IGNORECASE)
# a word in lower case that owns a person or speaks ("mason's dad", "jade said"), unless a determiner makes it a thing
DETERMINERS = _set("the a an this that these those my your his her our their its no every some any each which what")
# a Chinese name written in Pinyin: one or two syllables ("Wang Fang", "Chen Jing", "Li Xiaoming")
_PINYIN = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou"
           r"|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v|ü)")
PINYIN = re.compile(rf"(?:{_PINYIN}){{1,2}}")
PLACE_OF = re.compile(r" (?:of|on|upon) (?:the )?[A-Z]")  # "Muir of Ord", "Bridge of Allan", "Newton on the Moor"


def person_verb(item: Words, i: int) -> bool:
    """True if word i is followed, in lower case, by a verb whose subject is a person (PERSON_VERB): "Frank sat at
    the back", "Lewis can't get out the house"."""
    return item.next_key(i) in PERSON_VERB and item.words[i + 1][2].islower()


def does(item: Words, i: int, state: bool = True) -> bool:
    """True if what follows word i is what only a person does or is: "needs", "helped", an age ("Ruby (7)") or, with
    `state`, "is coming", "was poorly"."""
    end = item.words[i][1]
    return item.next_key(i) in DOES or bool(AGE_AFTER.match(item.text, end)) or (
        state and (bool(STATE.match(item.text, end)) or bool(DONE_TO.match(item.text, end))))


def acts_as_person(item: Words, i: int, any_verb: bool = False) -> bool:
    """True for a word opening a sentence, followed by a verb and then by "he", "she", "his", "her" in the same
    sentence ("Clyde came with his mum", "Rusty is what the lads call him"), or by an age ("Phoebe is 15").
    `any_verb`: any everyday word in lower case may be the verb ("Wiktor lost his job")."""
    nxt = item.next_key(i)
    if nxt not in UNKNOWN_AFTER and nxt not in REPORTING:
        # any verb, if "his", "himself" or "herself" follows within two words: "Wiktor lost his job" (not "Zumba
        # keeps her going", "Govanhill changed a lot since he was a boy")
        return any_verb and bool(nxt) and nxt not in DETERMINERS and item.words[i + 1][2].islower() \
            and item.lists.is_word(nxt) and bool(OWN_PRONOUN.match(item.text, item.words[i + 1][1]))
    end = item.words[i][1]
    rest = SENTENCE_END.split(item.text[end:end + 80], maxsplit=1)[0]
    verb = IS_WAS.match(rest)  # "Phoebe is 15": the age comes after the verb
    return bool(PRONOUN.search(rest) or (verb and AGE.match(rest, verb.end())))

