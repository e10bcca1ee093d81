"""Reviews in the store (store/reviews.py, reviewing.py): an analyst confirms, corrects or rejects
events of a chronicle built from Russian text (test_api.build_chronicle: the seed article, a
second report of its shooting, a rally); the reviewed values reach the chronicle, the exports and
the trends; every action is kept; processing the articles again re-applies the reviews, and a
review whose event is gone is orphaned."""
from __future__ import annotations

import csv
import io

import pytest

from letopis.chronicle import Chronicle
from letopis.records import Event
from letopis.reviewing import CorrectionError, NoSuchEvent
from letopis.store.corrections import normalise


def _shooting(c: Chronicle) -> dict:
    [event] = [e for e in c.events(place="Алматы", type="ASSAULT")
               if any(s["event_id"].startswith("H") for s in e["sources"])]
    return event


def _acled(c: Chronicle) -> list[dict]:
    out = io.StringIO()
    c.export("acled-csv", out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_correcting_the_toll_and_the_place_of_a_chronicle_event(chronicle):
    before = _shooting(chronicle)
    assert before["disputed"] and (before["fatalities"], before["place"]) == (20, "Алматы")
    action = chronicle.reviews.review(before["id"], "corrected", {"fatalities": 26, "location": "Астане"},
                                      note="по данным МВД", reviewer="anna")
    [after] = chronicle.events(ids=[before["id"]])
    assert (after["fatalities"], after["fatalities_max"], after["disputed"]) == (26, 26, False)
    assert after["place"] == "Астана" and after["country"] == "KZ" and round(after["lat"]) == 51
    assert after["review"] == "corrected"
    assert action["chronicle_ids"] == [before["id"]]  # the same chronicle event, now as reviewed
    # each source's own claim stays what its article said
    assert sorted(s["fatalities"]["min"] for s in after["sources"]) == [20, 26]
    [row] = [r for r in _acled(chronicle) if r["event_id_cnty"].endswith(str(before["id"]))]
    assert (row["fatalities"], row["location"], row["review"]) == ("26", "Астана", "corrected")


def test_history_keeps_every_action_with_its_reviewer_note_and_the_values_it_replaced(chronicle):
    event = _shooting(chronicle)
    chronicle.reviews.review(event["id"], "corrected", {"fatalities": {"min": 26, "max": 30}}, note="МВД")
    chronicle.reviews.review(event["id"], "confirmed", reviewer="boris")
    history = chronicle.reviews.history(event["id"])
    assert [(h["status"], h["reviewer"], h["note"]) for h in history] == [
        ("corrected", "local", "МВД"), ("confirmed", "boris", None)]
    assert history[0]["changes"] == {"fatalities": {"min": 26, "max": 30}}
    assert {e["before"]["fatalities"]["min"] for e in history[0]["events"]} == {20, 26}  # one per source
    [after] = chronicle.events(ids=[event["id"]])
    assert after["review"] == "corrected" and after["fatalities"] == 26  # confirmed as corrected


def test_a_rejected_event_leaves_the_chronicle_exports_and_trends_and_can_come_back(chronicle):
    event = _shooting(chronicle)
    chronicle.reviews.review(event["id"], "rejected", note="не то событие")
    assert event["id"] not in {e["id"] for e in chronicle.events()}
    assert not [r for r in _acled(chronicle) if r["event_id_cnty"].endswith(str(event["id"]))]
    assert all(row["place"] != "Алматы" for row in chronicle.trends(window="day"))
    [kept] = chronicle.events(ids=[event["id"]], rejected=True)
    assert kept["review"] == "rejected"
    chronicle.reviews.review(event["id"], "confirmed")
    assert event["id"] in {e["id"] for e in chronicle.events()}


def test_an_article_event_corrected_to_another_place_leaves_the_shared_event(chronicle, built):
    ids = built[1]
    shooting = _shooting(chronicle)
    chronicle.reviews.review_article_event(ids["report"], "H1", "corrected", {"location": "Шымкент"})
    [after] = chronicle.events(ids=[shooting["id"]])
    assert {s["article"] for s in after["sources"]} == {ids["seed"]}  # the report left it
    assert after["fatalities"] == 20 and not after["disputed"]
    [moved] = [e for e in chronicle.events(place="Шымкент")]
    assert [s["article"] for s in moved["sources"]] == [ids["report"]] and moved["fatalities"] == 26


def test_rejecting_one_source_keeps_the_event_from_the_other(chronicle, built):
    shooting = _shooting(chronicle)
    chronicle.reviews.review_article_event(built[1]["seed"], "H1", "rejected")
    [after] = chronicle.events(ids=[shooting["id"]])
    assert after["fatalities"] == 26 and after["sources"] and after["review"] == "partly"
    assert after["id"] in {e["id"] for e in chronicle.reviews.queue()["events"]}  # half done: still queued


@pytest.mark.parametrize("changes, problem", [
    ({"fatalities": -1}, "fatalities"),
    ({"fatalities": {"min": 5, "max": 2}}, "fatalities"),
    ({"date": "2022-02-30"}, "no such calendar date"),
    ({"type": "BATTLE"}, "unknown event type"),
    ({"mode": "riot"}, "is not one of ASSAULT's"),
    ({"modality": "sure"}, "unknown modality"),
    ({"colour": "red"}, "unknown field"),
    ({"actor": {"text": "силовики", "class": 9}}, "ACLED inter code"),
])
def test_corrections_that_cannot_be_applied_are_refused_with_a_reason(chronicle, changes, problem):
    event = _shooting(chronicle)
    with pytest.raises(CorrectionError, match=problem) as refused:
        chronicle.reviews.review(event["id"], "corrected", changes)
    assert refused.value.ru  # the pages say it in Russian
    assert chronicle.reviews.history(event["id"]) == []  # nothing of it was kept
    [same] = chronicle.events(ids=[event["id"]])
    assert (same["fatalities"], same["review"]) == (20, None)


def test_a_place_neither_stored_nor_in_the_gazetteer_is_refused(chronicle):
    with pytest.raises(CorrectionError, match="unknown place"):
        chronicle.reviews.review(_shooting(chronicle)["id"], "corrected", {"location": "Нигделандия"})


@pytest.mark.parametrize("status, changes", [("confirmed", {"fatalities": 3}), ("corrected", {}), ("done", None)])
def test_status_and_changes_must_agree(chronicle, status, changes):
    with pytest.raises(CorrectionError):
        chronicle.reviews.review(_shooting(chronicle)["id"], status, changes)


def test_no_such_event(chronicle):
    with pytest.raises(NoSuchEvent):
        chronicle.reviews.review(999999, "confirmed")
    with pytest.raises(NoSuchEvent):
        chronicle.reviews.review_article_event("нет-такой", "V1", "confirmed")


@pytest.mark.parametrize("given, plain", [
    ({"type": "PROTEST"}, {"type": "PROTEST", "mode": None}),  # the old mode means nothing under the new type
    ({"type": "PROTEST", "mode": "riot"}, {"type": "PROTEST", "mode": "riot"}),
    ({"fatalities": 26}, {"fatalities": {"min": 26, "max": 26}}),
    ({"fatalities": {"min": 101, "max": None}}, {"fatalities": {"min": 101, "max": None}}),
    ({"fatalities": None}, {"fatalities": None}),
    ({"date": "2022-01"}, {"date": "2022-01"}),
    ({"actor": "  сотрудники   полиции "}, {"actor": {"text": "сотрудники полиции", "class": None}}),
])
def test_corrections_in_their_plain_form(given, plain):
    assert normalise(given, "ASSAULT") == plain


def test_reprocessing_reapplies_reviews_and_orphans_what_it_cannot_match(chronicle, built, pipeline):
    ids = built[1]
    shooting = _shooting(chronicle)
    chronicle.reviews.review(shooting["id"], "corrected", {"fatalities": 26}, note="МВД")
    rally = chronicle.reviews.article_events(ids["rally"])
    chronicle.reviews.review_article_event(ids["rally"], rally[0]["id"], "rejected", note="не митинг")
    report = chronicle.reprocess([ids["seed"], ids["report"], ids["rally"]], pipeline)
    assert (report.processed, report.errors) == (3, 0)
    # the pipeline's own events now stand where the hand-made ones stood; the reviews found them
    # by article, type and evidence span
    kills = [e for e in chronicle.events(type="ASSAULT", place="Алматы") if e["review"]]
    assert kills and all(e["fatalities"] == 26 and e["review"] == "corrected" for e in kills)
    assert {s["article"] for e in kills for s in e["sources"]} >= {ids["seed"], ids["report"]}
    [protest] = [e for e in chronicle.reviews.article_events(ids["rally"]) if e["type"] == "PROTEST"]
    assert protest["id"] != rally[0]["id"] and protest["review"] == "rejected"
    assert protest["chronicle_id"] not in {e["id"] for e in chronicle.events()}
    assert chronicle.reviews.queue()["orphans"] == []


def test_reprocessing_reads_a_page_at_a_time_and_takes_each_article_once(chronicle, built, pipeline, monkeypatch):
    """Articles are read PAGE at a time in the order they were stored; each goes back stored anew
    (later in that order), and is not met again."""
    from letopis import reprocess
    ids = [built[1][name] for name in ("seed", "report", "rally")]
    monkeypatch.setattr(reprocess, "PAGE", 2)
    report = chronicle.reprocess([*ids, "no-such-article"], pipeline)
    assert (report.read, report.processed, report.added, len(report.stored)) == (3, 3, 3, 3)
    assert [e.reason for e in report.failed] == ["no stored article has this id"]
    assert chronicle.db.execute("SELECT count(*) FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                [ids]).fetchone()[0] == 3


def test_a_review_whose_event_is_gone_is_orphaned_and_comes_back_with_it(chronicle, pipeline):
    from letopis.ingest import parse_text
    article = pipeline(parse_text("date 2022-01-09\nВ Караганде прошёл митинг против роста цен на газ.", id="karaganda"))
    article.events = [Event(id="H1", type="SANCTION", mode=None, start=0, stop=len(article.text))]
    chronicle.ingest([article])
    chronicle.reviews.review_article_event("karaganda", "H1", "confirmed", note="санкции")
    chronicle.reprocess(["karaganda"], pipeline)  # the pipeline finds no SANCTION there
    [orphan] = chronicle.reviews.queue()["orphans"]
    assert (orphan["article"], orphan["type"], orphan["note"]) == ("karaganda", "SANCTION", "санкции")
    assert "Караганде" in orphan["evidence"]


def test_ingesting_the_same_text_again_changes_no_review(chronicle, built, pipeline):
    from letopis.ingest import parse_text
    from test_api import REPORT
    shooting = _shooting(chronicle)
    chronicle.reviews.review(shooting["id"], "corrected", {"fatalities": 26})
    report = chronicle.ingest_read([parse_text(REPORT, id="report", path="report.txt")], pipeline=pipeline)
    assert (report.added, report.known) == (0, 1)
    [after] = chronicle.events(ids=[shooting["id"]])
    assert after["fatalities"] == 26 and after["review"] == "corrected"


def test_gold_of_fully_reviewed_articles_scores_the_extractor(chronicle, built, tmp_path):
    from letopis.evaluate import evaluate, gold_articles
    ids = built[1]
    assert chronicle.reviews.gold_files() == []  # nothing reviewed yet
    chronicle.reviews.review_article_event(ids["report"], "H1", "corrected", {"fatalities": 25})
    [item] = chronicle.reviews.gold_files()
    gold = item["gold"]
    assert gold["layers"] == ["events"] and gold["published"] == "2022-01-07"
    [event] = gold["events"]
    assert (event["type"], event["fatalities"], event["location"]) == ("ASSAULT", {"min": 25, "max": 25}, "Алматы")
    assert event["evidence"] in item["text"]
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / f"{item['name']}.txt").write_text(item["text"], encoding="utf-8")
    [article] = gold_articles([gold], tmp_path)
    stored = chronicle.article(ids["report"])
    article.sentences, article.events = [], []  # scored against the record as stored: its one event
    from letopis.records import Count
    article.events = [Event("H1", "ASSAULT", "kill", *stored["events"][0]["evidence"],
                            fatalities=Count(26, 26, "26 человек"))]
    totals = evaluate([gold], [article])
    assert totals["events"].precision == 1.0 and totals["events"].accuracy("fatalities") == 0.0  # 26 is not 25


def test_search_of_a_chronicle_events_articles_leaves_out_an_article_whose_event_is_rejected(chronicle, built):
    ids = built[1]

    def articles() -> set[str]:
        return {hit["article"] for hit in chronicle.search("человек", type="ASSAULT", limit=100)}
    assert {ids["seed"], ids["report"]} <= articles()
    chronicle.reviews.review_article_event(ids["seed"], "H1", "rejected")
    assert ids["report"] in articles() and ids["seed"] not in articles()
