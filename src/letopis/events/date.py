"""When an event happened: the time layer's date for it, or the date of the sentence before where
the text gives none of its own (a narrative goes on); and whether the article tells it as news or
as background (history, context), which the chronicle keeps apart."""
from __future__ import annotations

from datetime import timedelta

from ..records import Article
from ..times import date_range, event_date
from .detection import Mention
from .lexicon import rules

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
NEWS_DAYS = 30  # an event that ended more than this many days before publication is background


def date(article: Article, m: Mention, previous: list[Mention]) -> None:
    """The time layer's date; where it only has the article's date, the date of the event told in
    the sentence before (a narrative goes on: «Акция состоялась 12 июня. Полицейские задержали ...»)."""
    e = m.event
    e.date, e.date_grain = event_date(article, e.start, e.stop, head=m.token.start, skip=_other_events(m))
    sentence = m.tree.sentence
    m.explicit_date = any(sentence.start <= x.start < sentence.stop and not x.caption for x in article.times)
    if m.refers_back:  # «за день до теракта 13 июля опубликовали»: the sentence's time is the other event's
        phrase = m.tree.subtree(m.token)
        m.explicit_date = any(phrase[0].start <= x.start < phrase[-1].stop for x in article.times)
    if not m.explicit_date and e.date == article.published:
        before = [p.event for p in previous if p.tree.index == m.tree.index - 1 and p.event.date
                  and not _time_clause(p)]
        if before:
            e.date, e.date_grain = before[-1].date, before[-1].date_grain
    e.time_precision = TIME_PRECISION.get(e.date_grain or "")
    e.background = _long_before(e.date, e.date_grain, article.published) or _told_as_past(m)


def _time_clause(m: Mention) -> bool:
    """A clause that only sets the time of its sentence's main event («объяснил …, после того как
    неделю назад были убиты двое»): its date is not the one the narrative goes on at."""
    tree, t = m.tree, m.carrier
    while (head := tree.head(t)) is not None:
        if any(c.lemma == "как" for c in tree.children(t, "mark")):
            return head.lemma == "тот" and tree.case(head) in rules()["relative_to"]
        t = head
    return False


def _other_events(m: Mention) -> list[tuple[int, int]]:
    """Phrases under the trigger's verb that tell another event, whose times are not this one's:
    a reason («приговорил за соучастие в убийстве в мае 2014 года») or a reference («по делу о …»)."""
    tree, spans = m.tree, []
    if m.event.type not in rules()["reason_types"]:
        return spans  # «митинг за допуск кандидатов»: a protest's «за» is its cause, not a past deed
    for holder in {m.token.id: m.token, m.carrier.id: m.carrier}.values():
        for child in tree.children(holder, "obl", "nmod"):
            if tree.case(child) in rules()["reason_cases"] or child.lemma in rules()["reference_nouns"]:
                phrase = tree.subtree(child, depth=8)
                spans.append((phrase[0].start, phrase[-1].stop))
    return spans


def _long_before(value: str | None, grain: str | None, published: str | None) -> bool:
    """The event's whole date range lies more than NEWS_DAYS before the publication's first day:
    «в 2015 году был осуждён» in an article of 2019."""
    event, news = date_range(value, grain), date_range(published, None)
    return bool(event and news) and event[1] < news[0] - timedelta(days=NEWS_DAYS)


def _told_as_past(m: Mention) -> bool:
    """A past-context construction around the trigger: «в прошлом», «в свое время» (rules.yaml)."""
    lemmas = [t.lemma for t in m.tree.sentence.tokens]
    return any(lemmas[i:i + len(p)] == p for p in rules()["past_context"] for i in range(len(lemmas)))
