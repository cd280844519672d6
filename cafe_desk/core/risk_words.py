"""How people write, turned into plain tokens the risk finder can read: text-speak, Scots and contractions spelled
out, apostrophes and accents dropped, every word reduced to its stem ("ending" and "ended" both read "end")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: written forms spelled out before stemming (text-speak, Scots, contractions typed with or without apostrophes)
SPELLED_OUT = {
    "u": "you", "ur": "your", "r": "are", "ya": "you", "ye": "you", "yer": "your", "2": "to", "tae": "to",
    "im": "i am", "ive": "i have", "id": "i would", "iv": "i have", "il": "i will", "ima": "i am going to",
    "dont": "do not", "dnt": "do not", "didnt": "did not", "doesnt": "does not", "cant": "can not",
    "cannot": "can not", "cnt": "can not", "cannae": "can not", "canny": "can not", "canna": "can not",
    "wont": "will not", "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not",
    "isnt": "is not", "wasnt": "was not", "arent": "are not", "werent": "were not", "havent": "have not",
    "hasnt": "has not", "aint": "not", "dinnae": "do not", "dinny": "do not", "didnae": "did not",
    "didny": "did not", "wisnae": "was not", "wisny": "was not", "isnae": "is not", "widnae": "would not",
    "wouldnae": "would not", "couldnae": "could not", "shouldnae": "should not", "havnae": "have not",
    "hasnae": "has not", "willnae": "will not", "nae": "no", "naw": "no", "wanna": "want to", "wana": "want to",
    "gonna": "going to", "gona": "going to", "gunna": "going to", "gotta": "got to", "hafta": "have to",
    "ma": "my", "masel": "myself", "mysel": "myself", "masell": "myself", "hissel": "himself",
    "hersel": "herself", "thersel": "themselves", "theirsel": "themselves", "naebody": "nobody",
    "nae1": "nobody", "nobody": "nobody", "any1": "anyone", "some1": "someone", "every1": "everyone",
    "anymore": "any more", "anymoar": "any more", "nomore": "no more", "tonite": "tonight", "2nite": "tonight",
    "2night": "tonight", "tmrw": "tomorrow", "tmr": "tomorrow", "tomoz": "tomorrow", "2moro": "tomorrow",
    "2morrow": "tomorrow", "themorra": "tomorrow", "morra": "tomorrow", "the2day": "today", "2day": "today",
    "coz": "because", "cos": "because", "cuz": "because", "bc": "because", "ppl": "people", "wi": "with",
    "oot": "out", "hame": "home", "hoose": "house", "heid": "head", "greetin": "crying", "feart": "scared",
    "frit": "scared", "weans": "children", "wean": "child", "bairns": "children", "bairn": "child",
    "selfharm": "self harm", "selfharming": "self harming", "selfharmed": "self harmed", "sh": "sh",
    "kms": "kill myself", "kys": "kill yourself", "unalive": "kill", "unaliving": "killing", "od": "overdose",
    "oded": "overdosed", "odd": "odd", "meds": "medication", "pils": "pills", "tabs": "tablets",
    "wantae": "want to", "gonnae": "going to", "awright": "alright", "aw": "all", "a'": "all",
    "dae": "do", "dain": "doing", "wid": "would", "gie": "give", "gied": "gave", "ken": "know",
    "thru": "through", "tho": "though", "abt": "about", "rly": "really", "v": "very", "n": "and",
    "b4": "before", "w": "with", "wiv": "with", "luv": "love", "gf": "girlfriend", "bf": "boyfriend",
    "hubby": "husband", "oh": "oh", "mam": "mum", "maw": "mum", "da": "dad", "faither": "father",
    "mither": "mother", "wee": "wee", "yin": "one", "yins": "ones", "anyhin": "anything", "nuthin": "nothing",
    "nothin": "nothing", "somethin": "something", "everythin": "everything", "evrything": "everything",
    "evry": "every", "naething": "nothing", "goin": "going", "doin": "doing", "livin": "living",
    "tryin": "trying", "thinkin": "thinking", "hurtin": "hurting", "cuttin": "cutting", "takin": "taking",
    "endin": "ending", "feelin": "feeling", "gettin": "getting", "wakin": "waking", "killin": "killing",
    "hittin": "hitting", "savin": "saving", "lyin": "lying", "sleepin": "sleeping", "harmin": "harming",
    "ah": "i", "an": "and", "aff": "off", "oan": "on", "intae": "into", "anymair": "any more", "mair": "more",
    "whats": "what is", "thats": "that is", "theres": "there is", "hes": "he is", "shes": "she is",
    "theyre": "they are", "youre": "you are", "theyll": "they will", "hell": "he will", "shell": "she will",
    "theyd": "they would", "shed": "she would", "hed": "he would", "wed": "we would", "noo": "now",
    "burnt": "burned", "tablits": "tablets", "suicidel": "suicidal", "sucide": "suicide", "suicde": "suicide",
    "disapear": "disappear", "overdoes": "overdose", "selfharmin": "self harming", "gang": "go", "gaun": "going",
    "lockit": "locked", "nicht": "night", "onything": "anything", "jist": "just", "aboot": "about", "doon": "down",
    "roon": "round", "efter": "after", "wis": "was", "hud": "had", "airm": "arm", "airms": "arms", "oor": "our",
    "yersel": "yourself", "afore": "before", "cauld": "cold", "hav": "have", "bin": "been", "jst": "just",
    "evry1": "everyone", "every1s": "everyone is", "wrk": "work", "nite": "night", "skool": "school",
    "thocht": "thought", "hink": "think", "cairry": "carry", "cairryin": "carrying", "roond": "round",
    "gin": "if", "ony": "any", "onybody": "anybody",
    "yrs": "years", "yr": "year", "mins": "minutes", "pics": "pictures", "pic": "picture", "nudes": "nude pictures",
}
_AFTER_ILL = {"be", "not", "never", "just", "probabl", "go", "do", "kill", "end", "have", "miss", "still", "sort"}
_AUX_NT = {"had", "have", "has", "do", "does", "did", "could", "would", "should", "was", "were", "is", "are",
           "must", "need", "might", "dare"}
_SCOTS_NA = {"is": "is", "wis": "was", "was": "was", "can": "can", "din": "do", "do": "do", "win": "will",
             "will": "will", "could": "could", "would": "would", "wid": "would", "did": "did", "should": "should",
             "has": "has", "have": "have", "hae": "have", "are": "are", "wir": "were", "div": "do"}
#: words ending in "in" that are not "-ing" written as spoken ("cuttin", "scratchin")
_NOT_ING = {"insulin", "heroin", "aspirin", "cousin", "within", "origin", "margin", "basin", "cabin", "muffin",
            "penguin", "violin", "robin", "latin", "satin", "toxin", "admin", "login", "begin", "resin", "raisin",
            "vitamin", "dolphin", "goblin", "martin", "kevin", "erin", "lin", "odin", "berlin", "dublin", "austin",
            "pumpkin", "napkin", "akin", "herein", "therein", "wherein"}

#: irregular forms the stemmer doesn't know
IRREGULAR = {
    "took": "take", "taken": "take", "woke": "wake", "woken": "wake", "went": "go", "gone": "gone", "felt": "feel",
    "thought": "think", "said": "say", "says": "say", "beat": "beat", "beaten": "beat", "threw": "throw",
    "thrown": "throw", "kept": "keep", "left": "leave", "gave": "give", "given": "give", "bought": "buy",
    "got": "get", "gotten": "get", "dying": "die", "died": "die", "dead": "dead", "lying": "lie", "lay": "lie",
    "slept": "sleep", "stole": "steal", "stolen": "steal", "hid": "hide", "hidden": "hide", "ran": "run",
    "fell": "fall", "fallen": "fall", "swore": "swear", "ate": "eat", "drank": "drink", "made": "make",
    "told": "tell", "found": "find", "held": "hold", "broke": "break", "broken": "break", "bit": "bite",
    "bitten": "bite", "tried": "try", "tries": "try", "wrote": "write", "written": "write", "sent": "send",
    "spent": "spend", "lost": "lose", "meant": "mean", "children": "child", "kids": "kid", "grandkids": "grandkid",
    "weans": "child", "bairns": "child", "men": "man", "women": "woman", "people": "people", "folk": "people",
    "folks": "people", "is": "be", "am": "be", "are": "be", "was": "was", "were": "was", "been": "be", "being": "be",
    "has": "have", "had": "have", "having": "have", "does": "do", "did": "do", "doing": "do", "done": "done",
    "would": "would", "could": "could", "wants": "want", "wanted": "want", "wanting": "want",
    "myself": "myself", "herself": "herself", "himself": "himself", "themselves": "themselves",
    "yourself": "yourself", "themself": "themselves", "ourselves": "ourselves", "lives": "life",
    "knives": "knife", "this": "this", "thus": "thus", "us": "us", "bus": "bus", "news": "news",
}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|,")
_REPEATS = re.compile(r"(\w)\1{2,}")
_CLAUSE_END = re.compile(r"[.!?;:]+|\n\s*\n|\s[–—]+\s|\s-{2,}\s|^\s*-\s|\n\s*[-*•]\s")
_SPELLED_LETTERS = re.compile(r"(?<![^\W_])((?:[^\W\d_][-.]){2,}[^\W\d_])(?![^\W_])")
BREAK = "|"


def fold(text: str) -> str:
    """Lower case, accents dropped (so Gaelic typed with or without them reads the same), plain apostrophes."""
    if text.isascii():
        return text.lower().replace("`", "'")
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if unicodedata.category(c) == "Cf":  # zero-width joiners, soft hyphens, direction marks
        return ""
    return fold(c)


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The stem every form of a word shares ("ending", "ended" -> "end"; "took" -> "take")."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    return _english().stemWord(word)


@lru_cache(maxsize=1)
def _english():
    import snowballstemmer  # loaded at the first check, not at start-up (it carries every language)

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def _spell(word: str) -> tuple[str, ...]:
    plain = word.replace("'", "")
    if plain.isdigit():  # numbers are read as they are (the stemmer has nothing to do with them)
        return (plain,) if plain != "2" else ("to",)
    if plain in SPELLED_OUT:
        return tuple(stem(w) for w in SPELLED_OUT[plain].split())
    if plain.endswith("nt") and plain[:-2] in _AUX_NT:  # hadnt, mustnt
        return (stem(plain[:-2]), "not")
    if plain.endswith("na") and plain[:-2] in _SCOTS_NA:  # Doric: "wisna", "canna", "dinna"
        return (*_spell(_SCOTS_NA[plain[:-2]]), "not")
    if plain.endswith("in") and len(plain) > 5 and plain[-3] not in "aeiou" and plain not in _NOT_ING:
        return (stem(plain + "g"),)
    if plain.endswith("nae") and len(plain) > 5:  # Scots negatives: "wantnae", "coudnae"
        return (stem(plain[:-3]), "not")
    if "'" in word:
        head, _, tail = word.partition("'")
        spelled = {"m": ("be",), "ve": ("have",), "re": ("be",), "ll": ("will",), "d": ("would",), "s": ()}
        if tail in spelled:
            return (*_spell(head), *spelled[tail])
        if tail == "t" and head.endswith("n"):  # don't, can't, won't
            base = {"won": "will", "can": "can", "ca": "can"}.get(head[:-1], head[:-1])
            return (*_spell(base), "not")
    return (stem(plain),)


ZERO_WIDTH_SPACES = "\u200b\u2060\ufeff"


def _folded(text: str, invisible_spaces: bool = False) -> tuple[str, list[int]]:
    """`fold(text)` as it is read, and for each of its characters the index of the character of `text` it came from:
    invisible characters dropped ("k\u200bill"), letters spelled out with hyphens or dots joined ("k-i-l-l"), and long
    runs of one letter shortened ("sooo" -> "so")."""
    if text.isascii():
        folded, index = fold(text), list(range(len(text)))
    else:
        chars, index = [], []
        for i, c in enumerate(text):
            for f in (" " if invisible_spaces and c in ZERO_WIDTH_SPACES else _fold_char(c)):
                chars.append(f)
                index.append(i)
        folded = "".join(chars)
    drop = {m.start(1) + k for m in _SPELLED_LETTERS.finditer(folded)
            for k in range(1, m.end(1) - m.start(1), 2) if folded[m.start(1) + k] in "-."}
    keep = []
    run = 0
    for i, c in enumerate(folded):
        if i in drop:
            continue
        run = run + 1 if keep and c == folded[keep[-1]] and c.isalnum() else 1
        if run == 3:  # a third one of the same letter in a row: the run is read as one letter
            keep.pop()
            continue
        if run > 3:
            continue
        keep.append(i)
    if len(keep) == len(folded):
        return folded, index
    return "".join(folded[i] for i in keep), [index[i] for i in keep]


def read(text: str, invisible_spaces: bool = False) -> tuple[list[str], list[tuple[int, int]]]:
    """The text as stems, with BREAK between sentences (a pattern never runs across one), and for each stem the
    span of `text` it was read from (so the words found can be shown as they were written). A zero-width space is
    dropped ("k\u200bill"), or with `invisible_spaces` read as the space it stands for ("kill\u200bmyself")."""
    folded, index = _folded(text, invisible_spaces)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for end in [m.start() for m in _CLAUSE_END.finditer(folded)] + [len(folded)]:
        for word in _WORD.finditer(folded, at, end):
            span = (index[word.start()], index[word.end() - 1] + 1)
            for t in _spell(word.group(0)):
                for part in t.split():
                    out.append(part)
                    spans.append(span)
        if out and out[-1] != BREAK:
            out.append(BREAK)
            spans.append((spans[-1][1], spans[-1][1]))
        sep = _CLAUSE_END.match(folded, end)
        at = sep.end() if sep else end
    if out and out[-1] == BREAK:
        out.pop()
        spans.pop()
    for i in range(len(out) - 2, -1, -1):  # "ill be", "ill never": I'll, typed without its apostrophe
        if out[i] == "ill" and out[i + 1] in _AFTER_ILL:
            out[i:i + 1] = ["i", "will"]
            spans[i:i + 1] = [spans[i], spans[i]]
    return out, spans


def tokens(text: str) -> list[str]:
    """The text as stems, with BREAK between sentences."""
    return read(text)[0]


def phrase(text: str) -> tuple[str, ...]:
    """A rule's words as stems (the same reading as `tokens`), e.g. "ending my life" -> ("end", "my", "life")."""
    return tuple(t for t in tokens(text) if t != BREAK)
