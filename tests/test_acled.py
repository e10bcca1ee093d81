"""ACLED rows and GeoJSON features from extracted events (ONTOLOGY.md «ACLED mapping»)."""
import pytest

from letopis.acled import COLUMNS, acled_row, geojson_feature

# text → (ACLED event_type, sub_event_type) of its first event
CASES = [
    ("Днем 5 января в Алматы протестующие захватили здание городской администрации.",
     ("Battles", "Non-state actor overtakes territory")),
    ("В Алматы мародеры разграбили оружейный магазин.", ("Riots", "Violent demonstration")),
    ("В Гомеле прошел митинг против повышения цен.", ("Protests", "Peaceful protest")),
    ("В Москве полицейские задержали более 500 человек.", ("Strategic developments", "Arrests")),
    ("Правительство Киргизии ушло в отставку.", ("Strategic developments", "Change to group/activity")),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_event_types(process, text, expected):
    article = process(text, "2022-01")
    row = acled_row(article.events[0], article)
    assert (row["event_type"], row["sub_event_type"]) == expected


def test_row_has_acled_columns_and_values(process):
    article = process("В ночь на 6 января в Алматы военные убили 26 протестующих.", "2022-01")
    [event] = article.events
    row = acled_row(event, article)
    assert tuple(row) == COLUMNS
    assert row["event_date"] == "2022-01-06" and row["year"] == 2022 and row["time_precision"] == 1
    assert row["country"] == "Kazakhstan" and row["location"] == "Алматы" and row["geo_precision"] == 1
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 6, 16)
    assert row["event_type"] == "Violence against civilians" and row["fatalities"] == 26
    assert "военные убили 26 протестующих" in row["notes"]


def test_lowest_figure_goes_to_acled(process):
    article = process("В Алматы в результате стрельбы погибли десятки человек.", "2022-01")
    [event] = article.events
    assert acled_row(event, article)["fatalities"] == 20


def test_geojson_point_is_lon_lat_with_evidence_and_source(process):
    article = process("Как сообщает ТАСС, в Алматы протестующие захватили аэропорт.", "2022-01")
    feature = geojson_feature(article.events[0], article)
    lon, lat = feature["geometry"]["coordinates"]
    assert 76 < lon < 78 and 43 < lat < 44  # Алматы: 76.9 E, 43.3 N
    assert feature["properties"]["evidence"][0] == [article.events[0].start, article.events[0].stop]
    assert feature["properties"]["modality"] == "reported"
