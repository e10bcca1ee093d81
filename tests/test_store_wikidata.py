"""Wikidata QIDs in the store: entities merged across articles by QID, looked up by QID, shown on
the entity page and carried by the exports."""
from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from typer.testing import CliRunner

import letopis.cli.store  # noqa: F401  (registers the store commands)
from letopis import link
from letopis import remote as remote_module
from letopis.chronicle import Chronicle
from letopis.cli import app
from letopis.kb import KnowledgeBase
from letopis.records import Article, Participant
from letopis.remote import RemoteChronicle, RemoteError

FIRST = ("date 2022-01-05\nВ Алма-Ате жители вышли на митинг против повышения цен на газ. "
         "Первый президент Казахстана Нурсултан Назарбаев призвал к спокойствию.")
SECOND = ("В Алматы 6 января полиция задержала участников митинга. По словам Назарбаева, "
          "ОДКБ направит в Казахстан миротворцев.")


@pytest.fixture(scope="module")
def articles(pipeline, wikidata_kb):
    kb = KnowledgeBase(wikidata_kb)
    found = pipeline.run([Article(id="first", text=FIRST.split("\n", 1)[1], published="2022-01-05"),
                          Article(id="second", text=SECOND, published="2022-01-06")])
    for article in found:
        link.link(article, kb)
    return found


@pytest.fixture(scope="module")
def db(articles, tmp_path_factory):
    path = tmp_path_factory.mktemp("wikidata") / "chronicle.duckdb"
    with Chronicle(path) as chronicle:
        chronicle.ingest(copy.deepcopy(articles))
    return path


def _entity(article: Article, qid: str):
    return next(e for e in article.entities if e.wikidata == qid)


def test_one_qid_is_one_entity_across_articles(articles, db, tmp_path):
    first, second = articles
    assert (_entity(first, "Q35493").name, _entity(second, "Q35493").name) == ("Алма-Ата", "Алматы")
    with Chronicle(db) as chronicle:
        [city] = chronicle.entity("Q35493")
    assert city["wikidata"] == "Q35493" and {"Алма-Ата", "Алматы"} <= set(city["aliases"])
    assert {m["article"] for m in city["mentions"]} == {"first", "second"}
    # the same articles unlinked: two names, two entities
    unlinked = copy.deepcopy(articles)
    for article in unlinked:
        for entity in article.entities:
            entity.wikidata = None
    with Chronicle(tmp_path / "unlinked.duckdb") as chronicle:
        chronicle.ingest(unlinked)
        assert chronicle.entity("Алматы") != chronicle.entity("Алма-Ата")


def test_namesakes_with_different_qids_stay_apart(pipeline, tmp_path):
    one, two = pipeline.run([Article(id="a", text="Сергей Иванов посетил завод в Туле."),
                             Article(id="b", text="Сергей Иванов выступил на концерте в Омске.")])
    _person(one).wikidata, _person(two).wikidata = "Q100001", "Q100002"
    with Chronicle(tmp_path / "namesakes.duckdb") as chronicle:
        chronicle.ingest([one, two])
        assert sorted(e["wikidata"] for e in chronicle.entity("Сергей Иванов")) == ["Q100001", "Q100002"]


def test_namesakes_come_a_page_at_a_time_with_their_number(pipeline, tmp_path, monkeypatch):
    """A name many entities share (a common surname) gives a page of them, the most named first,
    with how many there are and the way to the next: none is dropped unsaid."""
    from fastapi.testclient import TestClient

    from letopis.web import create_app, pages
    one, two, three = pipeline.run([Article(id="a", text="Сергей Иванов посетил завод в Туле."),
                                    Article(id="b", text="Сергей Иванов выступил на концерте в Омске."),
                                    Article(id="c", text="В Омске Сергей Иванов дал второй концерт.")])
    _person(one).wikidata, _person(two).wikidata, _person(three).wikidata = "Q100001", "Q100002", "Q100002"
    path = tmp_path / "namesakes.duckdb"
    with Chronicle(path) as chronicle:
        chronicle.ingest([one, two, three])
        whole = chronicle.entity("Сергей Иванов")
        assert [(e["wikidata"], e["articles"]) for e in whole] == [("Q100002", 2), ("Q100001", 1)]
        first, second = (chronicle.entity_page("Сергей Иванов", limit=1, offset=n) for n in (0, 1))
        assert first["total"] == second["total"] == 2 and first["entities"] + second["entities"] == whole
    with TestClient(create_app(path, pipeline=pipeline)) as client:
        api = client.get("/entities/Сергей Иванов", params={"limit": 1})
        assert [e["wikidata"] for e in api.json()] == ["Q100002"] and api.headers["X-Total-Count"] == "2"
        following = client.get(api.headers["Link"].split(">")[0].lstrip("<"))
        assert [e["wikidata"] for e in following.json()] == ["Q100001"] and "Link" not in following.headers
        # `letopis entity` through a server asks page after page
        remote = RemoteChronicle(None)
        monkeypatch.setattr(remote_module, "ENTITIES_PER_ASK", 1)
        monkeypatch.setattr(remote, "fetch", lambda path, **params: _answer(
            client.get(path, params={k: v for k, v in params.items() if v is not None})))
        assert remote.entity("Сергей Иванов") == whole and remote.entity("Никтоневстречался") == []
        pages.ENTITIES = 1
        try:
            page = client.get("/ui/entities/Сергей Иванов", params={"page": 2}).text
        finally:
            pages.ENTITIES = 10
    assert "Этим именем названы 2 сущностей; показаны 2–2" in page and "Q100001" in page and "Q100002" not in page
    assert '<a href="?page=1">1</a>' in page and '<b aria-current="page">2</b>' in page


