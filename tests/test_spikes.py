"""The spike rule (letopis.spikes, docs/trends.md) on made-up series: which periods it flags."""
from __future__ import annotations

import math

import pytest

from letopis.spikes import ALPHA, EVENTS, FATALITIES, MIN_HISTORY, assess, upper_tail


def flagged(series: list[int], rule=EVENTS) -> list[int]:
    return [i for i, a in enumerate(assess(series, rule)) if a.spike]


@pytest.mark.parametrize("name, series, spikes", [
    ("steady", [3] * 12, []),
    ("steady with noise", [2, 3, 2, 1, 3, 2, 2, 3, 2, 1, 2, 3], []),
    ("slow rise", list(range(1, 13)), []),
    ("one spike", [2, 3, 2, 2, 3, 2, 2, 3, 12, 2, 3], [8]),
    ("spike after silence", [0] * 8 + [6], [8]),
    ("one event after none", [0] * 8 + [1], []),
    ("two events after none", [0] * 8 + [2], []),
    ("short history", [0, 0, 0, 9], []),
    ("just enough history", [0, 0, 0, 0, 9], [4]),
    # the same 13 against a mean of 5: a spike where the baseline is steady, none where it
    # swings between 0 and 10 (negative binomial, not Poisson)
    ("13 after a steady 5", [5] * 8 + [13], [8]),
    ("13 at a bursty place", [0, 10] * 4 + [13], []),
    ("a spike lifts the baseline after it", [1] * 8 + [9, 4], [8]),
])
def test_events_rule(name, series, spikes):
    assert flagged(series) == spikes, name


@pytest.mark.parametrize("name, series, spikes", [
    ("deaths after none", [0] * 8 + [5], [8]),
    ("a few deaths after none", [0] * 8 + [3], []),
    ("deaths where mass deaths happen", [0, 0, 30, 0, 0, 40, 0, 0, 12], []),
])
def test_fatalities_rule(name, series, spikes):
    assert flagged(series, FATALITIES) == spikes, name


def test_no_baseline_before_min_history():
    assessed = assess([5] * 6, EVENTS)
    assert [a.expected for a in assessed[:MIN_HISTORY]] == [None] * MIN_HISTORY
    assert [a.score for a in assessed[:MIN_HISTORY]] == [None] * MIN_HISTORY
    assert assessed[MIN_HISTORY].expected == 5.0


def test_baseline_is_the_previous_eight_periods():
    assessed = assess([100] * 4 + [1] * 8 + [1], EVENTS)
    assert assessed[12].expected == 1.0  # the hundreds are more than 8 periods back
    assert assessed[8].expected == pytest.approx((4 * 100 + 4 * 1) / 8)


def test_score_is_minus_log10_of_the_tail():
    [*_, last] = assess([0] * 8 + [6], EVENTS)
    assert last.expected == 0.0  # the floor tests against 0.5, but expected says what was seen
    assert last.score == pytest.approx(-math.log10(upper_tail(6, EVENTS.floor, 0.0)), abs=0.01)
    assert last.score >= -math.log10(ALPHA)


@pytest.mark.parametrize("count, mean, variance, probability", [
    (0, 2.0, 0.0, 1.0),
    (1, 0.5, 0.0, 1 - math.exp(-0.5)),
    (3, 0.5, 0.0, 1 - math.exp(-0.5) * (1 + 0.5 + 0.125)),
    (2, 2.0, 2.0, 1 - 3 * math.exp(-2)),  # variance equal to the mean: Poisson
    # negative binomial with size 1 (variance = mean + mean²) is geometric: P(X >= k) = (m/(1+m))^k
    (4, 2.0, 6.0, (2 / 3) ** 4),
])
def test_upper_tail(count, mean, variance, probability):
    assert upper_tail(count, mean, variance) == pytest.approx(probability, rel=1e-9)


def test_tiny_tails_do_not_vanish_into_rounding():
    assert 0 < upper_tail(60, 2.0, 0.0) < 1e-40
    [*_, last] = assess([1] * 8 + [400], EVENTS)
    assert last.spike and last.score == 300.0  # past 1e-300 the score stops
