"""The chronicle merge over a batch (store/merging.py): the candidates read for a batch include
every place that may hold or lie in an event's place, and a batch merges as the same articles
do one at a time."""
from __future__ import annotations

import pytest

from letopis.chronicle import Chronicle
from letopis.gazetteer import Gazetteer
from letopis.records import Article, Count, Entity, Event, Participant

SENTENCE = "{place}: при взрыве погибли {n} человек."
REPORTS = [  # id, place named, its case form in the text, day, toll
    ("kazan", "Казань", "В Казани", "2024-05-10", 3),
    ("tatarstan", "Татарстан", "В Татарстане", "2024-05-10", 4),  # the region: joins Казань's event
    ("chelny", "Набережные Челны", "В Набережных Челнах", "2024-05-10", 2),  # another city of it
    ("russia", "Россия", "В России", "2024-05-10", 3),  # the country: joins the first it may
    ("samara", "Самара", "В Самаре", "2024-05-10", 1),  # another region's city
    ("kazan-later", "Казань", "В Казани", "2024-06-20", 5),  # another day
]


def _report(article_id: str, name: str, said: str, day: str, toll: int) -> Article:
    text = SENTENCE.format(place=said, n=toll)
    geo = Gazetteer.load().lookup(name)
    assert geo, name
    article = Article(id=article_id, text=text, published=day, outlet=article_id)
    article.entities.append(Entity("E1", "LOC", name, [], [(2, len(said))], geo))
    article.events.append(Event("V1", "ASSAULT", "kill", 0, len(text), trigger="взрыве", date=day,
                                date_grain="day", location="E1", actor=Participant(), target=Participant(),
                                fatalities=Count(toll, toll, str(toll)), modality="reported"))
    return article


def _groups(chronicle: Chronicle) -> set[frozenset[str]]:
    return {frozenset(s["article"] for s in e["sources"]) for e in chronicle.events()}


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_places_inside_one_another_merge_and_neighbours_stay_apart(tmp_path, batch_size):
    with Chronicle(tmp_path / "c.duckdb") as c:
        c.ingest([_report(*r) for r in REPORTS], batch_size=batch_size)
        assert _groups(c) == {frozenset({"kazan", "tatarstan", "russia"}), frozenset({"chelny"}),
                              frozenset({"samara"}), frozenset({"kazan-later"})}
        [kazan] = [e for e in c.events() if len(e["sources"]) == 3]
        assert (kazan["place"], kazan["fatalities"], kazan["fatalities_max"], kazan["disputed"]) == \
            ("Казань", 3, 4, True)


def test_a_later_batch_joins_events_stored_before(tmp_path):
    reports = [_report(*r) for r in REPORTS]
    with Chronicle(tmp_path / "c.duckdb") as c:
        c.ingest(reports[:1])
    with Chronicle(tmp_path / "c.duckdb") as c:  # a new session: the candidates come from the file
        c.ingest(reports[1:])
        assert frozenset({"kazan", "tatarstan", "russia"}) in _groups(c)
        assert len(c.events()) == 4
