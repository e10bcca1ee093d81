"""Speech introduced by a speech verb: «…», — сказал он; X заявил: «…»; X сообщил, что …;
«Как сообщает X, …»; X назвал это «…»; «…, пишет ТАСС». Each construction bounds the words
differently, and the first that matches a verb wins: the quoted ones are in direct.py, the
reported content in content.py; here the verb's speaker and the order they are tried in."""
from __future__ import annotations

import re

from ..language import agree
from ..records import Token
from .content import as_reported, clause_after, phrase_stop, read_complement, read_content_phrase, read_request
from .direct import read_block, read_colon, read_quote_first
from .reading import Reading, Speaker
from .speakers import verb_speaker
from .text import Unit

def read_verbs(r: Reading, unit: Unit) -> None:
    """Every speech verb of the unit outside quotation marks, or inside them after a dash."""
    for verb in [t for t in unit.tokens if r.is_speech_verb(t)]:
        if any(q.kind == "indirect" and q.start <= verb.start < q.stop for q in r.found):
            continue  # «пишет, что полиция подтвердила разграбление …»: one report, told inside another
        quoted = any(a <= verb.start < b for a, b in r.marks)
        if not quoted or re.search(r"[—–]\s*$", r.text[unit.start:verb.start]):
            read_verb(r, unit, verb)


def read_verb(r: Reading, unit: Unit, verb: Token) -> None:
    """A speech verb: quote-first, quote-last, «что»-complement, «как сообщает X, …», naming."""
    if verb.lemma in r.lex["cognition"] and not unit.children(verb, "nsubj") and (
            unit.children(verb, "obj") or not _impersonal(r, unit, verb)):
        return  # «его подозревают в том, что …»: a belief is a claim only when it says whose
    speaker = verb_speaker(r, unit, verb)
    before = r.text[unit.start:verb.start]
    if speaker is None:
        # «…», — говорится в сообщении: someone's words, though the article does not say whose
        if re.search(r"[»\"“],?\s*[—–-]\s*$", before):
            read_quote_first(r, unit, verb, Speaker(None, None), before)
        elif _impersonal(r, unit, verb):  # «Сообщается, что …», «Сообщается о 14 погибших»
            nobody = Speaker(None, None)
            if as_reported(r, unit, verb):
                # «Как сообщается, …», «Как говорится в пресс-релизе, …» (NEREL train 04_12_12g, 15984,
                # 18805, 22222, 28306, 37745)
                # the comma that ends what hangs off the verb, not one before a participle or
                # «который» on it: «в пресс-релизе, размещенном на сайте ЕСПЧ, …»
                after = [t for t in unit.tokens if t.start >= verb.stop]
                comma = next((t for t, nxt in zip(after, after[1:]) if t.text == ","
                              and nxt.feats.get("VerbForm") != "Part" and nxt.lemma != "который"), None)
                if comma is not None:
                    r.add_claim(comma.stop, unit.stop, nobody, unit)
            elif re.search(r"\w,\s*$", before) and _names_document(r, unit, verb):
                # «…, говорится в документе»: the document told of just before is the source
                r.add(unit.start, unit.start + len(before.rstrip().rstrip(",")), "indirect",
                      _speaker_just_before(r, unit) or nobody)
            elif not (r.governs(verb, "что") and read_complement(r, unit, verb, nobody)) \
                    and verb.feats.get("Number") != "Plur":  # «ему доложили о происшествии»: a topic
                read_content_phrase(r, unit, verb, nobody)
        return
    direct = r.governs(verb, "direct")
    if direct and read_quote_first(r, unit, verb, speaker, before):
        return
    if direct and read_colon(r, unit, verb, speaker):
        return
    if direct and read_block(r, unit, verb, speaker):
        return
    if r.governs(verb, "что") and read_complement(r, unit, verb, speaker):
        return
    if read_content_phrase(r, unit, verb, speaker) or read_request(r, unit, verb, speaker):
        return
    if as_reported(r, unit, verb):  # «(Однако) как сообщает X, …»
        comma = next((t for t in unit.tokens if t.start >= verb.stop and t.text == ","), None)
        start = comma.stop if comma else phrase_stop(r, unit, verb)
        r.add_claim(start, unit.stop, speaker, unit)
        return
    if verb.lemma in r.lex["naming_verbs"] and read_naming(r, unit, verb, speaker):
        return
    if not re.search(r",\s*$", before):
        return
    # «…, пишет ТАСС», «…, сообщает «Лента.ру»»: the speaker closes the sentence, or the verb's
    # own adjuncts do («…, сообщили итальянские СМИ в конце ноября»)
    stop = phrase_stop(r, unit, verb)
    if not _adjuncts_only(r, unit, verb, stop, r.content_stop(unit)).strip(" »\"”'"):
        r.add(unit.start, unit.start + len(before.rstrip().rstrip(",")), "indirect", speaker)
    elif re.match(r"\s*,\s*\w", r.text[stop:stop + 4]) and _aside(unit, verb, stop) \
            and not any(unit.start <= a and b <= verb.start for a, b in r.marks):  # «…», сказала Пайпер, когда …
        # «Без сомнения, пишет газета «Clarin», речь идет о заказном убийстве»: a report told in the
        # middle of what it says is the whole sentence (NEREL train 073, 111444, 11587, 11899)
        r.add(unit.start, r.content_stop(unit), "indirect", speaker)


