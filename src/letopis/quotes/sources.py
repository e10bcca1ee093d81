"""Speech whose speaker is named without a speech verb before it: a headline «Кисин: …», a source
phrase «по словам X, …», «по данным X», news that surfaced («появилась информация о том, что …»),
and a sentence «Об этом сообщила X» that gives the claim before it to X."""
from __future__ import annotations

from ..records import Token
from .content import AS_VERB
from .phrases import nominal
from .reading import Reading, Region, Speaker
from .speakers import speaker_from, verb_speaker
from .text import Unit


def read_headline(r: Reading, unit: Unit) -> None:
    """«Кисин: Продолжайте …» at the head of a line."""
    first = unit.tokens[0]
    entity = r.entity_at(first.start) or r.entity_named(first.text)
    if first.pos != "PROPN" and not r.entity_at(first.start) or not entity or entity.type not in ("PER", "ORG"):
        return
    stop = max([b for a, b in entity.mentions if a == first.start] + [first.stop])
    colon = r.text[stop:stop + 2]
    if colon.startswith(":") and unit.start == r.line_start(unit.start):
        speaker = Speaker(entity.id, r.text[first.start:stop], person=entity.type == "PER")
        r.add(stop + 1, unit.stop, "direct", speaker)


def read_source_phrases(r: Reading, unit: Unit) -> None:
    """«По словам X, …», «По данным X, …»."""
    tokens = unit.tokens
    for i, token in enumerate(tokens[:-2]):
        if read_document_relative(r, unit, i):
            continue
        found = source_phrase_at(r, unit, i)
        if found is None:
            continue
        noun, anchor, owner = found
        after = next((t for t in tokens if t.start >= noun.stop), None)
        opening = _opens(r, r.text[unit.start:token.start])
        unnamed = (not owner and after is not None and after.text == ","
                   and (opening or r.text[unit.start:token.start].rstrip().endswith(",")))
        anchor = after if unnamed else anchor
        comma = next((t for t in tokens if t.start >= noun.stop and t.text == ","), None)
        named_before_comma = comma is not None and not _verb_between(tokens, noun.stop, comma.start)
        if opening and not owner and not unnamed and after is not None and not named_before_comma \
                and source_noun(unit, after).feats.get("Case") not in (None, "Gen"):
            # «По некоторым данным автомобиль принадлежит …», «По официальным данным Уго Чавес
            # скончался»: no genitive after the noun, so no one is named; the claim starts right
            # after it (NEREL train 19528, 21013, 28585); not «По данным телеграм-канал Mash, …»
            r.add_claim(noun.stop, unit.stop, Speaker(None, None), unit)
            continue
        if anchor is None or not (owner or unnamed or nominal(r, anchor)):
            continue
        anchor = source_noun(unit, anchor)
        if unnamed:  # «По предварительным данным, погибли трое»: a claim whose source is not named
            r.add_claim(anchor.stop if opening else unit.start, unit.stop, Speaker(None, None), unit)
            continue
        end = max(unit.subtree_span(anchor)[1], noun.stop)  # «по их словам»: the phrase ends at its noun
        following = next((t for t in tokens if comma is not None and t.start > comma.start), None)
        if opening and following is not None and following.lemma == "который":
            # «По словам Мануэля Арайи, который возил писателя …, агенты …»: the source's own clause
            comma = next((t for t in tokens if t.start > following.start and t.text == ","), None)
        if opening and comma is not None and _verb_between(tokens, end, comma.start):
            comma = None  # «По словам очевидцев пешеходы стояли …, когда …»: that comma is the claim's
        # with no comma after the phrase, the source's words end where its subtree does
        limit = end if opening and comma is None else None
        speaker = speaker_from(r, unit, anchor, None, limit)
        r.history.append((anchor.start, speaker))
        if opening:
            # «По данным полиции преступник ранее …» with the comma left out (NEREL train 101292,
            # 13030, 16065, 19999, 21871, 39006, 527162): the claim starts after the source's phrase
            start, stop = (comma.stop if comma is not None else limit), unit.stop
        elif comma is not None and (not any(t.pos in ("VERB", "AUX") for t in tokens[:i])
                                    or r.text[unit.start:token.start].rstrip().endswith(",")
                                    and any(t.pos not in ("PUNCT",) for t in tokens if t.start > comma.stop)):
            # «В Сирии, по данным X, погибли …», «…, так как она, по мнению X, могла быть …»: one
            # claim round the phrase
            start, stop = unit.start, unit.stop
        elif r.text[unit.start:token.start].rstrip().endswith((",", "—")):  # «…, по словам X.»
            start, stop = unit.start, token.start
        else:
            continue  # «стал чемпионом мира по версии WBC»: a title, nobody's words
        r.add_claim(start, stop, speaker, unit)


