"""An event's date from the times found: the expression that governs its clause, else one near it in
its sentence, else one in the sentence it carries on, else the article date. A bound of a period
(«с 1985 года»), a birth year and a caption date no event.
"""
from __future__ import annotations

import re

from ..records import Article, TimeExpr
from .clause import _governor
from .find import PARAGRAPH_BREAK
from .lexicon import _alt, _lexicon
from .points import parse_date

SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"»)]*\s+(?=[«\"(]*[A-ZА-ЯЁ0-9])|\n")

# «с 1985 года», «до 2020 года»: one end of a period, which dates no single event in it.
PERIOD_BOUND = re.compile(r"(?:начиная\s+)?(?:с|со|до)\s+(?!\d+\s+по\s)", re.IGNORECASE)


def event_date(article: Article, start: int, stop: int, head: int | None = None,
               skip: list[tuple[int, int]] = ()) -> tuple[str | None, str | None]:
    """(date, grain) for an event stated in [start, stop): the time expression that governs its
    clause, else the nearest one before it in the sentence (or in the sentence before, when this one
    opens by continuing it), else the article date at its grain. Captions never date events, nor
    times inside the `skip` spans (phrases that tell another event)."""
    times = [t for t in article.times if not t.caption and not PERIOD_BOUND.match(t.text)
             and not _life_date(article, t) and not any(a <= t.start < b for a, b in skip)]
    s_start, s_stop = _sentence_bounds(article, head if head is not None else start)
    in_sentence = [t for t in times if s_start <= t.start < s_stop]
    sentence = next((s for s in article.sentences if s.start == s_start), None)
    if head is not None and sentence is not None:
        for t in in_sentence:
            verb = _governor(sentence, t.start, t.stop)
            if verb is not None and verb.start <= head < verb.stop:
                return _event_value(t)
    inside = [t for t in in_sentence if t.start < stop and t.stop > start]
    if inside:
        pivot = head if head is not None else start
        return _event_value(min(inside, key=lambda t: abs(t.start - pivot)))
    barrier = re.compile(_alt(_lexicon()["barriers"]) + r"(?!\w)", re.IGNORECASE)
    before = [t for t in in_sentence if t.stop <= start and not barrier.search(article.text[t.stop:start])]
    if before:
        return _event_value(before[-1])
    after = [t for t in in_sentence if t.start >= stop and not re.search(r"[,;:—()«»]", article.text[stop:t.start])]
    if after:
        return _event_value(after[0])
    previous = _previous_sentence_times(article, s_start, times)
    if previous:
        return _event_value(previous[-1])
    anchor = parse_date(article.published)
    return (anchor.value, anchor.grain) if anchor else (None, None)


def _life_date(article: Article, t: TimeExpr) -> bool:
    """«1998 года рождения»: a birth year, which dates no event."""
    after = article.text[t.stop:t.stop + 12].lower().lstrip()
    return any(after.startswith(word) for word in _lexicon()["life_dates"])


def _event_value(t: TimeExpr) -> tuple[str, str]:
    # A week («на прошлой неделе») is a range with no day named: the event is dated to its month.
    if t.end and not re.search(r"\d", t.text):
        return t.value[:7], "month"
    return t.value, t.grain


def _sentence_bounds(article: Article, offset: int) -> tuple[int, int]:
    for s in article.sentences:
        if s.start <= offset < s.stop:
            return s.start, s.stop
    bounds = [0] + [m.end() for m in SENTENCE_BREAK.finditer(article.text)] + [len(article.text)]
    for a, b in zip(bounds, bounds[1:]):
        if a <= offset < b:
            return a, b
    return 0, len(article.text)


def _previous_sentence_times(article: Article, s_start: int, times: list[TimeExpr]) -> list[TimeExpr]:
    """The times of the sentence before, when this sentence opens by continuing it («При этом»,
    «Тогда же», a pronoun subject) and both lie in one paragraph."""
    opening = article.text[s_start:s_start + 40].lower()
    if not re.match(_alt(_lexicon()["continuations"]) + r"(?!\w)", opening):
        return []
    if s_start == 0:
        return []
    p_start, p_stop = _sentence_bounds(article, s_start - 1)
    paragraph_break = PARAGRAPH_BREAK.search(article.text, p_start, s_start)
    if paragraph_break or any(a <= p_start < b and not a <= s_start < b for a, b in article.paragraphs):
        return []
    return [t for t in times if p_start <= t.start < p_stop]
