"""Check the reporting-predicate table against NEREL train, and find predicates it lacks.

    python scripts/reporting_predicates.py            # each row: how NEREL train uses it
    python scripts/reporting_predicates.py --missing  # verbs often before «, что» the table lacks

For every sentence of ../shared/data/nerel/train it finds where a verb (or a short adjective:
«уверен») governs reported content, by the construction around it:
  что     «X заявил, что …»          the verb within three words before «, что»
  о       «сообщили о пяти погибших»  «о / об» right after the verb
  direct  «…», — сказал он           the verb right after a closing quotation mark and a dash
  как     «как сообщает X, …»         «как» right before the verb
and prints, per row of src/letopis/data/quotes/predicates.tsv, in how many texts each one occurs.
A row's `governs` column should list what NEREL shows it with. Reads the corpus in place.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from razdel import sentenize, tokenize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "nerel" / "train"
TABLE = ROOT / "src" / "letopis" / "data" / "quotes" / "predicates.tsv"
PREDICATE_TAGS = {"VERB", "INFN", "PRTS", "ADJS", "GRND"}


@cache
def _morph():
    from natasha import MorphVocab
    return MorphVocab()


@cache
def parse(word: str) -> tuple[str, str]:
    """A word's lemma and part of speech (OpenCorpora tags)."""
    parses = _morph().parse(word.lower())
    if not parses:
        return word.lower(), ""
    return parses[0].normal.replace("ё", "е"), str(parses[0].tag.POS or "")


def constructions(words: list[str]) -> list[tuple[str, str]]:
    """(lemma, construction) for each predicate use in one sentence's words."""
    found = []
    for i, word in enumerate(words):
        lemma, pos = parse(word)
        if pos not in PREDICATE_TAGS:
            continue
        after = [w.lower() for w in words[i + 1:i + 5]]
        if "," in after and "что" in after and after.index("что") == after.index(",") + 1:
            found.append((lemma, "что"))
        if after[:1] and after[0] in ("о", "об", "обо"):
            found.append((lemma, "о"))
        if i >= 2 and words[i - 1] in ("—", "–") and words[i - 2] in ("»", "\"", ",", "!", "?", "…"):
            found.append((lemma, "direct"))
        if i >= 1 and words[i - 1].lower() == "как":
            found.append((lemma, "как"))
    return found


def harvest(corpus: Path) -> dict[str, dict[str, set[str]]]:
    """lemma -> construction -> ids of the texts that show it."""
    uses: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(corpus.glob("*.txt")):
        text_id = path.name.removesuffix(".txt").removesuffix("_text")
        for sentence in sentenize(path.read_text("utf-8")):
            words = [t.text for t in tokenize(sentence.text) if re.match(r"[\w«»\"—–,!?…]", t.text)]
            for lemma, construction in constructions(words):
                uses[lemma][construction].add(text_id)
    return uses


def table() -> list[dict[str, str]]:
    lines = [line for line in TABLE.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list frequent predicates not in the table")
    parser.add_argument("--min-texts", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is absent: the NEREL corpus lives in ../shared")
    uses = harvest(CORPUS)
    rows = table()
    if args.missing:
        known = {row["lemma"] for row in rows}
        counts = Counter({lemma: len(set().union(*kinds.values())) for lemma, kinds in uses.items()
                          if lemma not in known and "что" in kinds})
        for lemma, n in counts.most_common():
            if n >= args.min_texts:
                shown = ", ".join(f"{k} {len(v)}" for k, v in sorted(uses[lemma].items()))
                print(f"{lemma}\t{n} texts\t{shown}")
        return
    for row in rows:
        seen = uses.get(row["lemma"], {})
        shown = "  ".join(f"{k}:{len(seen.get(k, ()))}" for k in ("что", "о", "direct", "как"))
        listed = set(filter(None, row["governs"].split(",")))
        unseen = sorted(k for k in listed if len(seen.get(k, ())) == 0)
        note = f"  (listed, not in NEREL train: {', '.join(unseen)})" if unseen else ""
        print(f"{row['lemma']:<18}{row['class']:<10}{shown}{note}")


if __name__ == "__main__":
    main()
