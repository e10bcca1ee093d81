"""Time layer: a table of (expression, anchor) -> (value, grain, part), event dating, and scores on
the seed and on hand-dated NEREL dev articles (tests/gold/nerel_times)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from letopis import language
from letopis.cleanup import clean
from letopis.records import Article
from letopis.times import event_date, find_times

GOLD = Path(__file__).parent / "gold" / "nerel_times"

# (text, published, piece the found span must cover, value, grain, part); the last expression found
# in the text is checked, so earlier ones can set up the context.
CASES = [
    # day and month, with and without a year; year by proximity to the anchor
    ("Протесты начались 2 января в Мангистауской области.", "2022-01", "2 января", "2022-01-02", "day", None),
    ("Это случилось 30 декабря.", "2022-01-03", "30 декабря", "2021-12-30", "day", None),
    ("Выборы пройдут 7 мая.", "2020-04-26", "7 мая", "2020-05-07", "day", None),
    # a word ending in a preposition's letters («выборов», «провозглашена») lends it none
    ("Итоги президентских выборов 6 мая объявят.", "2020-04-26", "6 мая", "2020-05-06", "day", None),
    ("Республика провозглашена 6 февраля 1952 года.", "2020", "6 февраля 1952 года", "1952-02-06", "day", None),
    ("Он родился 23 мая 1949 года.", "2019-04-17", "23 мая 1949 года", "1949-05-23", "day", None),
    ("Письмо пришло 5 янв. 2021 г.", "2022-01", "5 янв. 2021", "2021-01-05", "day", None),
    ("МОСКВА, 1 авг — РИА Новости. Выборы прошли спокойно.", "2013-08", "1 авг", "2013-08-01", "day", None),
    ("Заседание назначено на 27 апреля.", "2020-04-26", "на 27 апреля", "2020-04-27", "day", None),
    ("К 26 марта зафиксировано 11658 случаев.", "2020-03-27", "К 26 марта", "2020-03-26", "day", None),
    ("Указ вступит в силу с 1 сентября.", "2021-08-20", "1 сентября", "2021-09-01", "day", None),
    ("Скончался 10 июня 2019 года в возрасте 78 лет.", None, "10 июня 2019 года", "2019-06-10", "day", None),
    ("Документ подписан 1 июля 2019 г. в Москве.", "2019-07-11", "1 июля 2019 г.", "2019-07-01", "day", None),
    ("Срок истекает 31 декабря.", "2021-12-20", "31 декабря", "2021-12-31", "day", None),
    ("Это произошло 29 февраля 2020 года.", "2020-03", "29 февраля 2020 года", "2020-02-29", "day", None),
    ("Он умер 23 февраля, сообщили родные.", "2022", "23 февраля", "2022-02-23", "day", None),
    # numeric dates
    ("Приговор вынесен 05.01.2022 Пресненским судом.", "2022-01", "05.01.2022", "2022-01-05", "day", None),
    ("Дата рождения: 17.09.69.", "2019-03-05", "17.09.69", "1969-09-17", "day", None),
    ("Задержание произошло 3.02.21 в Минске.", "2021-02", "3.02.21", "2021-02-03", "day", None),
    ("Публикация от 2022-01-05 удалена.", None, "2022-01-05", "2022-01-05", "day", None),
    # years
    ("В 2021 году рост цен ускорился.", "2022-01", "В 2021 году", "2021", "year", None),
    ("С 2004 года компания платила взятки.", "2019", "С 2004 года", "2004", "year", None),
    ("Он был премьером в 1988—1998 годах.", "2019", "1988—1998 годах", "1988", "year", None),
    ("Он правил в 1985—1990 и позже.", "2019", "в 1985—1990", "1985", "year", None),
    ("Стадион построили к чемпионату мира в 2014.", "2019", "в 2014", "2014", "year", None),
    ("В 1969 года написал оперу, а в 1973 — симфонию.", "2020", "в 1973", "1973", "year", None),
    ("Альбом Invaders Must Die (2009) стал первым.", "2019", "(2009)", "2009", "year", None),
    ("Он стал чемпионом Европы 1987 года.", "2020", "1987 года", "1987", "year", None),
    ("В 1912-1914гг. он жил в Париже.", "2020", "1912-1914гг.", "1912", "year", None),
    ("В конце 2016 года она согласилась выплатить штраф.", "2019", "В конце 2016 года", "2016", "year", None),
    ("В 2021-м году число жертв выросло.", "2022", "2021-м году", "2021", "year", None),
    # months
    ("В декабре цены выросли.", "2022-01-10", "В декабре", "2021-12", "month", None),
    ("В декабре цены вырастут.", "2021-11-10", "В декабре", "2021-12", "month", None),
    ("В ноябре 2018 года он просил убежища.", "2019-04-17", "В ноябре 2018 года", "2018-11", "month", None),
    ("Это было в конце января.", "2022-02-10", "в конце января", "2022-01", "month", None),
    ("Встреча пройдёт в середине марта.", "2022-02-10", "в середине марта", "2022-03", "month", None),
    ("В начале июня начались протесты.", "2020-07", "В начале июня", "2020-06", "month", None),
    ("Я болел в ноябре-декабре.", "2020-04-28", "в ноябре-декабре", "2019-11", "month", None),
    ("Он стал профессионалом в декабре 1981.", "2020", "в декабре 1981", "1981-12", "month", None),
    ("Фото: сентябрь 2015 года", "2020", "сентябрь 2015 года", "2015-09", "month", None),
    ("Запрет действует до конца мая.", "2020-04-15", "до конца мая", "2020-05", "month", None),
    # nights and parts of the day
    ("В Алматы в ночь на 6 января началась спецоперация.", "2022-01", "в ночь на 6 января", "2022-01-06", "day", "night"),
    ("Военные подавили протест в ночь с 3 на 4 июня 1989 года.", "2019", "в ночь с 3 на 4 июня 1989 года", "1989-06-04", "day", "night"),
    ("Днем 5 января протестующие захватили здание.", "2022-01", "5 января", "2022-01-05", "day", "day"),
    ("Тело нашли утром 4 марта 2019 года.", "2019-03-05", "4 марта 2019 года", "2019-03-04", "day", "morning"),
    ("Поздно вечером 7 января начался штурм.", "2022-01", "7 января", "2022-01-07", "day", "evening"),
    ("Он скончался 22 июля в 23:11 по пекинскому времени.", "2019-07-23", "22 июля", "2019-07-22", "day", "evening"),
    ("Взрыв прогремел около 15:30 по местному времени.", "2022-01-05", "около 15:30", "2022-01-05", "day", "day"),
    ("Его госпитализировали в ночь на понедельник, 6 апреля 2020 года.", "2020-04-06", "6 апреля 2020 года", "2020-04-06", "day", "night"),
    ("Минувшей ночью в городе были слышны выстрелы.", "2022-01-06", "Минувшей ночью", "2022-01-06", "day", "night"),
    ("Штурм начался в ночь на субботу.", "2022-01-10", "в ночь на субботу", "2022-01-08", "day", "night"),
    # days relative to the article date
    ("Вчера в Алматы прошли митинги.", "2022-01-06", "Вчера", "2022-01-05", "day", None),
    ("Вчера в Алматы прошли митинги.", "2022-01", "Вчера", "2022-01", "month", None),
    ("Сегодня утром начался обстрел.", "2022-01-06", "Сегодня утром", "2022-01-06", "day", "morning"),
    ("Завтра состоится заседание.", "2022-01-31", "Завтра", "2022-02-01", "day", None),
    ("Позавчера задержали активиста.", "2022-03-01", "Позавчера", "2022-02-27", "day", None),
    ("Об этом он заявил вчера вечером.", "2022-01-06", "вчера вечером", "2022-01-05", "day", "evening"),
    ("Об этом накануне заявил министр.", "2022-01-06", "накануне", "2022-01-05", "day", None),
    ("Три дня назад начались столкновения.", "2022-01-06", "Три дня назад", "2022-01-03", "day", None),
    ("Две недели назад объявили карантин.", "2020-04-15", "Две недели назад", "2020-04-01", "day", None),
    ("Два месяца назад он ушёл в отставку.", "2020-04-15", "Два месяца назад", "2020-02", "month", None),
    ("Год назад случился пожар.", "2020-04-15", "Год назад", "2019", "year", None),
    ("Неделю назад его выписали.", "2022-01", "Неделю назад", "2022-01", "month", None),
    ("Через 10 дней пройдёт суд.", "2022-01-06", "Через 10 дней", "2022-01-16", "day", None),
    # weekdays: the latest such day on or before the anchor unless the verb looks forward
    ("Президент заявил в понедельник, что знает о состоянии лидера.", "2020-04-28", "в понедельник", "2020-04-27", "day", None),
    ("В среду полиция задержала 20 человек.", "2022-01-12", "В среду", "2022-01-12", "day", None),
    ("Во вторник прошла акция.", "2022-01-12", "Во вторник", "2022-01-11", "day", None),
    ("В четверг прошла акция.", "2022-01-12", "В четверг", "2022-01-06", "day", None),
    ("В пятницу в Москве пройдёт митинг.", "2022-01-12", "В пятницу", "2022-01-14", "day", None),
    ("В воскресенье состоится голосование.", "2022-01-12", "В воскресенье", "2022-01-16", "day", None),
    ("В прошлый четверг прошли обыски.", "2022-01-13", "В прошлый четверг", "2022-01-06", "day", None),
    ("В минувшую пятницу прошли обыски.", "2022-01-12", "В минувшую пятницу", "2022-01-07", "day", None),
    ("В этот четверг начнётся суд.", "2022-01-10", "В этот четверг", "2022-01-13", "day", None),
    ("В следующий вторник начнётся суд.", "2022-01-12", "В следующий вторник", "2022-01-18", "day", None),
    ("В пятницу вечером начались беспорядки.", "2022-01-10", "В пятницу вечером", "2022-01-07", "day", "evening"),
    ("В субботу прошла акция.", "2022-01", "В субботу", "2022-01", "month", None),
    ("Он скончался днём в понедельник, 27 апреля 2020 года.", "2020-04-28", "27 апреля 2020 года", "2020-04-27", "day", "day"),
    ("Митинг прошёл в пятницу, 21 июня.", "2020-04-15", "21 июня", "2019-06-21", "day", None),
    # days told from the date just before in the text
    ("5 апреля его госпитализировали. На следующий день ему стало хуже.", "2020-04-26", "На следующий день", "2020-04-06", "day", None),
    ("Он умер 28 марта 2020 года. Двумя неделями ранее умерла его мать.", "2020-03-30", "Двумя неделями ранее", "2020-03-14", "day", None),
    ("Он стал чемпионом в 1988 году. Годом позже он завоевал титул Европы.", "2020", "Годом позже", "1989", "year", None),
    ("В 1959 году он победил на конкурсе. Через год получил награду.", "2020", "Через год", "1960", "year", None),
    ("Суд прошёл 1 июля. Двумя днями ранее его задержали.", "2019-07-11", "Двумя днями ранее", "2019-06-29", "day", None),
    ("Взрыв произошёл 3 марта. Накануне в городе прошли обыски.", "2022-03-10", "Накануне", "2022-03-02", "day", None),
    ("Взрыв произошёл 3 марта. В тот же день задержали подозреваемого.", "2022-03-10", "В тот же день", "2022-03-03", "day", None),
    ("4 июня 1989 года войска вошли в город. 5 июня митинги прекратились.", "2019", "5 июня", "1989-06-05", "day", None),
    # weeks, months and years relative to the anchor
    ("На прошлой неделе прошли обыски.", "2022-01-12", "На прошлой неделе", "2022-01-03", "day", None),
    ("В прошлом месяце цены выросли.", "2022-01-12", "В прошлом месяце", "2021-12", "month", None),
    ("В прошлом месяце цены выросли.", "2022-01", "В прошлом месяце", "2021-12", "month", None),
    ("В этом году ожидается рост.", "2022-01", "В этом году", "2022", "year", None),
    ("В прошлом году он ушёл в отставку.", "2022-03-01", "В прошлом году", "2021", "year", None),
    ("В следующем году пройдут выборы.", "2022", "В следующем году", "2023", "year", None),
    # ranges
    ("Учения пройдут с 2 по 5 января.", "2021-12-30", "с 2 по 5 января", "2022-01-02", "day", None),
    ("Фестиваль прошёл с 30 декабря по 2 января.", "2022-01-10", "с 30 декабря по 2 января", "2021-12-30", "day", None),
    ("Форум пройдёт 14-16 июля в Казани.", "2020-07", "14-16 июля", "2020-07-14", "day", None),
]

# Texts with no time expression in them.
NONE = [
    ("В авг было жарко.", "2013-08"),  # a dotless short month stands only after a day number
    ("Колонна остановилась в 2000 километрах от границы.", "2022-01"),
    ("В середине 1970-х он переехал в Эссекс.", "2019"),
    ("Несколько дней назад менеджер сдавал тест.", "2020-04-28"),
    ("Накануне выборов оппозиция провела митинг.", "2021-09"),
    ("Они получили 1 год 6 месяцев колонии.", "2019-05-08"),
    ("Его альбом 4:44 вышел летом.", "2017"),
]


@pytest.mark.parametrize("text,published,piece,value,grain,part", CASES)
def test_expression(text, published, piece, value, grain, part):
    found = find_times(text, published)
    assert found, f"nothing found in {text!r}"
    t = found[-1]
    assert piece in t.text, (t.text, piece)
    assert (t.value, t.grain, t.part) == (value, grain, part)


def test_table_is_large_enough():
    assert len(CASES) >= 80


@pytest.mark.parametrize("text,published", NONE)
def test_no_expression(text, published):
    assert find_times(text, published) == []


def test_range_end():
    [t] = find_times("Учения пройдут с 2 по 5 января.", "2021-12-30")
    assert (t.value, t.end) == ("2022-01-02", "2022-01-05")


@pytest.mark.parametrize("text,caption", [
    ("Владимир Путин и Дмитрий Медведев 7 марта 2018 года В Кремле заявили, что встреча прошла.", True),
    ("Иван Голунов в зале суда, 8 июня 2019 года\nЖурналиста освободили из-под ареста.", True),
    ("МОСКВА, 12 января — Власти объявили режим ЧС.", True),
    ("10 июня 2019 года Ван Цзюнь скончался в Пекине.", False),
    ("Он умер 28 марта 2020 года в поликлинике.", False),
])
def test_caption(text, caption):
    [t] = find_times(text, "2022-01")
    assert t.caption is caption


@pytest.mark.parametrize("text,value", [
    ("В пятницу президент проведёт совещание с губернаторами.", "2022-01-14"),
    ("В пятницу президент провёл совещание с губернаторами.", "2022-01-07"),
])
def test_weekday_tense_from_parse(models, text, value):
    """The verb's tense comes from the parse («проведёт» is in no lexicon list)."""
    article = Article(id="t", text=text, published="2022-01-12")
    language.run([article], models)
    [t] = find_times(article.text, article.published, article.sentences)
    assert t.value == value


