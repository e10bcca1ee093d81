"""Counts per ONTOLOGY.md «Numbers»: text → (min, max)."""
import pytest

from letopis.numbers import find, parse

CASES = [
    ("26 человек", 26, 26),
    ("около 30 человек", 27, 33),
    ("более 100 погибших", 101, None),
    ("свыше 100 человек", 101, None),
    ("не менее 10 раненых", 10, None),
    ("несколько человек", 3, 9),
    ("десяток задержанных", 10, 19),
    ("«ликвидированы десятки» человек", 20, 99),
    ("погибли десятков людей", 20, 99),
    ("сотни участников", 200, 999),
    ("тысячи демонстрантов", 2000, 9999),
    ("двадцать шесть человек", 26, 26),
    ("как минимум трех бандитов", 3, None),
    ("от 200 до 1000 человек", 200, 1000),
    ("более 20 тысяч участников", 20001, None),
    ("две тысячи человек", 2000, 2000),
    ("еще четверо", 4, 4),
    ("погиб один человек", 1, 1),
    ("задержаны 200-300 человек", 200, 300),
]


@pytest.mark.parametrize("text,low,high", CASES)
def test_counts(text, low, high):
    count = parse(text)
    assert count is not None, text
    assert (count.min, count.max) == (low, high)


@pytest.mark.parametrize("text", [
    "26-летний мужчина",
    "в 1985—1990 годах",
    "28 апреля",
    "в течение 12 часов",
    "штраф в размере 3,5 млрд долларов",
    "с 2004 года",
])
def test_not_counts(text):
    assert parse(text) is None


def test_find_keeps_the_words_and_spans():
    text = "Погибли 16 человек, около 30 ранены."
    found = find(text)
    assert [text[a:b] for a, b, _ in found] == ["16", "около 30"]
    assert found[1][2].text == "около 30"
