"""Event confidence (letopis/confidence.py) and its calibration (letopis/calibration.py): each
event gets a probability of being right from what its rules saw, and on the tuning gold the
events at a level are right about that often."""
from __future__ import annotations

from pathlib import Path

import pytest

from letopis import calibration, confidence
from letopis.evaluate import gold_articles, load_gold

ROOT = Path(__file__).resolve().parent.parent


def _event(article, type_):
    return next(e for e in article.events if e.type == type_)


def test_every_event_has_a_confidence_between_0_and_1(seed):
    assert seed.events and all(0.0 <= e.confidence <= 1.0 for e in seed.events)
    assert all(e["confidence"] == e_.confidence for e, e_ in zip(seed.to_record()["events"], seed.events))


def test_a_planned_event_is_less_sure_than_one_that_happened(process):
    held = process("В Алматы 5 января прошёл митинг против роста цен на газ.", "2022-01-05")
    planned = process("В Алматы 5 января планируют провести митинг против роста цен на газ.", "2022-01-04")
    done, future = _event(held, "PROTEST"), _event(planned, "PROTEST")
    assert future.modality == "future" and done.modality == "asserted"
    assert future.confidence < done.confidence


def test_arguments_found_raise_it(process):
    bare = process("Произошла перестрелка.", "2022-01-06")
    full = process("В Алматы 6 января силовики открыли огонь по протестующим, погибли восемь человек.", "2022-01-06")
    assert _event(full, "ASSAULT").confidence > _event(bare, "ASSAULT").confidence
    signals = confidence.features(full, _event(full, "ASSAULT"))
    assert signals["location"] == signals["date_in_text"] == signals["toll"] == 1.0


@pytest.mark.parametrize("scored, bins", [
    ([(0.9, True), (0.9, True), (0.9, False), (0.1, False)], {(0.8, 3): 2 / 3, (0.0, 1): 0.0}),
    ([(0.5, True), (0.7, False)], {(0.4, 1): 1.0, (0.6, 1): 0.0}),
])
def test_reliability_bins(scored, bins):
    found = {(round(b.low, 1), b.count): b.right for b in calibration.reliability(scored) if b.count}
    assert found == pytest.approx(bins)


def test_expected_calibration_error():
    assert calibration.ece([(0.9, True)] * 9 + [(0.9, False)]) == pytest.approx(0.0)
    assert calibration.ece([(0.9, False)] * 10) == pytest.approx(0.9)


def test_calibrated_on_the_tuning_gold(shared, pipeline):
    """Events at a level are right about that often on the gold the weights were fitted on
    (docs/annotation.md: tuning gold); `make eval` prints the same table for held-out gold."""
    scored = []
    for folder in (ROOT / "tests/gold/tuning", ROOT / "tests/gold/nerel_events"):
        golds = load_gold(folder)
        articles = pipeline.run(gold_articles(golds, shared))
        scored += [(e.confidence, right) for _, e, right in calibration.outcomes(golds, articles)]
    assert len(scored) > 300
    assert calibration.ece(scored) < 0.05
    for band in calibration.reliability(scored):
        if band.count >= 30:
            assert abs(band.confidence - band.right) < 0.08, band
    table = calibration.table({"tests/gold/tuning": scored})
    assert "0.8–1.0" in table and "ECE" in table
