"""The cross-article chronicle: merging reports of one occurrence, keeping every source and claim,
keeping different places apart, reprints, filters and exports.

The events stage is exercised elsewhere; here events are annotated by hand
(tests/fixtures/chronicle/annotations.yaml) on articles written like real agency copy.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml

from letopis.chronicle import Chronicle
from letopis.ingest import read_paths
from letopis.records import Article, Count, Entity, Event, Participant
from letopis.store import merge
from letopis.times import date_range

FIXTURES = Path(__file__).parent / "fixtures" / "chronicle"
KANDAHAR = {"tass-kandahar", "interfax-kandahar", "rbc-kandahar", "gazeta-kandahar"}


def _span(text: str, snippet: str, start: int = 0) -> tuple[int, int]:
    at = text.index(snippet, start)
    return at, at + len(snippet)


def hand_annotated() -> list[Article]:
    """The fixture articles with the entities and events annotations.yaml gives them."""
    notes = yaml.safe_load((FIXTURES / "annotations.yaml").read_text(encoding="utf-8"))
    articles = list(read_paths([FIXTURES / "articles.jsonl"]))
    for article in articles:
        assert isinstance(article, Article), article
        note = notes["articles"].get(article.id, {})
        for e in note.get("entities", []):
            mentions, start = [], 0
            for snippet in e["mentions"]:
                mentions.append(_span(article.text, snippet, start))
                start = mentions[-1][1]
            article.entities.append(Entity(e["id"], e["type"], e["name"], e.get("roles", []), mentions,
                                           notes["places"].get(e["name"])))
        for v in note.get("events", []):
            start = article.text.index(v["evidence"])
            stop = article.text.index(".", start) + 1  # the sentence the evidence opens
            actor, target = v.get("actor") or {}, v.get("target") or {}
            figures = v.get("fatalities")
            article.events.append(Event(
                v["id"], v["type"], v["mode"], start, stop, date=v["date"], date_grain=v["grain"],
                location=v["location"], actor=Participant(actor.get("text"), None, actor.get("class")),
                target=Participant(target.get("text"), None, target.get("class")),
                fatalities=Count(figures["min"], figures["max"], figures["text"]) if figures else None,
                modality=v["modality"], source={"speaker": v.get("speaker"), "via": v.get("via", [])}))
    return articles


@pytest.fixture
def chronicle(tmp_path) -> Chronicle:
    with Chronicle(tmp_path / "c.duckdb") as c:
        yield c


def _groups(c: Chronicle) -> set[frozenset[str]]:
    return {frozenset(s["article"] for s in e["sources"]) for e in c.events()}


def test_three_outlets_make_one_event_with_the_lowest_figure(chronicle):
    report = chronicle.ingest(hand_annotated())
    assert (report.added, report.errors) == (6, 0)
    [kandahar] = [e for e in chronicle.events() if e["place"] == "Кандагар"]
    assert {s["article"] for s in kandahar["sources"]} == KANDAHAR
    assert kandahar["source_count"] == 3  # ТАСС, Интерфакс, РБК; the Газета.Ru reprint is linked
    assert kandahar["reprints"] == 1
    assert (kandahar["fatalities"], kandahar["fatalities_max"], kandahar["disputed"]) == (26, 30, True)
    claims = {s["outlet"]: s["fatalities"]["min"] for s in kandahar["sources"]}
    assert claims == {"ТАСС": 26, "Интерфакс": 30, "РБК": 28, "Газета.Ru": 26}
    rbc = next(s for s in kandahar["sources"] if s["outlet"] == "РБК")
    assert rbc["sentence"].startswith("Число погибших в результате обстрела рынка на юге Афганистана")
    assert "28" in rbc["claim"] and "Абдул Рахман" in rbc["claim"]
    assert (kandahar["date"], kandahar["date_grain"], kandahar["country"]) == ("2024-03-15", "day", "AF")


def test_same_type_same_day_in_another_city_stays_apart(chronicle):
    chronicle.ingest(hand_annotated())
    assert _groups(chronicle) == {frozenset(KANDAHAR), frozenset({"interfax-herat"})}
    [herat] = [e for e in chronicle.events() if e["place"] == "Герат"]
    assert (herat["fatalities"], herat["disputed"], herat["source_count"]) == (5, False, 1)


def test_merge_does_not_depend_on_the_order_articles_arrive(tmp_path):
    """The РБК report names only the country: it must join the Кандагар event, not Герат's."""
    groups = []
    for name, articles in (("forward", hand_annotated()), ("backward", hand_annotated()[::-1])):
        with Chronicle(tmp_path / f"{name}.duckdb") as c:
            c.ingest(articles)
            groups.append(_groups(c))
    assert groups[0] == groups[1]


