"""The knowledge base the linker (letopis.link) reads: Wikidata QIDs with Russian labels and
aliases, type, a prior per alias, and for places GeoNames id and coordinates (docs/kb.md).

Builders: `nerel.py` (NEREL's links, the default KB) and `wikidata.py` (a Wikidata JSON dump).
The default KB is built by `make` from ../shared into `built/` beside this file (git ignores it:
NEREL's licence is not stated, so no table derived from it is shipped); `LETOPIS_KB` names another.
Where there is none, the KB is empty and every entity's `wikidata` is null.
"""
from __future__ import annotations

import os
from pathlib import Path

from .base import Entry, KnowledgeBase, Match, Writer

DEFAULT = Path(__file__).parent / "built" / "default.sqlite"


def default_path() -> Path:
    return Path(os.environ.get("LETOPIS_KB") or DEFAULT)


def load(path: str | Path | None = None) -> KnowledgeBase:
    """The KB at `path`, else the default one; empty where the file is missing."""
    return KnowledgeBase(path or default_path())


__all__ = ["DEFAULT", "Entry", "KnowledgeBase", "Match", "Writer", "default_path", "load"]
