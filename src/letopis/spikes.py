"""The spike rule (docs/trends.md): is a period's count unusual against the same place's own
trailing baseline? An upper-tail test of the count under a Poisson law with the baseline's mean,
or a negative binomial one where the baseline varies more than a Poisson count would (news comes
in bursts), with a floor under the mean so that one event where there were none is no alarm."""
from __future__ import annotations

import math
from dataclasses import dataclass

BASELINE_PERIODS = 8  # the trailing baseline: at most this many periods before the one tested
MIN_HISTORY = 4  # periods of the chronicle before the one tested; fewer: no baseline, no spike
ALPHA = 0.01  # a spike's count is this unlikely or less under its baseline (score >= 2)
SMALLEST_P = 1e-300  # scores stop at 300 rather than run to infinity


@dataclass(frozen=True)
class Rule:
    floor: float  # the baseline mean tested against is never below this
    minimum: int  # nor is a count below this ever a spike


EVENTS = Rule(floor=0.5, minimum=3)
# Deaths come in lumps (one attack, thirty dead): a higher floor, and five at least.
FATALITIES = Rule(floor=1.0, minimum=5)


@dataclass(frozen=True)
class Assessment:
    expected: float | None  # the baseline mean; None without MIN_HISTORY periods before
    score: float | None  # -log10 of the upper-tail probability of the count
    spike: bool


def assess(series: list[int], rule: Rule, start: int = 0) -> list[Assessment]:
    """Each period of a place's series against the periods before it. The series starts at the
    chronicle's first period, or BASELINE_PERIODS periods before the first one that matters:
    a period with fewer than MIN_HISTORY periods before it in the series has no baseline.
    Periods before `start` serve as baseline only: they are not tested."""
    out = []
    for i, count in enumerate(series):
        baseline = series[max(0, i - BASELINE_PERIODS):i]
        if len(baseline) < MIN_HISTORY or i < start:
            out.append(Assessment(None, None, False))
            continue
        mean = sum(baseline) / len(baseline)
        variance = sum((c - mean) ** 2 for c in baseline) / (len(baseline) - 1)
        p = upper_tail(count, max(mean, rule.floor), variance)
        out.append(Assessment(round(mean, 2), round(0.0 - math.log10(max(p, SMALLEST_P)), 2),
                              count >= rule.minimum and p < ALPHA))
    return out


def upper_tail(count: int, mean: float, variance: float) -> float:
    """P(X >= count) for a count with this mean: Poisson, or negative binomial (same mean, the
    baseline's variance) when that variance exceeds the mean. Each term comes from the one
    before it by the ratio of the two (P(i + 1) / P(i)), not from its own log-gammas."""
    if count <= 0:
        return 1.0
    if variance > mean:
        size = mean * mean / (variance - mean)
        q = mean / (size + mean)
        log_pmf = _negative_binomial(mean, size)

        def ratio(i: int) -> float:
            return (i + size) / (i + 1) * q
    else:
        log_pmf = _poisson(mean)

        def ratio(i: int) -> float:
            return mean / (i + 1)
    if count <= mean:  # the lower part is large: the tail as 1 minus it
        term, lower = math.exp(log_pmf(0)), 0.0
        for i in range(count):
            lower += term
            term *= ratio(i)
        return max(0.0, 1.0 - lower)
    # the tail summed term by term: no cancellation for tiny probabilities
    total, i, term = 0.0, count, math.exp(log_pmf(count))
    while True:
        total += term
        if term <= total * 1e-15 or i - count > 100_000:
            return min(total, 1.0)
        term *= ratio(i)
        i += 1


def _poisson(mean: float):
    return lambda i: -mean + i * math.log(mean) - math.lgamma(i + 1)


def _negative_binomial(mean: float, size: float):
    p = size / (size + mean)
    return lambda i: (math.lgamma(i + size) - math.lgamma(size) - math.lgamma(i + 1)
                      + size * math.log(p) + i * math.log1p(-p))
