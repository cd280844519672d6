"""The central synthesis as a REFI-QDA project (.qdpx), so NVivo, ATLAS.ti, MAXQDA and QualCoder open the coded items.

A .qdpx is a ZIP holding `project.qde` (XML in the namespace urn:QDA-XML:project:1.0, following the REFI-QDA Project
schema of March 2019, Project-mrt2019.xsd) and a folder `sources` (lower case, as the standard names it) with one
plain-text source per café, named by its GUID. What the XML holds:
- Users: one, "Central team". CodeBook: the codebook's themes, then the items' attributes, questions and the cafés'
  own tags as codes in groups of their own (central/qdpx_codes.py says why codes).
- Variables and Cases: one Case per café with its date, town or area, people (by group, small counts hidden) and how
  its file was signed, and a SourceRef to its source (central/qdpx_cases.py).
- Sources: per café a TextSource named "title · date · locality" (made safe as a file name and unique,
  central/qdpx_names.py), whose text is a title line, then the café's items one per paragraph, each after a header
  line such as "[Table 2 · Round 1 · Point · quote]"; a "Question: …" paragraph opens each run of items under a new
  question. Every item is a PlainTextSelection over exactly its text, with one Coding (and CodeRef) per code it
  carries. Each table's "what we carry forward" summary is also a Note, which its café's source refers to (NoteRef).
- Sets: "Quotes shortlist" (the shortlist's code, and the sources holding shortlisted items) and, per café,
  "Questions · <café>" (the codes of the questions its rounds asked, and its source); its Description lists them.
Every text goes through core.text.export_text (line ends "\\n", no control or invisible format characters, NFC).
Positions count Unicode characters (code points) from 0, end excluded, as QualCoder reads them (it slices the text
with Python). The text is UTF-8 without a BOM (QualCoder reads it as plain UTF-8, where a BOM would count as a
character) with "\\n" line ends only, as QualCoder treats Windows line ends apart. A tool counting UTF-16 units
instead would place selections after an emoji one character late per emoji; accented letters count the same either
way, and composed (NFC) text keeps "é" one character everywhere.
GUIDs are uuid5 names of our ids (central/qdpx_xml.py) and no creation time is written, so re-exporting the same
data gives the same XML.
Streaming: each café's items go straight into its source in the ZIP, the XML into temporary files joined at the end
(the codebook comes first in the XML but is known only once every item is read), so a million items never sit in
memory.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from cafe_desk import __version__
from cafe_desk.central.qdpx_cases import CaseOf, write_cases, write_variables
from cafe_desk.central.qdpx_codes import CodeTree
from cafe_desk.central.qdpx_names import UniqueNames, file_safe
from cafe_desk.central.qdpx_xml import NAMESPACE, attrs, guid, is_date, one_line, shortened, text
from cafe_desk.central.tables_export import (
    CANCELLED,
    STEP,
    Check,
    Progress,
    fsync,
    never_cancelled,
    no_progress,
    staging,
)
from cafe_desk.core.cafe_profile import CafeProfile
from cafe_desk.core.errors import Cancelled
from cafe_desk.core.synthesis import CentralCafe, Item, SynthesisFilter
from cafe_desk.core.text import export_text
from cafe_desk.platforms import finishing, replace_file

__all__ = ["guid", "item_header", "plain", "source_path", "write_qdpx"]

USER_NAME = "Central team"
PROJECT_NAME = "Café Desk synthesis"
NAME_LENGTH = 60  # characters of an item's text used to name its selection
CARRY_FORWARD = "what we carry forward"


def source_path(cafe_id: str) -> str:
    """Where a café's text sits in the ZIP."""
    return f"sources/{guid('source', cafe_id)}.txt"


def plain(value: str) -> str:
    """An item's text as it stands in a source (core.text.export_text: line ends as "\\n", …)."""
    return export_text(value)


def item_header(item: Item) -> str:
    """The line before an item in its café's source: "[Table 2 · Round 1 · Point · quote · group: Carers]"."""
    parts = [f"Table {item.table}"] if item.table is not None else []
    parts += [f"Round {item.round}"] if item.round is not None else []
    parts.append(item.source_label)
    parts += ["quote"] if item.is_quote else []
    parts += [f"group: {one_line(item.group)}"] if item.group.strip() else []
    return "[" + " · ".join(parts) + "]"