def test_caption_never_dates_events():
    text = "Владимир Путин и Дмитрий Медведев 7 марта 2018 года В Кремле прошло совещание."
    article = Article(id="t", text=text, published="2022-01-12")
    article.times = find_times(text, article.published)
    start = text.index("прошло")
    assert event_date(article, start, len(text)) == ("2022-01-12", "day")


EVENT_CASES = [
    # (text, published, evidence, date, grain)
    ("Днем 5 января протестующие захватили здание. Там в итоге произошел пожар.", "2022-01",
     "произошел пожар", "2022-01", "month"),
    ("Днем 5 января протестующие захватили здание администрации.", "2022-01",
     "протестующие захватили здание", "2022-01-05", "day"),
    ("Митингующие захватили аэропорт, но в ночь на 6 января власти сообщили, что он освобожден.", "2022-01",
     "Митингующие захватили аэропорт", "2022-01", "month"),
    ("Митингующие захватили аэропорт, но в ночь на 6 января власти сообщили, что он освобожден.", "2022-01",
     "власти сообщили, что он освобожден", "2022-01-06", "day"),
    ("В ночь на 6 января началась спецоперация, после того как президент назвал протестующих бандитами.",
     "2022-01", "назвал протестующих бандитами", "2022-01", "month"),
    ("Основная масса демонстрантов вышла на митинги 4 января.", "2022-01-10",
     "вышла на митинги", "2022-01-04", "day"),
    ("5 апреля Джонсона госпитализировали. При этом он продолжил работу.", "2020-04-26",
     "продолжил работу", "2020-04-05", "day"),
    ("На прошлой неделе в городе прошли обыски.", "2022-01-12", "прошли обыски", "2022-01", "month"),
    # one end of a period dates nothing in it
    ("Это первое заказное убийство глав мафии в Нью-Йорке с 1985 года.", "2019-03-14",
     "убийство глав мафии", "2019-03-14", "day"),
    ("Акции протеста продолжались с 2 по 5 января.", "2022-01-10", "Акции протеста", "2022-01-02", "day"),
]


