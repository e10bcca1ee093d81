"""What the words around an expression say, by the dependency parse where there is one and by plain
words otherwise: the verb that governs it, whether that verb looks forward, and whether «накануне»
is a preposition. Resolving (weekdays, «накануне») and event dating both ask.
"""
from __future__ import annotations

import re

from ..records import Sentence
from .lexicon import _lexicon, _norm


def _future(text: str, start: int, stop: int, sentences: list[Sentence] | None) -> bool:
    """Is the verb that governs [start, stop) in the future tense? By the parse when there is one,
    else by a future word («будет», «состоится») in the same clause."""
    sentence = next((s for s in sentences or [] if s.start <= start < s.stop), None)
    if sentence:
        verb = _governor(sentence, start, stop)
        if verb is not None:
            aux = [t for t in sentence.tokens if t.head == verb.id and t.pos == "AUX"]
            return any(t.feats.get("Tense") == "Fut" for t in [verb, *aux])
    clause = re.split(r"[.!?;,—]", text[max(0, start - 80):start])[-1] + " " + \
        re.split(r"[.!?;,—]", text[stop:stop + 80])[0]
    words = {_norm(w) for w in re.findall(r"[а-яё]+", clause.lower())}
    return bool(words & {_norm(w) for w in _lexicon()["future_words"]})


def _governor(sentence: Sentence, start: int, stop: int):
    """The verb above the expression's tokens in the dependency tree, within four steps."""
    by_id = {t.id: t for t in sentence.tokens}
    inside = [t for t in sentence.tokens if start <= t.start < stop]
    roots = [t for t in inside if not (start <= by_id.get(t.head, t).start < stop) or t.head == 0]
    token = roots[0] if roots else None
    for _ in range(4):
        if token is None or token.head == 0:
            return None
        token = by_id.get(token.head)
        if token is not None and token.pos in ("VERB", "AUX"):
            return token
    return None


def _is_preposition(text: str, stop: int, sentences: list[Sentence] | None) -> bool:
    """«накануне выборов» names no date; «накануне заявил» does."""
    sentence = next((s for s in sentences or [] if s.start <= stop < s.stop), None)
    following = [t for t in sentence.tokens if t.start >= stop] if sentence else []
    if following:
        return following[0].pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
    m = re.match(r"\s+([а-яё]+)", text[stop:])
    if not m or _norm(m.group(1)) in {_norm(w) for w in _lexicon()["prepositions"]}:
        return False
    return not re.search(r"(?:л|ла|ло|ли|лся|лась|лись|ся|сь)$", m.group(1))
