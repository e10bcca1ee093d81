"""Named entities (PER, ORG, LOC): a CRF over tokens stacked on natasha's tags, plus document rules.

Features: the word, lemma, affixes, shape, morphology, syntax head, natasha's BIO tag,
quote position, head-noun lexicons (data/ner/) and what natasha says about the same lemma
elsewhere in the article. Trained on NEREL by `python -m letopis.train_ner`.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .records import Article, Mention, Sentence, Token

MODEL_PATH = Path(str(files("letopis") / "models_data" / "ner.crfsuite"))
LEXICONS = Path(str(files("letopis") / "data" / "ner"))
TYPES = ("PER", "ORG", "LOC")
OPEN_QUOTES, CLOSE_QUOTES, BOTH_QUOTES = "«„“", "»”", "\"'"
_SHAPE = [(re.compile(r"[А-ЯЁ]"), "А"), (re.compile(r"[а-яё]"), "а"), (re.compile(r"[A-Z]"), "A"),
          (re.compile(r"[a-z]"), "a"), (re.compile(r"\d"), "0")]


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    lines = (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=100_000)
def shape(word: str) -> str:
    for pattern, letter in _SHAPE:
        word = pattern.sub(letter, word)
    return re.sub(r"(.)\1+", r"\1\1", word)


def natasha_tags(article: Article, tokens: list[Token]) -> list[str]:
    """natasha's spans as BIO tags over the tokens."""
    tags = ["O"] * len(tokens)
    spans = sorted((m.start, m.stop, m.type) for m in article.mentions if m.source == "natasha")
    i = 0
    for start, stop, kind in spans:
        while i < len(tokens) and tokens[i].stop <= start:
            i += 1
        j, first = i, True
        while j < len(tokens) and tokens[j].start < stop:
            tags[j] = ("B-" if first else "I-") + kind
            first = False
            j += 1
    return tags


def _quote_marks(tokens: list[Token]) -> list[str]:
    """Where each token sits relative to quotes: inside («Хабар»), opening or closing mark."""
    marks, depth, straight = [], 0, False
    for t in tokens:
        if t.text in OPEN_QUOTES or (t.text in BOTH_QUOTES and not straight):
            marks.append("open")
            depth += 1
            straight = straight or t.text in BOTH_QUOTES
        elif t.text in CLOSE_QUOTES or t.text in BOTH_QUOTES:
            marks.append("close")
            depth = max(depth - 1, 0)
            straight = straight and t.text not in BOTH_QUOTES
        else:
            marks.append("in" if depth else "out")
    return marks


def _doc_types(article: Article, tokens: list[Token], tags: list[str]) -> dict[str, str]:
    """The type natasha gives most often to each lemma anywhere in the article."""
    counts: dict[str, Counter] = {}
    for t, tag in zip(tokens, tags):
        if tag != "O":
            counts.setdefault(t.lemma or t.text.lower(), Counter())[tag[2:]] += 1
    return {lemma: c.most_common(1)[0][0] for lemma, c in counts.items()}


def _token_features(t: Token, tag: str, quote: str) -> dict[str, str]:
    lower = t.text.lower()
    lemma = t.lemma or lower
    return {
        "w": lower, "lem": lemma, "suf2": lower[-2:], "suf3": lower[-3:], "pre3": lower[:3],
        "shape": shape(t.text[:8]), "pos": t.pos, "case": t.feats.get("Case", ""),
        "num": t.feats.get("Number", ""), "anim": t.feats.get("Animacy", ""),
        "nat": tag, "q": quote,
        "org": str(lemma in lexicon("org_heads")), "loc": str(lemma in lexicon("loc_heads")),
    }


def sentence_features(article: Article, sentence: Sentence, tags: list[str],
                      doc_types: dict[str, str]) -> list[dict[str, str]]:
    tokens = sentence.tokens
    quotes = _quote_marks(tokens)
    base = [_token_features(t, tag, q) for t, tag, q in zip(tokens, tags, quotes)]
    by_id = {t.id: t for t in tokens}
    out = []
    for i, t in enumerate(tokens):
        f = dict(base[i])
        head = by_id.get(t.head)
        f["rel"] = t.rel
        f["hlem"] = head.lemma if head else "ROOT"
        f["horg"] = str(bool(head) and head.lemma in lexicon("org_heads"))
        f["doc"] = doc_types.get(t.lemma or t.text.lower(), "O")
        f["first"] = str(i == 0)
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < len(tokens):
                n = base[j]
                for key in ("w", "pos", "nat", "shape", "org", "q", "case"):
                    f[f"{k}{key}"] = n[key]
                if abs(k) == 1:
                    f[f"{k}lem"] = n["lem"]
                    f[f"{k}w|w"] = n["w"] + "|" + base[i]["w"]
            else:
                f[f"{k}w"] = "EDGE"
        out.append(f)
    return out


def article_features(article: Article) -> list[list[dict[str, str]]]:
    tokens = article.tokens
    tags = natasha_tags(article, tokens)
    doc_types = _doc_types(article, tokens, tags)
    out, i = [], 0
    for sentence in article.sentences:
        n = len(sentence.tokens)
        out.append(sentence_features(article, sentence, tags[i:i + n], doc_types))
        i += n
    return out


def decode(tokens: list[Token], labels: list[str]) -> list[tuple[int, int, str]]:
    """BIO labels to character spans; a stray I- starts a new span."""
    spans: list[tuple[int, int, str]] = []
    prev = "O"
    for t, label in zip(tokens, labels):
        if label.startswith("I-") and prev[2:] == label[2:]:
            spans[-1] = (spans[-1][0], t.stop, label[2:])
        elif label != "O":
            spans.append((t.start, t.stop, label[2:]))
        prev = label
    return spans


def load_tagger(path: Path = MODEL_PATH):
    import pycrfsuite
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag(articles: list[Article], tagger) -> None:
    """Replace the model's mentions in each article (natasha's stay, with source="natasha")."""
    for article in articles:
        found: list[tuple[int, int, str]] = []
        for sentence, feats in zip(article.sentences, article_features(article)):
            found += decode(sentence.tokens, tagger.tag(feats))
        article.mentions = [m for m in article.mentions if m.source == "natasha"] + [
            Mention(s, e, k, article.text[s:e], source="model") for s, e, k in found]
