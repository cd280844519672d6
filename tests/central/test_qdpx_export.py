"""The REFI-QDA project (.qdpx) over real imported bundles: valid against the standard's schema, read back with a
small parser of our own, every selection exactly its item, cases, variables, codes, sets and notes all there."""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyrage
import pytest
from lxml import etree

from cafe_desk.central.qdpx_export import guid, write_qdpx
from cafe_desk.central.qdpx_names import MAX_BYTES, MAX_NAME, UniqueNames, file_safe
from cafe_desk.core.synthesis import SynthesisFilter, outcome_key
from cafe_desk.core.text import export_text
from cafe_desk.export import bundle, keys
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import make_cafe, rebuilt
from tests.conftest import mental_health_plan

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "refi" / "Project-mrt2019.xsd")))
Q = "{urn:QDA-XML:project:1.0}"
AFTER_EMOJI = "Après 😊😊 vient l'été 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
WINDOWS_LINES = "First line\r\nsecond line\rthird"
HIDDEN_MARKS = "Cafe\u0301 au \u202elait\u200b"  # a combining accent, a right-to-left override, a zero-width space
SUMMARY = "Keep the peer group going;\r\nask the council about buses"
SLASHED = "Highland café / Inverness"
UNSAFE_IN_A_NAME = re.compile(r'[/\\:*?"<>|\x00-\x1f]')


# --- the desk: four cafés from three laptops, signed four ways ---------------------------------------------------


def laptop(folder: Path) -> Services:
    return Services.build(Store(folder / "cafe-desk.sqlite3"))


def highland_cafe(services: Services):
    """A café whose title has a slash, with an emoji before a coded item, odd line ends and invisible marks, a
    table's summary, a group on a comment, and attendance some of whose counts are small."""
    plan = mental_health_plan(services, date="2026-04-02", locality="Inverness")
    plan.title = SLASHED
    cafe = services.planning.create(plan)[0]
    tables, rounds = services.planning.items(cafe.id, "table"), services.planning.items(cafe.id, "round")
    groups, outcomes = services.planning.items(cafe.id, "group"), services.planning.items(cafe.id, "outcome")
    services.running.start(cafe.id)
    add = services.notes.add
    add(cafe.id, tables[1].id, rounds[0].id, AFTER_EMOJI, is_quote=True, outcome_ids=[outcomes[1].id])
    add(cafe.id, tables[1].id, rounds[0].id, WINDOWS_LINES)
    add(cafe.id, tables[0].id, rounds[1].id, HIDDEN_MARKS)
    services.notes.set_summary(cafe.id, tables[1].id, rounds[0].id, SUMMARY)
    with services.store.transaction():  # the Windows line ends as an older version stored them ("\n" only now)
        for raw in (WINDOWS_LINES, SUMMARY):
            services.store.conn.execute("UPDATE note SET text = ? WHERE cafe_id = ? AND text = ?",
                                        [raw, cafe.id, export_text(raw)])
    services.comments.submit(cafe.id, "The drop-in 🚌 bus helped", consent=True, group_id=groups[2].id)
    for table, counts in ((tables[0], (6, 8, 5, 2)), (tables[1], (7, 0, 0, 0))):
        for group, n in zip(groups, counts, strict=True):
            services.notes.set_attendance(cafe.id, table.id, rounds[0].id, group.id, n)
    services.notes.set_attendance(cafe.id, tables[0].id, rounds[1].id, groups[0].id, 9)  # a quieter round
    return cafe


