"""Language layer: sentences, tokens, morphology, lemmas, syntax and natasha's NER, run over batches."""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from threadpoolctl import threadpool_limits

from .models import Models
from .records import Article, Mention, Sentence, Token

NEEDS = ("text",)
ADDS = ("sentences", "mentions")

BATCH_SENTENCES = 64


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        _segment(article, models)
    sentences = [s for a in articles for s in a.sentences]
    words = [[t.text for t in s.tokens] for s in sentences]
    # One BLAS thread: these matrices are small, and more threads only spin (4x slower on 2 busy cores).
    with threadpool_limits(limits=1, user_api="blas"):
        tags, trees = _by_length(models.morph_tagger, words), _by_length(models.syntax_parser, words)
        # One text at a time: no padding, so an article's spans never depend on its batch.
        markups = iter([models.ner_tagger(a.text) for a in articles if a.text.strip()])
    for sentence, markup in zip(sentences, tags):
        for token, tagged in zip(sentence.tokens, markup.tokens):
            token.pos, token.feats = tagged.pos, dict(tagged.feats)
            token.lemma = _lemma(models, token)
    for sentence, markup in zip(sentences, trees):
        for token, parsed in zip(sentence.tokens, markup.tokens):
            token.id, token.head, token.rel = int(parsed.id), int(parsed.head_id), parsed.rel
        _break_cycles(sentence)
    for article in articles:
        article.mentions = []
        if not article.text.strip():
            continue
        for span in next(markups).spans:
            article.mentions.append(Mention(span.start, span.stop, span.type,
                                            article.text[span.start:span.stop]))
    return articles


def _by_length(tagger, words: list[list[str]]) -> list:
    """The tagger's markups in input order, with the sentences of each length batched together
    across all articles: nothing is padded, so a sentence gets the same analysis whatever batch
    it is in (a pipeline run, a pool worker, a Ray actor), and no time goes on padding."""
    markups: list = [None] * len(words)
    order = sorted(range(len(words)), key=lambda i: len(words[i]))
    for _, same in groupby(order, key=lambda i: len(words[i])):
        same = list(same)
        for i, markup in zip(same, tagger.map([words[i] for i in same])):
            markups[i] = markup
    return markups


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


def _segment(article: Article, models: Models) -> None:
    """Sentences never cross a paragraph: a headline or caption line is a sentence of its own."""
    article.sentences = []
    for start, stop in article.paragraphs or [(0, len(article.text))]:
        text = article.text[start:stop]
        tokens = iter(models.segmenter.tokenize(text))
        token = next(tokens, None)
        for sent in models.segmenter.sentenize(text):
            sentence = Sentence(start + sent.start, start + sent.stop)
            while token is not None and token.start < sent.stop:
                if token.start >= sent.start:
                    sentence.tokens.append(Token(start + token.start, start + token.stop, token.text))
                token = next(tokens, None)
            if sentence.tokens:
                article.sentences.append(sentence)


def _lemma(models: Models, token: Token) -> str:
    if token.pos in ("PUNCT", "NUM", "X", "SYM"):
        return token.text.lower()
    # natasha lemmatises the lower-cased word: «Москва» and «москва» share one cache entry
    return _lemmatize(models.morph_vocab, token.text.lower(), token.pos, tuple(sorted(token.feats.items())))


@lru_cache(maxsize=50_000)  # news repeats its words: most tokens are found here, not in the dictionary
def _lemmatize(vocab, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
    return vocab.lemmatize(word, pos, dict(feats)).lower()
