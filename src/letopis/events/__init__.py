"""Events stage: PLOVER events (ONTOLOGY.md) from the syntax tree, each with the sentence behind it.

A trigger word (data/events/triggers.tsv) starts an event mention; its arguments come from its
dependents (subject → actor, object or passive subject → target, `в / на / под` + a place →
location); counts, date, modality and source are attached; mentions of one occurrence then merge.
"""
from __future__ import annotations

from bisect import bisect_left

from ..models import Models
from ..quotes import speech_regions
from ..quotes.relay import forwarded
from ..records import Article, Count, Event
from . import date, detection, merge, modality, place, toll
from .lexicon import rules, triggers
from .tree import Tree, reading

__all__ = ["ADDS", "NEEDS", "extract", "run", "triggers"]

NEEDS = ("sentences", "entities", "times", "quotes")
ADDS = ("events",)


def extract(article: Article) -> list[Event]:
    with reading(article):
        return _extract(article)


def _extract(article: Article) -> list[Event]:
    trees = [Tree(s, i) for i, s in enumerate(article.sentences)]
    regions = speech_regions(article)  # reported speech, read once for all the article's events
    mentions: list[detection.Mention] = []
    tolls: list[tuple[int, str, Count]] = []  # (sentence, slot, count) told apart from any attack
    names = sorted(span for e in article.entities for span in e.mentions)
    name_starts = [a for a, _ in names]
    main_place = place.main_place(article)
    towns = place.story_places(article)
    for tree in trees:
        sentence = tree.sentence
        found = detection.detect(article, tree, names[bisect_left(name_starts, sentence.start):
                                                       bisect_left(name_starts, sentence.stop)])
        for m in found:
            m.title = merge.in_title(article, m)
            date.date(article, m, mentions)
            m.event.modality, m.event.source = modality.modality(article, m, trees, regions)
        orphans = toll.attach_counts(article, tree, found)
        found = toll.fold_kills(found, mentions, orphans)
        tolls += [(tree.index, slot, count) for slot, count in orphans]
        for m in found:
            place.locate(article, m, mentions, main_place, towns)
            detection.retype(article, m)
        # «вины не признал»: a concession denied is none at all (rules.yaml)
        mentions += [m for m in found if not (m.event.modality == "negated"
                                               and m.event.type in rules()["none_when_negated"])]
    toll.story_toll(mentions, tolls)
    events = merge.merge(article, mentions)
    for number, event in enumerate(events, 1):
        event.id = f"V{number}"
    return events


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        article.events = extract(article)
        for event in article.events:  # a forwarded message's events came through its channel
            event.source = {**event.source, "via": forwarded(article, list(event.source.get("via") or []))}
    return articles