@dataclass
class Desk:
    syn: object
    signatures: dict[str, str]  # café title -> what "Signature" must say


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    root = tmp_path_factory.mktemp("qdpx")
    a, b, c = (laptop(root / name) for name in ("a", "b", "c"))
    hq_store = Store(root / "hq" / "cafe-desk.sqlite3")
    hq = Services.build(hq_store)
    identity = pyrage.x25519.Identity.from_str(keys.new_identity()[0])
    public = str(identity.to_public())

    def send(services, cafe):
        hq.importing.import_bundle(services.exporting.export_cafe(cafe.id, [public])[0], [identity])

    perth, highland = make_cafe(a), highland_cafe(a)
    send(a, perth)
    send(a, highland)
    send(b, make_cafe(b, "Dundee café"))
    send(c, make_cafe(c, "Stirling café"))
    unsigned = make_cafe(a, "Oban café")
    files = rebuilt(a.exporting.build(unsigned.id).files, version=1, receipt_secret=None)
    hq.importing.import_bundle(bundle.seal(bundle.pack(files), [public]), [identity])
    hq.signers.add(a.signing_key.public_key(), "Anna")
    hq.signers.add(b.signing_key.public_key(), "Bea")
    hq.signers.revoke(b.signing_key.fingerprint())

    syn = hq.synthesis
    items = {i.text: i for i in syn.find().items}
    access, _ = syn.create_theme("Access", "Getting to care")
    syn.create_theme("Group: Carers")  # a theme named like an attribute code: names must still be unique
    syn.apply_theme([items[AFTER_EMOJI].id, items["Waited eight months for a first appointment"].id], access.id)
    syn.shortlist([items[AFTER_EMOJI].id])
    known = "signed by a known facilitator's key"
    yield Desk(syn, {SLASHED: known, "Perth café": known, "Dundee café": "signed by a key since revoked",
                     "Stirling café": "signed by a key not on the list", "Oban café": "unsigned"})
    for services in (a, b, c, hq):
        services.store.close()


# --- our own small reader of a .qdpx ---------------------------------------------------------------------------------


@dataclass
class Project:
    files: list[str]
    texts: dict[str, str] = field(default_factory=dict)  # source GUID -> its text
    source_names: dict[str, str] = field(default_factory=dict)  # source GUID -> name
    codes: dict[str, str] = field(default_factory=dict)  # GUID -> name, for codable codes
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code GUID -> names of its groups, top first
    selections: dict[str, tuple[str, int, int, list[str]]] = field(default_factory=dict)  # source, from, to, codes
    variables: dict[str, tuple[str, str]] = field(default_factory=dict)  # GUID -> (name, type)
    cases: dict[str, tuple[dict[str, str], list[str]]] = field(default_factory=dict)  # name -> values, source GUIDs
    sets: dict[str, tuple[str, list[str], list[str]]] = field(default_factory=dict)  # name -> about, codes, sources
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # GUID -> name, text
    note_refs: dict[str, list[str]] = field(default_factory=dict)  # source GUID -> note GUIDs
    guids: list[str] = field(default_factory=list)


