"""Language layer: sentences and tokens (razdel), then morphology, syntax and natasha's NER
(neural.py) over the whole batch at once, and lemmas (pymorphy)."""
from __future__ import annotations

import re
from functools import lru_cache

import razdel
from threadpoolctl import threadpool_limits

from .models import Models
from .neural import Segments, bio_spans
from .records import Article, Mention, Sentence, Token

NEEDS = ("text",)
ADDS = ("sentences", "mentions")

MAX_SENTENCE = 250  # tokens; NEREL train's longest sentence has 191


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        _segment(article)
    sentences = [s for a in articles for s in a.sentences]
    tokens = [t for s in sentences for t in s.tokens]
    networks = models.networks
    with threadpool_limits(limits=models.threads, user_api="blas"):
        word_ids, shape_ids = networks.encode([t.text for t in tokens])
        words = networks.embed(word_ids)
        by_sentence = Segments.of_sizes([len(s.tokens) for s in sentences])
        tags = networks.morph(words, shape_ids, by_sentence)
        heads, rels = networks.syntax(words, shape_ids, by_sentence)
        # NER reads each article as one sequence, as natasha runs it
        sizes = [sum(len(s.tokens) for s in a.sentences) for a in articles]
        labels = networks.ner(words, shape_ids, Segments.of_sizes(sizes))
    for token, (pos, feats), head, rel in zip(tokens, tags, heads, rels):
        token.pos, token.feats, token.head, token.rel = pos, dict(feats), head, rel
        token.lemma = _lemma(models, token)
        if token.lemma == "быть" and token.feats.get("Tense") == "Pres" and token.text.lower().startswith("буд"):
            token.feats["Tense"] = "Fut"  # the tagger reads «будут» as present; every «буд-» form is future
    for sentence in sentences:
        for i, token in enumerate(sentence.tokens, 1):
            token.id = i
        _break_cycles(sentence)
    start = 0
    for article, size in zip(articles, sizes):
        own = tokens[start:start + size]
        article.mentions = [Mention(own[i].start, own[j - 1].stop, kind, article.text[own[i].start:own[j - 1].stop])
                            for i, j, kind in bio_spans(labels[start:start + size])]
        start += size
    return articles


def _break_cycles(sentence: Sentence) -> None:
    """The parser now and then makes words each other's heads; every stage walks up heads, so a
    word whose path to the root comes back to itself is made a root."""
    heads = {t.id: t for t in sentence.tokens}
    for token in sentence.tokens:
        seen, t = {token.id}, token
        while t.head in heads:
            t = heads[t.head]
            if t.id in seen:
                t.head, t.rel = 0, "root"
                break
            seen.add(t.id)


def _segment(article: Article) -> None:
    """Sentences never cross a paragraph: a headline or caption line is a sentence of its own."""
    article.sentences = []
    for start, stop in article.paragraphs or [(0, len(article.text))]:
        text = article.text[start:stop]
        if not text:
            continue
        tokens = iter(razdel.tokenize(text))
        token = next(tokens, None)
        for sent_start, sent_stop in _spans(text):
            sentence = Sentence(start + sent_start, start + sent_stop)
            while token is not None and token.start < sent_stop:
                if token.start >= sent_start:
                    sentence.tokens.append(Token(start + token.start, start + token.stop, token.text))
                token = next(tokens, None)
            article.sentences.extend(_pieces(sentence))


def _spans(text: str) -> list[tuple[int, int]]:
    """razdel's sentences, never ending inside brackets: «Паршов (род. 28.07.1988)», «в Эванстоне
    (шт. Иллинойс)», «(Моторола; 2 февраля 1983 года …)» (19 such splits in 18 NEREL train texts)."""
    def open_brackets(piece: str) -> int:
        return piece.count("(") - piece.count(")")

    spans: list[tuple[int, int]] = []
    for sent in razdel.sentenize(text):
        if spans and open_brackets(text[spans[-1][0]:spans[-1][1]]) > 0:
            start = spans.pop()[0]
            # razdel, having split inside, may miss the end after the bracket: «1988). В МВД …»
            end = re.search(r"\)[.!?]\s+(?=[А-ЯЁA-Z«])", text[start:sent.stop])
            if end and open_brackets(text[start:start + end.start()]) == 1:
                spans += [(start, start + end.start() + 2), (start + end.end(), sent.stop)]
            else:
                spans.append((start, sent.stop))
        else:
            spans.append((sent.start, sent.stop))
    return spans


def _pieces(sentence: Sentence) -> list[Sentence]:
    """The sentence, or for a run of more than MAX_SENTENCE tokens (a list or a table with no full
    stop, a run-on scrape) consecutive pieces of that size: the parser and the event rules grow
    with the square of a sentence's length, and real sentences stay far below it."""
    tokens = sentence.tokens
    if len(tokens) <= MAX_SENTENCE:
        return [sentence] if tokens else []
    chunks = [tokens[i:i + MAX_SENTENCE] for i in range(0, len(tokens), MAX_SENTENCE)]
    return [Sentence(chunk[0].start, chunk[-1].stop, chunk) for chunk in chunks]


def _lemma(models: Models, token: Token) -> str:
    if token.pos in ("PUNCT", "NUM", "X", "SYM"):
        return token.text.lower()
    # natasha lemmatises the lower-cased word: «Москва» and «москва» share one cache entry
    return _lemmatize(models.morph_vocab, token.text.lower(), token.pos, tuple(sorted(token.feats.items())))


@lru_cache(maxsize=50_000)  # news repeats its words: most tokens are found here, not in the dictionary
def _lemmatize(vocab, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
    return vocab.lemmatize(word, pos, dict(feats)).lower()


def agree(a: Token, b: Token, features: tuple[str, ...] = ("Number", "Gender")) -> bool:
    """Whether two words agree in these features, wherever the tagger gives both."""
    return all(a.feats.get(k) == b.feats.get(k) for k in features if a.feats.get(k) and b.feats.get(k))