def test_incremental_ingest_merges_and_reingest_changes_nothing(tmp_path):
    articles = hand_annotated()
    with Chronicle(tmp_path / "c.duckdb") as c:
        c.ingest(articles[:2])
        assert [e["source_count"] for e in c.events()] == [2]
    with Chronicle(tmp_path / "c.duckdb") as c:  # a later session adds the rest
        c.ingest(articles[2:])
        counts = c.counts()
        assert _groups(c) == {frozenset(KANDAHAR), frozenset({"interfax-herat"})}
        report = c.ingest(hand_annotated())
        assert (report.added, report.known) == (0, 6)
        assert c.counts() == counts


def test_entities_merge_across_articles(chronicle):
    chronicle.ingest(hand_annotated())
    [hashim] = chronicle.entity("Мохаммада Хашима")
    assert {m["article"] for m in hashim["mentions"]} == {"tass-kandahar", "gazeta-kandahar"}
    assert set(hashim["roles"]) == {"представитель провинциальной полиции", "представитель полиции"}
    [afghanistan] = chronicle.entity("Афганистане")
    assert {m["article"]: m["count"] for m in afghanistan["mentions"]} == {
        "tass-kandahar": 1, "interfax-herat": 1, "rbc-kandahar": 2, "gazeta-kandahar": 1}
    assert "Кандагар" in {c["name"] for c in afghanistan["co_occurring"]}
    assert [e["place"] for e in hashim["events"]] == ["Кандагар"]  # he is the source of the report


def test_reprint_is_linked_to_its_original(chronicle):
    chronicle.ingest(hand_annotated())
    assert chronicle.article("gazeta-kandahar")["duplicate_of"] == "tass-kandahar"
    assert chronicle.article("rbc-kandahar")["duplicate_of"] is None


@pytest.mark.parametrize("filters, places", [
    ({}, ["Кандагар", "Герат"]),
    ({"place": "Афганистан"}, ["Кандагар", "Герат"]),  # everything inside the country
    ({"place": "Кандагаре"}, ["Кандагар"]),
    ({"place": "Казахстан"}, []),
    ({"date_from": "2024-03-15", "date_to": "2024-03-15"}, ["Кандагар", "Герат"]),
    ({"date_from": "2024-03-16"}, []),
    ({"date_to": "2024-03"}, ["Кандагар", "Герат"]),
    ({"type": "ASSAULT"}, ["Кандагар", "Герат"]),
    ({"type": "PROTEST"}, []),
    ({"actor": "боевики"}, ["Кандагар"]),
    ({"entity": "Хашим"}, ["Кандагар"]),
])
def test_chronicle_filters(chronicle, filters, places):
    chronicle.ingest(hand_annotated())
    assert sorted(e["place"] for e in chronicle.events(**filters)) == sorted(places)


