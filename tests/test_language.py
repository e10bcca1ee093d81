import pytest

from letopis.language import _break_cycles
from letopis.records import Sentence, Token


def test_parse_cycles_are_broken_into_a_tree():
    words = "Полиция задержала двух протестующих".split()
    tokens = [Token(i * 10, i * 10 + len(w), w, id=i + 1) for i, w in enumerate(words)]
    for token, head in zip(tokens, [2, 4, 4, 2]):  # 2 -> 4 -> 2: a cycle, no root
        token.head = head
    sentence = Sentence(0, 40, tokens)
    _break_cycles(sentence)
    by_id = {t.id: t for t in tokens}
    for token in tokens:
        seen, t = set(), token
        while t.head:
            assert t.id not in seen
            seen.add(t.id)
            t = by_id[t.head]
    assert sum(1 for t in tokens if t.head == 0) == 1


def test_language_layer_fills_morphology_and_syntax(process):
    article = process("Протестующие захватили здание городской администрации в Алматы.")
    tokens = {t.text: t for t in article.tokens}
    assert tokens["захватили"].lemma == "захватить" and tokens["захватили"].rel == "root"
    assert tokens["Протестующие"].rel == "nsubj" and tokens["здание"].rel == "obj"
    assert tokens["администрации"].feats["Case"] == "Gen"


def test_the_future_of_to_be_is_future(process):
    """The tagger reads «будут» as present tense; the language layer makes every «буд-» form future,
    and leaves «есть» present (NEREL train 13042, 38626: «будут предъявлены обвинения»)."""
    article = process("Ему будут предъявлены обвинения. Он будет освобождён. У него есть адвокат.")
    tenses = {t.text: t.feats.get("Tense") for t in article.tokens if t.lemma == "быть"}
    assert tenses["будут"] == tenses["будет"] == "Fut" and tenses.get("есть") != "Fut"


def test_empty_articles_pass_through_a_batch(pipeline):
    from letopis.records import Article
    empty, blank, real = pipeline.run([Article(id="e", text=""), Article(id="b", text=" \n\n "),
                                       Article(id="r", text="Полиция задержала в Москве 12 человек.")])
    assert empty.sentences == [] and blank.sentences == [] and empty.events == [] and blank.mentions == []
    assert [t.text for t in real.tokens][:2] == ["Полиция", "задержала"] and real.events


def test_a_run_on_sentence_is_cut_into_pieces(process):
    from letopis.language import MAX_SENTENCE
    clause = "протестующие захватили здание администрации"
    article = process(", ".join([clause] * 150) + ".")  # 750 tokens, no full stop before the end
    assert len(article.sentences) == 3
    assert all(len(s.tokens) <= MAX_SENTENCE for s in article.sentences)
    assert [t.start for s in article.sentences for t in s.tokens] == sorted({t.start for t in article.tokens})
    assert len(article.tokens) == 600 + 149 + 1
    assert any(e.type == "COERCE" for e in article.events)


# razdel ends a sentence after an abbreviation inside brackets; a sentence never ends there
# (NEREL train 113790, 11250, 133604: 19 such splits in 18 texts).
BRACKETED = [
    ("113790", "Убийцей стал гражданин Украины Павел Паршов (род. 28.07.1988). В МВД подтвердили это."),
    ("11250", "Он работал профессором в Эванстоне (шт. Иллинойс). Потом вернулся домой."),
    ("133604", "Компания останется в Сан-Садурни-д’Анойя (; Барселона, Каталония). Акции упали."),
]


@pytest.mark.parametrize("text_id, text", BRACKETED)
def test_a_sentence_never_ends_inside_brackets(process, text_id, text):
    article = process(text)
    assert [article.text[s.start:s.stop][-1] for s in article.sentences] == [".", "."]
