"""NER evaluation: NEREL (BRAT) and factRuEval-2016 readers, strict mention-level scoring,
and a natasha-vs-letopis report (`python -m letopis.nereval [shared_dir]`)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int, str]  # start, stop, type

NEREL_TYPES = {
    "PERSON": "PER", "ORGANIZATION": "ORG",
    "CITY": "LOC", "COUNTRY": "LOC", "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC", "DISTRICT": "LOC",
}
# LocOrg (a place named as an actor: «Москва заявила») is either; see `_resolve_locorg`.
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOCORG"}
TYPES = ("PER", "ORG", "LOC")


@dataclass
class Doc:
    id: str
    text: str
    spans: list[Span] = field(default_factory=list)


def outermost(spans: list[Span]) -> list[Span]:
    """Drop spans nested in (or crossing) an earlier, longer one."""
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def read_nerel(folder: Path) -> list[Doc]:
    docs = []
    for txt in sorted(Path(folder).glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        spans = []
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            kind, *offsets = line.split("\t")[1].replace(";", " ").split()
            if kind in NEREL_TYPES:
                spans.append((int(offsets[0]), int(offsets[-1]), NEREL_TYPES[kind]))
        docs.append(Doc(txt.stem, text, outermost(spans)))
    return docs


def read_factru(folder: Path) -> list[Doc]:
    docs = []
    for txt in sorted(Path(folder).glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        bounds = {}
        for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if fields:
                bounds[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
        spans = []
        for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) > 2 and fields[1] in FACTRU_TYPES:
                parts = [bounds[i] for i in fields[2:]]
                spans.append((min(p[0] for p in parts), max(p[1] for p in parts),
                              FACTRU_TYPES[fields[1]]))
        docs.append(Doc(txt.stem, text, outermost(spans)))
    return docs


def _resolve_locorg(gold: list[Span], pred: list[Span]) -> list[Span]:
    """A LocOrg gold mention takes the type of a LOC or ORG prediction on exactly its span;
    unmatched, it counts as LOC (the reading most taggers give a bare place name)."""
    typed = {(s, e): t for s, e, t in pred if t in ("LOC", "ORG")}
    return [(s, e, typed.get((s, e), "LOC") if t == "LOCORG" else t) for s, e, t in gold]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def score(gold: list[list[Span]], pred: list[list[Span]]) -> dict[str, Score]:
    """Strict mention-level scores per type and "micro": a hit needs the same start, stop and type."""
    scores = {t: Score() for t in (*TYPES, "micro")}
    for g_doc, p_doc in zip(gold, pred):
        g = set(_resolve_locorg(g_doc, p_doc))
        p = set(p_doc)
        for t in TYPES:
            g_t = {s for s in g if s[2] == t}
            p_t = {s for s in p if s[2] == t}
            for key in (t, "micro"):
                scores[key].tp += len(g_t & p_t)
                scores[key].fp += len(p_t - g_t)
                scores[key].fn += len(g_t - p_t)
    return scores


def process(docs: list[Doc], models=None, tagger=None) -> list:
    """Run the language layer and the letopis tagger over the documents' texts."""
    from . import language, ner
    from .models import Models
    from .records import Article
    models = models or Models()
    tagger = tagger or ner.load_tagger()
    articles = [Article(id=d.id, text=d.text) for d in docs]
    for i in range(0, len(articles), 16):
        language.run(articles[i:i + 16], models)
    ner.tag(articles, tagger)
    return articles


def spans_of(article, source: str) -> list[Span]:
    return [(m.start, m.stop, m.type) for m in article.mentions
            if m.source == source and m.type in TYPES]


def format_scores(title: str, columns: dict[str, dict[str, Score]]) -> str:
    lines = [title, f"{'':8}" + "".join(f"{name:>24}" for name in columns),
             f"{'':8}" + "".join(f"{'P':>8}{'R':>8}{'F1':>8}" for _ in columns)]
    for t in (*TYPES, "micro"):
        lines.append(f"{t:8}" + "".join(
            f"{s[t].p:8.3f}{s[t].r:8.3f}{s[t].f1:8.3f}" for s in columns.values()))
    return "\n".join(lines)


def ner_report(shared_dir: Path | str) -> str:
    shared = Path(shared_dir)
    sets = {"NEREL dev": read_nerel(shared / "data/nerel/dev"),
            "factRuEval-2016 devset": read_factru(shared / "data/factru/devset")}
    blocks = []
    for name, docs in sets.items():
        articles = process(docs)
        gold = [d.spans for d in docs]
        columns = {source: score(gold, [spans_of(a, source) for a in articles])
                   for source in ("natasha", "model")}
        blocks.append(format_scores(f"{name} ({len(docs)} documents), strict mention-level",
                                    {"natasha": columns["natasha"], "letopis": columns["model"]}))
    return "\n\n".join(blocks)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared"
    print(ner_report(root))
