"""How many were killed (letopis.events.toll): table tests, each class of phrasing backed by
sentences of several NEREL train texts (the id before each row)."""
from __future__ import annotations

import pytest


def _assault(article):
    assaults = [e for e in article.events if e.type == "ASSAULT"]
    assert assaults, [(e.type, e.trigger) for e in article.events]
    return assaults[0]


# One person named as the victim is a toll of one, whoever many the killers were.
ONE_VICTIM = [
    ("12383", "Муфтий был застрелен двумя неизвестными, сообщает «Лента.ру».", "2010-12-16"),
    ("123602", "Джон Леннон был убит одним из его фанатов — охранником из штата Гавайи.", "2017-06-01"),
    ("113790", "Дениса Вороненкова застрелил 28-летний Павел Паршов.", "2017-03-24"),
]


@pytest.mark.parametrize("text_id, text, published", ONE_VICTIM)
def test_one_named_victim(process, text_id, text, published):
    fatalities = _assault(process(text, published)).fatalities
    assert (fatalities.min, fatalities.max) == (1, 1)


# A list of victims counts its members, each its number or one person; a part of the ones
# before («в том числе») adds nobody.
VICTIM_LISTS = [
    ("105025", "55-летний имам Маулама Аконджио и 64-летний Тхара Уддин были застрелены в упор на "
               "улице после дневной молитвы.", (2, 2)),
    ("108694", "Во время штурма произошла перестрелка, в которой погибли четверо агентов и шесть членов "
               "религиозной группы.", (10, 10)),
    ("124044", "В пятницу в Восточном Иерусалиме рядом с Храмовой горой были убиты трое палестинцев и "
               "трое израильтян.", (6, 6)),
    ("161651", "В бельгийском городе Льеж 29 мая 2018 года мужчина застрелил двух полицейских и одного "
               "случайного прохожего.", (3, 3)),
    ("40579", "С 14 августа 2013 года, когда власти разогнали палаточные лагеря «Братьев-мусульман» в "
              "Каире, в стране были убиты около 900 человек, в том числе более 100 военнослужащих и "
              "полицейских.", (810, 990)),
]


@pytest.mark.parametrize("text_id, text, toll", VICTIM_LISTS)
def test_a_list_of_victims_is_counted(process, text_id, text, toll):
    fatalities = _assault(process(text, "2019-10-05")).fatalities
    assert (fatalities.min, fatalities.max) == toll


# A number in the name of a law or a charge counts no one.
LEGAL_NUMBERS = [
    ("15371", "Уголовное дело по факту драки возбуждено по части 2 статьи 105 (покушение на убийство "
              "более двух лиц)."),
    ("21274", "Прокурор просил переквалифицировать обвинение в убийстве со статьи 111 УК РФ."),
    ("81872", "Он обвиняется в убийстве по неосторожности (часть 1 статьи 109 УК РФ)."),
    # terms served are no toll either
    ("22222", "Как сообщается, этот план созрел в голове 45-летнего Даны Мартина, который отбывает два "
              "пожизненных срока за изнасилование и убийство 15-летней девушки в Вермонте, совершенные в 2000 году."),
]


@pytest.mark.parametrize("text_id, text", LEGAL_NUMBERS)
def test_law_numbers_are_no_toll(process, text_id, text):
    article = process(text, "2019-06-14")
    assert all(e.fatalities is None for e in article.events)


# A toll told in a sentence of its own goes to the story's attack; the latest figure stands.
TOLLS_APART = [
    ("28649", "Теракт на Бостонском марафоне: прогремели два взрыва. Их жертвами стали три человека, более "
              "180 получили ранения.", "2013-04-20", 3),
    ("15063", "Боевики обстреляли рынок в Кандагаре. Число погибших в результате обстрела увеличилось до 26.",
     "2024-03-15", 26),
    ("133570", "По меньшей мере 27 человек погибли в результате стрельбы в церкви. Число погибших "
               "возросло до 28.", "2017-11-05", 28),
]


@pytest.mark.parametrize("text_id, text, published, toll", TOLLS_APART)
def test_a_toll_told_apart_goes_to_the_attack(process, text_id, text, published, toll):
    fatalities = _assault(process(text, published)).fatalities
    assert fatalities is not None and fatalities.min == toll


def test_wounded_are_never_the_dead(process):
    article = process("Боевики обстреляли рынок в Кандагаре. Пострадали 40 человек.", "2024-03-15")
    assault = _assault(article)
    assert assault.fatalities is None and assault.injured.min == 40


# State forces killing the attacker is an event of its own, not the attack's toll
# (NEREL train 159392, 133570).
ATTACKER_KILLED = [
    ("159392", "Сторонник ИГ напал с ножом на прохожих. До того, как его застрелили полицейские, он убил "
               "одного человека и ранил ещё четверых.", "2018-05-13"),
    ("133570", "Преступник открыл огонь по прихожанам в церкви. После погони его застрелили полицейские.",
     "2017-11-05"),
]


