"""Who speaks: the speaker of a speech verb (its subject, a place «в ОДКБ сообщили», a document
«говорится в заявлении полиции», a relayed «приводит слова X»), of a phrase («по словам X»), of a
clause nested in another's words, and of a signature line. A pronoun or bare noun resolves to the
speaker it points back to; a person or organisation to its entity; the rest keeps its words."""
from __future__ import annotations

import re

from ..records import Token
from .antecedents import anaphor, antecedent, role_holder
from .phrases import bare, nominative, phrase, phrase_entity
from .reading import Reading, Speaker
from .relay import channels, relayed, source_outlets
from .text import Unit

# After a quote's closing mark: the end of its line, then a dash that opens the signature line.
SIGNATURE = re.compile(r"[»“\".!?…\s]*\n[ \t]*[—–-][ \t]*")


def verb_speaker(r: Reading, unit: Unit, verb: Token) -> Speaker | None:
    anchor, relay = None, None
    # an indeclinable name («Кэрри», «Доренко») may be tagged in any case, and so may a source noun
    # the tagger misreads («Пресс-служба городского управления МЧС сообщила»: NEREL train 13030)
    subject = [t for t in unit.children(verb, "nsubj", "nsubj:pass")
               if (t.feats.get("Case") in (None, "Nom") or t.pos == "PROPN" and r.entity_at(t.start) is not None
                   or t.lemma in r.lex["cited_sources"]
                   # counted, in the genitive: «Несколько депутатов заявили»
                   or any(c.rel == "nummod:gov" for c in unit.children(t)))
               and not unit.children(t, "case")
               and not any(verb.stop <= c.start < t.start and c.lemma in ("что", "чтобы") for c in unit.tokens)]
    words = [t for t in unit.children(verb, "obj") if t.lemma in r.lex["words_nouns"]]
    if verb.lemma in r.lex["relay_verbs"] and words:
        owner = unit.children(words[0], "nmod")
        # the outlet is the subject, or a name the parser hung off the verb («приводит Reuters слова …»)
        named = [t for t in unit.children(verb, "iobj") if (e := r.entity_at(t.start)) is not None and e.type == "ORG"]
        anchor, relay = (owner[0] if owner else None), next(iter(subject or named), None)
    elif verb.lemma in r.lex["impersonal_verbs"]:  # «…, — говорится в заявлении полиции»
        # a subject the parser gives it is the content: «Блокировка коснётся …, отмечается в …»
        owners = [o for t in unit.children(verb, "obl") if t.lemma in r.lex["document_nouns"]
                  for o in unit.children(t, "nmod")]
        anchor = owners[0] if owners else None
    elif subject:
        # «Мать одного из подозреваемых, Нора Донда рассказала»: the parser makes the name a second
        # subject, not an apposition; the named person is the speaker
        anchor = next((t for t in subject if (e := r.entity_at(t.start)) is not None and e.type == "PER"), subject[0])
    elif subject_before(unit, verb) is not None:
        anchor = subject_before(unit, verb)
    elif verb.feats.get("VerbForm") == "Conv" or verb.rel in ("conj", "xcomp"):
        head = unit.by_id(verb.head)
        if head is not None and head is not verb and head.pos == "VERB":
            return verb_speaker(r, unit, head)
    elif verb.feats.get("VerbForm") == "Fin" and verb.feats.get("Number") == "Plur":  # «В ОДКБ сообщили»
        # «В ОДКБ сообщили, что …», «…, сообщили в администрации города»; not «в эфире»
        # not a time: «В феврале из Сеула сообщили» (NEREL train 105591)
        place = [t for t in unit.children(verb, "obl") if any(
            c.lemma in ("в", "у") for c in unit.children(t, "case"))
            and t.lemma not in r.lex["channel_nouns"] and not r.in_time(t.start)]
        anchor = place[0] if place else None
    if anchor is not None and anchor.lemma == "который" and verb.rel == "acl:relcl":
        anchor = unit.by_id(verb.head)  # «представителя правительства, который заявил»: the noun
    if anchor is None or anchor.lemma in ("весь", "это", "то"):
        return None  # «Всё указывает на то, что …»: nobody speaks
    speaker = speaker_from(r, unit, anchor, verb)
    if relay is not None:
        outlet = speaker_from(r, unit, relay, None)
        if outlet.entity:
            speaker.via.append(outlet.entity)
    # «отмечается в сообщении Роскомнадзора»: the document names its speaker, who is no channel of its own
    speaker.via[:0] = [v for v in channels(r, unit, verb) if v != speaker.entity]
    if (source := cited_source(r, unit, verb, anchor)) is not None:
        lo, hi = unit.subtree_span(source)
        speaker.via = [v for v in speaker.via if not any(
            lo <= a and b <= hi for a, b in r.article.entity(v).mentions)]
        speaker = relayed(speaker_from(r, unit, source, None), speaker)
    r.history.append((anchor.start, speaker))
    return speaker