def _aside(unit: Unit, verb: Token, stop: int) -> bool:
    """«…, пишет газета «Clarin», …»: the verb and its subject after it stand between commas, and
    what follows is none of the verb's (not «…, сообщило MAP, добавив, что …»)."""
    subject = [t for t in unit.children(verb, "nsubj") if t.start > verb.stop]
    after = next((t for t in unit.tokens if t.start > stop and t.pos != "PUNCT"), None)
    if not subject or after is None or verb.rel not in ("parataxis", "root"):
        return False
    start, stop = unit.subtree_span(verb)
    return not start <= after.start < stop


def _adjuncts_only(r: Reading, unit: Unit, verb: Token, start: int, stop: int) -> str:
    """The text between two points, less the verb's own adjuncts and the times in it: whom, when,
    how it was said («…, сообщил источник агентству в понедельник»)."""
    spans = [(t.start, t.stop) for t in r.article.times if start <= t.start and t.stop <= stop]
    spans += [unit.subtree_span(t) for t in unit.children(verb, "iobj", "obl", "advmod")
              if start <= t.start < stop]
    text = r.text[start:stop]
    for a, b in sorted(spans, reverse=True):
        text = text[:max(0, a - start)] + text[max(0, b - start):]
    return text


def _impersonal(r: Reading, unit: Unit, verb: Token) -> bool:
    """A report nobody is named for: «Сообщается, что …», «Предполагается, что …»; a short passive
    «было объявлено, что …», «В сообщении сказано, что …» (NEREL train 194, 1109, 16672, 24823; 122,
    15895, 38355); a plural with no subject «Предполагают, что …» (53056, 91015)."""
    f = verb.feats
    if verb.lemma in r.lex["impersonal_verbs"]:
        return True
    if any(c.lemma == "не" for c in unit.children(verb, "advmod")):
        return False  # «не исключено, что …»: the author hedging
    return (f.get("Variant") == "Short" and f.get("Voice") == "Pass" and f.get("Gender") == "Neut"
            or f.get("VerbForm") == "Fin" and f.get("Number") == "Plur" and f.get("Person", "3") == "3"
            and not unit.children(verb, "nsubj"))  # not «Напомним, что …»


def _names_document(r: Reading, unit: Unit, verb: Token) -> bool:
    return any(t.lemma in r.lex["document_nouns"] for t in unit.children(verb, "obl"))


def _speaker_just_before(r: Reading, unit: Unit) -> Speaker | None:
    """The last named speaker of the sentence before: «Об этом говорится в заявлении Минобороны.
    … , говорится в документе»."""
    i = r.units.index(unit)
    previous = r.units[i - 1] if i else None
    return next((s for at, s in reversed(r.history) if s.entity and previous is not None
                 and previous.start <= at < unit.start), None)


def read_naming(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> bool:
    """«назвал решение суда нарушением свободы слова», «считает обвинения голословными», «назвал
    протестующих «бандитами»»: the one named and the name given, in the instrumental, are one
    quote; direct where the name is in quotation marks. False when it finds neither («…, считает
    профессор»: the speaker closes the sentence)."""
    marks = r.marks_in(verb.stop, clause_after(unit, verb))
    objects = [o for o in unit.children(verb, "obj") if o.start > verb.stop]
    # the parser may hang the name under the one named: «назвал сына добрым человеком»
    named = [c for x in [verb, *objects] for c in unit.children(x, "obl", "xcomp", "nmod", "conj")
             if c.start > verb.stop and c.pos in ("NOUN", "ADJ") and c.feats.get("Case") == "Ins"
             and not unit.children(c, "case")]
    # «…, назвав их …»; a subject that agrees («Т.Донилона считали …»: the parser's, not the verb's)
    someone = [s for s in unit.children(verb, "nsubj") if agree(s, verb, ("Number",))] \
        or verb.feats.get("VerbForm") == "Conv"
    # not «Обама назван самым влиятельным человеком»: there the subject is the one named; nor «он
    # считает себя экспертом», the author's word on how someone sees himself
    myself = any(o.lemma == "себя" for o in objects)
    if not named or not someone or myself or verb.feats.get("Voice") == "Pass":
        for mark in marks:
            r.add(*mark, "direct", speaker)
        return bool(marks)
    spans = [unit.subtree_span(named[0])] + [unit.subtree_span(o) for o in objects] + list(marks)
    start, stop = min(a for a, _ in spans), max(b for _, b in spans)
    if marks:
        r.add(start, stop, "direct", speaker)
    else:
        r.add_claim(start, stop, speaker, unit)
    return True
