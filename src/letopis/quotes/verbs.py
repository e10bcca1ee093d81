"""Speech introduced by a speech verb: «…», — сказал он; X заявил: «…»; X сообщил, что …;
«Как сообщает X, …»; X назвал это «…»; «…, пишет ТАСС». Each construction bounds the words
differently, and the first that matches a verb wins."""
from __future__ import annotations

import re

from ..records import Token
from .phrases import phrase
from .reading import Reading, Speaker
from .speakers import nested_speaker, verb_speaker
from .text import Unit

NEARBY_QUOTE = 300  # characters across which a «— …, — «…»» continuation inherits its speaker


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
            unit.children(verb, "obj") or not _impersonal(unit, verb, r.lex["impersonal_verbs"])):
        return  # «его подозревают в том, что …»: a belief is a claim only when it says whose
    speaker = verb_speaker(r, unit, verb)
    before = r.text[unit.start:verb.start]
    if speaker is None:
        # «…», — говорится в сообщении: someone's words, though the article does not say whose
        if re.search(r"[»\"“],?\s*[—–-]\s*$", before):
            read_quote_first(r, unit, verb, Speaker(None, None), before)
        elif _impersonal(unit, verb, r.lex["impersonal_verbs"]):  # «Сообщается, что …», «Сообщается о 14 погибших»
            nobody = Speaker(None, None)
            if r.governs(verb, "как") and re.search(r"(^|[\s,])как\s*$", before, re.I):
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
    if read_content_phrase(r, unit, verb, speaker):
        return
    if r.governs(verb, "как") and re.search(r"(^|[\s,])как\s*$", before, re.I):  # «(Однако) как сообщает X, …»
        comma = next((t for t in unit.tokens if t.start >= verb.stop and t.text == ","), None)
        start = comma.stop if comma else phrase_stop(r, unit, verb)
        r.add_claim(start, unit.stop, speaker, unit)
        return
    if verb.lemma in r.lex["naming_verbs"]:
        read_naming(r, unit, verb, speaker)
        return
    # «…, пишет ТАСС», «…, сообщает «Лента.ру»»: the speaker closes the sentence
    if re.search(r",\s*$", before) and not r.text[phrase_stop(r, unit, verb):r.content_stop(unit)].strip(" »\"”'"):
        r.add(unit.start, unit.start + len(before.rstrip().rstrip(",")), "indirect", speaker)


def _impersonal(unit: Unit, verb: Token, impersonal_verbs) -> bool:
    """A report nobody is named for: «Сообщается, что …», «Предполагается, что …»; a short passive
    «было объявлено, что …», «В сообщении сказано, что …» (NEREL train 194, 1109, 16672, 24823; 122,
    15895, 38355); a plural with no subject «Предполагают, что …» (53056, 91015)."""
    f = verb.feats
    if verb.lemma in impersonal_verbs:
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


