"""Trends per place and period (letopis.trends, letopis.store.trends, Chronicle.trends): periods,
what is counted, roll-ups, and the made-up chronicle of ten weeks (tests/ten_weeks.py) where only
Екатеринбург's sudden week is a spike."""
from __future__ import annotations

from datetime import date

import pytest

import ten_weeks
from letopis.chronicle import Chronicle
from letopis.store.trends import Counted, Spot
from letopis.trends import computed_from, current_spikes, period_start, periods, shift, table

SUDDEN = ten_weeks.SUDDEN_WEEK.isoformat()  # 2024-03-04
WEEKS = [shift(ten_weeks.FIRST_MONDAY, "week", i).isoformat() for i in range(ten_weeks.WEEKS)]


@pytest.mark.parametrize("day, window, start", [
    (date(2024, 3, 10), "week", date(2024, 3, 4)),  # a Sunday belongs to the week of its Monday
    (date(2024, 3, 4), "week", date(2024, 3, 4)),
    (date(2021, 1, 3), "week", date(2020, 12, 28)),  # ISO week 53 of 2020
    (date(2024, 2, 29), "month", date(2024, 2, 1)),
    (date(2024, 2, 29), "day", date(2024, 2, 29)),
])
def test_period_start(day, window, start):
    assert period_start(day, window) == start


def test_periods_and_shifts():
    assert periods(date(2023, 11, 15), date(2024, 2, 3), "month") == \
        [date(2023, 11, 1), date(2023, 12, 1), date(2024, 1, 1), date(2024, 2, 1)]
    assert shift(date(2024, 1, 1), "month", -2) == date(2023, 11, 1)
    assert shift(date(2024, 1, 1), "week", 9) == date(2024, 3, 4)
    # rows shown from March need the 8 weeks before for their baseline, not the whole chronicle
    assert computed_from(date(2020, 1, 1), date(2024, 3, 1), "week") == date(2024, 1, 1)  # 2024-02-26 − 8
    assert computed_from(date(2024, 2, 1), date(2024, 3, 1), "week") == date(2024, 1, 29)


KAZAN = Spot("Казань", "RU", 55.79, 49.12)
NALCHIK = Spot("Нальчик", "RU", 43.49, 43.62)


def _counted(spot: Spot, day: str, fatalities: int = 0, to: str | None = None) -> Counted:
    return Counted(spot, date.fromisoformat(day), date.fromisoformat(to or day), fatalities)


def test_an_event_counts_in_the_period_its_dates_lie_in():
    events = [_counted(KAZAN, "2024-01-02"), _counted(KAZAN, "2024-01-01", to="2024-01-31")]  # the 2nd: a month
    weekly = table(events, "week", date(2024, 1, 1), date(2024, 1, 31))
    assert [(r["period"], r["count"]) for r in weekly] == \
        [("2024-01-01", 1), ("2024-01-08", 0), ("2024-01-15", 0), ("2024-01-22", 0), ("2024-01-29", 0)]
    monthly = table(events, "month", date(2024, 1, 1), date(2024, 1, 31))
    assert [(r["period"], r["count"]) for r in monthly] == [("2024-01-01", 2)]


def test_fatalities_are_tested_apart_from_counts():
    # one attack a week in Нальчик; in the ninth week the same one attack kills twelve
    events = [_counted(NALCHIK, shift(date(2024, 1, 2), "week", i).isoformat(), fatalities=12 if i == 8 else 0)
              for i in range(9)]
    rows = table(events, "week", date(2024, 1, 1), date(2024, 3, 3))
    last = rows[-1]
    assert (last["count"], last["fatalities"], last["spike"], last["fatality_spike"]) == (1, 12, False, True)
    assert last["fatalities_expected"] == 0.0 and last["fatality_score"] > 2
    assert not any(r["spike"] or r["fatality_spike"] for r in rows[:-1])
    assert current_spikes(rows) == [last]


def test_rows_only_for_places_with_events_in_the_periods_shown():
    events = [_counted(KAZAN, "2024-01-02"), _counted(NALCHIK, "2024-03-05")]
    rows = table(events, "week", date(2024, 1, 1), date(2024, 3, 10), shown_from=date(2024, 3, 1))
    assert [(r["place"], r["period"]) for r in rows] == [("Нальчик", "2024-02-26"), ("Нальчик", "2024-03-04")]


