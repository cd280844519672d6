"""The central synthesis as a REFI-QDA project (.qdpx), so NVivo, ATLAS.ti, MAXQDA and QualCoder open the coded items.

A .qdpx is a ZIP holding `project.qde` (XML in the namespace urn:QDA-XML:project:1.0, following the REFI-QDA Project
schema of March 2019, Project-mrt2019.xsd) and a folder `sources` (lower case, as the standard names it) with one
plain-text source per café:
- Users: one, "Central team". CodeBook: one codable Code per codebook theme, its description as Description.
- Variables: "Locality" (Text) and "Date" (Date), given on every source, so the tools can group cafés.
- Sources: per café a TextSource whose text is a title line, then the café's items one per paragraph, each after a
  header line such as "[Table 2 · Round 1 · Note · quote]"; a "Question: …" paragraph opens each run of items under
  a new question. Every item carrying codebook themes is a PlainTextSelection over exactly its text, with one Coding
  (and CodeRef) per theme.
Positions count Unicode characters (code points) from 0, end excluded, as QualCoder reads them (it slices the text
with Python). The text is UTF-8 without a BOM (QualCoder reads it as plain UTF-8, where a BOM would count as a
character) with "\\n" line ends: an item's own "\\r\\n" becomes "\\n", as QualCoder treats Windows line ends apart.
A tool counting UTF-16 units instead would place selections after an emoji one character late per emoji; accented
letters count the same either way.
GUIDs are uuid5 names of our ids and no creation time is written, so re-exporting the same data gives the same XML.
Streaming: each café's items go straight into its source in the ZIP, the XML into a temporary file added at the end,
so a million items never sit in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from cafe_desk import __version__
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
from cafe_desk.core.errors import Cancelled
from cafe_desk.core.synthesis import CentralCafe, Item, SynthesisFilter
from cafe_desk.platforms import replace_file

NAMESPACE = "urn:QDA-XML:project:1.0"
GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "cafe-desk:refi-qda")  # the uuid5 namespace of every GUID we write
USER_NAME = "Central team"
PROJECT_NAME = "Café Desk synthesis"
NAME_LENGTH = 60  # characters of an item's text used to name its selection
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # characters XML 1.0 forbids


def guid(kind: str, key: str) -> str:
    """The same GUID for the same thing on every export: a uuid5 of its kind and our id."""
    return str(uuid.uuid5(GUIDS, f"{kind}:{key}"))


def source_path(cafe_id: str) -> str:
    """Where a café's text sits in the ZIP."""
    return f"sources/{guid('source', cafe_id)}.txt"


def _attrs(**values: object) -> str:
    return " ".join(f"{k}={quoteattr(_NOT_XML.sub('', str(v)))}" for k, v in values.items())


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def plain(text: str) -> str:
    """An item's text as it stands in a source: line ends as "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def item_header(item: Item) -> str:
    """The line before an item in its café's source: "[Table 2 · Round 1 · Note · quote · group: Carers]"."""
    parts = [f"Table {item.table}"] if item.table is not None else []
    parts += [f"Round {item.round}"] if item.round is not None else []
    parts.append(item.source_label)
    parts += ["quote"] if item.is_quote else []
    parts += [f"group: {_one_line(item.group)}"] if item.group else []
    return "[" + " · ".join(parts) + "]"


class _Writer:
    """Writes one café's source text into the ZIP and its TextSource into the XML, keeping the character count."""

    def __init__(self, qde: TextIO, zf: zipfile.ZipFile, codes: dict[str, str], user: str):
        """`codes`: codebook theme id → Code GUID, in codebook order; `user`: the GUID of the one User."""
        self.qde, self.zf, self.codes, self.user = qde, zf, codes, user
        self.rank = {theme_id: n for n, theme_id in enumerate(codes)}  # codings in codebook order
        self.names: set[str] = set()
        self.sources = 0

    def cafe(self, cafe: CentralCafe, items, variables: dict[str, str], on_item) -> None:
        """Write the café's items (an iterator); `on_item()` is called after each. A café with none is left out."""
        out, pos, question = None, 0, None
        try:
            for item in items:
                if out is None:
                    out = io.TextIOWrapper(self.zf.open(source_path(cafe.id), "w"), encoding="utf-8", newline="")
                    pos = self._open(cafe, out)
                if item.question != question:
                    question = item.question
                    if question:
                        pos += out.write(f"Question: {_one_line(question)}\n\n")
                pos += out.write(item_header(item) + "\n")
                text = plain(item.text)
                start, pos = pos, pos + out.write(text)
                pos += out.write("\n\n")
                self._selection(item, start, start + len(text), text)
                on_item()
        finally:
            if out is not None:
                out.close()  # the ZIP can't be closed (even on the way out of an error) with an entry open
        if out is not None:
            self._close(cafe, variables)

    def _open(self, cafe: CentralCafe, out: TextIO) -> int:
        name = " · ".join(p for p in (cafe.title, cafe.date, cafe.locality) if p) or "Café"
        base, n = name, 1
        while name.casefold() in self.names:
            n += 1
            name = f"{base} ({n})"
        self.names.add(name.casefold())
        if self.sources == 0:
            self.qde.write("  <Sources>\n")
        self.sources += 1
        self.qde.write(f"    <TextSource {_attrs(guid=guid('source', cafe.id), name=name)} "
                       f"{_attrs(plainTextPath='internal://' + source_path(cafe.id).split('/')[1])} "
                       f"{_attrs(creatingUser=self.user)}>\n"
                       f"      <Description>{_text(f'Anonymised items of the café “{cafe.title}”.')}</Description>\n")
        return out.write(f"{cafe.title}\n{' · '.join(p for p in (cafe.date, cafe.locality) if p)}\n\n")

    def _selection(self, item: Item, start: int, end: int, text: str) -> None:
        codes = sorted((c for c in item.codes if c in self.codes), key=self.rank.__getitem__)
        if not codes:
            return
        short = _one_line(text)
        short = short if len(short) <= NAME_LENGTH else short[:NAME_LENGTH - 1] + "…"
        write = self.qde.write
        write(f"      <PlainTextSelection {_attrs(guid=guid('selection', item.id), name=short)} "
              f"{_attrs(startPosition=start, endPosition=end, creatingUser=self.user)}>\n")
        for code in codes:
            write(f"        <Coding {_attrs(guid=guid('coding', item.id + ':' + code), creatingUser=self.user)}>\n"
                  f"          <CodeRef {_attrs(targetGUID=self.codes[code])}/>\n"
                  "        </Coding>\n")
        write("      </PlainTextSelection>\n")

    def _close(self, cafe: CentralCafe, variables: dict[str, str]) -> None:
        if cafe.locality:
            self._value(variables["Locality"], f"<TextValue>{_text(cafe.locality)}</TextValue>")
        if _is_date(cafe.date):
            self._value(variables["Date"], f"<DateValue>{cafe.date}</DateValue>")
        self.qde.write("    </TextSource>\n")

    def _value(self, variable: str, value: str) -> None:
        self.qde.write(f"      <VariableValue>\n        <VariableRef {_attrs(targetGUID=variable)}/>\n"
                       f"        {value}\n      </VariableValue>\n")


