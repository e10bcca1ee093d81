"""Is event confidence calibrated? On gold, the share of events that are right at each level.

An event is right when it matches a gold event of its type stated in its sentences (the match
of SCHEMA.md scoring), optional gold included: a careful reader could code it, so a reviewer
would confirm it. A second event for one gold event is wrong (a reviewer rejects the repeat).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .evaluate import LAYERS, _label, _one_to_one, event_match
from .records import Article, Event

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


def outcomes(golds: list[dict[str, Any]], articles: list[Article]) -> Iterator[tuple[Article, Event, bool]]:
    """Each predicted event of the articles whose gold annotates events, and whether it is right."""
    for gold, article in zip(golds, articles):
        if "events" not in gold or "events" not in gold.get("layers", LAYERS):
            continue
        every = [{**g, "optional": False} for g in gold["events"]]
        _, pairs = _one_to_one(every, article.events, event_match(article))
        right = {id(e) for _, e in pairs}
        for event in article.events:
            yield article, event, id(event) in right


@dataclass
class Bin:
    low: float
    high: float
    count: int = 0
    confidence: float = 0.0  # their mean confidence
    right: float = 0.0  # the share of them that is right


def reliability(scored: list[tuple[float, bool]]) -> list[Bin]:
    bins = [Bin(low, high) for low, high in zip(BINS, BINS[1:])]
    for confidence, right in scored:
        b = next(b for b in bins if b.low <= confidence < b.high)
        b.count += 1
        b.confidence += confidence
        b.right += right
    for b in bins:
        if b.count:
            b.confidence, b.right = b.confidence / b.count, b.right / b.count
    return bins


def ece(scored: list[tuple[float, bool]]) -> float:
    """Expected calibration error: the gap between confidence and the share right, weighted by bin."""
    total = len(scored)
    return sum(b.count / total * abs(b.confidence - b.right) for b in reliability(scored)) if total else 0.0


def table(results: dict[str, list[tuple[float, bool]]]) -> str:
    """The reliability table of several gold folders side by side: per confidence band, how many
    events, their mean confidence and the share right."""
    if not any(results.values()):
        return ""
    names = sorted(results, key=lambda n: _label(n).startswith("heldout"))  # held-out gold last
    labels = [_label(n) for n in names]
    lines = ["event confidence: reliability (events per band, mean confidence → share right)",
             "  band      " + "".join(f"{label:>24}" for label in labels)]
    columns = {n: reliability(results[n]) for n in names}
    for i, (low, high) in enumerate(zip(BINS, BINS[1:])):
        cells = []
        for n in names:
            b = columns[n][i]
            cells.append(f"{b.count:5d}  {b.confidence:.2f} → {b.right:.2f}" if b.count else f"{'-':>5}")
        lines.append(f"  {low:.1f}–{min(high, 1.0):.1f}   " + "".join(f"{c:>24}" for c in cells))
    lines.append("  ECE       " + "".join(f"{ece(results[n]):>24.3f}" for n in names))
    lines.append("  events    " + "".join(f"{len(results[n]):>24d}" for n in names))
    return "\n".join(lines)
