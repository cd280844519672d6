"""The held-out anonymiser set, written apart from the rules in voices the main corpus lacks: well-formed, scored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cafe_desk.export.anonymise import redact
from tests.export.test_anonymise import STRUCTURED, score, table

HELDOUT = Path(__file__).with_name("heldout_anonymise.jsonl")
ROOT = Path(__file__).resolve().parents[2]
KINDS = ("name", "place", *STRUCTURED)

# Goals the finder should reach on this set, not reached yet: names 0.95, places 0.80, every structured kind 0.99,
# text kept 0.98. Until then, what it reaches now is the floor: the finder may only get better here. (Measured, never
# tuned on: the set is read for its totals only.)
FLOOR = {"name": 124, "place": 22, "address": 12, "dob": 12, "postcode": 13, "email": 10, "handle": 10,
         "health_id": 13, "ni_number": 10, "phone": 15, "url": 9}
KEPT_FLOOR = 0.98


def load_heldout() -> list[dict]:
    return [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_heldout_set_is_well_formed():
    items = load_heldout()
    assert len(items) >= 240
    assert len({item["id"] for item in items}) == len(items)
    assert sum(not item["spans"] for item in items) >= 0.35 * len(items)
    for item in items:
        assert set(item) == {"id", "text", "spans"}
        ends = 0
        for span in sorted(item["spans"], key=lambda s: s["start"]):
            assert span["kind"] in KINDS, item["id"]
            assert ends <= span["start"] < span["end"] <= len(item["text"]), item["id"]
            piece = item["text"][span["start"]:span["end"]]
            assert piece.strip() == piece, item["id"]
            ends = span["end"]


def test_heldout_set_is_scored_per_kind_and_for_text_kept():
    items = load_heldout()
    recall, kept = table("held-out set", items)
    per_kind, (kept_chars, total) = score(items)
    assert set(recall) == set(per_kind) == {span["kind"] for item in items for span in item["spans"]}
    assert all(0 <= found <= labelled for found, labelled in per_kind.values())
    assert 0 < kept_chars <= total and kept == kept_chars / total


def test_the_command_line_redacts_the_heldout_set_as_the_library_does():
    lines = "".join(json.dumps({"id": i["id"], "text": i["text"]}, ensure_ascii=False) + "\n" for i in load_heldout())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "cafe_desk", "anonymise", "--jsonl"], input=lines,
                            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [i["id"] for i in load_heldout()]
    for item, record in zip(load_heldout(), out, strict=True):
        expected = redact(item["text"])
        assert record["text"] == expected.text, item["id"]
        assert [(r["start"], r["end"], r["kind"]) for r in record["redactions"]] == [
            (s.start, s.end, s.kind) for s in expected.spans], item["id"]


def test_the_finder_only_gets_better_on_the_heldout_set():
    per_kind, (kept_chars, total) = score(load_heldout())
    assert {kind: found for kind, (found, _) in per_kind.items() if found < FLOOR[kind]} == {}
    assert kept_chars / total >= KEPT_FLOOR
