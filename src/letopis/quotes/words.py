"""The stage's word lists, read once from data/quotes/lexicon.yaml and the reporting predicates of
data/quotes/predicates.tsv: the code names no speech verb, source phrase or cue itself, so the
lists grow without touching it."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def lexicon() -> dict[str, Any]:
    path = resources.files("letopis") / "data" / "quotes" / "lexicon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], str):
            data[key] = frozenset(v.lower() for v in value)
    data["source_phrases"] = frozenset(tuple(p) for p in data["source_phrases"])
    rows = _predicates()
    data["predicates"] = {lemma: governs for lemma, _, governs, _ in rows}
    data["predicate_with"] = {lemma: needs for lemma, _, _, needs in rows if needs}
    data["cognition"] = frozenset(lemma for lemma, kind, _, _ in rows if kind == "cognition")
    return data


def _predicates() -> list[tuple[str, str, frozenset[str], frozenset[str]]]:
    """Each reporting predicate: its lemma, class, the constructions it governs (что, о, obj,
    direct, как) and the words one of which must depend on it («прийти» only «к выводу»)."""
    path = resources.files("letopis") / "data" / "quotes" / "predicates.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return [(lemma, kind, frozenset(filter(None, governs.split(","))), frozenset(filter(None, needs.split(";"))))
            for lemma, kind, governs, needs in rows[1:]]