def read_naming(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> None:
    """«назвал решение суда нарушением свободы слова», «назвал протестующих «бандитами»»: the one
    named and the name given, in the instrumental, are one quote; direct where the name is in
    quotation marks."""
    marks = r.marks_in(verb.stop, clause_after(unit, verb))
    objects = [o for o in unit.children(verb, "obj") if o.start > verb.stop]
    # the parser may hang the name under the one named: «назвал сына добрым человеком»
    named = [c for x in [verb, *objects] for c in unit.children(x, "obl", "xcomp", "nmod", "conj")
             if c.start > verb.stop and c.pos in ("NOUN", "ADJ") and c.feats.get("Case") == "Ins"
             and not unit.children(c, "case")]
    someone = unit.children(verb, "nsubj") or verb.feats.get("VerbForm") == "Conv"  # «…, назвав их …»
    # not «Обама назван самым влиятельным человеком»: there the subject is the one named
    if not named or not someone or verb.feats.get("Voice") == "Pass":
        for mark in marks:
            r.add(*mark, "direct", speaker)
        return
    spans = [unit.subtree_span(named[0])] + [unit.subtree_span(o) for o in objects] + list(marks)
    start, stop = min(a for a, _ in spans), max(b for _, b in spans)
    if marks:
        r.add(start, stop, "direct", speaker)
    else:
        r.add_claim(start, stop, speaker, unit)


def read_quote_first(r: Reading, unit: Unit, verb: Token, speaker: Speaker, before: str) -> bool:
    """«…», — сказал он; «…, — отметил X, — …»; … — сказала X (no marks)."""
    dash = re.search(r",?\s*[—–-]\s*$", before)
    if not dash:
        return False
    cut = unit.start + dash.start()
    closing = [m for m in r.marks if m[1] < cut and r.text[m[1] + 1:cut].strip(" ,.!?") == ""]
    inner = [m for m in r.marks if m[0] < cut < m[1]]
    if inner:  # the attribution splits one pair of marks
        mark = inner[0]
        after = re.search(r"[—–-]\s*", r.text[verb.stop:mark[1]])
        r.claimed.add(mark)
        tail = [q for q in r.found if mark[0] <= q.start < cut and q.stop == mark[1]]
        if tail:  # «A, — сказал X, — B, — заключил X, — C»: B ends where this attribution starts
            r.found.remove(tail[-1])
        r.add(tail[-1].start if tail else mark[0], cut, "direct", speaker)
        if after:
            r.add(verb.stop + after.end(), mark[1], "direct", speaker)
        return True
    if closing:
        mark = closing[-1]
        r.claimed.add(mark)
        r.add(*mark, "direct", speaker)
        inherit_continuation(r, mark, speaker)
        return True
    start = r.paragraph_start(cut)
    start += len(r.text[start:cut]) - len(r.text[start:cut].lstrip(" —–-"))  # «— Мы не допустим …»: not the dash
    if "«" not in r.text[start:cut] and cut - start > 20:
        r.add(start, cut, "direct", speaker)
        return True
    return False


def inherit_continuation(r: Reading, mark: tuple[int, int], speaker: Speaker) -> None:
    """«A», — сказал X, — «B»: B is X's too."""
    for other in r.marks:
        if mark[1] < other[0] <= mark[1] + NEARBY_QUOTE and other not in r.claimed:
            gap = r.text[mark[1] + 1:other[0] - 1]
            if re.search(r"[—–]\s*$", gap) and "«" not in gap and "\n" not in gap:
                r.claimed.add(other)
                r.add(*other, "direct", speaker)
            return


def read_colon(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> bool:
    """X заявил: «…»; лозунг: «…» is read as a slogan elsewhere."""
    for mark in r.marks:
        if mark in r.claimed or not unit.start <= mark[0] <= unit.stop + 1:
            continue
        # «сказал: ''«…»''»: Wikinews keeps its italics' apostrophes between the colon and the mark
        if mark[0] > verb.stop and re.search(r":\s*(?:''|\")?\s*$", r.text[verb.stop:mark[0] - 1]):
            gap = r.text[verb.stop:mark[0] - 1]
            if "«" in gap:
                continue
            colon = verb.stop + gap.rfind(":")
            read_complement(r, unit, verb, speaker, stop=colon)
            r.claimed.add(mark)
            kind = "slogan" if r.has_slogan_cue(unit, mark, verb) else "direct"
            r.add(*mark, kind, speaker)
            return True
    return False


def read_block(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> bool:
    """«Министр заявил:⏎Система большая, сложная …»: a paragraph after a colon that ends the
    sentence, with no quotation marks, is the speaker's words (NEREL train has it in 57 texts)."""
    if not re.fullmatch(r"[^.!?«»\"]*:\s*", r.text[verb.stop:unit.stop]):
        return False
    block = next((p for p in r.article.paragraphs if p[0] >= unit.stop), None)
    if block is None or r.text[unit.stop:block[0]].strip() or r.text[block[0]:block[0] + 1] in "«\"—–-" \
            or r.text[block[0]:block[1]].rstrip().endswith(":"):  # another introduction, not the words
        return False
    if r.governs(verb, "что"):  # «уточнила, что состояние стабильно:⏎…»: the clause is hers too
        read_complement(r, unit, verb, speaker, stop=verb.stop + r.text[verb.stop:unit.stop].rfind(":"))
    r.add(block[0], block[1], "direct", speaker)
    return True


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


EVENT_NOUN_ENDINGS = ("ние", "тие", "ция")  # nouns of action: задержание, взятие, эвакуация


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
