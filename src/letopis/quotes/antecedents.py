"""Speakers the text points back to: «он», a bare «издание» or «политик», the paragraph's last
speaker. Each looks in the speakers met so far, since Russian news names a speaker once and then
refers to them."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..records import Token
from .reading import Reading, Speaker


def antecedent(r: Reading, offset: int, gender: str | None, number: str | None) -> Speaker | None:
    """The speaker met last before `offset` that agrees; for one person, a person named since
    that speaker is nearer («На трагедию отреагировал и президент Дональд Трамп. «…», — написал он»)."""
    people = [(a, e) for e in r.article.entities if e.type == "PER" for a, _ in e.mentions if a < offset]
    # a subject, not one named in passing («песню Комитаса», «освобождения Голунова»)
    subjects = [p for p in people if _case_at(r, p[0]) in (None, "Nom")]
    named_last = max(subjects, key=lambda p: p[0], default=None)
    for at, speaker in reversed(r.history):
        if at >= offset or speaker.text is None:
            continue
        if number == "Plur":
            if speaker.number == "Plur" or (speaker.entity and not speaker.person):
                return speaker
        elif speaker.person and speaker.number != "Plur" and (gender is None or speaker.gender in (None, gender)):
            if named_last is not None and named_last[0] > at and named_last[1].id != speaker.entity:
                break  # someone named after this speaker is nearer
            return speaker
    last = max(people, key=lambda p: p[0], default=None)
    if last is not None and number != "Plur":
        entity = last[1]
        return Speaker(entity.id, entity.name, person=True, gender=gender)
    return None


def _case_at(r: Reading, offset: int) -> str | None:
    i = bisect_left(r.starts, offset)
    return r.tokens[i].feats.get("Case") if i < len(r.tokens) and r.tokens[i].start == offset else None


def anaphor(r: Reading, anchor: Token, gender: str | None) -> Speaker | None:
    """A bare «издание» points back to the last outlet, a bare «политик» to the last person; «СМИ»
    or «издания», the press at large, point back to no one («итальянские СМИ сообщили»)."""
    if anchor.lemma == "сми" or (anchor.lemma in r.lex["media_heads"] and anchor.feats.get("Number") == "Plur"):
        return None
    media = anchor.lemma in r.lex["media_heads"]
    if anchor.lemma in r.lex["unnamed_sources"] and not media:
        return None
    if media:
        # the last outlet a speaker was, or the last one the text named as an outlet («в газете
        # «Московский комсомолец» появилась информация … По данным газеты, …»)
        told = [(at, r.article.entity(entity_id)) for at, speaker in r.history
                for entity_id in [speaker.entity] + list(reversed(speaker.via))]
        named = [(a, e) for e in r.article.entities if e.type == "ORG" for a, _ in e.mentions
                 if _after_media_head(r, a)]
        platforms = set(r.lex["platforms"].values())  # a bare «газета» is no Twitter
        found = [(at, e) for at, e in told + named if at < anchor.start and e is not None and e.type == "ORG"
                 and e.name not in platforms]
        if found:
            entity = max(found, key=lambda x: x[0])[1]
            return Speaker(entity.id, entity.name)
        return None
    if anchor.feats.get("Animacy") == "Anim" and anchor.feats.get("Number") != "Plur":
        return antecedent(r, anchor.start, gender, "Sing")
    return None


def _after_media_head(r: Reading, offset: int) -> bool:
    """A name right after «газета», «агентство», «телеканал»: «в газете «Московский комсомолец»»."""
    words = re.findall(r"\w+", r.text[max(0, offset - 16):offset].lower())
    return bool(words) and any(words[-1].startswith(head.lower()[:5]) for head in r.lex["media_heads"])


ROLE_CONTEXT = 100  # characters before a name in which its role phrase stands


def role_holder(r: Reading, anchor: Token, words: str) -> Speaker | None:
    """«пресс-секретарь Кремля добавил» after «Пресс-секретарь Кремля Дмитрий Песков заявил»: a
    speaker named by role only (`words`, one person) is the person the article named right after
    that role phrase, or with that role word if it is the role word alone; the last one before it
    (or the only one)."""
    if anchor.feats.get("Number") == "Plur":
        return None
    stems = [w[:5] for w in re.findall(r"\w+", words.lower()) if len(w) > 2]
    bare = words.strip().lower() == anchor.text.lower()  # «по мнению мэра»: the role word alone

    def named_after_role(entity, at: int) -> bool:
        if bare:  # the entity's role was read before its name, in any form: «мэр Бостона Томас Менино»
            return True
        before = re.findall(r"\w+", r.text[max(0, at - ROLE_CONTEXT):at].lower())[-len(stems):]
        own = {w[:5] for w in re.findall(r"\w+", entity.name.lower())}
        # «адвокат Насира» names the lawyer, not Насир
        return len(before) == len(stems) and all(b.startswith(s) for b, s in zip(before, stems)) \
            and not own & set(stems)
    holders = [(a, e) for e in r.article.entities if e.type == "PER" and anchor.lemma in e.roles
               for a, _ in e.mentions if named_after_role(e, a)]
    before = [h for h in holders if h[0] < anchor.start]
    if not before and len({e.id for _, e in holders}) != 1:
        return None
    entity = max(before or holders, key=lambda h: h[0])[1]
    return Speaker(entity.id, entity.name, person=True)


def paragraph_speaker(r: Reading, offset: int) -> Speaker | None:
    start = r.paragraph_start(offset)
    for quote in reversed(r.found):
        if start <= quote.start < offset and quote.speaker_text:
            return Speaker(quote.speaker, quote.speaker_text, list(quote.via))
    return None
