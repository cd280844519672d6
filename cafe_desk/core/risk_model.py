"""A small learned model that reads a text the way people write it and says how likely each kind of risk is.

The phrase families in `risk_rules` say *what* was noticed; this model, trained on labelled comments written apart
from the rules (`tests/safeguarding/dev*.jsonl`; never the held-out set), catches phrasings no rule names and tells
talk *about* a subject from a person at risk. It is a multinomial logistic regression over word stems and pairs of
stems (TF-IDF, sublinear, L2-normalised), stored as plain numbers in `resources/safeguarding/risk_model.json` and
evaluated here in pure Python; `bench/train_risk_model.py` makes the file with scikit-learn.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cafe_desk.core.risk_words import BREAK

NONE = "none"
SKIP = frozenset({BREAK, ","})


#: words that say who or how but not what: alone they must not make a text look risky ("He is my rock"), so they
#: count only in pairs with a word that does ("want_die", "hit_me")
FUNCTION = frozenset({
    "i", "me", "my", "myself", "mine", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they",
    "them", "their", "it", "its", "a", "an", "the", "be", "was", "have", "do", "did", "will", "would", "can", "could",
    "shall", "should", "may", "might", "must", "to", "of", "in", "on", "at", "for", "with", "and", "or", "but", "so",
    "that", "this", "these", "those", "there", "here", "what", "who", "just",
})


def features(words: list[str]) -> list[str]:
    """Stems that carry meaning, and adjacent pairs of stems (sentence breaks and commas left out; a pair of two
    function words left out too), as the model was trained on."""
    stems = [w for w in words if w not in SKIP]
    pairs = [f"{a}_{b}" for a, b in itertools.pairwise(stems) if not (a in FUNCTION and b in FUNCTION)]
    return [w for w in stems if w not in FUNCTION] + pairs


@dataclass(frozen=True)
class Prediction:
    """How likely the text is to be each kind (probabilities add up to 1, NONE included), and which features
    pushed the most likely kind up the most (for showing the words that raised it)."""

    probabilities: dict[str, float]
    strongest: tuple[str, ...]

    @property
    def risk(self) -> float:
        """The probability that the text is one of the risk kinds."""
        return 1.0 - self.probabilities.get(NONE, 0.0)

    @property
    def kind(self) -> str:
        """The most likely risk kind (even when the risk is low)."""
        return max((k for k in self.probabilities if k != NONE), key=self.probabilities.__getitem__)


class RiskModel:
    """The trained numbers: per feature its IDF and one weight per class; one intercept per class."""

    def __init__(self, classes: list[str], intercepts: list[float], vocabulary: dict[str, list[float]]):
        self.classes = classes
        self.intercepts = intercepts
        self.vocabulary = vocabulary  # feature -> [idf, weight for class 0, weight for class 1, ...]

    @classmethod
    def load(cls, path: Path) -> RiskModel:
        """Read a model file written by `bench/train_risk_model.py`."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["classes"], data["intercepts"], data["vocabulary"])

    def predict(self, words: list[str], explain: bool = False) -> Prediction:
        """The class probabilities for a text already read into stems (`risk_words.read`); with `explain`, also the
        features that pushed the most likely risk kind up the most."""
        counts = Counter(f for f in features(words) if f in self.vocabulary)
        values = {f: (1.0 + math.log(n)) * self.vocabulary[f][0] for f, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        scores = list(self.intercepts)
        for f, v in values.items():
            weights = self.vocabulary[f]
            for c in range(len(scores)):
                scores[c] += weights[c + 1] * v / norm
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        probabilities = {k: e / total for k, e in zip(self.classes, exps, strict=True)}
        if not explain:
            return Prediction(probabilities, ())
        best = max((c for c, k in enumerate(self.classes) if k != NONE), key=lambda c: scores[c])
        none = self.classes.index(NONE) if NONE in self.classes else None
        pushes = {f: v * (self.vocabulary[f][best + 1] - (self.vocabulary[f][none + 1] if none is not None else 0))
                  for f, v in values.items()}
        strongest = tuple(f for f, push in sorted(pushes.items(), key=lambda p: -p[1]) if push > 0)[:3]
        return Prediction(probabilities, strongest)