@pytest.mark.parametrize("text,published,evidence,date,grain", EVENT_CASES)
def test_event_date(text, published, evidence, date, grain):
    article = Article(id="t", text=text, published=published)
    article.times = find_times(text, published)
    start = text.index(evidence)
    assert event_date(article, start, start + len(evidence)) == (date, grain)


# ---------------------------------------------------------------- scores on gold

def _score(gold_times: list[dict], article: Article) -> tuple[int, int, int, int]:
    """(right predictions, predictions, gold found, gold): offset-free matching per SCHEMA.md: a
    prediction is right when it covers a gold text and has its value; repeats of a gold time are right."""
    def fold(s: str) -> str:
        return " ".join(s.replace("ё", "е").lower().split())

    def match(g: dict, t) -> bool:
        return fold(g["text"]) in fold(t.text) and g["value"] == t.value
    right = sum(any(match(g, t) for g in gold_times) for t in article.times)
    found = sum(any(match(g, t) for t in article.times) for g in gold_times)
    return right, len(article.times), found, len(gold_times)


def _f1(right: int, pred: int, found: int, gold: int) -> float:
    p, r = right / pred if pred else 0.0, found / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _article(path: Path, published: str | None) -> Article:
    raw = path.read_text(encoding="utf-8")
    header = re.match(r"\s*date\s+(\d{4}(?:-\d\d){0,2})\s+", raw)
    article = Article(id=path.stem, text=raw[header.end():] if header else raw,
                      published=header.group(1) if header else published)
    clean(article)
    article.times = find_times(article.text, article.published, paragraphs=article.paragraphs)
    return article


def test_seed_times(shared):
    gold = json.loads((shared / "gold" / "000_68c99dab9954aa43.json").read_text(encoding="utf-8"))
    article = _article(shared / "corpus" / "seed" / "000_68c99dab9954aa43.txt", None)
    assert _f1(*_score(gold["times"], article)) == 1.0


def test_seed_event_dates(shared):
    """Every gold event of the seed gets its gold date from its evidence clause."""
    gold = json.loads((shared / "gold" / "000_68c99dab9954aa43.json").read_text(encoding="utf-8"))
    article = _article(shared / "corpus" / "seed" / "000_68c99dab9954aa43.txt", None)
    for event in gold["events"]:
        start = article.text.index(event["evidence"])
        date, grain = event_date(article, start, start + len(event["evidence"]))
        assert date[:len(event["date"])] == event["date"], event["evidence"]


def test_nerel_gold(shared):
    files = sorted(GOLD.glob("*.json"))
    assert len(files) >= 10
    totals = [0, 0, 0, 0]
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = _article(shared / gold["article"], gold["published"])
        totals = [a + b for a, b in zip(totals, _score(gold["times"], article))]
    assert _f1(*totals) >= 0.9, totals