class _Writer:
    """Writes each café's source text into the ZIP and its TextSource into the XML, keeping the character count;
    gathers the cases, the notes (into their own XML) and the sets to write after."""

    def __init__(self, qde: TextIO, notes: TextIO, zf: zipfile.ZipFile, codes: CodeTree, user: str):
        self.qde, self.notes, self.zf, self.codes, self.user = qde, notes, zf, codes, user
        self.names = UniqueNames()
        self.cases: list[CaseOf] = []
        self.shortlisted: list[str] = []  # GUIDs of sources holding shortlisted items
        self.note_count = 0

    def cafe(self, cafe: CentralCafe, profile: CafeProfile, items, on_item) -> None:
        """Write the café's items (an iterator); `on_item()` is called after each. A café with none is left out."""
        out, pos, question, case = None, 0, None, None
        note_refs: list[str] = []
        shortlisted = False
        try:
            for item in items:
                if out is None:
                    out = io.TextIOWrapper(self.zf.open(source_path(cafe.id), "w"), encoding="utf-8", newline="")
                    case, pos = self._open(cafe, profile, out)
                if item.question != question:
                    question = item.question
                    if question.strip():
                        pos += out.write(f"Question: {one_line(question)}\n\n")
                pos += out.write(item_header(item) + "\n")
                body = plain(item.text)
                start, pos = pos, pos + out.write(body)
                pos += out.write("\n\n")
                self._selection(item, start, start + len(body), body)
                if item.kind == "summary":
                    note_refs.append(self._note(case, item, body))
                shortlisted |= item.shortlisted
                on_item()
        finally:
            if out is not None:
                out.close()  # the ZIP can't be closed (even on the way out of an error) with an entry open
        if case is not None:
            self.qde.writelines(f"      <NoteRef {attrs(targetGUID=n)}/>\n" for n in note_refs)
            self.qde.write("    </TextSource>\n")
            self.cases.append(case)
            if shortlisted:
                self.shortlisted.append(case.source_guid)

    def _open(self, cafe: CentralCafe, profile: CafeProfile, out: TextIO) -> tuple[CaseOf, int]:
        name = self.names.unique(file_safe(" · ".join(p for p in (cafe.title, cafe.date, cafe.locality) if p)))
        case = CaseOf(cafe, name, guid("source", cafe.id), profile)
        if not self.cases:
            self.qde.write("  <Sources>\n")
        self.qde.write(f"    <TextSource {attrs(guid=case.source_guid, name=name)} "
                       f"{attrs(plainTextPath='internal://' + source_path(cafe.id).split('/')[1])} "
                       f"{attrs(creatingUser=self.user)}>\n"
                       f"      <Description>{text(f'Anonymised items of the café “{one_line(cafe.title)}”.')}"
                       "</Description>\n")
        title = one_line(cafe.title)
        return case, out.write(f"{title}\n{' · '.join(one_line(p) for p in (cafe.date, cafe.locality) if p)}\n\n")

    def _selection(self, item: Item, start: int, end: int, body: str) -> None:
        write = self.qde.write
        write(f"      <PlainTextSelection {attrs(guid=guid('selection', item.id), name=shortened(body, NAME_LENGTH))} "
              f"{attrs(startPosition=start, endPosition=end, creatingUser=self.user)}>\n")
        for key, code in self.codes.codes(item):
            write(f"        <Coding {attrs(guid=guid('coding', item.id + ':' + key), creatingUser=self.user)}>\n"
                  f"          <CodeRef {attrs(targetGUID=code)}/>\n"
                  "        </Coding>\n")
        write("      </PlainTextSelection>\n")

    def _note(self, case: CaseOf, item: Item, body: str) -> str:
        """Write a table's summary as a Note; returns its GUID."""
        note = guid("note", item.id)
        where = " · ".join(p for p in (f"Table {item.table}" if item.table is not None else "",
                                       f"Round {item.round}" if item.round is not None else "") if p)
        name = f"{case.name} · {where}: {CARRY_FORWARD}" if where else f"{case.name}: {CARRY_FORWARD}"
        if not self.note_count:
            self.notes.write("  <Notes>\n")
        self.note_count += 1
        about = f"What {where or 'the table'} carried forward."
        cafe = case.cafe  # QualCoder needs a Note's time: the café's day (or its import), the same on every export
        when = f"{cafe.date}T00:00:00Z" if is_date(cafe.date) else cafe.imported_at
        self.notes.write(f"    <Note {attrs(guid=note, name=name, creatingUser=self.user)} "
                         f"{attrs(creationDateTime=when)}>\n"
                         f"      <Description>{text(about)}</Description>\n"
                         f"      <PlainTextContent>{text(body)}</PlainTextContent>\n    </Note>\n")
        return note


