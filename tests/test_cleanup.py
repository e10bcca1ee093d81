import pytest

from letopis.cleanup import clean
from letopis.records import Article


@pytest.mark.parametrize("raw, cleaned", [
    ("президент Касым-Жомарт Токаев Касым-Жомарт Токаев назвал протестующих «бандитами»",
     "президент Касым-Жомарт Токаев назвал протестующих «бандитами»"),
    ("террористами. Протесты в Казахстане Протесты в Казахстане начались 2 января",
     "террористами.\n\nПротесты в Казахстане\n\nПротесты в Казахстане начались 2 января"),
    ("Встреча Владимира Путина Владимира Путина и Си Цзиньпина прошла в Кремле.",
     "Встреча Владимира Путина и Си Цзиньпина прошла в Кремле."),
    ("  В  Минске\u00a0прошла   акция.\t\n\n\n\n Задержаны 20 человек. ",
     "В Минске прошла акция.\n\nЗадержаны 20 человек."),
    ("Аким Нур-Сул\u00adтана переизбран.", "Аким Нур-Султана переизбран."),
    ("Он сказал: «да, да».", "Он сказал: «да, да»."),
])
def test_cleanup_cases(raw, cleaned):
    assert clean(Article("t", raw)).text == cleaned


def test_offsets_map_back_to_the_text_as_read():
    raw = "В  Алматы президент Касым-Жомарт Токаев Касым-Жомарт Токаев назвал протестующих бандитами."
    article = clean(Article("t", raw))
    for word in ("Алматы", "назвал", "бандитами"):
        start = article.text.index(word)
        assert raw[article.raw_offset(start):].startswith(word)


def test_heading_becomes_its_own_paragraph():
    article = clean(Article("t", "Токаев назвал их террористами. Протесты в Казахстане Протесты в Казахстане "
                                 "начались 2 января."))
    texts = [article.text[a:b] for a, b in article.paragraphs]
    assert texts == ["Токаев назвал их террористами.", "Протесты в Казахстане",
                     "Протесты в Казахстане начались 2 января."]


def test_each_line_is_a_paragraph_but_hard_wraps_are_not():
    text = ("Бывший президент Перу застрелился при задержании\n"
            "Алан Гарсия в 2006 году\n"
            "Экс-президент Перу Алан Гарсия застрелился, когда полиция пришла\n"
            "задержать его по делу о взятках.")
    article = clean(Article("t", text))
    assert [article.text[a:b] for a, b in article.paragraphs] == [
        "Бывший президент Перу застрелился при задержании",
        "Алан Гарсия в 2006 году",
        "Экс-президент Перу Алан Гарсия застрелился, когда полиция пришла\nзадержать его по делу о взятках.",
    ]


def test_a_headline_line_is_a_sentence_of_its_own(process):
    article = process("В Алматы захвачен аэропорт\nПротестующие захватили аэропорт Алматы в среду.")
    assert [article.text[s.start:s.stop] for s in article.sentences] == [
        "В Алматы захвачен аэропорт", "Протестующие захватили аэропорт Алматы в среду."]
