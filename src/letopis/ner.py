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
MAX_QUOTED = 8  # tokens inside quotes that can still be a name
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


NEIGHBOUR_KEYS = ("w", "pos", "nat", "shape", "org", "q", "case")
OFFSETS = (-2, -1, 1, 2)


def sentence_features(sentence: Sentence, tags: list[str], doc_types: dict[str, str]) -> list[list[str]]:
    """Each token's features as crfsuite's «name:value» attribute strings (what it makes of a
    {name: value} dict, built here directly: the dicts cost more than the tagging)."""
    tokens = sentence.tokens
    base = [_token_features(t, tag, q) for t, tag, q in zip(tokens, tags, _quote_marks(tokens))]
    own = [[f"{key}:{value}" for key, value in b.items()] for b in base]
    seen_from = {k: [[f"{k}{key}:{b[key]}" for key in NEIGHBOUR_KEYS] for b in base] for k in OFFSETS}
    by_id = {t.id: t for t in tokens}
    out = []
    for i, t in enumerate(tokens):
        head = by_id.get(t.head)
        f = own[i] + [f"rel:{t.rel}", f"hlem:{head.lemma if head else 'ROOT'}",
                      f"horg:{bool(head) and head.lemma in lexicon('org_heads')}",
                      f"doc:{doc_types.get(t.lemma or t.text.lower(), 'O')}", f"first:{i == 0}"]
        for k in OFFSETS:
            j = i + k
            if 0 <= j < len(tokens):
                f += seen_from[k][j]
                if abs(k) == 1:
                    f.append(f"{k}lem:{base[j]['lem']}")
                    f.append(f"{k}w|w:{base[j]['w']}|{base[i]['w']}")
            else:
                f.append(f"{k}w:EDGE")
        out.append(f)
    return out


def article_features(article: Article) -> list[list[list[str]]]:
    tokens = article.tokens
    tags = natasha_tags(article, tokens)
    doc_types = _doc_types(article, tokens, tags)
    out, i = [], 0
    for sentence in article.sentences:
        n = len(sentence.tokens)
        out.append(sentence_features(sentence, tags[i:i + n], doc_types))
        i += n
    return out


def decode(labels: list[str]) -> list[tuple[int, int, str]]:
    """BIO labels to token ranges [i, j); a stray I- starts a new span."""
    spans: list[tuple[int, int, str]] = []
    prev = "O"
    for i, label in enumerate(labels):
        if label.startswith("I-") and prev[2:] == label[2:]:
            spans[-1] = (spans[-1][0], i + 1, label[2:])
        elif label != "O":
            spans.append((i, i + 1, label[2:]))
        prev = label
    return spans


