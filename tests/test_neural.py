import pytest

from letopis import cleanup, language
from letopis.neural import bio_spans
from letopis.records import Article

TEXTS = [
    "АЛМАТЫ, 6 января. Сотрудники полиции задержали в Алматы более двух тысяч человек, сообщила "
    "пресс-секретарь городского департамента полиции Салтанат Азирбек телеканалу «Хабар 24».\n"
    "Президент Касым-Жомарт Токаев обратился к ОДКБ с просьбой о помощи.",
    "Министерство обороны России сообщило, что военно-транспортные самолёты доставили "
    "миротворцев в Казахстан. Протестующие захватили здание акимата и аэропорт.",
    "В ночь на 6 января в центре города были слышны выстрелы; по данным МВД, погибли восемь "
    "сотрудников силовых структур, а «десятки нападавших ликвидированы».",
]


def analysed(models, texts: list[str], batch: int) -> list[Article]:
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    cleanup.run(articles, models)
    for i in range(0, len(articles), batch):
        language.run(articles[i:i + batch], models)
    return articles


@pytest.fixture(scope="module")
def natasha():
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser
    embedding = NewsEmbedding()
    return NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)


def test_networks_give_natashas_analysis(models, natasha):
    """The batched forward pass over our tokens reproduces natasha's own taggers."""
    morph_tagger, syntax_parser, ner_tagger = natasha
    for article in analysed(models, TEXTS, batch=3):
        for sentence in article.sentences:
            words = [t.text for t in sentence.tokens]
            morph = morph_tagger(words)
            syntax = syntax_parser(words)
            assert [(t.pos, t.feats) for t in sentence.tokens] == [(m.pos, dict(m.feats)) for m in morph.tokens]
            assert [(t.head, t.rel) for t in sentence.tokens] == [(int(s.head_id), s.rel) for s in syntax.tokens]
        spans = ner_tagger(article.text).spans
        assert [(m.start, m.stop, m.type) for m in article.mentions] == [(s.start, s.stop, s.type) for s in spans]


def test_an_article_gets_the_same_analysis_in_any_batch(models):
    alone = analysed(models, TEXTS, batch=1)
    together = analysed(models, TEXTS, batch=3)
    for a, b in zip(alone, together):
        assert [(t.pos, t.feats, t.head, t.rel, t.lemma) for t in a.tokens] == \
               [(t.pos, t.feats, t.head, t.rel, t.lemma) for t in b.tokens]
        assert a.mentions == b.mentions


def test_ner_finds_the_names(models):
    [article] = analysed(models, TEXTS[:1], batch=1)
    found = {(m.text, m.type) for m in article.mentions}
    assert {("Салтанат Азирбек", "PER"), ("Касым-Жомарт Токаев", "PER"), ("ОДКБ", "ORG")} <= found


@pytest.mark.parametrize("labels, spans", [
    (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
    (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
    (["O", "I-ORG", "O"], []),  # an I- with nothing open is dropped
    (["B-ORG", "I-LOC", "I-LOC"], [(0, 3, "ORG")]),  # an I- extends the open span, whatever its type
    (["B-PER", "<pad>", "I-PER"], [(0, 3, "PER")]),
    (["B-PER"], [(0, 1, "PER")]),
    ([], []),
])
def test_bio_spans(labels, spans):
    assert bio_spans(labels) == spans
