"""Scoring against gold files (SCHEMA.md, «Gold files and scoring»): per-layer P/R/F1 and argument accuracy."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .entities import fold
from .records import Article

LAYERS = ("entities", "times", "quotes", "events")


@dataclass
class Tally:
    tp: int = 0  # gold items found
    gold: int = 0  # gold items that count
    pred: int = 0  # predictions that count (those matching only optional gold do not)
    correct: dict[str, int] = field(default_factory=dict)  # argument -> right answers
    scored: dict[str, int] = field(default_factory=dict)  # argument -> times it was scored

    def add(self, other: Tally) -> None:
        self.tp, self.gold, self.pred = self.tp + other.tp, self.gold + other.gold, self.pred + other.pred
        for name in set(other.scored):
            self.correct[name] = self.correct.get(name, 0) + other.correct.get(name, 0)
            self.scored[name] = self.scored.get(name, 0) + other.scored[name]

    def argument(self, name: str, right: bool) -> None:
        self.scored[name] = self.scored.get(name, 0) + 1
        self.correct[name] = self.correct.get(name, 0) + int(right)

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float | None:
        return self.correct.get(name, 0) / self.scored[name] if self.scored.get(name) else None


# A gold file may say which of its layers are complete annotations ("layers": ["quotes"]);
# its other lists (say, the entities a quote names) then only lend names and aliases.
def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) | {"_file": str(p)} for p in sorted(Path(gold_dir).glob("*.json"))]


def gold_articles(golds: list[dict[str, Any]], shared_root: Path) -> list[Article]:
    """The articles gold files name (paths relative to the shared folder), dated as the gold says."""
    from .ingest import ReadError, read_path
    articles = []
    for gold in golds:
        [article] = list(read_path(Path(shared_root) / gold["article"], gold.get("published")))
        if isinstance(article, ReadError):
            raise ValueError(f"gold {gold['_file']}: {article}")
        articles.append(article)
    return articles


def evaluate_dir(gold_dir: Path, pipeline, shared_root: Path) -> dict[str, Tally]:
    golds = load_gold(gold_dir)
    return evaluate(golds, pipeline.run(gold_articles(golds, shared_root)))


def evaluate(golds: list[dict[str, Any]], articles: list[Article]) -> dict[str, Tally]:
    """Scores each gold file against the article processed from it, layer by layer."""
    totals = {layer: Tally() for layer in LAYERS}
    for gold, article in zip(golds, articles):
        for layer, scorer in SCORERS.items():
            if layer in gold and layer in gold.get("layers", LAYERS):
                totals[layer].add(scorer(gold, article))
    return {layer: tally for layer, tally in totals.items()
            if any(layer in g and layer in g.get("layers", LAYERS) for g in golds)}


def report(totals: dict[str, Tally], title: str) -> str:
    lines = [title, f"  {'layer':<10} {'P':>6} {'R':>6} {'F1':>6}   gold  pred", ]
    for layer, t in totals.items():
        lines.append(f"  {layer:<10} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}  {t.gold:5d} {t.pred:5d}")
        for name in sorted(t.scored):
            lines.append(f"    {name + ' accuracy':<24} {t.accuracy(name):6.3f}  ({t.scored[name]} scored)")
    return "\n".join(lines)


SIDE_BY_SIDE = ("events.f1", "events.precision", "events.recall", "events.location", "events.date",
                "events.fatalities", "events.modality", "events.background")


def side_by_side(results: dict[str, dict[str, Tally]]) -> str:
    """The event figures of several gold folders in columns: tuning gold beside held-out gold,
    so a rule that only fits the text it was written for shows as a gap."""
    columns = {name: figures(totals) | _rates(totals) for name, totals in results.items() if "events" in totals}
    if len(columns) < 2:
        return ""
    names = sorted(columns, key=lambda n: _label(n).startswith("heldout"))  # held-out gold last, beside the rest
    labels = [_label(n) for n in names]
    width = max(12, *(len(label) for label in labels))
    lines = ["events side by side (tuning gold, then held-out gold nobody fitted rules to)",
             "  " + " " * 20 + "".join(f"{label:>{width + 2}}" for label in labels)]
    for key in SIDE_BY_SIDE:
        cells = [columns[n].get(key) for n in names]
        lines.append(f"  {key:<20}" + "".join(f"{'-' if c is None else f'{c:.3f}':>{width + 2}}" for c in cells))
    return "\n".join(lines)


def _label(gold_dir: str) -> str:
    name = Path(gold_dir).name or Path(gold_dir).parent.name
    return "seed" if name == "gold" else name


def _rates(totals: dict[str, Tally]) -> dict[str, float]:
    return {f"{layer}.{name}": round(getattr(t, name), 4) for layer, t in totals.items()
            for name in ("precision", "recall")}


def figures(totals: dict[str, Tally]) -> dict[str, float]:
    """Flat figures for the eval gate: `entities.f1`, `quotes.speaker`, ..."""
    out = {}
    for layer, t in totals.items():
        out[f"{layer}.f1"] = round(t.f1, 4)
        for name in t.scored:
            out[f"{layer}.{name}"] = round(t.accuracy(name), 4)
    return out


# --- matching -------------------------------------------------------------------------------

def _one_to_one(gold_items: list[dict], preds: list[Any], match: Callable[[dict, Any], int]
                ) -> tuple[Tally, list[tuple[dict, Any]]]:
    """The largest one-to-one matching of required gold to predictions. `match` ranks a pair (0 no,
    higher is closer): pairs of the top rank are made first, and lower ones only add to or, along an
    augmenting path, rearrange them, so a merged event that could stand for two gold items never
    costs a hit. Optional gold then takes what is left, and neither counts as missed nor makes its
    match a false alarm."""
    tally = Tally()
    required = [g for g in gold_items if not g.get("optional")]
    tally.gold = len(required)
    ranks = [[match(g, p) for p in preds] for g in required]
    owner: dict[int, int] = {}  # prediction index -> required gold index

    def claim(gi: int, least: int, seen: set[int]) -> bool:
        """A free prediction if there is one (the closest, then the first), else one whose owner can move."""
        order = [pi for pi in sorted(range(len(preds)), key=lambda i: -ranks[gi][i])
                 if ranks[gi][pi] >= least and pi not in seen]
        for pi in sorted(order, key=lambda i: i in owner):
            seen.add(pi)
            if pi not in owner or claim(owner[pi], least, seen):
                owner[pi] = gi
                return True
        return False

    for least in sorted({r for row in ranks for r in row if r}, reverse=True):
        for gi in range(len(required)):
            if gi not in owner.values():
                claim(gi, least, set())
    tally.tp = len(owner)
    pairs = [(required[gi], preds[pi]) for pi, gi in sorted(owner.items(), key=lambda item: item[1])]
    used = set(owner)
    for g in gold_items:
        if g.get("optional"):
            pi = next((i for i, p in enumerate(preds) if i not in used and match(g, p)), None)
            if pi is not None:
                used.add(pi)
    tally.pred = len(preds) - (len(used) - len(owner))
    return tally, pairs


def _occurrences(text: str, piece: str) -> list[tuple[int, int]]:
    """Where a gold text stands in the article (case, ё/е and spacing ignored on both sides: a run of
    spaces, a line break or a no-break space in either counts as one space)."""
    folded, origin = _folded(text)
    piece = " ".join(piece.lower().replace("ё", "е").split())
    spans, start = [], folded.find(piece)
    while start >= 0 and piece:
        spans.append((origin[start], origin[start + len(piece) - 1] + 1))
        start = folded.find(piece, start + 1)
    return spans


@lru_cache(maxsize=4)
def _folded(text: str) -> tuple[str, list[int]]:
    """The text with each run of spacing as one space, and where each of its characters came from;
    made once per article, as every gold item of it is looked up against every prediction."""
    chars, origin = [], []
    for i, char in enumerate(text.lower().replace("ё", "е")):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        origin.append(i)
    return "".join(chars), origin


def _names(gold: dict, name: str | None) -> set[str]:
    """A gold name with the aliases its gold entity lists."""
    if name is None:
        return set()
    names = {fold(name)}
    for entity in gold.get("entities", []):
        if fold(entity["name"]) in names:
            names |= {fold(a) for a in entity.get("aliases", [])}
    return names


def _entity_names(article: Article, entity_id: str | None) -> set[str]:
    entity = article.entity(entity_id)
    return {fold(entity.name)} if entity else set()


def score_entities(gold: dict, article: Article) -> Tally:
    def match(g: dict, e) -> bool:
        names = {fold(g["name"])} | {fold(a) for a in g.get("aliases", [])}
        return e.type == g["type"] and fold(e.name) in names
    return _one_to_one(gold["entities"], article.entities, match)[0]


def score_times(gold: dict, article: Article) -> Tally:
    """Gold lists each expression once; a repeat of it in the text, resolved alike, is no false alarm."""
    def match(g: dict, t) -> bool:
        covered = any(t.start <= a and b <= t.stop for a, b in _occurrences(article.text, g["text"]))
        return covered and t.value == g["value"]
    tally = _one_to_one(gold["times"], article.times, match)[0]
    repeats = [t for t in article.times if any(match(g, t) for g in gold["times"])]
    matched = sum(1 for g in gold["times"] if any(match(g, t) for t in article.times))
    tally.pred -= len(repeats) - matched
    return tally


def score_quotes(gold: dict, article: Article) -> Tally:
    def match(g: dict, q) -> bool:
        return any(min(b, q.stop) - max(a, q.start) >= (b - a) / 2
                   for a, b in _occurrences(article.text, g["text"]))
    tally, pairs = _one_to_one(gold["quotes"], article.quotes, match)
    for g, q in pairs:
        if g.get("speaker") is None:
            tally.argument("speaker", q.speaker is None and not q.speaker_text)
        else:
            said = _entity_names(article, q.speaker) or {fold(q.speaker_text or "")}
            tally.argument("speaker", bool(said & _names(gold, g["speaker"])))
        via = [_entity_names(article, v) for v in q.via]
        tally.argument("via", len(via) == len(g.get("via", [])) and
                       all(p & _names(gold, n) for p, n in zip(via, g.get("via", []))))
        tally.argument("kind", q.kind == g["kind"])
    return tally


def event_match(article: Article) -> Callable[[dict, Any], int]:
    """How closely a predicted event matches a gold one: 0 not at all (another type, or the gold
    evidence outside its sentences), 1 in another sentence the merged event cites, 2 in its own."""
    def sentence_range(start: int, stop: int) -> tuple[int, int]:
        inside = [s for s in article.sentences if s.start < stop and start < s.stop]
        return (min(s.start for s in inside), max(s.stop for s in inside)) if inside else (start, stop)

    # the sentence of each event's evidence first, then those of the other sentences it cites
    cited = {id(e): [sentence_range(start, stop) for start, stop in [(e.start, e.stop), *e.extra_evidence]]
             for e in article.events}

    def match(g: dict, e) -> int:
        if e.type != g["type"]:
            return 0
        found = _occurrences(article.text, g["evidence"])
        return max((2 if i == 0 else 1 for i, (lo, hi) in enumerate(cited[id(e)])
                    if any(lo <= a and b <= hi for a, b in found)), default=0)
    return match


def score_events(gold: dict, article: Article) -> Tally:
    tally, pairs = _one_to_one(gold["events"], article.events, event_match(article))
    for g, e in pairs:
        if "date" in g:
            tally.argument("date", g["date"] is not None and (e.date or "")[:len(g["date"])] == g["date"]
                           if g["date"] else e.date is None)
        if "location" in g:
            gold_names = g["location"] if isinstance(g["location"], list) else [g["location"]]
            if gold_names == [None]:
                tally.argument("location", e.location is None)
            else:
                wanted = set().union(*(_names(gold, n) for n in gold_names))
                tally.argument("location", bool(_entity_names(article, e.location) & wanted))
        if "fatalities" in g:
            tally.argument("fatalities", _ranges_overlap(g["fatalities"], e.fatalities))
        if "modality" in g:
            tally.argument("modality", e.modality == g["modality"])
        if "background" in g:
            tally.argument("background", e.background == g["background"])
    return tally


def _ranges_overlap(gold: dict | None, pred) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    big = float("inf")
    g_lo, g_hi = gold.get("min") or 0, gold.get("max") if gold.get("max") is not None else big
    p_lo, p_hi = pred.min or 0, pred.max if pred.max is not None else big
    return g_lo <= p_hi and p_lo <= g_hi


SCORERS = {"entities": score_entities, "times": score_times, "quotes": score_quotes, "events": score_events}
