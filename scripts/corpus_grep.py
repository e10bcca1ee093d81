"""Find a class of phrasings in NEREL train by lemmas, to back a rule with several texts.

    python scripts/corpus_grep.py открыть огонь          # the lemmas in this order, 3 words apart at most
    python scripts/corpus_grep.py --gap 0 ракетный удар  # adjacent
    python scripts/corpus_grep.py 'казанский|томский' гимназия

A pattern word may list alternatives with `|` and `*` matches any lemma. Prints each hit as
`text-id  sentence`, then how many different texts hold the phrasing: a rule wants three or more.
Reads ../shared/data/nerel/train in place (nothing is copied into the project).
"""
from __future__ import annotations

import argparse
import re
import sys
from functools import cache
from pathlib import Path

from razdel import sentenize, tokenize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "nerel" / "train"


@cache
def _morph():
    from natasha import MorphVocab
    return MorphVocab()


@cache
def lemma(word: str) -> str:
    parses = _morph().parse(word.lower())
    return (parses[0].normal if parses else word.lower()).replace("ё", "е")


def matches(lemmas: list[str], pattern: list[set[str]], gap: int) -> bool:
    """Whether the pattern's words occur in order, each at most `gap` words after the one before."""
    def from_(i: int, k: int) -> bool:
        if k == len(pattern):
            return True
        stop = len(lemmas) if k == 0 else min(len(lemmas), i + gap + 1)
        return any(("*" in pattern[k] or lemmas[j] in pattern[k]) and from_(j + 1, k + 1) for j in range(i, stop))
    return from_(0, 0)


def search(pattern: list[set[str]], gap: int, corpus: Path = CORPUS):
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text("utf-8")
        for sentence in sentenize(text):
            words = [t.text for t in tokenize(sentence.text) if re.match(r"\w", t.text)]
            if matches([lemma(w) for w in words], pattern, gap):
                yield path.name.removesuffix(".txt").removesuffix("_text"), " ".join(sentence.text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", nargs="+", help="lemmas in order; a|b for alternatives, * for any")
    parser.add_argument("--gap", type=int, default=3, help="words allowed between two pattern words")
    parser.add_argument("--limit", type=int, default=40, help="hits to print")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is absent: the NEREL corpus lives in ../shared")
    pattern = [{lemma(w) if w != "*" else "*" for w in word.split("|")} for word in args.words]
    texts, shown = set(), 0
    for text_id, sentence in search(pattern, args.gap):
        texts.add(text_id)
        if shown < args.limit:
            print(f"{text_id}\t{sentence}")
            shown += 1
    print(f"{len(texts)} texts", file=sys.stderr)


if __name__ == "__main__":
    main()