def _is_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _head(qde: TextIO, syn, user: str, codes: dict[str, str], variables: dict[str, str]) -> None:
    """The XML declaration, the Project element's start, Users, CodeBook and Variables."""
    qde.write('<?xml version="1.0" encoding="utf-8"?>\n'
              f"<Project {_attrs(xmlns=NAMESPACE, name=PROJECT_NAME, origin=f'Café Desk {__version__}')} "
              f"{_attrs(creatingUserGUID=user)}>\n"
              f"  <Users>\n    <User {_attrs(guid=user, name=USER_NAME)}/>\n  </Users>\n")
    themes = syn.themes()
    if themes:  # the schema wants at least one Code in a CodeBook
        qde.write("  <CodeBook>\n    <Codes>\n")
        for theme in themes:
            start = f"      <Code {_attrs(guid=codes[theme.id], name=theme.name, isCodable='true')}"
            if theme.description:
                qde.write(f"{start}>\n        <Description>{_text(theme.description)}</Description>\n"
                          "      </Code>\n")
            else:
                qde.write(f"{start}/>\n")
        qde.write("    </Codes>\n  </CodeBook>\n")
    qde.write("  <Variables>\n"
              f"    <Variable {_attrs(guid=variables['Locality'], name='Locality', typeOfVariable='Text')}>\n"
              "      <Description>Where the café took place.</Description>\n    </Variable>\n"
              f"    <Variable {_attrs(guid=variables['Date'], name='Date', typeOfVariable='Date')}>\n"
              "      <Description>The day the café took place.</Description>\n    </Variable>\n"
              "  </Variables>\n")


def write_qdpx(syn, path: str | Path, filter: SynthesisFilter = SynthesisFilter(),
               progress: Progress = no_progress, cancelled: Check = never_cancelled) -> Path:
    """Write a REFI-QDA project at `path` (replacing it) and return the path: the codebook's themes as codes, one
    text source per café holding its items (those matching `filter`), each coded item a selection with its codings.
    `progress(done, total)` counts items; `cancelled()` is checked every few hundred items and before the file is
    moved into place.
    Raises Cancelled (a UserError) when cancelled, UserError with a plain one-line message if the folder is missing or
    the file can't be written (disk full, no permission); either way nothing is left behind."""
    path = Path(path)
    with staging(path.parent) as temp:
        total = syn.find(filter, limit=0).total
        progress(0, total)
        user = guid("user", USER_NAME)
        codes = {t.id: guid("code", t.id) for t in syn.themes()}
        variables = {name: guid("variable", name) for name in ("Locality", "Date")}
        done = 0

        def counted() -> None:
            nonlocal done
            done += 1
            if done % STEP == 0:
                if cancelled():
                    raise Cancelled(CANCELLED)
                progress(done, total)

        qde_path, qdpx_path = temp / "project.qde", temp / "project.qdpx"
        with open(qde_path, "w", encoding="utf-8", newline="\n") as qde, \
                zipfile.ZipFile(qdpx_path, "w", zipfile.ZIP_DEFLATED) as zf:
            _head(qde, syn, user, codes, variables)
            zf.mkdir("sources")
            writer = _Writer(qde, zf, codes, user)
            for cafe in syn.cafes():
                if filter.cafe_id and cafe.id != filter.cafe_id:
                    continue
                if cancelled():
                    raise Cancelled(CANCELLED)
                writer.cafe(cafe, syn.iter_items(replace(filter, cafe_id=cafe.id)), variables, counted)
            if writer.sources:
                qde.write("  </Sources>\n")
            about = (f"Anonymised items of {writer.sources} café{'s' if writer.sources != 1 else ''}, exported from "
                     "Café Desk: one text source per café; the codes are the central codebook's themes.")
            qde.write(f"  <Description>{_text(about)}</Description>\n</Project>\n")
            qde.close()
            zf.write(qde_path, "project.qde")
        fsync(qdpx_path)
        if cancelled():
            raise Cancelled(CANCELLED)
        replace_file(qdpx_path, path)
    progress(total, total)
    return path
