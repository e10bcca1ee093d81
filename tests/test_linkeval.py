"""Scoring entity links: the three shares, and which entity holds a gold mention."""
from __future__ import annotations

import pytest

from letopis.linkeval import LinkScore, _holder
from letopis.records import Article, Entity


def test_the_three_shares():
    score = LinkScore()
    for gold, predicted, in_kb in [
        ("Q232", "Q232", True),  # right
        (None, None, False),  # NIL, rightly
        (None, "Q7747", False),  # a QID for a NULL link: wrong
        ("Q35493", None, True),  # missed, though the KB knows it
        ("Q1000", None, False),  # a QID the KB does not know: missed, and not among the known
    ]:
        score.add(gold, predicted, in_kb)
    assert (score.mentions, score.right, score.known, score.known_right) == (5, 2, 4, 2)
    assert (score.right_share, score.known_share) == (0.4, 0.5)
    assert (score.given, score.wrong, score.wrong_share) == (2, 1, 0.5)


ARTICLE = Article(id="a", text="Президент Казахстана Нурсултан Назарбаев прилетел в Алма-Ату.", entities=[
    Entity("E1", "LOC", "Казахстан", mentions=[(10, 20)], wikidata="Q232"),
    Entity("E2", "PER", "Нурсултан Назарбаев", mentions=[(21, 40)], wikidata="Q57394"),
    Entity("E3", "LOC", "Алма-Ата", mentions=[(52, 60)], wikidata=None),
])


@pytest.mark.parametrize("span, kind, qid", [
    ((10, 20, "LOC"), "LOC", "Q232"),  # its very span
    ((0, 20, "ORG"), "ORG", None),  # «Президент Казахстана» as an organisation: no ORG holds it
    ((31, 40, "PER"), "PER", "Q57394"),  # a part of the person's span, of the person's type
    ((52, 60, "LOC"), "LOC", None),  # held by an entity left NIL
    ((41, 49, "LOC"), "LOC", None),  # «прилетел»: no entity
])
def test_the_entity_holding_a_mention(span, kind, qid):
    assert _holder(ARTICLE, span[0], span[1], kind) == qid
