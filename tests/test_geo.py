"""Geo stage: Russian place names in their case forms resolve to places."""
from __future__ import annotations

import math

import pytest

from letopis import gazetteer as gaz
from letopis import geo
from letopis.records import Article, Entity

# (name as met in a text, expected lat, lon): administrative centres for regions.
PLACES = [
    # Kazakhstan
    ("в Алма-Ате", 43.24, 76.89),
    ("Алматы", 43.24, 76.89),
    ("в Шымкенте", 42.32, 69.59),
    ("Нур-Султана", 51.17, 71.45),
    ("Астане", 51.17, 71.45),
    ("Караганды", 49.81, 73.09),
    ("Жанаозене", 43.34, 52.86),
    ("г. Актау", 43.65, 51.17),
    ("Усть-Каменогорске", 49.95, 82.61),
    ("Уральске", 51.23, 51.37),
    ("Семее", 50.41, 80.25),
    ("Петропавловске", 54.87, 69.14),
    ("Таразе", 42.90, 71.37),
    ("Костанае", 53.21, 63.63),
    ("Мангистауской области", 43.65, 51.17),
    ("Карагандинской области", 49.81, 73.09),
    ("Павлодарской области", 52.29, 76.97),
    ("Атырауской области", 47.11, 51.92),
    ("Актюбинской области", 50.28, 57.17),
    ("Западно-Казахстанской области", 51.23, 51.37),
    ("Восточно-Казахстанской области", 49.95, 82.61),
    ("Жамбылской области", 42.90, 71.37),
    ("Кызылординской области", 44.85, 65.51),
    ("Туркестанской области", 43.30, 68.25),
    ("Алматинской области", 43.87, 77.07),
    ("Северо-Казахстанской области", 54.87, 69.14),
    # Russia
    ("Екатеринбурге", 56.84, 60.61),
    ("Нижнем Новгороде", 56.33, 44.00),
    ("Санкт-Петербурге", 59.94, 30.31),
    ("Ростове-на-Дону", 47.23, 39.72),
    ("Новосибирске", 55.03, 82.92),
    ("Казани", 55.79, 49.12),
    ("Самаре", 53.20, 50.15),
    ("Омске", 54.99, 73.37),
    ("Уфе", 54.74, 55.97),
    ("Красноярске", 56.01, 92.87),
    ("Перми", 58.01, 56.25),
    ("Волгограде", 48.71, 44.51),
    ("Владивостоке", 43.12, 131.89),
    ("Набережных Челнах", 55.74, 52.41),
    ("Тольятти", 53.51, 49.42),
    ("Ставрополе", 45.04, 41.97),
    ("Свердловской области", 56.84, 60.61),
    ("Краснодарском крае", 45.04, 38.98),
    ("Республике Татарстан", 55.79, 49.12),
    ("Башкирии", 54.74, 55.97),
    ("Дагестане", 42.98, 47.50),
    ("Ханты-Мансийском автономном округе", 61.00, 69.02),
    ("Белгородской области", 50.60, 36.59),
    ("Курской области", 51.73, 36.19),
    # Ukraine
    ("Харькова", 49.99, 36.23),
    ("Киеве", 50.45, 30.52),
    ("Одессе", 46.48, 30.73),
    ("Днепропетровске", 48.46, 35.05),
    ("Львове", 49.84, 24.03),
    ("Мариуполе", 47.10, 37.55),
    ("Кривом Роге", 47.91, 33.39),
    ("Николаеве", 46.97, 32.00),
    ("Донецкой области", 48.00, 37.80),
    ("Луганской области", 48.57, 39.31),
    ("Харьковской области", 49.99, 36.23),
    ("Запорожской области", 47.84, 35.14),
    ("Херсонской области", 46.64, 32.62),
    ("Львовской области", 49.84, 24.03),
    # other post-Soviet states
    ("Минске", 53.90, 27.56),
    ("Гомеле", 52.43, 30.98),
    ("Гомельской области", 52.43, 30.98),
    ("Ташкенте", 41.30, 69.24),
    ("Самаркандской области", 39.65, 66.96),
    ("Бишкеке", 42.87, 74.59),
    ("Оше", 40.53, 72.80),
    ("Душанбе", 38.56, 68.77),
    ("Ереване", 40.18, 44.51),
    ("Тбилиси", 41.72, 44.79),
    ("Кишиневе", 47.01, 28.86),
]