def read_qdpx(path: Path) -> Project:
    """Read a .qdpx back, after validating its project.qde against the REFI-QDA schema."""
    with zipfile.ZipFile(path) as zf:
        project = Project(zf.namelist())
        qde = zf.read("project.qde")
        raw = {n: zf.read(n) for n in project.files if n.startswith("sources/") and not n.endswith("/")}
    doc = etree.fromstring(qde)
    SCHEMA.assertValid(doc)
    project.guids = [e.get("guid") for e in doc.iter() if e.get("guid")]
    for code in doc.iter(Q + "Code"):
        if code.get("isCodable") == "true":
            project.codes[code.get("guid")] = code.get("name")
            groups = reversed(list(code.iterancestors(Q + "Code")))
            project.paths[code.get("guid")] = tuple(a.get("name") for a in groups)
    for variable in doc.iter(Q + "Variable"):
        project.variables[variable.get("guid")] = (variable.get("name"), variable.get("typeOfVariable"))
    for source in doc.iter(Q + "TextSource"):
        data = raw["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        assert not data.startswith(codecs.BOM_UTF8)  # a BOM would count as a character
        key = source.get("guid")
        project.texts[key], project.source_names[key] = data.decode("utf-8"), source.get("name")
        for s in source.iter(Q + "PlainTextSelection"):
            codes = [c.find(Q + "CodeRef").get("targetGUID") for c in s.iter(Q + "Coding")]
            project.selections[s.get("guid")] = (key, int(s.get("startPosition")), int(s.get("endPosition")), codes)
        project.note_refs[key] = [n.get("targetGUID") for n in source.findall(Q + "NoteRef")]
    for case in doc.iter(Q + "Case"):
        values = {project.variables[v.find(Q + "VariableRef").get("targetGUID")][0]: v[1].text
                  for v in case.iter(Q + "VariableValue")}
        project.cases[case.get("name")] = (values, [r.get("targetGUID") for r in case.iter(Q + "SourceRef")])
    for s in doc.iter(Q + "Set"):
        members = ([m.get("targetGUID") for m in s.iter(Q + kind)] for kind in ("MemberCode", "MemberSource"))
        project.sets[s.get("name")] = (s.findtext(Q + "Description"), *members)
    for note in doc.iter(Q + "Note"):
        project.notes[note.get("guid")] = (note.get("name"), note.findtext(Q + "PlainTextContent"))
    return project


def export(syn, path: Path, **filters) -> Project:
    return read_qdpx(write_qdpx(syn, path, SynthesisFilter(**filters)))


def by_text(syn) -> dict:
    return {i.text: i for i in syn.find().items}


# --- what the project holds ------------------------------------------------------------------------------------------


def test_every_item_is_a_selection_of_exactly_its_text(desk, tmp_path):
    project = export(desk.syn, tmp_path / "synthesis.qdpx")
    items = by_text(desk.syn)
    every = desk.syn.find().items
    assert len(project.selections) == len(every) and len(project.texts) == len(desk.syn.cafes())
    for item in every:
        source, start, end, _codes = project.selections[guid("selection", item.id)]
        text = project.texts[source]
        assert text[start:end] == export_text(item.text)
        assert source == guid("source", item.cafe_id)
    for text in project.texts.values():
        assert "\r" not in text and "\u202e" not in text and "\u200b" not in text
    emoji = items[AFTER_EMOJI]
    source, start, end, _codes = project.selections[guid("selection", items[WINDOWS_LINES].id)]
    before = project.texts[source][:start]
    assert AFTER_EMOJI in before  # astral characters and a flag's tag letters come before this selection...
    assert len(before.encode("utf-16-le")) // 2 > start  # ...so counting UTF-16 units would have put it elsewhere
    assert project.texts[source][slice(*project.selections[guid("selection", emoji.id)][1:3])] == AFTER_EMOJI
    assert export_text(WINDOWS_LINES) == "First line\nsecond line\nthird"
    assert export_text(HIDDEN_MARKS) == "Café au lait"


def test_each_item_is_coded_with_its_themes_and_what_it_is(desk, tmp_path):
    project = export(desk.syn, tmp_path / "synthesis.qdpx")
    names = {t.id: t.name for t in desk.syn.themes()}
    assert len(set(project.codes.values())) == len(project.codes)  # QualCoder merges codes of the same name
    assert "Group: Carers" in project.codes.values() and "Group: Carers (2)" not in project.codes.values()
    for item in desk.syn.find().items:
        carried = [project.codes[c] for c in project.selections[guid("selection", item.id)][3]]
        expected = [names[t] for t in item.codes]
        expected += [f"Group: {item.group}"] if item.group else []
        expected += [f"Table {item.table}", f"Round {item.round}"] if item.table else []
        expected.append({"note-taker": "Source: note-taker", "participant": "Source: phone",
                         "paper": "Source: paper"}[item.source])
        expected.append("Quote: yes" if item.is_quote else "Quote: no")
        expected += ["On the quotes shortlist"] if item.shortlisted else []
        expected += [item.question] if item.question else []
        expected += [f"Outcome: {o}" for o in item.outcomes] + [f"Café tag: {t}" for t in item.cafe_themes]
        assert carried == expected, item.text
    paths = {project.codes[g]: p for g, p in project.paths.items()}
    assert any(i.group for i in desk.syn.find().items)
    assert paths["Source: phone"] == ("Café Desk attributes", "Source")
    assert paths["On the quotes shortlist"] == ("Café Desk attributes",)
    assert paths["Café tag: Waiting times"] == ("Cafés' own tags", "Tags")
    assert paths["Access"] == ()
    question = next(i.question for i in desk.syn.find().items if i.question)
    assert paths[question] == ("Questions",)
    outcome = next(i for i in desk.syn.find().items if i.outcomes).outcomes[0]
    assert paths[f"Outcome: {outcome}"] == ("Cafés' own tags", "Outcomes")
    assert guid("code", f"outcome:{outcome_key(outcome)}") in project.codes


def test_one_case_per_cafe_with_its_variables(desk, tmp_path):
    project = export(desk.syn, tmp_path / "synthesis.qdpx")
    cafes = {c.id: c for c in desk.syn.cafes()}
    assert len(project.cases) == len(cafes)
    for name, (values, sources) in project.cases.items():
        cafe = cafes[next(c for c in cafes if guid("source", c) == sources[0])]
        assert project.source_names[sources[0]] == name
        assert (values["Date"], values["Town or area"]) == (cafe.date, cafe.locality)
        assert values["Signature"] == desk.signatures[cafe.title]
    highland = next(v for n, (v, _s) in project.cases.items() if n.startswith("Highland"))
    # round 1: table 1 had 6, 8, 5, 2 (the file hides 2 and, to protect it, 5), table 2 had 7 and three zeros
    assert highland["People"] == "28"
    assert (highland["People: Lived experience"], highland["People: Family member or carer"]) == ("13", "8")
    assert "People: Practitioner" not in highland and "People: Other" not in highland  # hidden: no value at all
    assert highland["People by group held back"] == "Practitioner, Other"
    perth = next(v for n, (v, _s) in project.cases.items() if n.startswith("Perth"))
    # Perth had 3 and 7 of two groups: 3 is small, and 7 would give it back from the total of 10
    assert perth["People"] == "10" and "People: Lived experience" not in perth
    assert perth["People: Practitioner"] == "0"
    kinds = dict(project.variables.values())
    assert (kinds["Date"], kinds["Town or area"], kinds["People"], kinds["People: Other"]) == (
        "Date", "Text", "Integer", "Integer")


def test_sets_hold_the_shortlist_and_each_cafes_questions(desk, tmp_path):
    project = export(desk.syn, tmp_path / "synthesis.qdpx")
    items = by_text(desk.syn)
    about, codes, sources = project.sets["Quotes shortlist"]
    assert [project.codes[c] for c in codes] == ["On the quotes shortlist"]
    assert sources == [guid("source", items[AFTER_EMOJI].cafe_id)]
    shortlisted = [s for s, (_src, _a, _b, c) in project.selections.items() if codes[0] in c]
    assert shortlisted == [guid("selection", items[AFTER_EMOJI].id)]
    variables = {name for name, _kind in project.variables.values()}
    assert not variables & set(project.sets)  # QualCoder makes each set a variable of its own name
    question_sets = {n: s for n, s in project.sets.items() if n.startswith("Questions · ")}
    assert len(question_sets) == len(project.cases)
    for case_name, (_values, case_sources) in project.cases.items():
        about, codes, sources = question_sets[f"Questions · {case_name}"]
        assert sources == case_sources
        questions = [line.split(": ", 1)[1] for line in about.splitlines()]
        assert [project.codes[c] for c in codes] == questions and len(questions) == 3


def test_each_tables_summary_is_a_note_on_its_source(desk, tmp_path):
    project = export(desk.syn, tmp_path / "synthesis.qdpx")
    summary = by_text(desk.syn)[SUMMARY]
    note = guid("note", summary.id)
    name, text = project.notes[note]
    assert text == export_text(SUMMARY) and name.endswith("Table 2 · Round 1: what we carry forward")
    assert project.note_refs[guid("source", summary.cafe_id)] == [note]
    assert sum(map(len, project.note_refs.values())) == len(project.notes) == sum(
        i.kind == "summary" for i in desk.syn.find().items)


def test_names_are_safe_file_names_and_unique(desk, tmp_path):
    project = export(desk.syn, tmp_path / "synthesis.qdpx")
    names = list(project.source_names.values())
    assert "Highland café – Inverness · 2026-04-02 · Inverness" in names
    for name in names + list(project.cases):
        assert not UNSAFE_IN_A_NAME.search(name) and name == name.rstrip(" .") and len(name) <= MAX_NAME
    assert len({n.casefold() for n in names}) == len(names)
    assert all(re.fullmatch(r"project\.qde|sources/|sources/[0-9a-f-]{36}\.txt", f) for f in project.files)


@pytest.mark.parametrize(("typed", "safe"), [
    ("Inbhir Nis / Inverness", "Inbhir Nis – Inverness"),
    ("Café: Perth?", "Café – Perth"),
    ('Say "hi" <now>*', "Say 'hi' (now)"),
    ("Back\\slash | pipe", "Back – slash – pipe"),
    ("Trailing dots... ", "Trailing dots"),
    ("CON", "Café CON"),
    ("nul.2026", "Café nul.2026"),
    ("Com1 ", "Café Com1"),
    ("Line\r\nbreak\ttab\x1b[31m\x07", "Line break tab"),
    ("...", "Café"),
    ("Perth 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "Perth 🏴\U000e0067\U000e0062\U000e0073"
                                                                            "\U000e0063\U000e0074\U000e007f"),
])
def test_a_name_becomes_a_file_name_every_system_takes(typed, safe):
    assert file_safe(typed) == safe


def test_long_names_are_cut_and_same_names_numbered():
    assert len(file_safe("x" * 300)) == MAX_NAME
    assert len(file_safe("😊" * 100).encode("utf-8")) <= MAX_BYTES
    names = UniqueNames()
    assert [names.unique(n) for n in ("Perth", "perth", "PERTH", "Cafe\u0301", "Café")] == [
        "Perth", "perth (2)", "PERTH (3)", "Cafe\u0301", "Café (2)"]
    assert len(names.unique("y" * MAX_NAME)) == len(names.unique("y" * MAX_NAME)) == MAX_NAME


def test_guids_are_the_same_on_every_export(desk, tmp_path):
    first, second = write_qdpx(desk.syn, tmp_path / "a.qdpx"), write_qdpx(desk.syn, tmp_path / "b.qdpx")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        assert all(a.read(name) == b.read(name) for name in a.namelist())
    whole = read_qdpx(first)
    assert len(set(whole.guids)) == len(whole.guids)  # and no two things share one
    highland = next(c for c in desk.syn.cafes() if c.title == SLASHED)
    one = export(desk.syn, tmp_path / "one.qdpx", cafe_id=highland.id)
    assert set(one.selections) <= set(whole.selections) and set(one.codes) <= set(whole.codes)
    assert {s: v[1:] for s, v in one.selections.items()} == {s: whole.selections[s][1:] for s in one.selections}
    [(name, case)] = one.cases.items()
    assert case == whole.cases[name]


def test_an_empty_desk_exports_a_valid_project(tmp_path):
    store = Store(tmp_path / "central.sqlite3")
    try:
        project = export(Services.build(store).synthesis, tmp_path / "empty.qdpx")
        assert (project.texts, project.cases, project.sets, project.notes) == ({}, {}, {}, {})
    finally:
        store.close()
