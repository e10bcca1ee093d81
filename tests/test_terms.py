"""The words the pages show (web/terms.py, store/text.nominative): one table of Russian terms for
every code, participants in the nominative, dates and figures as a reader writes them."""
from __future__ import annotations

import pytest

from letopis.store.text import nominative
from letopis.web import terms


@pytest.mark.parametrize("phrase, shown", [
    ("митингующих", "митингующие"),
    ("силовиков", "силовики"),
    ("протестующих", "протестующие"),
    ("сотрудников полиции", "сотрудники полиции"),  # the head only; its genitive stays
    ("мирных жителей", "мирные жители"),
    ("вооруженных людей", "вооруженные люди"),
    ("оружейного магазина", "оружейный магазин"),  # the adjective agrees with its noun
    ("группу вооруженных людей", "группа вооруженных людей"),
    ("экстремистами", "экстремисты"),
    ("жителей Алматы", "жители Алматы"),
    ("МВД Казахстана", "МВД Казахстана"),  # an indeclinable head
    ("участники", "участники"),  # already a nominative
    ("десятки", "десятки"),  # may be one: left alone
    ("26 человек", "26 человек"),  # a number phrase
])
def test_participants_in_the_nominative(phrase, shown):
    assert nominative(phrase) == shown


def test_every_code_of_the_ontology_has_russian_words():
    table = terms.labels()
    types = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
             "SANCTION MOBILIZE COERCE ASSAULT").split()
    assert set(table["event_types"]) == set(types)
    modes = {"AID": "military humanitarian economic", "RETREAT": "withdraw release disarm ceasefire access resign",
             "PROTEST": "demo riot strike hunger boycott obstruct vandalize",
             "MOBILIZE": "troops weapons police militia", "CONSULT": "visit meeting phone",
             "COERCE": "seize restrict censor curfew martial-law arrest deport withhold cyber",
             "ASSAULT": "beat firearms explosives aerial kill destroy crowd-control abduct other"}
    assert set(table["modes"]) == {f"{t}/{m}" for t, ms in modes.items() for m in ms.split()}
    assert set(table["modalities"]) == {"asserted", "reported", "uncertain", "future", "negated"}
    assert set(table["actor_classes"]) == set(range(1, 9))
    assert set(table["grains"]) == {"day", "week", "month", "year"}
    for words in [*table["modes"].values(), *table["modalities"].values(), *table["actor_classes"].values()]:
        assert terms.CYRILLIC.search(words), words


@pytest.mark.parametrize("value, grain, shown", [
    ("2022-01-06", "day", "6 января 2022"),
    ("2022-01", None, "январь 2022"),
    ("2022-01-01", "month", "январь 2022"),
    ("2022", None, "2022 год"),
    ("2022-01-03", "week", "неделя с 3 января 2022"),
    (None, None, "дата неизвестна"),
])
def test_dates_in_words(value, grain, shown):
    assert terms.date_text(value, grain) == shown


def test_kinds_figures_and_claims():
    assert terms.kind_label("ASSAULT", "kill") == "Насилие: убийство"
    assert terms.kind_label("REQUEST", None) == "Требование"
    assert [terms.figure(26, 26), terms.figure(20, 99), terms.figure(101, None)] == ["26", "20–99", "101+"]
    source = {"fatalities": {"min": 20, "max": 99, "text": "десятки"}, "modality": "reported",
              "speaker": "Салтанат Азирбек"}
    said = {"type": "ASSAULT", "mode": "kill", "date": "2022-01-06", "date_grain": "day", "place": "Алматы",
            "injured": None, "arrested": None}
    assert terms.claim(source, said) == ("Насилие: убийство; 6 января 2022; Алматы; погибших: 20–99 («десятки»); "
                                         "со слов источника: Салтанат Азирбек")
    assert terms.participant({"text": "митингующих", "entity": None, "class": 6, "name": None}) == \
        "митингующие (протестующие)"


def test_messages_that_are_not_russian_are_said_in_russian():
    assert terms.russian_message(404, "Not Found") == "Страница не найдена."
    assert terms.russian_message(400, "Дата не прочитана.") == "Дата не прочитана."