def _verb_between(tokens: list[Token], start: int, stop: int) -> bool:
    return any(t.pos in ("VERB", "AUX") and start <= t.start < stop for t in tokens)


def _opens(r: Reading, before: str) -> bool:
    """Nothing but opening marks or a connective before the phrase: «И по их словам …», «Однако по
    сообщению директора …» (NEREL train 15984, 110975, 26589)."""
    words = before.strip(" «\"(—,").lower()
    return words == "" or words in r.lex["leading_connectives"]


def read_document_relative(r: Reading, unit: Unit, i: int) -> bool:
    """«оглашено заключение о смерти …, согласно которому он умер от огнестрельных ран», «подписал
    указ, согласно которому …» (NEREL train 20760, 37369, 106096, 122274, 158389, 159193): what the
    document says, its owner («исследование Йельского университета») the speaker if it names one."""
    tokens = unit.tokens
    if tokens[i].lemma not in r.lex["document_sources"] or tokens[i + 1].lemma != "который":
        return False
    documents = set(r.lex["document_nouns"]) | set(r.lex["title_heads"])
    document = next((t for t in reversed(tokens[:i]) if t.pos == "NOUN" and t.lemma in documents), None)
    if document is None:
        return False
    owner = next((c for c in unit.children(document, "nmod") if c.feats.get("Case") == "Gen"
                  and (c.pos == "PROPN" or r.entity_at(c.start) is not None)), None)
    speaker = speaker_from(r, unit, owner, None) if owner is not None else Speaker(None, None)
    r.add_claim(tokens[i + 1].stop, unit.stop, speaker, unit)
    return True


def source_phrase_at(r: Reading, unit: Unit, i: int) -> tuple[Token, Token | None, bool] | None:
    """A source phrase opening at the unit's i-th token («по словам X», «по её словам», «по
    предварительным данным»): its noun, the word after it that may name the source, and whether a
    possessive pronoun names it instead."""
    tokens = unit.tokens
    if i + 2 >= len(tokens):
        return None
    owner = tokens[i + 1].text.lower() in r.lex["pronouns"]  # «по её словам»
    # «по предварительным данным»: a word that says how sure the source is
    hedged = tokens[i + 1].pos in ("ADJ", "DET", "NUM") and tokens[i + 1].lemma in r.lex["source_hedges"]
    noun = tokens[i + 2 if owner or hedged else i + 1]
    document = tokens[i].lemma in r.lex["document_sources"] and noun.lemma in r.lex["document_nouns"]
    if (tokens[i].lemma, noun.lemma) not in r.lex["source_phrases"] and not document or tokens[i].lemma == "с":
        return None
    # «по данным «Коммерсанта»», «по словам его сторонников»: the name, not its opening mark or
    # its determiner
    anchor = tokens[i + 1] if owner else next((t for t in tokens if t.start > noun.stop
                                               and t.text not in "«\"„“" and not _modifies_next(unit, t)), None)
    if document and noun.lemma in r.lex["file_nouns"]:
        anchor = noun  # «согласно материалам дела»: the files, whoever's case it is
    return noun, anchor, owner


def source_noun(unit: Unit, anchor: Token) -> Token:
    """«по данным правозащитного центра»: the noun is the source, not its adjective."""
    if anchor.pos == "ADJ" and (head := unit.by_id(anchor.head)) is not None and head.start > anchor.start:
        return head
    return anchor


def _modifies_next(unit: Unit, t: Token) -> bool:
    """«его» in «по словам его сторонников»: a determiner or pronoun hanging off a later word."""
    head = unit.by_id(t.head)
    return t.pos in ("DET", "PRON") and head is not None and head.start > t.start


def read_surfaced(r: Reading, unit: Unit) -> None:
    """«появились сообщения о том, что …» (NEREL train has it in 9 texts): a claim nobody is named
    for. Where it surfaced «в СМИ», «в блогах», it stays hearsay, which the events stage reads as
    uncertain, and no quote."""
    for verb in [t for t in unit.tokens if t.lemma == "появиться"]:
        if not any(s.lemma in r.lex["report_nouns"] for s in unit.children(verb, "nsubj")):
            continue
        that = next((t for t in unit.tokens if t.start > verb.stop and t.lemma == "что"), None)
        if that is None or not r.text[verb.stop:that.start].rstrip().endswith(","):
            continue
        if any(any(c.lemma == "в" for c in unit.children(t, "case")) for t in unit.children(verb, "obl")):
            continue
        r.add_claim(that.stop, r.content_stop(unit), Speaker(None, None), unit)


