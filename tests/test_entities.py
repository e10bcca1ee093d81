import pytest

from letopis.records import Article

# (sentence, type, canonical name): the name in the sentence is in an oblique case.
NAME_FORMS = [
    ("Об этом заявил пресс-секретарь Токаева.", "PER", "Токаев"),
    ("Протесты начались в Мангистауской области.", "LOC", "Мангистауская область"),
    ("Встреча с Касымом-Жомартом Токаевым прошла в Кремле.", "PER", "Касым-Жомарт Токаев"),
    ("Снятия неприкосновенности с Нурсултана Назарбаева требовали демонстранты.", "PER", "Нурсултан Назарбаев"),
    ("Письмо было направлено Владимиру Путину.", "PER", "Владимир Путин"),
    ("Журналисты говорили с Алексеем Навальным.", "PER", "Алексей Навальный"),
    ("Решение подписала Валентина Матвиенко.", "PER", "Валентина Матвиенко"),
    ("Делегация прибыла к Олафу Шольцу.", "PER", "Олаф Шольц"),
    ("Переговоры с Эммануэлем Макроном продлились час.", "PER", "Эммануэль Макрон"),
    ("Вопрос обсуждали с Сергеем Лавровым.", "PER", "Сергей Лавров"),
    ("Интервью с Марией Захаровой вышло вечером.", "PER", "Мария Захарова"),
    ("Соболезнования передали Александру Лукашенко.", "PER", "Александр Лукашенко"),
    ("Он жил в Екатеринбурге.", "LOC", "Екатеринбург"),
    ("Колонна двигалась из Нижнего Новгорода.", "LOC", "Нижний Новгород"),
    ("Делегация вылетела в Санкт-Петербург из Москвы.", "LOC", "Москва"),
    ("Наводнение случилось в Краснодарском крае.", "LOC", "Краснодарский край"),
    ("Выборы прошли в Республике Беларусь.", "LOC", "Республика Беларусь"),
    ("Учения проходили у берегов Японии.", "LOC", "Япония"),
    ("Беженцы прибыли из Сирии.", "LOC", "Сирия"),
    ("Пожар начался в Карагандинской области.", "LOC", "Карагандинская область"),
    ("Министр прилетел в Соединённые Штаты.", "LOC", "Соединённые Штаты"),
    ("Колонна вошла в Донецкую область.", "LOC", "Донецкая область"),
    ("Митинг прошёл в Ростове-на-Дону.", "LOC", "Ростов-на-Дону"),
    ("Эксперты Министерства обороны России осмотрели место.", "ORG", "Министерство обороны России"),
    ("Представители Организации Объединённых Наций выступили с заявлением.", "ORG",
     "Организация Объединённых Наций"),
    ("Сотрудники Федеральной службы безопасности задержали подозреваемого.", "ORG",
     "Федеральная служба безопасности"),
    ("Депутаты Государственной думы приняли закон.", "ORG", "Государственная дума"),
    ("Об этом сообщили в Министерстве иностранных дел.", "ORG", "Министерство иностранных дел"),
    ("Акции Газпрома выросли.", "ORG", "Газпром"),
    ("Выступил глава Центрального банка.", "ORG", "Центральный банк"),
]


@pytest.fixture(scope="module")
def processed(pipeline):
    articles = [Article(id=str(i), text=text) for i, (text, _, _) in enumerate(NAME_FORMS)]
    return pipeline.run(articles)


@pytest.mark.parametrize("index", range(len(NAME_FORMS)))
def test_canonical_name(processed, index):
    text, type, name = NAME_FORMS[index]
    found = {(e.type, e.name.replace("ё", "е")) for e in processed[index].entities}
    assert (type, name.replace("ё", "е")) in found, f"{text!r} gave {found}"


def test_seed_coreference_and_roles(seed):
    by_name = {e.name: e for e in seed.entities}
    tokayev = by_name["Касым-Жомарт Токаев"]
    assert "президент" in tokayev.roles
    mentioned = {seed.text[a:b] for a, b in tokayev.mentions}
    assert {"Токаев", "Касыма-Жомарта Токаева"} <= mentioned
    azirbek = by_name["Салтанат Азирбек"]
    assert "пресс-секретарь" in azirbek.roles
    assert "Азирбек" in {seed.text[a:b] for a, b in azirbek.mentions}
    assert "Мангистауская область" in by_name
    assert all("Азирбек" != e.name for e in seed.entities)  # the surname alone joined the full name


def test_mentions_point_at_the_text(seed):
    for entity in seed.entities:
        for start, stop in entity.mentions:
            assert seed.text[start:stop].strip() == seed.text[start:stop] and stop > start