COUNTRIES = [
    ("Казахстане", "KZ"),
    ("России", "RU"),
    ("Соединенных Штатах", "US"),
    ("Белоруссии", "BY"),
    ("Беларуси", "BY"),
    ("Киргизии", "KG"),
    ("Молдове", "MD"),
    ("Армения", "AM"),  # not the Colombian city
]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (math.sin(dlat / 2) ** 2
         + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gazetteer(models) -> gaz.Gazetteer:
    return gaz.Gazetteer.load(models.morph_vocab)


@pytest.mark.parametrize("name,lat,lon", PLACES)
def test_case_forms_resolve_within_30_km(gazetteer, name, lat, lon):
    found = gazetteer.lookup(name)
    assert found, name
    assert km(found["lat"], found["lon"], lat, lon) < 30, (name, found)


@pytest.mark.parametrize("name,code", COUNTRIES)
def test_countries(gazetteer, name, code):
    found = gazetteer.lookup(name)
    assert (found["feature"], found["country"]) == ("country", code)


def test_record_shape(gazetteer):
    found = gazetteer.lookup("Мангистауской области")
    assert found == {"lat": found["lat"], "lon": found["lon"], "country": "KZ", "feature": "region",
                     "geonames_id": None, "name": "Мангистауская область",
                     "admin1": "Мангистауская область"}
    city = gazetteer.lookup("Жанаозене")
    assert city["geonames_id"] and city["feature"] == "city"
    assert city["admin1"] == "Мангистауская область"
    assert gazetteer.lookup("Москве")["admin1"] is None  # a federal city is in no oblast
    assert gazetteer.lookup("Казахстане")["admin1"] is None


def test_almaty_and_alma_ata_are_one_place(gazetteer):
    assert gazetteer.lookup("Алма-Ате") == gazetteer.lookup("Алматы")
    assert gazetteer.lookup("Чимкента")["geonames_id"] == gazetteer.lookup("Шымкента")["geonames_id"]


def test_unknown_name(gazetteer):
    assert gazetteer.lookup("Тридевятое царство") is None


@pytest.mark.parametrize("name,countries,code", [
    ("Кировске", None, "RU"),
    ("Кировске", ["UA"], "UA"),
    ("Донецке", ["RU"], "UA"),  # a small namesake in the hinted country loses
    ("Москве", ["US"], "RU"),
    ("Брест", None, "BY"),
    ("Бресте", ["FR"], "FR"),
    ("Петропавловске", None, "KZ"),
])
def test_disambiguation(gazetteer, name, countries, code):
    assert gazetteer.lookup(name, countries)["country"] == code


def test_old_names_lose_to_current_ones(gazetteer):
    """`Ставрополь` is also Tolyatti's old name; the city called so today wins."""
    found = gazetteer.lookup("Ставрополь")
    assert km(found["lat"], found["lon"], 45.04, 41.97) < 30


@pytest.mark.parametrize("outer,inner,expected", [
    ("Мангистауская область", "Жанаозен", True),
    ("Казахстан", "Жанаозен", True),
    ("Казахстан", "Мангистауская область", True),
    ("Свердловская область", "Екатеринбург", True),
    ("Карагандинская область", "Жанаозен", False),
    ("Россия", "Алматы", False),
    ("Московская область", "Москва", False),  # a federal city is not part of the oblast
    ("Жанаозен", "Казахстан", False),
    ("Алматы", "Алматы", False),
])
def test_contains(gazetteer, outer, inner, expected):
    assert gazetteer.contains(outer, inner) is expected


def test_contains_takes_geo_records(gazetteer):
    assert gaz.contains(gazetteer.lookup("Донецкой области"), gazetteer.lookup("Мариуполя"))
    assert not gaz.contains(gazetteer.lookup("Харьковской области"), gazetteer.lookup("Мариуполя"))


@pytest.mark.parametrize("text,expected", [
    ("здание городской администрации", True),
    ("на улице Абая", True),
    ("центральной площади", True),
    ("площади Республики", True),
    ("в аэропорту Алматы", True),
    ("микрорайоне Самал", True),
    ("Алматы", False),
    ("Мангистауской области", False),
    ("Кордайском районе", False),
])
def test_is_site(gazetteer, text, expected):
    assert gazetteer.is_site(text) is expected


@pytest.mark.parametrize("name,expected", [
    ("Жанаозене", 1), ("Мангистауской области", 3), ("Казахстане", 3),
])
def test_precision(gazetteer, name, expected):
    assert gaz.precision(gazetteer.lookup(name)) == expected
    assert gaz.precision(None) is None


def test_stage_uses_the_countries_an_article_names(models):
    text = "Митинг прошёл в Кировске. Власти Украины его не запрещали."
    city, country = text.index("Кировске"), text.index("Украины")
    article = Article(id="t", text=text, entities=[
        Entity("E1", "LOC", "Кировск", mentions=[(city, city + len("Кировске"))]),
        Entity("E2", "LOC", "Украина", mentions=[(country, country + len("Украины"))]),
        Entity("E3", "PER", "Кировск"),
    ])
    [article] = geo.run([article], models)
    assert article.entities[0].geo["country"] == "UA"
    assert article.entities[1].geo["feature"] == "country"
    assert article.entities[2].geo is None  # only LOC entities are places


def test_stage_on_a_processed_sentence(process):
    article = process("16 декабря 2011 года в Жанаозене Мангистауской области полиция открыла огонь "
                      "по бастующим нефтяникам.", "2011-12-17")
    places = {e.geo["name"]: e.geo for e in article.entities if e.type == "LOC" and e.geo}
    assert places["Жанаозен"]["country"] == "KZ"
    assert places["Мангистауская область"]["feature"] == "region"


# A name the morphology does not know keeps its case ending; the gazetteer gives its dictionary
# form (forms annotated as CITY in NEREL train; the id first).
INFLECTED = [
    ("104189", "Монсе", "Монс"),
    ("104239", "Мармарисе", "Мармарис"),
    ("104434", "Гарленде", "Гарленд"),
    ("102661", "Наро-Фоминске", "Наро-Фоминск"),
    ("", "Кветте", "Кветта"),
    ("", "Абудже", "Абуджа"),
]


@pytest.mark.parametrize("text_id, form, name", INFLECTED)
def test_nominative_of_an_unknown_inflected_name(gazetteer, text_id, form, name):
    assert gazetteer.nominative(form, gazetteer.lookup(form)) == name
    assert gazetteer.nominative(name, gazetteer.lookup(name)) is None  # already the dictionary form


def test_an_entity_named_in_a_case_form_takes_the_dictionary_form(process):
    article = process("В пакистанском городе Кветте произошел взрыв.", "2020-01-10")
    assert "Кветта" in [e.name for e in article.entities if e.type == "LOC"]


# The states of the USA are the foreign regions NEREL train names most; their towns lie in them.
US_STATES = [("Массачусетс", "Бостон"), ("Калифорния", "Лос-Анджелес"), ("Техас", "Хьюстон"),
             ("Огайо", "Цинциннати")]


@pytest.mark.parametrize("state, town", US_STATES)
def test_a_us_state_holds_its_towns(gazetteer, state, town):
    region = gazetteer.lookup(state)
    assert region["feature"] == "region" and region["country"] == "US"
    assert gazetteer.contains(region, gazetteer.lookup(town, ["US"]))
    assert gazetteer.lookup(town, ["US"])["admin1"] == state


def test_a_state_named_like_a_big_town_stays_the_town(gazetteer):
    assert gazetteer.lookup("Нью-Йорк")["feature"] == "city"


# A place name the morphology left in a case form takes the gazetteer's name («в Нидерландах»,
# «в Боснии и Герцеговине», «осада Сараево»); a name of its own is kept («Париж»).
CASE_FORMS = [("В Нидерландах прошли выборы.", "Нидерланды"), ("Осада Сараево длилась годы.", "Сараево"),
              ("Конфликт в Боснии и Герцеговине длился три года.", "Босния и Герцеговина"),
              ("Акция прошла на Мальдивах.", "Мальдивы")]


@pytest.mark.parametrize("text, name", CASE_FORMS)
def test_a_case_form_takes_the_gazetteers_name(process, text, name):
    assert name in [e.name for e in process(text, "2017-11-22").entities if e.type == "LOC"]


def test_a_name_of_its_own_is_kept(process):
    assert "Париж" in [e.name for e in process("В Париже прошла акция.", "2017-11-22").entities]


# A country goes by one name, whatever the text calls it: «РФ», «КНР», «ФРГ» (NEREL train texts).
COUNTRY_NAMES = [
    ("160996", "Винник написал признание в Генпрокуратуру РФ.", "Россия"),
    ("141309", "В начале 2018 года правительство КНР планирует полностью запретить VPN-сервисы.", "Китай"),
    ("13536", "Она отправила рукопись сразу в три крупных издательства ФРГ.", "Германия"),
]


@pytest.mark.parametrize("text_id, text, name", COUNTRY_NAMES)
def test_a_country_goes_by_one_name(process, text_id, text, name):
    places = [e for e in process(text, "2018-06-01").entities if e.type == "LOC"]
    assert [e.name for e in places] == [name]


# Two names of one place in one text are one entity: «Северная Корея» and «КНДР» (NEREL train
# 105591, 112371, 22582), «Китай» and «КНР» (141309, 14851).
ONE_PLACE_TWO_NAMES = [
    ("22582", "Государственные СМИ Северной Кореи сообщили об аресте гражданина США. Он был арестован в КНДР "
              "3 ноября.", "КНДР", {"Северная Корея"}),
    ("141309", "Власти Китая ограничили доступ к сервисам. В 2018 году правительство КНР планирует запретить "
               "VPN-сервисы.", "Китай", {"КНР"}),
]


@pytest.mark.parametrize("text_id, text, name, aliases", ONE_PLACE_TWO_NAMES)
def test_two_names_of_one_place_are_one_entity(process, text_id, text, name, aliases):
    [place] = [e for e in process(text, "2018-06-01").entities if e.type == "LOC" and e.name == name]
    assert aliases <= set(place.aliases) and len(place.mentions) == 2


@pytest.mark.parametrize("geo, region", [
    ({"feature": "city", "name": "Казан", "country": "RU", "admin1": "Республика Татарстан"}, "Республика Татарстан"),
    ({"feature": "city", "name": "Екатеринбург", "country": "RU", "geonames_id": 1486209}, "Свердловская область"),
    ({"feature": "region", "name": "Карагандинская область", "country": "KZ"}, "Карагандинская область"),
    ({"feature": "country", "name": "Россия", "country": "RU"}, None),
    ({"feature": "city", "name": "Париж", "country": "FR", "geonames_id": 2988507}, None),  # no regions of France
])
def test_region_of_a_place(geo, region):
    """What the trends roll a place up to (letopis.trends): its first-level region."""
    found = gaz.region_of(geo)
    assert (found.name if found else None) == region


def test_countries_by_code():
    assert gaz.countries()["KZ"].name == "Казахстан" and gaz.countries()["RU"].feature == "country"


@pytest.mark.parametrize("code, capital", [("RU", "Москва"), ("KZ", "Астана"), ("AM", "Ереван"), ("ID", "Джакарта"),
                                           ("US", "Вашингтон"), ("EG", "Каир")])
def test_a_country_knows_its_capital(gazetteer, code, capital):
    """data/geo/capitals.tsv (scripts/build_capitals.py): the capital as the gazetteer names it, a
    town of that country."""
    assert gaz.capitals()[code] == capital
    found = gazetteer.lookup(capital, [code])
    assert found["feature"] == "city" and found["country"] == code