def test_exports_carry_lowest_figure_evidence_and_sources(chronicle, tmp_path):
    chronicle.ingest(hand_annotated())
    out = io.StringIO()
    chronicle.export("acled-csv", out)
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    kandahar = rows["Кандагар"]
    assert (kandahar["fatalities"], kandahar["time_precision"], kandahar["geo_precision"]) == ("26", "1", "1")
    assert (kandahar["event_date"], kandahar["country"], kandahar["iso"]) == ("2024-03-15", "Afghanistan", "4")
    assert kandahar["event_type"] == "Violence against civilians" and "disputed" in kandahar["notes"]
    assert "ТАСС" in kandahar["source"] and "РБК" in kandahar["source"]
    out = io.StringIO()
    chronicle.export("geojson", out)
    features = {f["properties"]["place"]: f for f in json.loads(out.getvalue())["features"]}
    assert features["Герат"]["geometry"]["coordinates"] == [62.19967, 34.34817]  # [lon, lat]
    out = io.StringIO()
    chronicle.export("jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert all(s["sentence"] and s["claim"] for e in lines for s in e["sources"])
    chronicle.export("parquet", tmp_path / "c.parquet")
    assert duckdb.sql(f"SELECT count(*), min(fatalities) FROM '{tmp_path / 'c.parquet'}'").fetchone() == (2, 5)


def test_a_text_export_is_built_a_chunk_at_a_time_from_one_snapshot(chronicle, monkeypatch):
    """Events built a chunk at a time are the events query.events gives, in its order; a batch
    committed while an export is being sent is not in it."""
    from letopis.store import export
    articles = hand_annotated()
    for article in articles:
        if article.id == "interfax-kandahar":  # an event of its own, told as history
            article.events[0].background = True
    chronicle.ingest([a for a in articles if a.id != "interfax-herat"])
    whole = chronicle.events(background=True)
    monkeypatch.setattr(export, "CHUNK", 1)
    count, pieces = chronicle.export_text("jsonl", background=True)
    first = next(pieces)
    chronicle.ingest([a for a in articles if a.id == "interfax-herat"])
    sent = [json.loads(line) for line in [first, *pieces]]
    assert count == len(whole) >= 2 and sent == json.loads(json.dumps(whole, ensure_ascii=False))
    assert len(chronicle.events(background=True)) == len(whole) + 1  # Herat, stored meanwhile


def test_background_events_stay_apart_and_out_of_default_views(chronicle):
    """An article that tells the Kandahar shelling as past context: its event never joins the
    news reports of it, and shows only when background events are asked for."""
    articles = hand_annotated()
    for article in articles:
        if article.id == "interfax-kandahar":
            article.events[0].background = True
    chronicle.ingest(articles)
    assert _groups(chronicle) == {frozenset(KANDAHAR - {"interfax-kandahar"}), frozenset({"interfax-herat"})}
    everything = chronicle.events(background=True)
    [told_as_history] = [e for e in everything if e["background"]]
    assert [s["article"] for s in told_as_history["sources"]] == ["interfax-kandahar"]
    assert len(everything) == 3
    out = io.StringIO()
    assert chronicle.export("jsonl", out) == 2
    assert chronicle.export("jsonl", io.StringIO(), background=True) == 3


@pytest.mark.parametrize("value, grain, expected", [
    ("2024-03-15", "day", (date(2024, 3, 15), date(2024, 3, 15))),
    ("2024-03", "month", (date(2024, 3, 1), date(2024, 3, 31))),
    ("2024-02-10", "month", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2024", None, (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-03-11", "week", (date(2024, 3, 11), date(2024, 3, 17))),
])
def test_date_range_at_grain(value, grain, expected):
    assert date_range(value, grain)[:2] == expected


KZ = {"country": "KZ", "feature": "country", "geonames_id": 1522867, "name": "Казахстан"}
ALMATY = {"country": "KZ", "feature": "city", "geonames_id": 1526384, "name": "Алматы"}
ASTANA = {"country": "KZ", "feature": "city", "geonames_id": 1526273, "name": "Астана"}


@pytest.mark.parametrize("a, b, same", [
    ((1, ALMATY), (1, ALMATY), True),
    ((1, ALMATY), (2, KZ), True),  # the city lies inside the country
    ((2, KZ), (1, ALMATY), True),
    ((1, ALMATY), (3, ASTANA), False),
    ((1, ALMATY), (None, None), False),  # an unknown place never merges
])
def test_same_place(a, b, same):
    assert merge.same_place(*a, *b) is same


@pytest.mark.parametrize("a, b, compatible", [
    ((None, 1), (None, 1), True),
    ((None, 1), (None, None), True),
    ((None, 1), (None, 6), False),  # state forces and protesters
    ((5, None), (7, None), False),  # two different named actors
])
def test_compatible_actors(a, b, compatible):
    assert merge.compatible_side(*a, *b) is compatible


@pytest.mark.parametrize("type_, mode, family", [
    ("ASSAULT", "kill", "violence"), ("ASSAULT", "explosives", "violence"),
    ("COERCE", "arrest", "arrests"), ("COERCE", "curfew", "emergency"),
    ("PROTEST", "riot", "protest"), ("SANCTION", None, "SANCTION"),
])
def test_type_families(type_, mode, family):
    assert merge.family(type_, mode) == family


def test_a_chronicle_of_gold_articles_holds_no_old_news(tmp_path, pipeline, shared):
    """The seed and the dated gold articles: by default no event lies more than a year before the
    article that reports it; those told as history come back only when asked for."""
    from letopis.evaluate import gold_articles, load_gold
    root = Path(__file__).parent / "gold"
    golds = [g for folder in ("nerel_events", "tuning", "heldout") for g in load_gold(root / folder)]
    golds += load_gold(shared / "gold")
    articles = pipeline.run(gold_articles(golds, shared))
    with Chronicle(tmp_path / "gold.duckdb") as c:
        c.ingest(articles)

        def old(events):  # surely older: its last possible day a year before the first one of its source
            return [e for e in events for s in e["sources"] if e["date_to"] and s["published"]
                    and date.fromisoformat(e["date_to"]) < date_range(s["published"], None)[0]
                    - timedelta(days=365)]
        assert old(c.events()) == []
        assert old(c.events(background=True)), "the gold articles tell some history"


def test_a_next_morning_report_joins_yesterdays_event_but_a_dated_one_stays_apart(tmp_path, pipeline):
    """A report dated only by its publication may tell the day before; one that names its day does
    not: protests on two evenings in one city stay two events."""
    texts = {
        "first": ("2024-03-12", "Вечером 12 марта в Ереване прошёл митинг оппозиции у здания парламента."),
        "morning": ("2024-03-13", "В Ереване прошёл митинг оппозиции у здания парламента, полиция задержала "
                                  "десять человек."),
        "next": ("2024-03-13", "Вечером 13 марта в Ереване прошёл митинг оппозиции у здания правительства."),
    }
    articles = pipeline.run([Article(id=name, text=text, published=day) for name, (day, text) in texts.items()])
    with Chronicle(tmp_path / "c.duckdb") as c:
        c.ingest(articles)
        rallies = [e for e in c.events() if e["type"] == "PROTEST"]
    groups = sorted(sorted(s["article"] for s in e["sources"]) for e in rallies)
    assert groups == [["first", "morning"], ["next"]], [(e["date"], e["sources"]) for e in rallies]
