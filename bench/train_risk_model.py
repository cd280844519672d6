"""Train the safeguarding model (`resources/safeguarding/risk_model.json`) from the labelled development sets.

    .venv/bin/pip install scikit-learn
    .venv/bin/python bench/train_risk_model.py            # writes resources/safeguarding/risk_model.json

Only `tests/safeguarding/dev*.jsonl` are read: the held-out set (`heldout.jsonl`) is never used for training or
for choosing settings. The features are those `cafe_desk.core.risk_model.features` computes at run time, so the
pure-Python model gives the same probabilities as scikit-learn (a check below compares them on every example).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cafe_desk.core.risk_model import NONE, RiskModel, features  # noqa: E402
from cafe_desk.core.risk_words import read  # noqa: E402

SETS = sorted((ROOT / "tests" / "safeguarding").glob("dev*.jsonl"))
OUT = ROOT / "resources" / "safeguarding" / "risk_model.json"
KINDS = {"harm_from_others": "harmed"}  # the labels' names -> the finder's kinds
C = 16  # chosen on dev5/dev6 with the model trained on dev..dev4 (bench/RESULTS.md)
MIN_DF = 2


def examples() -> tuple[list[list[str]], list[str]]:
    words, labels = [], []
    for path in SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            words.append(read(item["text"])[0])
            labels.append(KINDS.get(item["kind"], item["kind"]) or NONE)
    return words, labels


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words, labels = examples()
    vectoriser = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=MIN_DF)
    matrix = vectoriser.fit_transform(words)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(matrix, labels)
    classes = [str(c) for c in model.classes_]
    vocabulary = {
        feature: [round(float(vectoriser.idf_[i]), 5), *(round(float(model.coef_[c][i]), 5)
                                                         for c in range(len(classes)))]
        for feature, i in vectoriser.vocabulary_.items()
    }
    data = {"classes": classes, "intercepts": [round(float(b), 5) for b in model.intercept_],
            "vocabulary": dict(sorted(vocabulary.items())),
            "trained_on": [p.name for p in SETS], "examples": len(words), "C": C, "min_df": MIN_DF}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    ours = RiskModel.load(OUT)
    theirs = model.predict_proba(matrix)
    worst = max(abs(ours.predict(w).probabilities[k] - theirs[i][c])
                for i, w in enumerate(words) for c, k in enumerate(classes))
    print(f"{len(words)} examples from {len(SETS)} sets, {len(vocabulary)} features -> {OUT.name} "
          f"({OUT.stat().st_size / 1024:.0f} KiB); largest difference from scikit-learn: {worst:.1e}")
    assert worst < 1e-3, "the pure-Python model disagrees with scikit-learn"


if __name__ == "__main__":
    main()