def quoted_names(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """«Хабар 24» right after an organisation head noun (телеканал, партия, ООО) is an ORG,
    whatever the model made of the words inside the quotes."""
    marks = _quote_marks(tokens)
    for i in range(1, len(tokens) - 2):
        if marks[i] != "open" or tokens[i - 1].lemma not in lexicon("org_heads"):
            continue
        j = i + 1
        while j < len(tokens) and marks[j] == "in" and j - i <= MAX_QUOTED:
            j += 1
        if j < len(tokens) and marks[j] == "close" and j > i + 1 and tokens[i + 1].text[0].isupper():
            spans = [s for s in spans if s[1] <= i + 1 or s[0] >= j or s[0] < i]
            if not any(s[0] < i + 1 < s[1] for s in spans):
                spans.append((i + 1, j, "ORG"))
    return sorted(spans)


def numbered_names(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """«служба 112», «средняя школа № 5», «служба спасения 911»: a numbered-organisation head noun
    (with its adjectives and one genitive noun) and the number make one ORG."""
    for i, t in enumerate(tokens):
        if t.lemma not in lexicon("numbered_org_heads"):
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].pos == "NOUN" and tokens[j].feats.get("Case") == "Gen":
            j += 1
        if j < len(tokens) and tokens[j].text == "№":
            j += 1
        if j >= len(tokens) or not tokens[j].text.isdigit():
            continue
        start = i
        while start > 0 and tokens[start - 1].pos == "ADJ" and tokens[start - 1].text.islower():
            start -= 1
        spans = [s for s in spans if s[1] <= start or s[0] > j] + [(start, j + 1, "ORG")]
    return sorted(spans)


def placed_names(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """«комендатура Алматы», «правительство Казахстана»: an institution's head noun followed by the
    place it serves, as its dependent (the case can't tell: «Алматы» does not decline), is one ORG."""
    for k, (i, j, kind) in enumerate(spans):
        head = tokens[i - 1] if i > 0 else None
        if (kind == "LOC" and head is not None and head.lemma in lexicon("place_org_heads")
                and tokens[i].head == head.id and tokens[i].rel == "nmod"
                and not any(s[1] == i for s in spans)):
            spans[k] = (i - 1, j, "ORG")
    return spans


def repeated_names(sentences: list[Sentence], found: list[list[tuple[int, int, str]]]) -> None:
    """An article's own names recur: a lemma sequence tagged somewhere is tagged wherever it
    appears capitalised and untagged (its type: the one given most often)."""
    votes: dict[tuple[str, ...], Counter] = {}
    for sentence, spans in zip(sentences, found):
        for i, j, kind in spans:
            votes.setdefault(tuple(t.lemma for t in sentence.tokens[i:j]), Counter())[kind] += 1
    names = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    longest = max(map(len, names), default=0)
    for sentence, spans in zip(sentences, found):
        tokens = sentence.tokens
        covered = {k for i, j, _ in spans for k in range(i, j)}
        for i, t in enumerate(tokens):
            if i in covered or not t.text[0].isupper():
                continue
            for n in range(min(longest, len(tokens) - i), 0, -1):
                key = tuple(x.lemma for x in tokens[i:i + n])
                if key in names and not covered.intersection(range(i, i + n)):
                    spans.append((i, i + n, names[key]))
                    covered.update(range(i, i + n))
                    break
        spans.sort()


def load_tagger(path: Path = MODEL_PATH):
    import pycrfsuite
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag(articles: list[Article], tagger) -> None:
    """Replace the model's mentions in each article (natasha's stay, with source="natasha")."""
    for article in articles:
        found = [placed_names(sentence.tokens,
                              numbered_names(sentence.tokens, quoted_names(sentence.tokens, decode(tagger.tag(feats)))))
                 for sentence, feats in zip(article.sentences, article_features(article))]
        repeated_names(article.sentences, found)
        found = [[s for s in spans if not _adjective(sentence.tokens, s)]
                 for sentence, spans in zip(article.sentences, found)]
        article.mentions = [m for m in article.mentions if m.source == "natasha"] + [
            _mention(article, sentence.tokens[i].start, sentence.tokens[j - 1].stop, kind)
            for sentence, spans in zip(article.sentences, found) for i, j, kind in spans]


def _adjective(tokens: list[Token], span: tuple[int, int, str]) -> bool:
    """«российские учёные»: a lower-case adjective (or one capitalised only as a sentence's first
    word) names no one; mentions are names
    (factRuEval's convention; NEREL marks such words LOC)."""
    first = tokens[span[0]]
    if span[1] - span[0] != 1 or first.pos != "ADJ":
        return False
    # «Боснийская война», «Европейская конвенция», «Панамериканские игры»: the adjective of a name
    # kept without its noun is no place («Киевская область», a place noun, is another matter)
    after = tokens[span[1]] if span[1] < len(tokens) else None
    cut = (after is not None and first.rel == "amod" and first.head == after.id and after.text[0].islower()
           and after.lemma not in lexicon("loc_heads"))
    return first.text[0].islower() or span[0] == 0 or cut


def _mention(article: Article, start: int, stop: int, kind: str) -> Mention:
    return Mention(start, stop, kind, article.text[start:stop], source="model")
