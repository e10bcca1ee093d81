"""Full-text search by lemmas: an inflected query finds the other forms of its words."""
from __future__ import annotations

import pytest

from letopis.chronicle import Chronicle
from letopis.store.text import lemmas
from test_chronicle import hand_annotated


@pytest.fixture(scope="module")
def chronicle(tmp_path_factory):
    with Chronicle(tmp_path_factory.mktemp("search") / "s.duckdb") as c:
        c.ingest(hand_annotated())
        yield c


def _articles(hits) -> set[str]:
    return {h["article"] for h in hits}


@pytest.mark.parametrize("query, found, not_found", [
    ("Токаева", {"vlast-almaty"}, set()),  # the text says Токаев and Токаеву
    ("Токаев", {"vlast-almaty"}, set()),
    ("митинги", {"vlast-almaty"}, set()),  # the text says митинг, митинга
    ("Кандагара", {"tass-kandahar", "interfax-kandahar"}, {"interfax-herat"}),
    ("рынки", {"tass-kandahar", "rbc-kandahar"}, {"interfax-herat"}),
    ("блокпосты Герата", {"interfax-herat"}, set()),
    ("обстрел Герата", set(), {"interfax-herat", "tass-kandahar"}),  # every word must be there
    ("погибших детей", {"rbc-kandahar"}, {"tass-kandahar"}),
    ("Хашима", {"tass-kandahar", "gazeta-kandahar"}, {"rbc-kandahar"}),
])
def test_inflected_forms_are_found(chronicle, query, found, not_found):
    hits = _articles(chronicle.search(query, limit=50))
    assert found <= hits
    assert not (not_found & hits)


def test_event_sentences_and_filters(chronicle):
    hits = chronicle.search("обстреляли", kind="event")
    assert [(h["kind"], h["article"]) for h in hits] == [("event", "interfax-herat")]
    assert _articles(chronicle.search("пятница", place="Герат")) == {"interfax-herat"}
    assert _articles(chronicle.search("обстрел", date_from="2024-03-16")) == {"rbc-kandahar"}
    assert _articles(chronicle.search("рынок", entity="Абдул Рахман")) == {"rbc-kandahar"}
    assert chronicle.search("Токаев", place="Афганистан") == []


def test_lemmas_cover_every_form_pymorphy_offers():
    assert "токаев" in lemmas("Токаева").split() and "токаев" in lemmas("Токаев").split()
    assert "митинг" in lemmas("митингах").split()


def test_a_name_of_letters_without_unicode_names_finds_nothing(tmp_path):
    """pymorphy2 asks unicodedata for each letter's name; Tangut letters have none (the API
    fuzzing found this as a 500 on GET /entities/{name})."""
    with Chronicle(tmp_path / "s.duckdb") as c:
        c.ingest(hand_annotated())
        assert c.entity("\U00017000\U00017001") == []
        assert c.events(actor="\U00017000") == []
