"""The finder on the labelled sets: the held-out set is the one never tuned or trained on, and stays unedited; its
recall and false flags must not fall below what bench/RESULTS.md reports (goals: recall ≥ 0.95, false flags ≤ 5%)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cafe_desk.core.safeguarding import RiskFinder
from cafe_desk.resources import RESOURCES

SETS = Path(__file__).resolve().parent.parent / "safeguarding"
FROZEN = "6c92552c96fd65e404471b0a9285914f6c23d4e12f9186fa4d8ad0638d2bdcaf"


def test_the_held_out_set_is_unedited_and_was_never_trained_on():
    assert hashlib.sha256((SETS / "heldout.jsonl").read_bytes()).hexdigest() == FROZEN
    model = json.loads((RESOURCES / "safeguarding" / "risk_model.json").read_text(encoding="utf-8"))
    assert model["trained_on"] and all(name.startswith("dev") for name in model["trained_on"])
    assert "heldout.jsonl" not in model["trained_on"]


def test_held_out_recall_and_false_flags_do_not_fall():
    finder = RiskFinder.default()
    items = [json.loads(line) for line in (SETS / "heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    risky = [i for i in items if i["kind"]]
    ordinary = [i for i in items if not i["kind"]]
    recall = sum(finder.check(i["text"]) is not None for i in risky) / len(risky)
    false = sum(finder.check(i["text"]) is not None for i in ordinary) / len(ordinary)
    assert recall >= 0.95, recall  # the goal (0.971 on 2026-12-02)
    assert false <= 0.05, false
