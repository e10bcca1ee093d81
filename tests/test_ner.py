from __future__ import annotations

import pytest

from letopis import language, ner, nereval
from letopis.records import Article


@pytest.fixture(scope="module")
def tagger():
    return ner.load_tagger()


@pytest.fixture
def tagged(models, tagger):
    def run(text: str) -> set[tuple[str, str]]:
        article = Article(id="t", text=text)
        language.run([article], models)
        ner.tag([article], tagger)
        return {(m.text, m.type) for m in article.mentions if m.source == "model"}
    return run


@pytest.mark.parametrize("text, mention", [
    ("Об этом в эфире сообщил телеканал «Хабар 24».", ("Хабар 24", "ORG")),
    ("Министерство обороны России сообщило о начале учений в Калининградской области.",
     ("Министерство обороны России", "ORG")),
    ("Министерство обороны России сообщило о начале учений в Калининградской области.",
     ("Калининградской области", "LOC")),
    ("Пострадавших в Алма-Ате доставили в больницу, сообщили в МЧС Казахстана.",
     ("МЧС Казахстана", "ORG")),
    ("Президент Казахстана Касым-Жомарт Токаев провёл совещание в Астане.",
     ("Касым-Жомарт Токаев", "PER")),
    ("В понедельник в Новосибирске прошёл съезд партии «Новые люди».", ("Новые люди", "ORG")),
    ("В Алма-Ате на место вызова выехала служба 112.", ("служба 112", "ORG")),
    ("Ученики средней школы № 5 победили на олимпиаде.", ("средней школы № 5", "ORG")),
    ("Акции ПАО «Газпром» подешевели на Московской бирже.", ("Московской бирже", "ORG")),
])
def test_tags_real_sentences(tagged, text, mention):
    assert mention in tagged(text)


def test_article_repeats_its_own_names(tagged):
    found = tagged("Компания «Роскосмос» объявила о запуске. Позже Роскосмос уточнил дату, "
                   "а глава Роскосмоса ответил на вопросы журналистов.")
    assert {("Роскосмос", "ORG"), ("Роскосмоса", "ORG")} <= found


@pytest.mark.parametrize("labels, spans", [
    (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
    (["O", "I-ORG", "I-ORG"], [(1, 3, "ORG")]),
    (["B-ORG", "B-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "ORG"), (2, 3, "LOC")]),
])
def test_decode(labels, spans):
    assert ner.decode(labels) == spans


def test_model_ships_small():
    assert ner.MODEL_PATH.stat().st_size < 50_000_000


@pytest.mark.parametrize("spans, kept", [
    ([(0, 10, "ORG"), (5, 10, "LOC")], [(0, 10, "ORG")]),
    ([(5, 10, "LOC"), (0, 3, "PER")], [(0, 3, "PER"), (5, 10, "LOC")]),
    ([(0, 6, "ORG"), (4, 9, "LOC")], [(0, 6, "ORG")]),
])
def test_outermost(spans, kept):
    assert nereval.outermost(spans) == kept


def test_nerel_reader_and_scorer(tmp_path):
    text = "Правоохранительные органы Киргизии задержали в Бишкеке Ивана Петрова 5 августа."
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "1.ann").write_text("\n".join([
        "T1\tORGANIZATION 0 34\tПравоохранительные органы Киргизии",
        "T2\tCOUNTRY 26 34\tКиргизии",
        "T3\tCITY 47 54\tБишкеке",
        "T4\tPERSON 55 68\tИвана Петрова",
        "T5\tDATE 69 78\t5 августа",
        "R1\tLOCATED_IN Arg1:T1 Arg2:T2",
    ]), encoding="utf-8")
    [doc] = nereval.read_nerel(tmp_path)
    assert doc.spans == [(0, 34, "ORG"), (47, 54, "LOC"), (55, 68, "PER")]
    pred = [(26, 34, "LOC"), (47, 54, "LOC"), (55, 68, "ORG")]
    scores = nereval.score([doc.spans], [pred])
    assert (scores["micro"].tp, scores["micro"].fp, scores["micro"].fn) == (1, 2, 2)
    assert scores["LOC"].p == 0.5 and scores["LOC"].r == 1.0
    assert scores["PER"].f1 == 0.0


def test_factru_reader_and_locorg(tmp_path):
    text = "У здания мэрии Москвы выступил Юрий Лужков. Москва ответила."
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.tokens").write_text("", encoding="utf-8")
    (tmp_path / "b.spans").write_text("\n".join([
        "1 org_descr 9 5 10 1  # 10 мэрии", "2 loc_name 15 6 11 1  # 11 Москвы",
        "3 name 31 4 13 1  # 13 Юрий", "4 surname 36 6 14 1  # 14 Лужков",
        "5 loc_name 44 6 16 1  # 16 Москва",
    ]), encoding="utf-8")
    (tmp_path / "b.objects").write_text("\n".join([
        "1 Org 1 2 # мэрии Москвы", "2 LocOrg 2 # Москвы", "3 Person 3 4 # Юрий Лужков",
        "4 LocOrg 5 # Москва",
    ]), encoding="utf-8")
    [doc] = nereval.read_factru(tmp_path)
    assert doc.spans == [(9, 21, "ORG"), (31, 42, "PER"), (44, 50, "LOCORG")]
    assert nereval.score([doc.spans], [[(44, 50, "ORG")]])["ORG"].tp == 1
    assert nereval.score([doc.spans], [[(44, 50, "LOC")]])["LOC"].tp == 1
    assert nereval.score([doc.spans], [[(44, 50, "PER")]])["LOC"].fn == 1


@pytest.mark.parametrize("corpus, read, floor, margin", [
    ("data/nerel/dev", nereval.read_nerel, 0.85, 0.05),
    ("data/factru/devset", nereval.read_factru, 0.82, 0.0),
])
def test_beats_natasha(shared, models, tagger, corpus, read, floor, margin):
    docs = read(shared / corpus)
    articles = nereval.process(docs, models, tagger)
    gold = [d.spans for d in docs]
    ours = nereval.score(gold, [nereval.spans_of(a, "model") for a in articles])
    theirs = nereval.score(gold, [nereval.spans_of(a, "natasha") for a in articles])
    assert ours["micro"].f1 >= floor and ours["micro"].f1 > theirs["micro"].f1 + margin
    if "nerel" in corpus:
        assert ours["ORG"].f1 >= 0.75