def read_made_known(r: Reading, unit: Unit) -> None:
    """«Ранее стало известно, что …» (NEREL train has it in 12 texts): news come out, nobody named
    for them; «Как стало известно «Интерфаксу», …» (13146, 21013, 131643, 12474): the outlet they
    came to, if the sentence names one."""
    told = any(unit.start <= q.start < unit.stop for q in r.found)  # «…, как стало известно, X заявил …»
    for verb in [t for t in unit.tokens if t.lemma == "стать"]:
        known = next((c for c in unit.children(verb, "xcomp") if c.text.lower() == "известно"), None)
        if known is None or told or any(a < verb.start < b for a, b in r.marks):
            continue
        outlet = next((c for c in unit.children(known, "iobj", "obl") if c.feats.get("Case") == "Dat"), None)
        speaker = speaker_from(r, unit, outlet, None, None) if outlet is not None else Speaker(None, None)
        after = [t for t in unit.tokens if t.start >= known.stop]
        if AS_VERB.search(r.text[unit.start:verb.start]):
            comma = next((t for t in after if t.text == ","), None)
            if comma is not None:
                r.add_claim(comma.stop, unit.stop, speaker, unit)
        elif len(after) > 1 and after[0].text == "," and after[1].lemma == "что":
            r.add_claim(after[1].stop, r.content_stop(unit), speaker, unit)


def backlinks(r: Reading) -> list[Region]:
    """«Об этом сообщила X»: the unit before is X's claim."""
    regions = []
    for previous, unit in zip(r.units, r.units[1:]):
        verb = backlink_verb(r, unit)
        if verb is not None:
            speaker = verb_speaker(r, unit, verb)
            regions.append(Region(previous.start, previous.stop, speaker))
    return regions


def read_backlinks(r: Reading) -> None:
    """The claim a backlink gives away: its speech-like quotes, or the whole sentence before
    («В центре Москвы задержали 20 человек. Об этом сообщили в МВД»)."""
    for region in backlinks(r):
        marks = [m for m in r.marks_in(region.start, region.stop) if m not in r.claimed and r.speech_like(m)]
        for mark in marks:
            r.claimed.add(mark)
            r.add(*mark, "direct", region.speaker)
        told = any(q.start < region.stop and region.start < q.stop for q in r.found)
        if not marks and not told and region.speaker is not None and region.speaker.text:
            r.add(region.start, region.stop, "indirect", region.speaker)


def backlink_verb(r: Reading, unit: Unit) -> Token | None:
    tokens = unit.tokens
    words = [t.lemma for t in tokens[:3]]
    if words[:2] == ["о", "это"] or words[:1] == ["это"]:
        return next((t for t in tokens[1:4] if r.is_speech_verb(t)), None)
    # «В МВД подтвердили эту информацию», «Информацию подтвердил адвокат», «Позже эту версию
    # подтвердила ОЗХО» (NEREL train 014, 113790, 121533, 129072, 156300, 26827, 47371)
    for verb in [t for t in tokens if t.lemma in r.lex["confirming_verbs"]]:
        told = [o for o in unit.children(verb, "obj") if o.lemma in r.lex["told_nouns"]
                and (o.start < verb.start or any(d.lemma in ("этот", "данный") for d in unit.children(o, "det")))]
        if told and ":" not in r.text[verb.stop:unit.stop]:  # a colon introduces words of its own
            return verb
    # «Его адвокат рассказал об этом в телеграм-канале», «USADA объявило об этом в четверг» (NEREL
    # train 19427, 26281, 109128, 511580); not «хотел бы сказать об этом», «говорил об этом как о
    # последнем шансе», nor «взяла самоотвод и сообщила об этом» (this is the clause before: 13518)
    return next((t for t, about, this, after in zip(tokens, tokens[1:], tokens[2:], tokens[3:] + [None])
                 if r.is_speech_verb(t) and t.rel not in ("xcomp", "conj") and about.lemma == "о" and this.lemma == "это"
                 and (after is None or after.lemma != "как")), None)
