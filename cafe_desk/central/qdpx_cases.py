"""The Variables and Cases of the REFI-QDA project: one Case per exported café, its variables what analysts compare
cafés on, and its SourceRef the café's text source.

Variables (on Cases only: a tool that reads variables on both, as QualCoder does, would otherwise mix case and file
variables of one name): "Date" (Date), "Town or area" (Text), "People" (Integer: the busiest round's people),
"People: <group>" (Integer, one per group name across the cafés), "People by group held back" (Text: the groups whose
count is hidden), and "Signature" (Text: whether the café's file was signed by a known facilitator's key, a key not on
the list, a key since revoked, or unsigned). Counts by group follow core/small_counts.py as the café's file did
(core/cafe_profile.py): a hidden count has no value at all, never a number that could be worked back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from cafe_desk.central.qdpx_xml import attrs, guid, is_date, one_line, text
from cafe_desk.core.cafe_profile import SIGNATURES, UNSIGNED, CafeProfile
from cafe_desk.core.synthesis import CentralCafe

DATE, PLACE, PEOPLE, HELD_BACK, SIGNATURE = "Date", "Town or area", "People", "People by group held back", "Signature"
#: name -> (type, description, the key of its GUID: "Town or area" keeps the GUID it had as "Locality")
_FIXED = {
    DATE: ("Date", "The day the café took place.", "Date"),
    PLACE: ("Text", "The town or area where the café took place.", "Locality"),
    PEOPLE: ("Integer", "How many people took part: the busiest round's people over every table.", "People"),
    HELD_BACK: ("Text", "The groups whose count of people is not given: fewer than 5, or one the total and the other "
                        "counts would give back.", "People held back"),
    SIGNATURE: ("Text", "How the café's file came to the central team: " + "; ".join(SIGNATURES.values()) + ".",
                "Signature"),
}


@dataclass(frozen=True)
class CaseOf:
    """An exported café: its name (the same as its source's), source GUID and profile."""

    cafe: CentralCafe
    name: str
    source_guid: str
    profile: CafeProfile


def _group_key(name: str) -> str:
    return one_line(name).casefold()


def _variable_guid(name: str) -> str:
    return guid("variable", _FIXED[name][2] if name in _FIXED else name)


def write_variables(out: TextIO, cases: list[CaseOf]) -> None:
    """The Variables element: the fixed ones, then one "People: <group>" per group name (first spelling kept)."""
    out.write("  <Variables>\n")
    for name, (kind, about, _key) in _FIXED.items():
        _variable(out, name, kind, about)
    for key, name in _groups(cases).items():
        _variable(out, f"People: {name}", "Integer", f"How many people of the group “{name}” took part, in the "
                  "busiest round; no value where the count is held back or the café had no such group.", key)
    out.write("  </Variables>\n")


def _variable(out: TextIO, name: str, kind: str, about: str, key: str = "") -> None:
    variable = guid("variable", f"group:{key}") if key else _variable_guid(name)
    out.write(f"    <Variable {attrs(guid=variable, name=name, typeOfVariable=kind)}>\n"
              f"      <Description>{text(about)}</Description>\n    </Variable>\n")


def _groups(cases: list[CaseOf]) -> dict[str, str]:
    found: dict[str, str] = {}
    for case in cases:
        for name, _count in case.profile.groups:
            found.setdefault(_group_key(name), one_line(name))
    return dict(sorted(found.items()))


def write_cases(out: TextIO, cases: list[CaseOf]) -> None:
    """The Cases element, one Case per café (nothing when no café was exported: the schema wants at least one)."""
    if not cases:
        return
    out.write("  <Cases>\n")
    for case in cases:
        cafe, profile = case.cafe, case.profile
        about = f"The café “{one_line(cafe.title)}”" + "".join(f", {one_line(p)}" for p in (cafe.date, cafe.locality)
                                                                   if p) + "."
        out.write(f"    <Case {attrs(guid=guid('case', cafe.id), name=case.name)}>\n"
                  f"      <Description>{text(about)}</Description>\n")
        if is_date(cafe.date):
            _value(out, _variable_guid(DATE), "DateValue", cafe.date)
        if one_line(cafe.locality):
            _value(out, _variable_guid(PLACE), "TextValue", one_line(cafe.locality))
        if profile.people is not None:
            _value(out, _variable_guid(PEOPLE), "IntegerValue", str(profile.people))
        for name, count in profile.groups:
            if count is not None:
                _value(out, guid("variable", f"group:{_group_key(name)}"), "IntegerValue", str(count))
        if profile.people is not None:
            _value(out, _variable_guid(HELD_BACK), "TextValue",
                   ", ".join(one_line(n) for n in profile.held_back) or "none")
        _value(out, _variable_guid(SIGNATURE), "TextValue", SIGNATURES.get(profile.signature, SIGNATURES[UNSIGNED]))
        out.write(f"      <SourceRef {attrs(targetGUID=case.source_guid)}/>\n    </Case>\n")
    out.write("  </Cases>\n")


def _value(out: TextIO, variable: str, kind: str, value: str) -> None:
    out.write(f"      <VariableValue>\n        <VariableRef {attrs(targetGUID=variable)}/>\n"
              f"        <{kind}>{text(value)}</{kind}>\n      </VariableValue>\n")
