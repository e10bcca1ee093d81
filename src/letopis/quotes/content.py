"""The words a speech verb reports: the clause after «что» («сообщил, что …») and the content
phrase («сообщили о пяти погибших», «подтвердил задержание активистов»); where a verb's own phrase
ends."""
from __future__ import annotations

import re

from ..records import Token
from .phrases import phrase
from .reading import Reading, Speaker
from .speakers import nested_speaker
from .text import Unit


def read_complement(r: Reading, unit: Unit, verb: Token, speaker: Speaker, stop: int | None = None) -> bool:
    """X сообщил, что …: the clause after «что» is indirect speech, or direct where all quoted."""
    tokens = [t for t in unit.tokens if t.start >= verb.stop and (stop is None or t.stop <= stop)]
    for i, token in enumerate(tokens[:-1]):
        if token.pos == "VERB" and r.is_speech_verb(token) and token.rel != "parataxis":
            return False  # the next speech verb takes its own clause
        inside = any(a < token.start < b for a, b in r.marks)
        # «заявил, что …»; «подтвердил что …» with the comma left out
        after_comma = i > 0 and tokens[i - 1].text == ","
        if token.lemma in ("что", "чтобы") and (after_comma or i == 0) and not inside:
            start = token.stop
            end = stop if stop is not None else r.content_stop(unit)
            main = unit.by_id(verb.head) if verb.feats.get("VerbForm") == "Conv" else None
            if main is not None and start < main.start < end:
                end = main.start  # «ссылаясь на то, что …, попросил»: the converb's clause ends there
            following = [t for j, t in enumerate(tokens) if j > i and r.is_speech_verb(t) and t.start < end
                         and tokens[j - 1].lemma in ("и", "а")]
            if following:  # «…, и добавил, что …»: the next verb takes its own clause
                end = following[0].start
                while end > start and r.text[end - 1] in " ,":
                    end -= 1
                end -= 1 if r.text[end - 2:end] == " и" else 0
            cut = re.search(r":\s*«|;", r.text[start:end])
            end = start + cut.start() if cut else end
            inner = nested_speaker(r, unit, token, speaker)
            r.add_claim(start, end, inner or speaker, unit)
            return True
    return False


def read_content_phrase(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> bool:
    """«сообщили о пяти погибших»: the о-phrase is what was said; «подтвердил задержание
    активистов»: an object that names an event is (predicates.tsv `о`, `obj`)."""
    if any(c.lemma == "не" for c in unit.children(verb, "advmod")):
        return False  # «О мотивах стрелявшего не сообщается»: nothing was said of it
    # after the verb, or opening the sentence: «Об убийстве Ким Чон Нама первыми сообщили …»
    about = [c for c in unit.children(verb, "obl", "nmod") if r.governs(verb, "о")
             and (c.start > verb.stop or unit.tokens[0].lemma in ("о", "об", "обо") and c.start < verb.start)
             and c.pos not in ("PRON", "DET") and any(k.lemma in ("о", "об", "обо") for k in unit.children(c, "case"))]
    told = [c for c in unit.children(verb, "obj") if c.start > verb.stop and r.governs(verb, "obj")
            and c.pos == "NOUN" and c.lemma not in r.lex["document_nouns"]
            and (c.lemma.endswith(EVENT_NOUN_ENDINGS) or c.lemma in r.lex["fact_nouns"])]
    content = (about or told)[:1]
    if not content:
        # the parser lost the phrase («сообщают об около 300 выданных ордеров»): it runs from «о»
        # to the end; not «сообщила об этом в Instagram»
        after = [t for t in unit.tokens if t.start >= verb.stop][:2]
        lost = (len(after) == 2 and after[0].lemma in ("о", "об", "обо") and r.governs(verb, "о")
                and after[1].pos not in ("PRON", "DET"))
        if lost:
            r.add_claim(after[0].start, r.content_stop(unit), speaker, unit)
        return lost
    start, stop = unit.subtree_span(content[0])
    if content[0] in told and (unit.children(content[0], "det") or " " not in r.text[start:stop]):
        return False  # «подтвердил эту информацию», a bare «подтвердил арест»: no content of its own
    if r.marks_in(start, stop):
        return False  # «объявили о «временных трудностях»»: the marked words are read as such
    r.add_claim(start, stop, speaker, unit)
    return True


def read_request(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> bool:
    """«призвал прекратить осаду портов», «просил суд приговорить его к двум годам»: the act a
    request asks for is what was said (predicates.tsv `inf`)."""
    wanted = [c for c in unit.children(verb, "xcomp", "ccomp", "obj") if r.governs(verb, "inf")
              and c.feats.get("VerbForm") == "Inf" and c.start > verb.stop]
    if not wanted:
        return False
    start, stop = unit.subtree_span(wanted[0])
    # the parser may hang the next clause on the infinitive: «явиться с повинной, однако он не отреагировал»
    cut = re.search(r",\s*(?:однако|но)\s|;", r.text[start:stop])
    r.add_claim(start, start + cut.start() if cut else stop, speaker, unit)
    return True


EVENT_NOUN_ENDINGS = ("ние", "тие", "ция")  # nouns of action: задержание, взятие, эвакуация
AS_VERB = re.compile(r"(^|[\s,])как\s*$", re.I)  # «(Однако) как сообщает X, …» before the verb


def as_reported(r: Reading, unit: Unit, verb: Token) -> bool:
    """The verb stands in «как сообщает X, …», «Как сообщается, …»."""
    return r.governs(verb, "как") and bool(AS_VERB.search(r.text[unit.start:verb.start]))


def phrase_stop(r: Reading, unit: Unit, verb: Token) -> int:
    after = [t for t in unit.tokens if t.start > verb.stop]
    # the speaker after the verb: «…, пишет ТАСС», «…, сообщили в администрации города»
    subject = [t for t in unit.children(verb, "nsubj", "obl") if t.start > verb.stop]
    if subject:  # its words and what hangs off it: «агентство ''Reuters''»
        return max(phrase(r, unit, subject[-1])[1], unit.subtree_span(subject[-1])[1])
    return after[0].stop if after else verb.stop


def clause_after(unit: Unit, verb: Token) -> int:
    for token in unit.tokens:
        if token.start > verb.stop and (token.text == ";" or token.pos == "VERB"
                                        and token.rel in ("conj", "parataxis")):
            return token.start
    return unit.stop
