"""When an event happened: the time layer's date for it, or the date of the sentence before where
the text gives none of its own (a narrative goes on)."""
from __future__ import annotations

from ..records import Article
from ..times import event_date
from .detection import Mention

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def date(article: Article, m: Mention, previous: list[Mention]) -> None:
    """The time layer's date; where it only has the article's date, the date of the event told in
    the sentence before (a narrative goes on: «Акция состоялась 12 июня. Полицейские задержали ...»)."""
    e = m.event
    e.date, e.date_grain = event_date(article, e.start, e.stop, head=m.token.start)
    sentence = m.tree.sentence
    m.explicit_date = any(sentence.start <= x.start < sentence.stop and not x.caption for x in article.times)
    if not m.explicit_date and e.date == article.published:
        before = [p.event for p in previous if p.tree.index == m.tree.index - 1 and p.event.date]
        if before:
            e.date, e.date_grain = before[-1].date, before[-1].date_grain
    e.time_precision = TIME_PRECISION.get(e.date_grain or "")
