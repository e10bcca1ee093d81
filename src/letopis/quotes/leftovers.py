"""Marks no rule has read, last: a slogan after its cue, a translation in brackets, speech kept
by its signature line or the paragraph's speaker, and what is left a scare quote, a word held at
arm's length. Running last lets every construction with a speaker claim its marks first."""
from __future__ import annotations

from ..records import Token
from .antecedents import paragraph_speaker
from .reading import Reading, Speaker
from .speakers import signed_speaker, speaker_from, verb_speaker
from .text import Unit


def read_leftover_marks(r: Reading) -> None:
    covered = [(q.start, q.stop) for q in r.found]
    for mark in r.marks:
        if mark in r.claimed or any(a <= mark[0] and mark[1] <= b for a, b in covered):
            continue
        unit = next((u for u in r.units if u.start <= mark[0] < u.stop), None)
        if unit is None:
            continue
        if translation_of(r, mark):
            continue
        if r.has_slogan_cue(unit, mark):
            r.add(*mark, "slogan", slogan_speaker(r, unit, mark))
        elif r.speech_like(mark) and len(r.text[mark[0]:mark[1]].split()) > 3 or r.after_words(mark):
            r.add(*mark, "direct", signed_speaker(r, mark) or paragraph_speaker(r, mark[0]))
        else:
            r.add(*mark, "scare", None)


def translation_of(r: Reading, mark: tuple[int, int]) -> bool:
    """(«Старик, уходи!») right after a quote translates it."""
    if r.text[mark[0] - 2:mark[0] - 1] != "(":
        return False
    for quote in reversed(r.found):
        if 0 <= mark[0] - quote.stop <= 4:
            quote.translation = r.text[mark[0]:mark[1]]
            return True
    return False


def slogan_speaker(r: Reading, unit: Unit, mark: tuple[int, int]) -> Speaker | None:
    """Who chanted it: the subject of the cue verb («участники акции скандировали «…»», «мужчина
    кричит «…»»: NEREL train 42665, 159392, 161651), or whoever carried the cue noun («демонстрантов
    с плакатами «…»»)."""
    cue: Token | None = next((t for t in reversed([t for t in unit.tokens if t.stop <= mark[0]][-4:])
                              if t.lemma in r.lex["slogan_cues"]), None)
    if cue is None:
        return None
    if cue.pos == "VERB":
        return verb_speaker(r, unit, cue)
    head = unit.by_id(cue.head)
    if cue.pos == "NOUN" and head is not None and head is not cue:
        if head.pos == "VERB":
            return verb_speaker(r, unit, head)
        if head.pos in ("NOUN", "PROPN"):
            return speaker_from(r, unit, head, None)
    return None
