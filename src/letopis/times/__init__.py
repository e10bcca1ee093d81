"""Time layer: finds Russian time expressions, resolves each to a calendar date against the article
date and the dates told earlier in the text, and dates events by the expression that governs them.

A value is never finer than what the text and the anchor allow: «вчера» under an article dated
only `2022-01` stays `2022-01` (month grain).

One module per concern, in the order the data flows: `lexicon` (words and compiled patterns),
`matches` (overlaps, clocks), `points` (calendar arithmetic at a grain), `clause` (the parse and
words around an expression), `resolve` (one expression to a date), `captions`, `find` (a whole text
in reading order), `dating` (an event's date). This module is the stage.
"""
from __future__ import annotations

from ..models import Models
from ..records import Article
from .dating import PERIOD_BOUND, SENTENCE_BREAK, event_date
from .find import PARAGRAPH_BREAK, find_times
from .points import RANK, UNIT_GRAIN, date_range, parse_date

__all__ = ["ADDS", "NEEDS", "PARAGRAPH_BREAK", "PERIOD_BOUND", "RANK", "SENTENCE_BREAK", "UNIT_GRAIN",
           "date_range", "event_date", "find_times", "parse_date", "run"]

NEEDS = ("text", "sentences", "paragraphs")
ADDS = ("times",)


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        article.times = find_times(article.text, article.published, article.sentences or None,
                                   article.paragraphs or None)
    return articles
