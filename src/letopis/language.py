"""Language layer: sentences, tokens, morphology, lemmas, syntax and natasha's NER, run over batches."""
from __future__ import annotations

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
    for sentence, markup in zip(sentences, models.morph_tagger.map(words)):
        for token, tagged in zip(sentence.tokens, markup.tokens):
            token.pos, token.feats = tagged.pos, dict(tagged.feats)
            token.lemma = _lemma(models, token)
    for sentence, markup in zip(sentences, models.syntax_parser.map(words)):
        for token, parsed in zip(sentence.tokens, markup.tokens):
            token.id, token.head, token.rel = int(parsed.id), int(parsed.head_id), parsed.rel
    texts = [a.text for a in articles if a.text.strip()]
    markups = iter(models.ner_tagger.map(texts))
    for article in articles:
        article.mentions = []
        if not article.text.strip():
            continue
        for span in next(markups).spans:
            article.mentions.append(Mention(span.start, span.stop, span.type,
                                            article.text[span.start:span.stop]))
    return articles


def _segment(article: Article, models: Models) -> None:
    tokens = list(models.segmenter.tokenize(article.text))
    article.sentences = []
    i = 0
    for sent in models.segmenter.sentenize(article.text):
        sentence = Sentence(sent.start, sent.stop)
        while i < len(tokens) and tokens[i].start < sent.stop:
            t = tokens[i]
            if t.start >= sent.start:
                sentence.tokens.append(Token(t.start, t.stop, t.text))
            i += 1
        if sentence.tokens:
            article.sentences.append(sentence)


def _lemma(models: Models, token: Token) -> str:
    if token.pos in ("PUNCT", "NUM", "X", "SYM"):
        return token.text.lower()
    return models.morph_vocab.lemmatize(token.text, token.pos, token.feats).lower()


def sentence_at(article: Article, offset: int) -> Sentence | None:
    """The sentence that holds a character offset."""
    for sentence in article.sentences:
        if sentence.start <= offset < sentence.stop:
            return sentence
    return None
