"""From raw pattern matches to candidate expressions: where patterns overlap the longest wins, and a
clock time right after a date joins it, so «22 июля в 23:11» is one expression, not two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import _Grammar


@dataclass
class _Found:
    kind: str
    start: int
    stop: int
    groups: dict[str, str | None]


def _select(text: str, g: _Grammar) -> list[_Found]:
    """Every pattern's matches; overlaps go to the longest."""
    matches = [_Found(kind, m.start(), m.end(), m.groupdict())
               for kind, pattern in g.patterns for m in pattern.finditer(text)]
    matches.sort(key=lambda f: (f.start - f.stop, f.start))
    chosen: list[_Found] = []
    for f in matches:
        if all(f.stop <= c.start or f.start >= c.stop for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _merge_clocks(text: str, found: list[_Found]) -> list[_Found]:
    """«22 июля в 23:11 по пекинскому времени» is one expression: the clock gives its part of day."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (f.kind == "clock" and prev and prev.kind != "clock"
                and re.fullmatch(r"[\s,]*", text[prev.stop:f.start])):
            prev.stop = f.stop
            prev.groups = {**prev.groups, "h": f.groups["h"]}
            continue
        out.append(f)
    return out