def cited_source(r: Reading, unit: Unit, verb: Token, subject: Token) -> Token | None:
    """«сообщает РИА Новости со ссылкой на источник в полиции», «… на пресс-службу главка»: the
    outlet passes on the words of the source it cites. An outlet cited («со ссылкой на телеканал
    «Аль-Джазира»») stays a channel of the chain."""
    for link in unit.children(verb, "obl", "nmod") + unit.children(subject, "nmod"):
        if link.lemma != "ссылка":
            continue
        for source in unit.children(link, "nmod", "obl"):
            lo, hi = unit.subtree_span(source)
            entity = r.entity_at(source.start)
            if any(t.lemma in r.lex["media_heads"] for t in unit.tokens if lo <= t.start < hi):
                return None
            if (entity is not None and entity.type == "PER") or source.lemma in r.lex["cited_sources"]:
                return source
    return None


def subject_before(unit: Unit, verb: Token) -> Token | None:
    """The parser missed the subject: the nearest nominative noun or name before the verb
    in its clause («Известный музыкант, пианист Евгений Кисин, говоря о …, отметил»), past a
    relative clause on it («голкипер, которому в январе исполнится 40 лет, сказал»: NEREL train 132624)."""
    relative = set()
    for clause in (t for t in unit.tokens if t.rel == "acl:relcl" and t.stop <= verb.start):
        a, b = unit.subtree_span(clause)
        relative |= {t.id for t in unit.tokens if a <= t.start < b}
    for token in reversed([t for t in unit.tokens if t.stop <= verb.start and t.id not in relative]):
        if token.text in "»\"—–" or token.lemma in ("что", "который") or (
                token.pos == "VERB" and token.feats.get("VerbForm") == "Fin"):
            return None
        if token.pos in ("NOUN", "PROPN") and token.feats.get("Case") == "Nom":
            return token
    return None


def speaker_from(r: Reading, unit: Unit, anchor: Token, verb: Token | None, limit: int | None = None) -> Speaker:
    """The speaker a word names, the verb (if any) lending its gender and number; its words end
    before `limit`."""
    gender = verb.feats.get("Gender") if verb is not None else None
    number = (verb.feats.get("Number") if verb is not None else None) or anchor.feats.get("Number")
    if anchor.text.lower() in r.lex["pronouns"] and anchor.pos in ("PRON", "DET"):
        need_gender, need_number = r.lex["pronouns"][anchor.text.lower()]
        found = antecedent(r, anchor.start, need_gender or gender, need_number or number)
        if found is not None:
            return Speaker(found.entity, found.text, list(found.via), found.gender, found.number, found.person)
        return Speaker(None, anchor.text, gender=gender, number=number)
    start, stop = phrase(r, unit, anchor, limit)
    words = r.text[start:stop]
    entity = phrase_entity(r, unit, start, stop, anchor)
    via = source_outlets(r, unit, anchor, start, stop)
    if entity is None and anchor.pos == "NOUN" and (held := role_holder(r, anchor, words)) is not None:
        held.via, held.gender, held.number = via, gender or anchor.feats.get("Gender"), number
        return held
    if entity is None and bare(unit, anchor, start, stop):
        found = anaphor(r, anchor, gender or anchor.feats.get("Gender"))
        if found is not None:
            return Speaker(found.entity, found.text, list(found.via), found.gender, found.number, found.person)
    person = entity.type == "PER" if entity else anchor.feats.get("Animacy") == "Anim"
    text = nominative(r, unit, start, stop, anchor) if entity is None else words
    return Speaker(entity.id if entity else None, text, via, gender or anchor.feats.get("Gender"),
                   number, person)


def nested_speaker(r: Reading, unit: Unit, mark: Token, outer: Speaker) -> Speaker | None:
    """«Издание пишет, что полиция подтвердила …»: the police speak, the outlet relays."""
    clause = unit.by_id(mark.head)
    if outer.person or clause is None or not r.is_speech_verb(clause) or any(
            c.lemma in ("что", "чтобы") for c in unit.tokens if c.start > clause.stop):
        return None
    inner = verb_speaker(r, unit, clause)
    if inner is None or inner.text is None:
        return None
    return relayed(inner, outer)


def signed_speaker(r: Reading, mark: tuple[int, int]) -> Speaker | None:
    """«…»⏎— Татьяна Скригонюк, заместитель начальника пресс-службы: a signature line."""
    signature = SIGNATURE.match(r.text, mark[1])
    entity = r.entity_at(signature.end()) if signature else None
    if entity is None or entity.type not in ("PER", "ORG"):
        return None
    end = r.text.find("\n", signature.end())
    words = r.text[signature.end():end if end >= 0 else len(r.text)].strip()
    return Speaker(entity.id, words, person=entity.type == "PER")
