"""Agreement between two annotators: one gold folder scored against another with the scorer of
`evaluate.py`, the second annotator's required items standing where the system's predictions
would. It says how far a figure on our gold can be trusted: a system cannot be held to agree with
one annotator more than a second careful annotator does."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from razdel import sentenize

from .evaluate import SCORERS, Tally, _occurrences, load_gold
from .records import Article, Count, Entity, Event, Quote, Sentence

LAYERS = ("events", "quotes")


def as_article(gold: dict[str, Any], text: str) -> Article:
    """A gold file read as if a system had said it; optional items are left out (an annotator who
    hesitated has not said them)."""
    article = Article(id=gold["article"], text=text, published=gold.get("published"))
    article.sentences = [Sentence(s.start, s.stop) for s in sentenize(text)]

    def entity(name: str | list | None) -> str | None:
        if isinstance(name, list):  # several right names: the first is the annotator's own choice
            name = name[0] if name else None
        if name is None:
            return None
        article.entities.append(Entity(f"G{len(article.entities)}", "", name))
        return article.entities[-1].id

    for i, g in enumerate(e for e in gold.get("events", []) if not e.get("optional")):
        start, stop = _occurrences(text, g["evidence"])[0]
        deaths = g.get("fatalities")
        article.events.append(Event(
            f"G{i}", g["type"], g.get("mode"), start, stop, date=g.get("date"),
            location=entity(g.get("location")), modality=g.get("modality", "asserted"),
            fatalities=Count(deaths.get("min"), deaths.get("max"), "") if deaths else None,
            background=g.get("background", False)))
    for g in (q for q in gold.get("quotes", []) if not q.get("optional")):
        start, stop = _occurrences(text, g["text"])[0]
        article.quotes.append(Quote(start, stop, g["text"], g["kind"], speaker=entity(g.get("speaker")),
                                    via=[entity(v) for v in g.get("via", [])]))
    return article


def agreement(first: Path, second: Path, shared_root: Path) -> dict[str, Tally]:
    """The second folder's files scored against the first's, over the articles both annotated."""
    totals = {layer: Tally() for layer in LAYERS}
    others = {g["article"]: g for g in load_gold(second)}
    for gold in load_gold(first):
        other = others.get(gold["article"])
        if other is None:
            continue
        text = (shared_root / gold["article"]).read_text(encoding="utf-8")
        for layer in LAYERS:
            if all(layer in g and layer in g.get("layers", LAYERS) for g in (gold, other)):
                totals[layer].add(SCORERS[layer](gold, as_article(other, text)))
    return {layer: tally for layer, tally in totals.items() if tally.gold or tally.pred}
