"""The stage's word lists, read once from data/quotes/lexicon.yaml: the code names no speech verb,
source phrase or cue itself, so the lists grow without touching it."""
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
    return data
