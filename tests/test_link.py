"""The linking stage: entities get Wikidata QIDs from the KB, or NIL, on real Russian text."""
from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest

from letopis import link
from letopis.kb import KnowledgeBase
from letopis.records import Article, Entity

TEXT = ("Первый президент Казахстана Нурсултан Назарбаев прилетел в Алматы. В аэропорту его встретила "
        "дочь Дарига Назарбаева. Назарбаев провёл переговоры с делегацией из Москвы. Об этом сообщила "
        "пресс-секретарь Салтанат Азирбек.")


@pytest.fixture(scope="module")
def kb(wikidata_kb) -> KnowledgeBase:
    return KnowledgeBase(wikidata_kb)


@pytest.fixture(scope="module")
def article(pipeline, kb):
    article = pipeline(Article(id="t", text=TEXT, published="2022-01-10"))
    link.link(article, kb)
    return article


def _qids(article) -> dict[str, str | None]:
    return {e.name: e.wikidata for e in article.entities}


def test_entities_of_an_article_get_their_qids(article):
    assert _qids(article) == {
        "Казахстан": "Q232", "Нурсултан Назарбаев": "Q57394", "Алматы": "Q35493",  # Алматы: an alias of Алма-Ата
        "Дарига Назарбаева": "Q376532",  # the given name tells father and daughter apart
        "Москва": "Q649",
        "Салтанат Азирбек": None,  # the KB does not know her: NIL
    }


def test_the_record_carries_the_qid(article):
    record = article.to_record()
    assert {e["name"]: e["wikidata"] for e in record["entities"]}["Нурсултан Назарбаев"] == "Q57394"


def _best(kb, entity: Entity, context: set[str] = frozenset()) -> str | None:
    return link.best(entity, link.candidates(entity, kb), set(context))


@pytest.mark.parametrize("entity, qid", [
    (Entity("E1", "LOC", "Москва", aliases=["Москве"]), "Q649"),
    (Entity("E1", "LOC", "Россия", aliases=["РФ"]), "Q159"),
    (Entity("E1", "ORG", "ОДКБ"), "Q318693"),
    (Entity("E1", "PER", "Путин", aliases=["Путина"]), "Q7747"),
    (Entity("E1", "PER", "В. Путин"), "Q7747"),  # an initial that fits the given name
    # a surname the KB has only cut from full names, with a role its description holds
    (Entity("E1", "PER", "Назарбаев", roles=["президент"]), "Q57394"),
    # the gazetteer's place: a name the KB lacks, at Алма-Ата's GeoNames place
    (Entity("E1", "LOC", "Almaty", geo={"geonames_id": 1526384}), "Q35493"),
    # NIL rather than a wrong QID
    (Entity("E1", "PER", "Денис Назарбаев"), None),  # a given name neither Назарбаев bears
    (Entity("E1", "PER", "Нурсултан"), None),  # a given name alone
    (Entity("E1", "PER", "Москва"), None),  # a person is no city
    (Entity("E1", "LOC", "Москва", geo={"geonames_id": 5601538}), None),  # another Moscow (Idaho)
    (Entity("E1", "LOC", "Мона Лиза"), None),  # not kept in the KB
    (Entity("E1", "ORG", "Хабар 24"), None),
])
def test_candidates_are_weighed(kb, entity, qid):
    assert _best(kb, entity) == qid


def test_a_place_as_an_actor_links_less_readily(kb):
    place = Entity("E1", "LOC", "Москва")
    actor = Entity("E1", "ORG", "Москва")
    [city] = [c for c in link.candidates(actor, kb) if c.entry.qid == "Q649"]
    assert link.score(actor, city, set()) < link.score(place, city, set())


def test_the_article_s_countries_lift_their_places(kb):
    city = Entity("E1", "LOC", "Алма-Ата")
    [candidate] = [c for c in link.candidates(city, kb) if c.entry.qid == "Q35493"]
    assert link.score(city, candidate, {"Q232"}) > link.score(city, candidate, set())


def test_an_empty_kb_leaves_every_entity_unlinked(process):
    article = process(TEXT, published="2022-01-10")
    link.run([article], SimpleNamespace(kb=KnowledgeBase(None)))
    assert article.entities and all(e.wikidata is None for e in article.entities)


# --- the seed article with the KB built from NEREL ------------------------------------------------

def test_seed_links_with_the_nerel_kb(seed, nerel_kb):
    """Назарбаев, Казахстан and Алматы (which NEREL knows as «Алма-Ата», one GeoNames place) get
    their QIDs; a name NEREL never links stays NIL, and so does «Департамент полиции», which NEREL
    links once, to another country's department."""
    kb = KnowledgeBase(nerel_kb)
    article = copy.deepcopy(seed)
    link.link(article, kb)
    qids = _qids(article)
    assert (qids["Нурсултан Назарбаев"], qids["Казахстан"], qids["Алматы"]) == ("Q57394", "Q232", "Q35493")
    assert not any(m.alias == "Алматы" for m in kb.matches("Алматы"))  # met by place, not by name
    unknown = [e for e in article.entities  # by no name and at no place of the KB
               if not any(kb.matches(name) for name in [e.name, *e.aliases])
               and not kb.by_geonames((e.geo or {}).get("geonames_id"))]
    assert {e.name for e in unknown} >= {"Касым-Жомарт Токаев", "Салтанат Азирбек", "Хабар 24"}
    assert all(e.wikidata is None for e in unknown)
    assert qids["Департамент полиции"] is None