def _answer(response):
    if response.status_code >= 400:
        raise RemoteError(response.text, response.status_code)
    return response.content, response.headers


def test_a_qid_joins_a_namesake_without_one(pipeline, tmp_path):
    one, two = pipeline.run([Article(id="a", text="Сергей Иванов посетил завод в Туле."),
                             Article(id="b", text="Сергей Иванов выступил на концерте в Омске.")])
    _person(one)
    _person(two).wikidata = "Q100001"
    with Chronicle(tmp_path / "namesake.duckdb") as chronicle:
        chronicle.ingest([one, two])
        [person] = chronicle.entity("Q100001")
        assert len(person["mentions"]) == 2


def _person(article: Article):
    """The article's person, its QID, if the default KB gave one, taken away: the test sets them."""
    person = next(e for e in article.entities if e.type == "PER")
    person.wikidata = None
    return person


def test_entity_command_takes_a_qid(db):
    runner = CliRunner()
    result = runner.invoke(app, ["entity", "Q57394", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    [person] = json.loads(result.output)
    assert (person["name"], person["wikidata"]) == ("Нурсултан Назарбаев", "Q57394")
    assert runner.invoke(app, ["entity", "Q57394", "--db", str(db)]).output.count("Q57394") == 1
    assert runner.invoke(app, ["entity", "Q1", "--db", str(db)]).exit_code == 1


def test_entity_page_links_to_wikidata(db, pipeline):
    from fastapi.testclient import TestClient

    from letopis.web import create_app
    with TestClient(create_app(db, pipeline=pipeline)) as client:
        page = client.get("/ui/entities/Q35493")
        api = client.get("/entities/Q35493")
    assert page.status_code == 200
    assert 'href="https://www.wikidata.org/wiki/Q35493"' in page.text
    assert [e["wikidata"] for e in api.json()] == ["Q35493"]


def test_exports_carry_the_qids(articles, tmp_path):
    second = copy.deepcopy(articles[1])
    [event] = [e for e in second.events if e.location == _entity(second, "Q35493").id][:1]
    event.actor = Participant("ОДКБ", _entity(second, "Q318693").id, 8)  # a known actor, set by hand
    with Chronicle(tmp_path / "export.duckdb") as chronicle:
        chronicle.ingest([second])
        out = io.StringIO()
        chronicle.export("acled-csv", out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        out = io.StringIO()
        chronicle.export("geojson", out)
        features = json.loads(out.getvalue())["features"]
    [row] = [r for r in rows if r["actor1"] == "ОДКБ"]
    assert (row["actor1_wikidata"], row["location_wikidata"]) == ("Q318693", "Q35493")
    [feature] = [f for f in features if f["properties"]["actor"]["text"] == "ОДКБ"]
    assert feature["properties"]["actor"]["wikidata"] == "Q318693"
    assert feature["properties"]["place_wikidata"] == "Q35493"


def test_an_article_s_acled_row_carries_the_qids(articles):
    from letopis.acled import acled_row, geojson_feature
    second = articles[1]
    [event] = [e for e in second.events if e.location == _entity(second, "Q35493").id][:1]
    assert acled_row(event, second)["location_wikidata"] == "Q35493"
    assert geojson_feature(event, second)["properties"]["location_wikidata"] == "Q35493"