@pytest.mark.parametrize("text_id, text, published", ATTACKER_KILLED)
def test_the_attacker_killed_by_police_is_its_own_event(process, text_id, text, published):
    killings = [e for e in process(text, published).events if e.type == "ASSAULT" and e.mode == "kill"]
    assert len(killings) == 1 and killings[0].actor.cls == 1


# A killing in the passive after an attack in the same sentence, with no one of its own named, is
# the attacker's death: an event of its own with a toll of one (NEREL train texts).
ATTACKERS_DEATH = [
    ("161651", "В бельгийском городе Льеж 29 мая 2018 года мужчина застрелил двух полицейских и одного "
               "случайного прохожего, после чего был ликвидирован."),
    ("527162", "Вечером в четверг у здания ФСБ в Москве произошла стрельба. Нападавшему удалось убить одного "
               "и ранить четырёх сотрудников спецслужб, а также одного прохожего, после чего был ликвидирован."),
    ("527159", "Нападавшему удалось убить одного и ранить несколько сотрудников спецслужб, после чего он был "
               "убит."),
    # and with no one acting (a bug fix)
    ("509121", "3 октября сотрудник префектуры полиции напал с ножом на своих коллег. Он убил трёх мужчин и одну "
               "женщину, тяжело ранил ещё одну, затем его застрелили."),
]


@pytest.mark.parametrize("text_id, text", ATTACKERS_DEATH)
def test_the_attackers_death_is_its_own_event(process, text_id, text):
    assaults = [e for e in process(text, "2019-12-20").events if e.type == "ASSAULT"]
    assert len(assaults) == 2 and (assaults[1].fatalities.min, assaults[1].fatalities.max) == (1, 1)


# A shot at a named person and that person's death are one attack with a toll of one
# (NEREL train 12176, 113790).
SHOT_AND_DIED = [
    ("12176", "Аслан Черкесов выстрелил в Егора Свиридова из травматического пистолета. Егор Свиридов был убит.",
     "2010-12-09"),
    ("113790", "Киллер выстрелил в Дениса Вороненкова несколько раз. От полученных ранений Вороненков "
               "скончался на месте.", "2017-03-24"),
]


@pytest.mark.parametrize("text_id, text, published", SHOT_AND_DIED)
def test_a_shot_person_who_died(process, text_id, text, published):
    [attack] = [e for e in process(text, published).events if e.type == "ASSAULT"]
    assert (attack.fatalities.min, attack.fatalities.max) == (1, 1)


def test_deaths_that_might_have_been_are_no_toll(process):
    """NEREL train 121454: «могли привести к гибели десятков людей» counts no one."""
    article = process("Вертолет обстрелял здания Верховного суда. Их действия могли привести к гибели "
                      "десятков людей.", "2017-06-28")
    assert _assault(article).fatalities is None


# A killing that a later sentence dates on its own is another event, not the toll of the attack
# told just before it (NEREL train texts).
DATED_APART = [
    ("22222", "Злоумышленники собирались похитить поп-звезду в прошлом месяце после выступления. Этот план "
              "созрел в голове Даны Мартина, который отбывает срок за убийство 15-летней девушки в Вермонте, "
              "совершенное в 2000 году.", "Вермонт"),
    ("141084", "В последние дни сторонники ИГ угрожают терактами во время Рождества. В декабре 2017 года ИГ "
               "выпустило фильм, где упомянуло массовое убийство в Лас-Вегасе.", "Лас-Вегас"),
]


@pytest.mark.parametrize("text_id, text, place", DATED_APART)
def test_a_killing_dated_apart_is_its_own_event(process, text_id, text, place):
    article = process(text, "2017-12-20")
    assert any(e.type == "ASSAULT" and e.mode == "kill" and e.location and article.entity(e.location).name == place
               for e in article.events)


# Dying of wounds is a killing («скончался от ранений»), or the toll of the attack told beside it
# (NEREL train texts before each row).
DIED_OF_WOUNDS = [
    ("15984", "Муамар Каддафи скончался от ранений в городе Сирт, когда его перевозили в госпиталь города "
              "Мисурата.", "2011-10-20"),
    ("25671", "При штурме в перестрелке были ранены два помощника шерифа округа, один из них позднее скончался "
              "от полученных ранений.", "2013-02-13"),
    ("15545", "22 августа, утром, около 07:30, неизвестный расстрелял 35-летнего главу администрации Сергиева "
              "Посада Евгения Душко, когда тот выходил из своего дома. Отец доставил сына в больницу, однако тот "
              "скончался от полученных ранений.", "2011-08-23"),
]


@pytest.mark.parametrize("text_id, text, published", DIED_OF_WOUNDS)
def test_dying_of_wounds_is_a_killing(process, text_id, text, published):
    [attack] = [e for e in process(text, published).events if e.type == "ASSAULT"]
    assert (attack.fatalities.min, attack.fatalities.max) == (1, 1)
