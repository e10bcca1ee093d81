"""Stage: how likely each event is right, from 0 to 1, from what the rules saw.

The signals are the trigger's strength (whether a collocation of the trigger table confirmed it,
a verb or a noun), where the arguments came from (actor and target named
entities, a place, a date stated in the sentence, a toll), how many mentions were merged into
the event, and its modality. A logistic model over them turns the signals into a probability; its weights
are data (data/confidence.yaml), fitted on tuning gold by scripts/fit_confidence.py, so that events at 0.8 are right about 80% of the time. `make eval`
prints how well that holds (letopis.calibration).
"""
from __future__ import annotations

import math
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .events.lexicon import triggers
from .models import Models
from .records import Article, Event, Token

NEEDS = ("events",)
ADDS = ("confidence",)

MODALITIES = ("reported", "uncertain", "future", "negated")  # asserted is the baseline


@cache
def model() -> dict[str, Any]:
    return yaml.safe_load(resources.files("letopis").joinpath("data/confidence.yaml").read_text("utf-8"))


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        for event in article.events:
            event.confidence = score(features(article, event))
    return articles


def score(signals: dict[str, float], fitted: dict[str, Any] | None = None) -> float:
    """The probability the fitted weights give these signals, rounded to two places."""
    fitted = fitted or model()
    weights = fitted["weights"]
    z = weights["bias"] + sum(weights.get(name, 0.0) * value for name, value in signals.items())
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 2)


def trigger_key(article: Article, event: Event) -> tuple[str, str]:
    """(lemma, part of speech) of the event's trigger word."""
    token = trigger_token(article, event)
    if token is None:
        return event.trigger.lower().replace("ё", "е"), "NOUN"
    pos = {"AUX": "VERB", "PROPN": "NOUN"}.get(token.pos, token.pos)
    if pos == "ADJ" and token.lemma.endswith(("ть", "ться", "чь")):
        pos = "VERB"  # a short participle tagged as an adjective
    return token.lemma.replace("ё", "е"), pos


def trigger_token(article: Article, event: Event) -> Token | None:
    for sentence in article.sentences:
        if sentence.stop <= event.start or sentence.start >= event.stop:
            continue
        for token in sentence.tokens:
            if token.text == event.trigger and event.start <= token.start < event.stop:
                return token
    return None


def features(article: Article, event: Event) -> dict[str, float]:
    """The signals of one event."""
    lemma, pos = trigger_key(article, event)
    entries = [t for t in triggers().get((lemma, pos), []) if t.type == event.type]
    explicit_date = any(event.start <= t.start < event.stop and not t.caption for t in article.times)
    signals = {
        "collocation": float(any(t.with_ for t in entries)),
        "verb": float(pos == "VERB"),
        "actor_entity": float(event.actor.entity is not None),
        "target_entity": float(event.target.entity is not None),
        "location": float(event.location is not None),
        "date_in_text": float(explicit_date),
        "toll": float(any(c is not None for c in (event.fatalities, event.injured, event.arrested))),
        "mentions": math.log(1 + len(event.extra_evidence)),
    }
    signals.update({f"modality_{m}": float(event.modality == m) for m in MODALITIES})
    return signals
