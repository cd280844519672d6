"""The CodeBook of the REFI-QDA project: the central codebook's themes, then what analysts filter items on, as codes.

REFI-QDA has variables only on Cases and Sources (a Source is a whole café here), and a Set holds codes, sources and
notes, never a piece of text. So what belongs to one item (its group, table, round, how it came in, whether it is a
verbatim quote, whether it is on the quotes shortlist, the question it answers, and the outcomes and themes the café
itself tagged it with) is written the way QDA tools filter pieces of text: as codes, each item's selection coded
with its own. Each kind sits in a group of its own (codes that can't be coded, which QualCoder shows as categories
and NVivo as parent nodes), apart from the central team's themes:
- "Café Desk attributes" › Group, Table, Round, Source, Quote (yes/no), and "On the quotes shortlist";
- "Questions" › each round's question, word for word (one code for the same question in every café);
- "Cafés' own tags" › Outcomes, Tags: what the cafés tagged items with (outcomes matched across cafés by title,
  ignoring case and spacing, as the votes are).
Code names say what they are ("Group: Carers", "Source: paper"): QualCoder merges codes of the same name, and a list
of codes without its tree should still read. A name a theme already has gets " (2)". Only codes some exported item
carries are written (themes always are), so the codebook is known only once the items are: the XML is written last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from cafe_desk.central.qdpx_names import UniqueNames
from cafe_desk.central.qdpx_xml import attrs, guid, one_line, shortened, text
from cafe_desk.core.synthesis import CodeTheme, Item, outcome_key

ATTRIBUTES, QUESTIONS, TAGS = "Café Desk attributes", "Questions", "Cafés' own tags"
SOURCES = {"note-taker": "Source: note-taker", "participant": "Source: phone", "paper": "Source: paper"}
SHORTLISTED = "On the quotes shortlist"
MAX_CODE_NAME = 200  # a question's code name is cut here; its Description holds it whole

#: (top group, subgroup or "", description of the subgroup)
_BRANCHES = {
    "group": (ATTRIBUTES, "Group", "The group the person who said or wrote it belongs to, where given."),
    "table": (ATTRIBUTES, "Table", "The table it was said at."),
    "round": (ATTRIBUTES, "Round", "The round it was said in."),
    "source": (ATTRIBUTES, "Source", "How it came in: a note-taker's point or summary, a comment from a phone, "
                                     "or a paper comment card."),
    "quote": (ATTRIBUTES, "Quote", "Whether the note-taker marked it as a verbatim quote."),
    "shortlist": (ATTRIBUTES, "", ""),
    "question": (QUESTIONS, "", ""),
    "outcome": (TAGS, "Outcomes", "The outcomes the café tagged it with."),
    "tag": (TAGS, "Tags", "The café's own themes it was tagged with."),
}
_TOPS = {ATTRIBUTES: "What each item is: who, where, when, how it came in. Filter on these.",
         QUESTIONS: "The question each item answers, word for word.",
         TAGS: "What the cafés themselves tagged their items with, apart from the central team's themes."}


@dataclass
class _Code:
    guid: str
    kind: str
    name: str
    sort: tuple
    description: str = ""


@dataclass
class CodeTree:
    """Codes for the themes and for each item's attributes; `codes(item)` gives an item's code GUIDs in order."""

    themes: list[CodeTheme]
    seen: dict[str, _Code] = field(default_factory=dict)  # code key -> code, for the attribute codes in use

    def __post_init__(self) -> None:
        self.theme_guids = {t.id: guid("code", t.id) for t in self.themes}
        self._rank = {theme_id: n for n, theme_id in enumerate(self.theme_guids)}

    def codes(self, item: Item) -> list[tuple[str, str]]:
        """(coding key, code GUID) for each code `item` carries: its themes in codebook order, then its attributes,
        question and café tags. The key names the coding for its GUID (the theme id, as exports always used)."""
        found = [(c, self.theme_guids[c]) for c in sorted((c for c in item.codes if c in self._rank),
                                                              key=self._rank.__getitem__)]
        if item.group.strip():
            found.append(self._code("group", item.group.strip().casefold(), f"Group: {one_line(item.group)}",
                                    (one_line(item.group).casefold(),)))
        if item.table is not None:
            found.append(self._code("table", str(item.table), f"Table {item.table}", (item.table,)))
        if item.round is not None:
            found.append(self._code("round", str(item.round), f"Round {item.round}", (item.round,)))
        if item.source in SOURCES:
            found.append(self._code("source", item.source, SOURCES[item.source], (list(SOURCES).index(item.source),)))
        yes = "yes" if item.is_quote else "no"
        found.append(self._code("quote", yes, f"Quote: {yes}", (not item.is_quote,)))
        if item.shortlisted:
            found.append(self.shortlist())
        if item.question.strip():
            found.append(self.question(item.question))
        for title in dict.fromkeys(item.outcomes):
            found.append(self._code("outcome", outcome_key(title), f"Outcome: {one_line(title)}",
                                    (outcome_key(title),)))
        for tag in dict.fromkeys(item.cafe_themes):
            found.append(self._code("tag", one_line(tag).casefold(), f"Café tag: {one_line(tag)}",
                                    (one_line(tag).casefold(),)))
        return found

    def shortlist(self) -> tuple[str, str]:
        """The shortlist's code: its items are the central team's shortlisted quotes."""
        return self._code("shortlist", "", SHORTLISTED, (0,),
                          "Items the central team put on the quotes shortlist.")

    def question(self, question: str) -> tuple[str, str]:
        """A question's code (the same for the same words in any café)."""
        words = one_line(question)
        return self._code("question", words, shortened(words, MAX_CODE_NAME), (words.casefold(),), words)

    def _code(self, kind: str, value: str, name: str, sort: tuple, description: str = "") -> tuple[str, str]:
        key = f"{kind}:{value}"
        if key not in self.seen:
            self.seen[key] = _Code(guid("code", key), kind, name, sort, description)
        return key, self.seen[key].guid

    def has(self, key: str) -> bool:
        """Whether some exported item carries the code `key` (as `codes` names it)."""
        return key in self.seen

    def write(self, out: TextIO) -> None:
        """The CodeBook element (nothing when there is no code at all: the schema wants at least one)."""
        if not self.themes and not self.seen:
            return
        names = UniqueNames()
        out.write("  <CodeBook>\n    <Codes>\n")
        for theme in self.themes:
            self._write(out, 3, self.theme_guids[theme.id], names.unique(theme.name), theme.description)
        for top in _TOPS:
            branches = {}
            for code in self.seen.values():
                top_of, sub, _about = _BRANCHES[code.kind]
                if top_of == top:
                    branches.setdefault(sub, []).append(code)
            if not branches:
                continue
            out.write(f"      <Code {attrs(guid=guid('code-group', top), name=top, isCodable='false')}>\n"
                      f"        <Description>{text(_TOPS[top])}</Description>\n")
            for sub, codes in sorted(branches.items(), key=lambda b: list(_BRANCHES).index(b[1][0].kind)):
                depth = 4
                if sub:
                    about = _BRANCHES[codes[0].kind][2]
                    out.write(f"        <Code {attrs(guid=guid('code-group', f'{top}:{sub}'), name=sub)} "
                              f"isCodable=\"false\">\n          <Description>{text(about)}</Description>\n")
                    depth = 5
                for code in sorted(codes, key=lambda c: c.sort):
                    self._write(out, depth, code.guid, names.unique(code.name), code.description)
                if sub:
                    out.write("        </Code>\n")
            out.write("      </Code>\n")
        out.write("    </Codes>\n  </CodeBook>\n")

    @staticmethod
    def _write(out: TextIO, depth: int, code_guid: str, name: str, description: str) -> None:
        pad = "  " * depth
        start = f"{pad}<Code {attrs(guid=code_guid, name=name, isCodable='true')}"
        if description:
            out.write(f"{start}>\n{pad}  <Description>{text(description)}</Description>\n{pad}</Code>\n")
        else:
            out.write(f"{start}/>\n")