def _sets(writer: _Writer) -> str:
    """The Sets element: the quotes shortlist, then each café's questions."""
    sets = []
    if writer.shortlisted and writer.codes.has("shortlist:"):
        sets.append((guid("set", "shortlist"), "Quotes shortlist",
                     "The central team's shortlisted quotes: the items coded “On the quotes shortlist” in these "
                     "cafés' sources.", [writer.codes.shortlist()[1]], writer.shortlisted))
    for case in writer.cases:
        questions = [one_line(q) for q in case.profile.questions]
        if questions:
            about = "\n".join(f"Round {n}: {q}" for n, q in enumerate(questions, 1))
            codes = list(dict.fromkeys(writer.codes.question(q)[1] for q in questions))
            sets.append((guid("set", f"questions:{case.cafe.id}"), f"Questions · {case.name}", about, codes,
                         [case.source_guid]))
    if not sets:
        return ""
    out = ["  <Sets>\n"]
    for set_guid, name, about, codes, sources in sets:
        out.append(f"    <Set {attrs(guid=set_guid, name=name)}>\n      <Description>{text(about)}</Description>\n")
        out += [f"      <MemberCode {attrs(targetGUID=c)}/>\n" for c in codes]
        out += [f"      <MemberSource {attrs(targetGUID=s)}/>\n" for s in sources]
        out.append("    </Set>\n")
    out.append("  </Sets>\n")
    return "".join(out)


def _head(out: TextIO, user: str, codes: CodeTree, cases: list[CaseOf]) -> None:
    """The XML declaration, the Project element's start, Users, CodeBook, Variables and Cases."""
    out.write('<?xml version="1.0" encoding="utf-8"?>\n'
              f"<Project {attrs(xmlns=NAMESPACE, name=PROJECT_NAME, origin=f'Café Desk {__version__}')} "
              f"{attrs(creatingUserGUID=user)}>\n"
              f"  <Users>\n    <User {attrs(guid=user, name=USER_NAME)}/>\n  </Users>\n")
    codes.write(out)
    write_variables(out, cases)
    write_cases(out, cases)


def write_qdpx(syn, path: str | Path, filter: SynthesisFilter = SynthesisFilter(),
               progress: Progress = no_progress, cancelled: Check = never_cancelled) -> Path:
    """Write a REFI-QDA project at `path` (replacing it) and return the path: the codebook's themes and the items'
    attributes as codes, one case and one text source per café holding its items (those matching `filter`), each
    item a selection with its codings, the tables' summaries as notes, the shortlist and questions as sets.
    `progress(done, total)` counts items; `cancelled()` is checked every few hundred items and before the file is
    moved into place.
    Raises Cancelled (a UserError) when cancelled, UserError with a plain one-line message if the folder is missing or
    the file can't be written (disk full, no permission); either way nothing is left behind."""
    path = Path(path)
    with staging(path.parent) as temp:
        total = syn.find(filter, limit=0).total
        progress(0, total)
        user = guid("user", USER_NAME)
        codes = CodeTree(syn.themes())
        profiles = syn.profiles()
        done = 0

        def counted() -> None:
            nonlocal done
            done += 1
            if done % STEP == 0:
                if cancelled():
                    raise Cancelled(CANCELLED)
                progress(done, total)

        parts = {name: temp / f"{name}.xml" for name in ("head", "sources", "notes")}
        qdpx_path = temp / "project.qdpx"
        with open(parts["sources"], "w", encoding="utf-8", newline="\n") as sources, \
                open(parts["notes"], "w", encoding="utf-8", newline="\n") as notes, \
                zipfile.ZipFile(qdpx_path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.mkdir("sources")
            writer = _Writer(sources, notes, zf, codes, user)
            for cafe in syn.cafes():
                if filter.cafe_id and cafe.id != filter.cafe_id:
                    continue
                if cancelled():
                    raise Cancelled(CANCELLED)
                writer.cafe(cafe, profiles.get(cafe.id, CafeProfile(cafe.id)),
                            syn.iter_items(replace(filter, cafe_id=cafe.id)), counted)
            if writer.cases:
                sources.write("  </Sources>\n")
            if writer.note_count:
                notes.write("  </Notes>\n")
            count = len(writer.cases)
            about = (f"Anonymised items of {count} café{'s' if count != 1 else ''}, exported from Café Desk: one case "
                     "and one text source per café; the codes are the central codebook's themes, then what each item "
                     "is (group, table, round, source, quote), its question and the café's own tags.")
            notes.write(_sets(writer) + f"  <Description>{text(about)}</Description>\n</Project>\n")
            with open(parts["head"], "w", encoding="utf-8", newline="\n") as head:
                _head(head, user, codes, writer.cases)
            sources.close()
            notes.close()
            with zf.open("project.qde", "w") as qde:
                for part in parts.values():
                    with open(part, "rb") as f:
                        shutil.copyfileobj(f, qde)
        fsync(qdpx_path)
        if cancelled():
            raise Cancelled(CANCELLED)
        finishing()
        replace_file(qdpx_path, path)
    progress(total, total)
    return path
