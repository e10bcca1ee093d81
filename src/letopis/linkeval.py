"""Entity linking scored on NEREL dev's links (`python -m letopis.linkeval [shared_dir]`), with a KB
built from NEREL train only: dev is for measuring.

Every PERSON, ORGANIZATION and place mention of dev has a link, a QID or NULL. A mention is right
when the entity holding it has the same QID, or none for NULL (a mention no entity holds counts as
NIL). Three shares: right over all link mentions; right among the mentions whose gold is NIL or a
QID the KB knows (a QID it does not know can only be missed); and, of the QIDs given, the share
that is wrong. Two runs: on the gold mentions (the linker alone: entities, in-article coreference,
places and links built over NEREL's spans) and on the entities letopis itself finds.
"""
from __future__ import annotations

import copy
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import entities, geo, language, link
from .entities import add_entity
from .gazetteer import place_adjectives
from .kb import KnowledgeBase, Writer, nerel
from .kb.names import lemma
from .models import Models
from .records import Article, Mention

TYPES = ("PER", "ORG", "LOC")
MODES = {"gold": "on NEREL's mentions", "pipeline": "on the entities letopis finds"}


@dataclass
class LinkScore:
    mentions: int = 0
    right: int = 0
    known: int = 0  # gold NIL, or a QID the KB knows
    known_right: int = 0
    given: int = 0  # QIDs the linker gave
    wrong: int = 0  # of those, wrong

    def add(self, gold: str | None, predicted: str | None, in_kb: bool) -> None:
        self.mentions += 1
        self.right += gold == predicted
        if gold is None or in_kb:
            self.known += 1
            self.known_right += gold == predicted
        if predicted is not None:
            self.given += 1
            self.wrong += gold != predicted

    @property
    def right_share(self) -> float:
        return self.right / self.mentions if self.mentions else 0.0

    @property
    def known_share(self) -> float:
        return self.known_right / self.known if self.known else 0.0

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.given if self.given else 0.0


def build_kb(folders: list[Path], path: Path, gazetteer) -> KnowledgeBase:
    with Writer(path, "nerel " + " ".join(map(str, folders))) as writer:
        writer.add_all(nerel.entries(nerel.read_all(folders), gazetteer))
    return KnowledgeBase(path)


def processed(docs: list[nerel.Document], models: Models) -> dict[str, list[Article]]:
    """The documents through the language layer once, then entities and places both ways."""
    base = [Article(id=d.id, text=d.text) for d in docs]
    for i in range(0, len(base), 16):
        language.run(base[i:i + 16], models)
    gold = copy.deepcopy(base)
    for article, doc in zip(gold, docs):
        article.mentions = [Mention(m.start, m.stop, nerel.TYPES[m.kind], m.text, source="gold")
                            for m in doc.mentions.values() if m.kind in nerel.TYPES]
        article.entities = entities.build_entities(article, models)
        for mention in article.mentions:
            if not _held(article, mention):
                _alone(article, mention)
    entities.run(base, models)
    return {"gold": geo.run(gold, models), "pipeline": geo.run(base, models)}


def _held(article: Article, mention: Mention) -> bool:
    return any(mention.start <= a and b <= mention.stop for e in article.entities if e.type == mention.type
               for a, b in e.mentions)


def _alone(article: Article, mention: Mention) -> None:
    """A mention the entity layer leaves out («российские», «правительство»: no capital, so no
    name) becomes an entity of its own, so that the linker is scored on every NEREL mention; an
    adjective of a place is named by its lemma, which the geo stage turns into the place."""
    name = mention.text
    if mention.type == "LOC" and lemma(name) in place_adjectives():
        name = lemma(name)
    add_entity(article, mention.type, name, (mention.start, mention.stop))


def score(docs: list[nerel.Document], articles: list[Article], kb: KnowledgeBase) -> dict[str, LinkScore]:
    """Scores per type and over all ("all")."""
    scores = {t: LinkScore() for t in (*TYPES, "all")}
    known = {}
    for doc, article in zip(docs, articles):
        link.link(article, kb)
        for gold in doc.links.values():
            kind = nerel.TYPES.get(gold.mention.kind)
            if kind is None:
                continue
            if gold.qid not in known:
                known[gold.qid] = gold.qid is not None and kb.entry(gold.qid) is not None
            predicted = _holder(article, gold.mention.start, gold.mention.stop, kind)
            for key in (kind, "all"):
                scores[key].add(gold.qid, predicted, known[gold.qid])
    return scores


def _holder(article: Article, start: int, stop: int, kind: str) -> str | None:
    """The QID of the entity holding the mention: on its very span, else the one of its type
    overlapping it most."""
    best, overlap = None, 0
    for entity in article.entities:
        for a, b in entity.mentions:
            if (a, b) == (start, stop):
                return entity.wikidata
            shared = min(b, stop) - max(a, start)
            if entity.type == kind and shared > overlap:
                best, overlap = entity.wikidata, shared
    return best


def measure(shared_dir: Path | str, models: Models | None = None) -> tuple[dict[str, dict[str, LinkScore]], int]:
    """Both runs' scores on dev, and the size of the KB built from train."""
    shared = Path(shared_dir)
    models = models or Models()
    docs = list(nerel.read(shared / "data/nerel/dev"))
    with tempfile.TemporaryDirectory() as tmp:
        kb = build_kb([shared / "data/nerel/train"], Path(tmp) / "train.sqlite", models.gazetteer)
        runs = processed(docs, models)
        return {mode: score(docs, articles, kb) for mode, articles in runs.items()}, len(kb)


def figures(results: dict[str, dict[str, LinkScore]]) -> dict[str, float]:
    """Flat figures for the eval gate: `links.right`, `links.right_known`, `links.precision` on the
    gold mentions, `links.pipeline.*` on letopis's own entities."""
    out = {}
    for mode, scores in results.items():
        prefix = "links" if mode == "gold" else f"links.{mode}"
        s = scores["all"]
        out |= {f"{prefix}.right": round(s.right_share, 4), f"{prefix}.right_known": round(s.known_share, 4),
                f"{prefix}.precision": round(1 - s.wrong_share, 4)}
    return out


def report(results: dict[str, dict[str, LinkScore]], kb_size: int, documents: int) -> str:
    lines = [f"entity linking on NEREL dev ({documents} documents; KB from NEREL train: {kb_size} entities)",
             f"  {'':10}{'mentions':>9}{'right':>8}{'NIL+seen':>10}{'right':>8}{'QIDs given':>12}{'wrong':>8}"]
    for mode, scores in results.items():
        lines.append(f"  {MODES[mode]}")
        for key, s in scores.items():
            lines.append(f"  {key:10}{s.mentions:9d}{s.right_share:8.3f}{s.known:10d}{s.known_share:8.3f}"
                         f"{s.given:12d}{s.wrong_share:8.3f}")
    return "\n".join(lines)


def links_report(shared_dir: Path | str, models: Models | None = None) -> str:
    results, size = measure(shared_dir, models)
    return report(results, size, len(list((Path(shared_dir) / "data/nerel/dev").glob("*.txt"))))


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared"
    print(links_report(root))