# -- the ten weeks ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chronicle(ten_weeks_db):
    with Chronicle(ten_weeks_db, read_only=True) as chronicle:
        yield chronicle


def _series(rows: list[dict], place: str) -> list[int]:
    return [r["count"] for r in rows if r["place"] == place]


def test_ten_weeks_tell_a_steady_city_from_a_sudden_week(chronicle):
    rows = chronicle.trends(type="protest")
    assert {r["period"] for r in rows} == set(WEEKS)
    assert _series(rows, "Казань") == [2] * 10
    # every other week, then six in a week; twelve reports of it (two outlets each) count six
    assert _series(rows, "Екатеринбург") == [0, 1, 0, 1, 0, 1, 0, 1, 0, 6]
    assert _series(rows, "Караганда") == [1] * 10
    [spike] = [r for r in rows if r["spike"] or r["fatality_spike"]]
    assert (spike["place"], spike["period"], spike["count"], spike["expected"]) == ("Екатеринбург", SUDDEN, 6, 0.5)
    assert spike["score"] > 2 and not spike["fatality_spike"]
    steady = [r for r in rows if r["place"] == "Казань" and r["expected"] is not None]
    assert steady and all(r["expected"] == 2.0 and r["score"] < 1 for r in steady)


def test_background_is_not_counted(chronicle):
    # the report of 2024-02-01 recalls rallies «в свое время»: no protest that week
    assert chronicle.events(place="Екатеринбург", date_from="2024-02-01", date_to="2024-02-01",
                            background=True)  # the event is there, as background
    week = next(r for r in chronicle.trends() if r["place"] == "Екатеринбург" and r["period"] == "2024-01-29")
    assert week["count"] == 0


@pytest.mark.parametrize("by, places, spike", [
    ("region", {"Республика Татарстан", "Свердловская область", "Карагандинская область"}, "Свердловская область"),
    ("country", {"Россия", "Казахстан"}, "Россия"),
])
def test_a_citys_events_count_for_its_region_and_country(chronicle, by, places, spike):
    rows = chronicle.trends(by=by, type="protest")
    assert {r["place"] for r in rows} == places
    assert [(r["place"], r["period"]) for r in rows if r["spike"]] == [(spike, SUDDEN)]
    if by == "country":
        assert _series(rows, "Россия") == [2, 3, 2, 3, 2, 3, 2, 3, 2, 8]  # Казань and Екатеринбург
        assert {r["country"] for r in rows} == {"RU", "KZ"}


def test_windows_and_bounds(chronicle):
    monthly = chronicle.trends(window="month")
    assert _series(monthly, "Екатеринбург") == [2, 2, 6]  # January, February, March
    assert all(r["expected"] is None for r in monthly)  # three months are no history
    march = chronicle.trends(date_from="2024-03-01")
    # the week holding March 1 and the next; their baselines still reach back into January
    assert {r["period"] for r in march} == {"2024-02-26", SUDDEN}
    assert next(r for r in march if r["place"] == "Екатеринбург" and r["period"] == SUDDEN)["spike"]
    assert chronicle.trends(date_to="2024-02-04") == [r for r in chronicle.trends() if r["period"] <= "2024-01-29"]
    assert chronicle.trends(type="ASSAULT") == []
    daily = chronicle.trends(window="day", date_from="2024-03-04", by="region")
    assert [r["count"] for r in daily if r["place"] == "Свердловская область"] == [1, 1, 1, 1, 1, 1]


def test_current_spikes_newest_first(chronicle):
    assert [(r["place"], r["period"]) for r in chronicle.spikes(type="protest")] == [("Екатеринбург", SUDDEN)]
    assert chronicle.spikes(date_to="2024-02-29") == []


@pytest.mark.parametrize("options", [{"by": "city"}, {"window": "year"}])
def test_unknown_level_or_window(chronicle, options):
    with pytest.raises(ValueError, match="unknown"):
        chronicle.trends(**options)
