"""Event recall on annotations others wrote: NEREL's EVENT mentions in the violence, protest,
coercion and crime families (data/events/nerel_families.tsv), each counted as found when it lies
inside the evidence of some letopis event (`letopis eval --nerel-events`).

It measures recall only: NEREL marks every event, PLOVER or not, so its mentions cannot say what a
false alarm is. Articles of held-out gold are left out, so that nobody reads the system's output
on them through the list of misses.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .records import Article, Event

FAMILIES = ("violence", "protest", "coercion", "crime")


@dataclass
class Mention:
    article: str
    start: int
    stop: int
    text: str
    family: str = ""


@cache
def families() -> dict[str, str]:
    """Lemma (or lemmas of a phrase) → family."""
    text = resources.files("letopis").joinpath("data/events/nerel_families.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {lemma: family for lemma, family, *_ in rows}


def nerel_id(path: Path | str) -> str:
    """A NEREL text's id: «120043_text.txt» → 120043; some texts lack the suffix: «last_15.txt» → last_15."""
    name = Path(path).name
    return name.removesuffix("_text.txt") if name.endswith("_text.txt") else name.removesuffix(".txt")


def read_events(ann: Path) -> list[Mention]:
    """The EVENT mentions of one BRAT file (one continuous span each; fragments are skipped)."""
    found = []
    for line in ann.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("T") and parts[1].startswith("EVENT ") and ";" not in parts[1]:
            _, start, stop = parts[1].split()
            found.append(Mention(nerel_id(ann.with_suffix(".txt")), int(start), int(stop), parts[2]))
    return found


def family_of(article: Article, mention: Mention) -> str | None:
    """The family of a mention by its lemmas (the phrase, else its last word), as the pipeline
    lemmatised the article."""
    lemmas = [t.lemma.replace("ё", "е") for s in article.sentences for t in s.tokens
              if mention.start <= t.start < mention.stop]
    if not lemmas:
        return None
    return families().get(" ".join(lemmas)) or families().get(lemmas[-1])


def aligned(article: Article, mentions: list[Mention]) -> list[Mention]:
    """The mentions with offsets into the cleaned text (cleanup drops spaces and blank lines,
    which moves what follows)."""
    for m in mentions:
        m.start, m.stop = article.clean_offset(m.start), article.clean_offset(m.stop)
    return mentions


def covering(article: Article, mention: Mention) -> list[Event]:
    """The events whose evidence (or extra evidence) holds the mention."""
    return [e for e in article.events
            if any(a <= mention.start and mention.stop <= b for a, b in [(e.start, e.stop), *e.extra_evidence])]


def found(article: Article, mention: Mention) -> bool:
    """Inside the evidence (or extra evidence) of any event."""
    return bool(covering(article, mention))


def nerel_texts(folder: Path, skip: set[str] = frozenset()) -> list[Path]:
    """The annotated texts of a NEREL folder, less the `skip` ids."""
    return [p for p in sorted(Path(folder).glob("*.txt")) if p.with_suffix(".ann").exists() and nerel_id(p) not in skip]


def processed(folder: Path, pipeline, skip: set[str] = frozenset()) -> list[tuple[Path, Article]]:
    """Each annotated text of a NEREL folder (less the `skip` ids) with the article the pipeline made of it."""
    from .ingest import read_path
    texts = nerel_texts(folder, skip)
    return list(zip(texts, pipeline.run([a for p in texts for a in read_path(p)])))


def measure(folder: Path, pipeline, skip: set[str] = frozenset()) -> tuple[Counter, Counter, list[Mention]]:
    """(mentions per family, found per family, missed mentions) over a NEREL folder."""
    total, hit, missed = Counter(), Counter(), []
    for path, article in processed(folder, pipeline, skip):
        for mention in aligned(article, read_events(path.with_suffix(".ann"))):
            mention.family = family_of(article, mention) or ""
            if mention.family:
                total[mention.family] += 1
                if found(article, mention):
                    hit[mention.family] += 1
                else:
                    missed.append(mention)
    return total, hit, missed


def report(folder: Path, pipeline, skip: set[str] = frozenset(), show: int = 40) -> str:
    total, hit, missed = measure(folder, pipeline, skip)
    lines = [f"NEREL EVENT recall by family ({folder}, {len(skip)} held-out articles left out)"]
    for family in FAMILIES:
        if total[family]:
            lines.append(f"  {family:<10} {hit[family] / total[family]:6.3f}  ({hit[family]} of {total[family]})")
    all_hit, all_total = sum(hit.values()), sum(total.values())
    lines.append(f"  {'overall':<10} {all_hit / all_total if all_total else 0:6.3f}  ({all_hit} of {all_total})")
    lines += [f"  missed {m.family}: {m.article} «{m.text}»" for m in missed[:show]]
    if len(missed) > show:
        lines.append(f"  … and {len(missed) - show} more")
    return "\n".join(lines)
