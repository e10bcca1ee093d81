"""Quotes stage: direct and indirect speech, slogans and scare quotes, with speaker and relay chain.

The stage reads quotation marks from the text and speech verbs, source phrases («по словам X») and
relay verbs from the tokens' lemmas and UD syntax; the lexicon lives in data/quotes/lexicon.yaml.
`attribution()` tells the events stage whether a span lies in reported speech and whose.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

import yaml

from .entities import fold
from .models import Models
from .records import Article, Entity, Quote, Token

NEEDS = ("sentences", "entities")
ADDS = ("quotes",)

PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}
NOMINAL = {"NOUN", "PROPN", "ADJ", "NUM", "DET", "X"}
NEARBY_QUOTE = 300  # characters across which a «— …, — «…»» continuation inherits its speaker


@lru_cache(maxsize=None)
def lexicon() -> dict[str, Any]:
    path = resources.files("letopis") / "data" / "quotes" / "lexicon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], str):
            data[key] = frozenset(v.lower() for v in value)
    data["source_phrases"] = frozenset(tuple(p) for p in data["source_phrases"])
    return data


# After a quote's closing mark: the end of its line, then a dash that opens the signature line.
SIGNATURE = re.compile(r"[»“\".!?…\s]*\n[ \t]*[—–-][ \t]*")


@dataclass
class Speaker:
    entity: str | None
    text: str | None
    via: list[str] = field(default_factory=list)
    gender: str | None = None
    number: str | None = None
    person: bool = False


@dataclass
class Unit:
    """A sentence cut at line breaks: the scope every rule works in."""
    start: int
    stop: int
    tokens: list[Token]

    def by_id(self, i: int) -> Token | None:
        return next((t for t in self.tokens if t.id == i), None)

    def children(self, token: Token, *rels: str) -> list[Token]:
        return [t for t in self.tokens if t.head == token.id and (not rels or t.rel in rels)]


@dataclass
class Region:
    """A stretch of reported speech, for `attribution`."""
    start: int
    stop: int
    speaker: Speaker | None
    modality: str = "reported"


# --- public --------------------------------------------------------------------------------

def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        article.quotes = Reader(article, models.morph).quotes()
    return articles


def attribution(article: Article, start: int, stop: int,
                speech: list[Region] | None = None) -> tuple[str | None, dict[str, Any]]:
    """(modality, source) for an event whose evidence is [start, stop): modality is None outside
    reported speech, `reported` inside it and `uncertain` where an uncertainty cue stands.
    `speech` is the article's `speech_regions()`, computed once by a caller that asks many times."""
    speech = speech_regions(article) if speech is None else speech
    regions = [r for r in speech if r.start < stop and start < r.stop]
    if not regions:
        return None, {"speaker": None, "via": []}
    region = min(regions, key=lambda r: (r.modality != "uncertain", r.stop - r.start))
    speaker = next((r.speaker for r in regions if r.speaker and r.speaker.entity), region.speaker)
    source = {"speaker": speaker.entity if speaker else None, "via": list(speaker.via) if speaker else []}
    return region.modality, source


def speech_regions(article: Article) -> list[Region]:
    regions = [Region(q.start, q.stop, Speaker(q.speaker, q.speaker_text, q.via))
               for q in article.quotes if q.kind in ("direct", "indirect")]
    reader = Reader(article, None)
    regions += reader.backlinks()
    for unit in reader.units:
        low = article.text[unit.start:unit.stop].lower().replace("ё", "е")
        if any(cue.replace("ё", "е") in low for cue in lexicon()["uncertainty_cues"]):
            regions.append(Region(unit.start, unit.stop, None, "uncertain"))
    return regions


# --- reading -------------------------------------------------------------------------------

class Reader:
    def __init__(self, article: Article, morph):
        self.article, self.text, self.morph, self.lex = article, article.text, morph, lexicon()
        self.units = _units(article)
        self.marks = find_marks(self.text)
        # lookups by offset and by name, made once: a long article asks them thousands of times
        self.tokens = sorted((t for u in self.units for t in u.tokens), key=lambda t: t.start)
        self.starts, self.stops = [t.start for t in self.tokens], [t.stop for t in self.tokens]
        # (start, stop, entity's place, mention's place, entity) for every mention, by start
        self.names = sorted((a, b, i, j, e) for i, e in enumerate(article.entities)
                            for j, (a, b) in enumerate(e.mentions))
        self.name_starts = [n[0] for n in self.names]
        self.name_reach = list(accumulate((n[1] for n in self.names), max))  # furthest stop so far
        self.entities_at: dict[int, Entity] = {}
        self.entities_named: dict[str, Entity] = {}
        for e in article.entities:
            for a, _ in e.mentions:
                self.entities_at.setdefault(a, e)
            if e.type in ("PER", "ORG"):
                for word in fold(e.name).split() + [fold(a) for a in e.aliases]:
                    self.entities_named.setdefault(word, e)
        self.history: list[tuple[int, Speaker]] = []  # speakers met so far, by offset
        self.found: list[Quote] = []
        self.claimed: set[tuple[int, int]] = set()  # marks already read as quotes or names

    # -- the whole article
    def quotes(self) -> list[Quote]:
        self.claimed |= {m for m in self.marks if self.is_name(m)}
        for unit in self.units:
            self.read_unit(unit)
        self.read_backlinks()
        self.read_leftover_marks()
        return sorted(self.found, key=lambda q: q.start)

    def read_unit(self, unit: Unit) -> None:
        self.read_headline(unit)
        self.read_source_phrases(unit)
        for verb in [t for t in unit.tokens if self.is_speech_verb(t)]:
            quoted = any(a <= verb.start < b for a, b in self.marks)
            if not quoted or re.search(r"[—–]\s*$", self.text[unit.start:verb.start]):
                self.read_verb(unit, verb)

    # -- «Кисин: Продолжайте …» at the head of a line
    def read_headline(self, unit: Unit) -> None:
        first = unit.tokens[0]
        entity = self.entity_at(first.start) or self.entity_named(first.text)
        if first.pos != "PROPN" and not self.entity_at(first.start) or not entity or entity.type not in ("PER", "ORG"):
            return
        stop = max([b for a, b in entity.mentions if a == first.start] + [first.stop])
        colon = self.text[stop:stop + 2]
        if colon.startswith(":") and unit.start == self.line_start(unit.start):
            speaker = Speaker(entity.id, self.text[first.start:stop], person=entity.type == "PER")
            self.add(stop + 1, unit.stop, "direct", speaker)

    # -- «По словам X, …», «По данным X, …»
    def read_source_phrases(self, unit: Unit) -> None:
        tokens = unit.tokens
        for i, token in enumerate(tokens[:-2]):
            owner = tokens[i + 1].text.lower() in self.lex["pronouns"]  # «по её словам»
            noun = tokens[i + 2 if owner else i + 1]
            if (token.lemma, noun.lemma) not in self.lex["source_phrases"] or token.lemma == "с":
                continue
            anchor = tokens[i + 1] if owner else next((t for t in tokens if t.start > noun.stop), None)
            if anchor is None or not (owner or self.nominal(anchor)):
                continue
            if anchor.pos == "ADJ" and (head := unit.by_id(anchor.head)) is not None and head.start > anchor.start:
                anchor = head  # «по данным правозащитного центра»: the noun is the source
            speaker = self.speaker_from(unit, anchor, None)
            self.history.append((anchor.start, speaker))
            comma = next((t for t in tokens if t.start >= noun.stop and t.text == ","), None)
            if self.text[unit.start:token.start].strip(" «\"(—") == "":
                if comma is None:
                    continue
                start, stop = comma.stop, unit.stop
            elif comma is not None and not any(t.pos in ("VERB", "AUX") for t in tokens[:i]):
                start, stop = unit.start, unit.stop  # «В Сирии, по данным X, погибли …»: one claim round it
            else:  # «…, по словам X.»
                start, stop = unit.start, token.start
            self.add_claim(start, stop, speaker, unit)

    # -- a speech verb: quote-first, quote-last, «что»-complement, «как сообщает X, …», naming
    def read_verb(self, unit: Unit, verb: Token) -> None:
        speaker = self.verb_speaker(unit, verb)
        before = self.text[unit.start:verb.start]
        if speaker is None:
            # «…», — говорится в сообщении: someone's words, though the article does not say whose
            if re.search(r"[»\"“],?\s*[—–-]\s*$", before):
                self.read_quote_first(unit, verb, Speaker(None, None), before)
            return
        if self.read_quote_first(unit, verb, speaker, before):
            return
        if self.read_colon(unit, verb, speaker):
            return
        if self.read_complement(unit, verb, speaker):
            return
        if re.match(r"\s*как\b", before, re.I):  # «Как сообщает X, …»
            comma = next((t for t in unit.tokens if t.start >= verb.stop and t.text == ","), None)
            start = comma.stop if comma else self.phrase_stop(unit, verb)
            self.add_claim(start, unit.stop, speaker, unit)
            return
        if verb.lemma in self.lex["naming_verbs"]:
            clause = self.clause_after(unit, verb)
            for mark in self.marks_in(verb.stop, clause):
                self.add(*mark, "direct", speaker)
            return
        if re.search(r",\s*$", before) and self.phrase_stop(unit, verb) >= self.content_stop(unit):
            self.add(unit.start, unit.start + len(before.rstrip().rstrip(",")), "indirect", speaker)

    def read_quote_first(self, unit: Unit, verb: Token, speaker: Speaker, before: str) -> bool:
        """«…», — сказал он; «…, — отметил X, — …»; … — сказала X (no marks)."""
        dash = re.search(r",?\s*[—–-]\s*$", before)
        if not dash:
            return False
        cut = unit.start + dash.start()
        closing = [m for m in self.marks if m[1] < cut and self.text[m[1] + 1:cut].strip(" ,.!?") == ""]
        inner = [m for m in self.marks if m[0] < cut < m[1]]
        if inner:  # the attribution splits one pair of marks
            mark = inner[0]
            after = re.search(r"[—–-]\s*", self.text[verb.stop:mark[1]])
            self.claimed.add(mark)
            tail = [q for q in self.found if mark[0] <= q.start < cut and q.stop == mark[1]]
            if tail:  # «A, — сказал X, — B, — заключил X, — C»: B ends where this attribution starts
                self.found.remove(tail[-1])
            self.add(tail[-1].start if tail else mark[0], cut, "direct", speaker)
            if after:
                self.add(verb.stop + after.end(), mark[1], "direct", speaker)
            return True
        if closing:
            mark = closing[-1]
            self.claimed.add(mark)
            self.add(*mark, "direct", speaker)
            self.inherit_continuation(mark, speaker)
            return True
        start = self.paragraph_start(cut)
        if "«" not in self.text[start:cut] and cut - start > 20:
            self.add(start, cut, "direct", speaker)
            return True
        return False

    def inherit_continuation(self, mark: tuple[int, int], speaker: Speaker) -> None:
        """«A», — сказал X, — «B»: B is X's too."""
        for other in self.marks:
            if mark[1] < other[0] <= mark[1] + NEARBY_QUOTE and other not in self.claimed:
                gap = self.text[mark[1] + 1:other[0] - 1]
                if re.search(r"[—–]\s*$", gap) and "«" not in gap and "\n" not in gap:
                    self.claimed.add(other)
                    self.add(*other, "direct", speaker)
                return

    def read_colon(self, unit: Unit, verb: Token, speaker: Speaker) -> bool:
        """X заявил: «…»; лозунг: «…» is read as a slogan elsewhere."""
        for mark in self.marks:
            if mark in self.claimed or not unit.start <= mark[0] <= unit.stop + 1:
                continue
            if mark[0] > verb.stop and re.search(r":\s*$", self.text[verb.stop:mark[0] - 1]):
                gap = self.text[verb.stop:mark[0] - 1]
                if "«" in gap:
                    continue
                colon = verb.stop + gap.rfind(":")
                self.read_complement(unit, verb, speaker, stop=colon)
                self.claimed.add(mark)
                kind = "slogan" if self.has_slogan_cue(unit, mark, verb) else "direct"
                self.add(*mark, kind, speaker)
                return True
        return False

    def read_complement(self, unit: Unit, verb: Token, speaker: Speaker, stop: int | None = None) -> bool:
        """X сообщил, что …: the clause after «что» is indirect speech, or direct where all quoted."""
        tokens = [t for t in unit.tokens if t.start >= verb.stop and (stop is None or t.stop <= stop)]
        for i, token in enumerate(tokens[:-1]):
            if token.pos == "VERB" and self.is_speech_verb(token) and token.rel != "parataxis":
                return False  # the next speech verb takes its own clause
            inside = any(a < token.start < b for a, b in self.marks)
            if token.lemma in ("что", "чтобы") and i > 0 and tokens[i - 1].text == "," and not inside:
                start = token.stop
                end = stop if stop is not None else self.content_stop(unit)
                following = [t for j, t in enumerate(tokens) if j > i and self.is_speech_verb(t) and t.start < end
                             and tokens[j - 1].lemma in ("и", "а")]
                if following:  # «…, и добавил, что …»: the next verb takes its own clause
                    end = following[0].start
                    while end > start and self.text[end - 1] in " ,":
                        end -= 1
                    end -= 1 if self.text[end - 2:end] == " и" else 0
                cut = re.search(r":\s*«|;", self.text[start:end])
                end = start + cut.start() if cut else end
                inner = self.nested_speaker(unit, token, speaker)
                self.add_claim(start, end, inner or speaker, unit)
                return True
        return False

    def nested_speaker(self, unit: Unit, mark: Token, outer: Speaker) -> Speaker | None:
        """«Издание пишет, что полиция подтвердила …»: the police speak, the outlet relays."""
        clause = unit.by_id(mark.head)
        if outer.person or clause is None or not self.is_speech_verb(clause) or any(
                c.lemma in ("что", "чтобы") for c in unit.tokens if c.start > clause.stop):
            return None
        inner = self.verb_speaker(unit, clause)
        if inner is None or inner.text is None:
            return None
        outlet = [outer.entity] if outer.entity else []
        inner.via = inner.via + [v for v in outer.via + outlet if v not in inner.via]
        return inner

    def add_claim(self, start: int, stop: int, speaker: Speaker, unit: Unit) -> None:
        """Indirect speech, unless its words are all inside quotation marks: then each is direct."""
        start, stop = self.trim(start, stop)
        if stop <= start:
            return
        marks = self.marks_in(start, stop)
        rest = self.text[start:stop]
        for a, b in reversed(marks):
            rest = rest[:a - 1 - start] + rest[b + 1 - start:]
        self.claimed |= set(marks)
        if marks and not re.sub(r"[\s,.;:!?]|\bа\b|\bи\b|\bно\b", "", rest):
            for mark in marks:
                self.add(*mark, "direct", speaker)
        else:
            self.add(start, stop, "indirect", speaker)

    # -- «Об этом сообщила X»: the claim before it is X's
    def backlinks(self) -> list[Region]:
        regions = []
        for previous, unit in zip(self.units, self.units[1:]):
            verb = self.backlink_verb(unit)
            if verb is not None:
                speaker = self.verb_speaker(unit, verb)
                regions.append(Region(previous.start, previous.stop, speaker))
        return regions

    def read_backlinks(self) -> None:
        for region in self.backlinks():
            for mark in self.marks_in(region.start, region.stop):
                if mark not in self.claimed and self.speech_like(mark):
                    self.claimed.add(mark)
                    self.add(*mark, "direct", region.speaker)

    def backlink_verb(self, unit: Unit) -> Token | None:
        words = [t.lemma for t in unit.tokens[:3]]
        if words[:2] == ["о", "это"] or words[:1] == ["это"]:
            return next((t for t in unit.tokens[1:4] if self.is_speech_verb(t)), None)
        return None

    # -- marks no rule has read: slogans, speech kept from the paragraph's speaker, scare quotes
    def read_leftover_marks(self) -> None:
        covered = [(q.start, q.stop) for q in self.found]
        for mark in self.marks:
            if mark in self.claimed or any(a <= mark[0] and mark[1] <= b for a, b in covered):
                continue
            unit = next((u for u in self.units if u.start <= mark[0] < u.stop), None)
            if unit is None:
                continue
            if self.translation_of(mark):
                continue
            if self.has_slogan_cue(unit, mark):
                self.add(*mark, "slogan", None)
            elif self.speech_like(mark) and len(self.text[mark[0]:mark[1]].split()) > 3:
                self.add(*mark, "direct", self.signed_speaker(mark) or self.paragraph_speaker(mark[0]))
            else:
                self.add(*mark, "scare", None)

    def translation_of(self, mark: tuple[int, int]) -> bool:
        """(«Старик, уходи!») right after a quote translates it."""
        if self.text[mark[0] - 2:mark[0] - 1] != "(":
            return False
        for quote in reversed(self.found):
            if 0 <= mark[0] - quote.stop <= 4:
                quote.translation = self.text[mark[0]:mark[1]]
                return True
        return False

    # -- speakers
    def verb_speaker(self, unit: Unit, verb: Token) -> Speaker | None:
        anchor, relay = None, None
        subject = [t for t in unit.children(verb, "nsubj", "nsubj:pass")
                   if t.feats.get("Case") in (None, "Nom") and not unit.children(t, "case")
                   and not any(verb.stop <= c.start < t.start and c.lemma in ("что", "чтобы") for c in unit.tokens)]
        words = [t for t in unit.children(verb, "obj") if t.lemma in self.lex["words_nouns"]]
        if verb.lemma in self.lex["relay_verbs"] and words:
            owner = unit.children(words[0], "nmod")
            anchor, relay = (owner[0] if owner else None), (subject[0] if subject else None)
        elif subject:
            anchor = subject[0]
        elif self.subject_before(unit, verb) is not None:
            anchor = self.subject_before(unit, verb)
        elif verb.feats.get("VerbForm") == "Conv" or verb.rel in ("conj", "xcomp"):
            head = unit.by_id(verb.head)
            if head is not None and head is not verb and head.pos == "VERB":
                return self.verb_speaker(unit, head)
        elif verb.lemma in self.lex["impersonal_verbs"]:  # «…, — говорится в заявлении полиции»
            owners = [o for t in unit.children(verb, "obl") if t.lemma in self.lex["document_nouns"]
                      for o in unit.children(t, "nmod")]
            anchor = owners[0] if owners else None
        elif verb.feats.get("VerbForm") == "Fin" and verb.feats.get("Number") == "Plur":  # «В ОДКБ сообщили»
            # «В ОДКБ сообщили, что …», «…, сообщили в администрации города»; not «в эфире»
            place = [t for t in unit.children(verb, "obl") if any(
                c.lemma in ("в", "у") for c in unit.children(t, "case"))
                and t.lemma not in self.lex["channel_nouns"]]
            anchor = place[0] if place else None
        if anchor is None:
            return None
        speaker = self.speaker_from(unit, anchor, verb)
        if relay is not None:
            outlet = self.speaker_from(unit, relay, None)
            if outlet.entity:
                speaker.via.append(outlet.entity)
        speaker.via[:0] = self.channels(unit, verb)
        self.history.append((anchor.start, speaker))
        return speaker

    def subject_before(self, unit: Unit, verb: Token) -> Token | None:
        """The parser missed the subject: the nearest nominative noun or name before the verb
        in its clause («Известный музыкант, пианист Евгений Кисин, говоря о …, отметил»)."""
        for token in reversed([t for t in unit.tokens if t.stop <= verb.start]):
            if token.text in "»\"—–" or token.lemma in ("что", "который") or (
                    token.pos == "VERB" and token.feats.get("VerbForm") == "Fin"):
                return None
            if token.pos in ("NOUN", "PROPN") and token.feats.get("Case") == "Nom":
                return token
        return None

    def speaker_from(self, unit: Unit, anchor: Token, verb: Token | None) -> Speaker:
        gender = verb.feats.get("Gender") if verb is not None else None
        number = (verb.feats.get("Number") if verb is not None else None) or anchor.feats.get("Number")
        if anchor.text.lower() in self.lex["pronouns"] and anchor.pos in ("PRON", "DET"):
            need_gender, need_number = self.lex["pronouns"][anchor.text.lower()]
            found = self.antecedent(anchor.start, need_gender or gender, need_number or number)
            if found is not None:
                return Speaker(found.entity, found.text, list(found.via), found.gender, found.number, found.person)
            return Speaker(None, anchor.text, gender=gender, number=number)
        start, stop = self.phrase(unit, anchor)
        words = self.text[start:stop]
        entity = self.phrase_entity(unit, start, stop, anchor)
        via = self.source_outlets(unit, anchor, start, stop)
        if entity is None and self.bare(unit, anchor, start, stop):
            found = self.anaphor(anchor, gender or anchor.feats.get("Gender"))
            if found is not None:
                return Speaker(found.entity, found.text, list(found.via), found.gender, found.number, found.person)
        person = entity.type == "PER" if entity else anchor.feats.get("Animacy") == "Anim"
        text = self.nominative(unit, start, stop, anchor) if entity is None else words
        return Speaker(entity.id if entity else None, text, via, gender or anchor.feats.get("Gender"),
                       number, person)

    def antecedent(self, offset: int, gender: str | None, number: str | None) -> Speaker | None:
        for at, speaker in reversed(self.history):
            if at >= offset or speaker.text is None:
                continue
            if number == "Plur":
                if speaker.number == "Plur" or (speaker.entity and not speaker.person):
                    return speaker
            elif speaker.person and speaker.number != "Plur" and (gender is None or speaker.gender in (None, gender)):
                return speaker
        people = [(a, e) for e in self.article.entities if e.type == "PER" for a, _ in e.mentions if a < offset]
        if people and number != "Plur":
            entity = max(people, key=lambda p: p[0])[1]
            return Speaker(entity.id, entity.name, person=True, gender=gender)
        return None

    def anaphor(self, anchor: Token, gender: str | None) -> Speaker | None:
        """A bare «издание» points back to the last outlet, a bare «политик» to the last person."""
        media = anchor.lemma in self.lex["media_heads"]
        if anchor.lemma in self.lex["unnamed_sources"] and not media:
            return None
        if media:
            for at, speaker in reversed(self.history):
                for entity_id in [speaker.entity] + list(reversed(speaker.via)):
                    entity = self.article.entity(entity_id)
                    if at < anchor.start and entity is not None and entity.type == "ORG":
                        return Speaker(entity.id, entity.name)
            return None
        if anchor.feats.get("Animacy") == "Anim" and anchor.feats.get("Number") != "Plur":
            return self.antecedent(anchor.start, gender, "Sing")
        return None

    def bare(self, unit: Unit, anchor: Token, start: int, stop: int) -> bool:
        words = [t for t in unit.tokens if start <= t.start and t.stop <= stop]
        return all(t is anchor or t.pos == "ADJ" for t in words) and anchor.pos == "NOUN"

    def phrase(self, unit: Unit, anchor: Token) -> tuple[int, int]:
        """The run of nominal words around the anchor: «пресс-секретарь Департамента … Азирбек»."""
        tokens = unit.tokens
        i = tokens.index(anchor)
        lo = i
        while lo > 0 and self.nominal(tokens[lo - 1]) and tokens[lo - 1].feats.get("Case") in (None, anchor.feats.get("Case")):
            lo -= 1
        hi = i
        while hi + 1 < len(tokens):
            nxt = tokens[hi + 1]
            if self.nominal(nxt) or (nxt.text == "-" and hi + 2 < len(tokens)):
                hi += 1
            elif nxt.lemma == "из" and tokens[hi].lemma in ("один", "одна", "каждый", "некоторые"):
                hi += 1  # «один из собеседников»
            elif nxt.lemma == "в" and anchor.lemma in self.lex["unnamed_sources"] and hi + 2 < len(tokens) \
                    and self.nominal(tokens[hi + 2]):
                hi += 1  # «источник в правоохранительных органах»
            elif nxt.text in "«\"" and tokens[hi].lemma in self.lex["name_heads"]:
                close = next((j for j in range(hi + 2, len(tokens)) if tokens[j].text in "»\""), None)
                if close is None:
                    break
                hi = close
            else:
                break
        # «Кандидат в президенты Светлана Тихановская»: the name in apposition after a prepositional
        # phrase belongs to the phrase too
        for name in unit.children(anchor, "appos"):
            if name.pos == "PROPN" and name.start > tokens[hi].stop:
                last = max([name] + unit.children(name, "flat:name", "flat"), key=lambda t: t.start)
                hi = tokens.index(last)
        stop = max([tokens[hi].stop] + [n[1] for n in self.names_starting(tokens[lo].start, tokens[hi].stop)])
        return tokens[lo].start, stop

    def nominal(self, token: Token) -> bool:
        if token.feats.get("VerbForm") == "Part" and "Case" in token.feats:  # «погибшего итальянца»
            return True
        return token.pos in NOMINAL and token.lemma not in self.lex["speech_verbs"] and token.pos != "DET" \
            or token.pos == "DET" and token.lemma not in ("этот", "тот", "свой", "весь")

    def phrase_entity(self, unit: Unit, start: int, stop: int, anchor: Token) -> Entity | None:
        """The entity the phrase names: the one at its head, or a person standing in apposition."""
        inside = [(a, b, e) for a, b, *_, e in sorted(self.names_starting(start, stop), key=lambda n: n[2:4])
                  if b <= stop]
        for a, b, entity in inside:
            if a <= anchor.start < b:
                return entity
        nominative = anchor.feats.get("Case") in (None, "Nom")
        for a, b, entity in inside:
            named = fold(self.text[a:b]).split()[-1] == fold(entity.name).split()[-1]
            case = next(t for t in unit.tokens if t.start >= a).feats.get("Case")
            if entity.type == "PER" and (named == nominative or case == anchor.feats.get("Case")):
                return entity
        for a, b, entity in inside:
            before = [t for t in unit.tokens if start <= t.start < a]
            if entity.type == "ORG" and before and all(t.lemma in self.lex["name_heads"] or t.pos == "ADJ"
                                                       or t.text in "«\"" for t in before):
                return entity
        return None

    def source_outlets(self, unit: Unit, anchor: Token, start: int, stop: int) -> list[str]:
        """«собеседник ТАСС», «источник агентства»: the outlet that carries an unnamed source."""
        if anchor.lemma not in self.lex["unnamed_sources"] and anchor.lemma not in ("один", "одна"):
            return []
        via = []
        for token in unit.tokens:
            if start <= token.start < stop and token.start > anchor.start:
                entity = self.entity_at(token.start)
                if entity is not None and entity.type == "ORG":
                    via.append(entity.id)
                elif token.lemma in self.lex["media_heads"]:
                    found = self.anaphor(token, None)
                    if found and found.entity:
                        via.append(found.entity)
        return list(dict.fromkeys(via))

    def channels(self, unit: Unit, verb: Token) -> list[str]:
        """«в эфире телеканала «Хабар 24»», «в интервью CNN», «со ссылкой на X»: nearest first."""
        found = []
        for obl in unit.children(verb, "obl", "nmod"):
            if obl.lemma not in self.lex["channel_nouns"] and obl.lemma != "ссылка":
                continue
            lo, hi = self.subtree_span(unit, obl)
            for entity in self.article.entities:
                if entity.type == "ORG" and any(lo <= a and b <= hi for a, b in entity.mentions):
                    found.append((obl.lemma != "ссылка", entity.id))
        return [e for _, e in sorted(found, key=lambda f: f[0])]

    def signed_speaker(self, mark: tuple[int, int]) -> Speaker | None:
        """«…»⏎— Татьяна Скригонюк, заместитель начальника пресс-службы: a signature line."""
        signature = SIGNATURE.match(self.text, mark[1])
        entity = self.entity_at(signature.end()) if signature else None
        if entity is None or entity.type not in ("PER", "ORG"):
            return None
        end = self.text.find("\n", signature.end())
        words = self.text[signature.end():end if end >= 0 else len(self.text)].strip()
        return Speaker(entity.id, words, person=entity.type == "PER")

    def paragraph_speaker(self, offset: int) -> Speaker | None:
        start = self.paragraph_start(offset)
        for quote in reversed(self.found):
            if start <= quote.start < offset and quote.speaker_text:
                return Speaker(quote.speaker, quote.speaker_text, list(quote.via))
        return None

    # -- helpers
    def is_speech_verb(self, token: Token) -> bool:
        return token.pos == "VERB" and token.lemma in self.lex["speech_verbs"]

    def is_name(self, mark: tuple[int, int]) -> bool:
        """«Хабар 24», фильм «Сияние»: a quoted proper name, not a quote."""
        inner = self.text[mark[0]:mark[1]]
        opened = bisect_right(self.name_starts, mark[0])  # names starting at or before the mark
        if opened and self.name_reach[opened - 1] >= mark[1]:
            return True
        if not inner[:1].isupper() or re.search(r"[.!?,:;]", inner) or len(inner.split()) > 6:
            return False
        words = self.words_in(mark)
        ended = bisect_right(self.stops, mark[0] - 1)  # tokens that end before the mark
        before = self.tokens[ended - 1:ended] if ended else []
        if before and before[0].lemma in self.lex["name_heads"]:
            return True
        if len(words) == 1 and words[0].pos == "ADJ":
            return False  # «Антитеррористическая» операция: a word held at arm's length, capitalised by its place
        return not any(t.pos in ("VERB", "AUX") for t in words) and not re.search(r"[:—–]\s*$", self.text[:mark[0] - 1][-4:])

    def names_starting(self, start: int, stop: int) -> list[tuple]:
        """The entity mentions that start in [start, stop)."""
        return self.names[bisect_left(self.name_starts, start):bisect_left(self.name_starts, stop)]

    def words_in(self, mark: tuple[int, int]) -> list[Token]:
        return self.tokens[bisect_left(self.starts, mark[0]):bisect_left(self.starts, mark[1])]

    def speech_like(self, mark: tuple[int, int]) -> bool:
        words = self.words_in(mark)
        return any(t.pos in ("VERB", "AUX") for t in words) or len(words) >= 4

    def has_slogan_cue(self, unit: Unit, mark: tuple[int, int], verb: Token | None = None) -> bool:
        near = [t for t in unit.tokens if t.stop <= mark[0]][-4:]
        return any(t.lemma in self.lex["slogan_cues"] for t in near + ([verb] if verb else []))

    def marks_in(self, start: int, stop: int) -> list[tuple[int, int]]:
        return [m for m in self.marks if start <= m[0] and m[1] <= stop and m not in self.claimed]

    def entity_named(self, word: str) -> Entity | None:
        """The person or organisation whose name holds this word: «Кисин» → Евгений Кисин."""
        return self.entities_named.get(fold(word))

    def entity_at(self, offset: int) -> Entity | None:
        return self.entities_at.get(offset)

    def subtree_span(self, unit: Unit, root: Token) -> tuple[int, int]:
        ids, grown = {root.id}, True
        while grown:
            more = {t.id for t in unit.tokens if t.head in ids} - ids
            grown, ids = bool(more), ids | more
        inside = [t for t in unit.tokens if t.id in ids]
        return min(t.start for t in inside), max(t.stop for t in inside)

    def phrase_stop(self, unit: Unit, verb: Token) -> int:
        after = [t for t in unit.tokens if t.start > verb.stop]
        # the speaker after the verb: «…, пишет ТАСС», «…, сообщили в администрации города»
        subject = [t for t in unit.children(verb, "nsubj", "obl") if t.start > verb.stop]
        if subject:
            return self.phrase(unit, subject[-1])[1]
        return after[0].stop if after else verb.stop

    def clause_after(self, unit: Unit, verb: Token) -> int:
        for token in unit.tokens:
            if token.start > verb.stop and (token.text == ";" or token.pos == "VERB"
                                            and token.rel in ("conj", "parataxis")):
                return token.start
        return unit.stop

    def content_stop(self, unit: Unit) -> int:
        return unit.start + len(self.text[unit.start:unit.stop].rstrip(" .!?\n"))

    def trim(self, start: int, stop: int) -> tuple[int, int]:
        piece = self.text[start:stop]
        lead = len(piece) - len(piece.lstrip(" ,—–-\n"))
        return start + lead, start + len(piece.rstrip(" ,.—–-\n"))

    def strip(self, start: int, stop: int) -> tuple[int, int]:
        piece = self.text[start:stop]
        return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def paragraph_start(self, offset: int) -> int:
        starts = [a for a, b in self.article.paragraphs if a <= offset]
        return max(starts + [self.line_start(offset)])

    def nominative(self, unit: Unit, start: int, stop: int, anchor: Token) -> str:
        """«В комендатуре Алматы» → «комендатура Алматы»: the head and its adjectives put in the nominative."""
        words = []
        for token in unit.tokens:
            if not start <= token.start < stop:
                continue
            agrees = token is anchor or (token.pos == "ADJ" and token.head == anchor.id)
            words.append(self.inflect(token, anchor) if agrees and anchor.feats.get("Case") != "Nom" else token.text)
            if token.stop < stop and self.text[token.stop:token.stop + 1] == " ":
                words.append(" ")
        return "".join(words).strip()

    def inflect(self, token: Token, anchor: Token) -> str:
        if self.morph is None or (token.text.isupper() and len(token.text) > 1):
            return token.text  # «СМИ», «МВД»: abbreviations do not decline
        number = anchor.feats.get("Number") or "Sing"
        wanted = {"Nom", number}
        if token is not anchor and number == "Sing" and anchor.feats.get("Gender"):
            wanted.add(anchor.feats["Gender"])  # «правозащитного центра» → «правозащитный центр»
        for parse in self.morph.parse(token.text):
            form = parse.inflect(wanted)
            if form is not None and parse.normal_form.replace("ё", "е") == token.lemma.replace("ё", "е"):
                word = form.word
                return word[:1].upper() + word[1:] if token.text[:1].isupper() else word
        return token.text

    def add(self, start: int, stop: int, kind: str, speaker: Speaker | None) -> None:
        start, stop = self.trim(start, stop) if kind == "indirect" else self.strip(start, stop)
        if stop <= start or any(q.start == start and q.stop == stop for q in self.found):
            return
        if kind in ("direct", "indirect") and speaker is not None:
            self.history.append((start, speaker))
        self.found.append(Quote(start, stop, self.text[start:stop], kind,
                                speaker.entity if speaker else None,
                                speaker.text if speaker else None,
                                list(dict.fromkeys(speaker.via)) if speaker else []))


def find_marks(text: str) -> list[tuple[int, int]]:
    """Top-level quotation marks as [start, stop) of the words inside; nested marks stay inside."""
    spans, stack, opened = [], [], 0
    for i, char in enumerate(text):
        if char == "\n" and text[i + 1:i + 2] == "\n":
            stack = []  # a quote left open does not run over a paragraph break here
        if stack and char == stack[-1] and not (char == '"' and _opens_straight(text, i)):
            stack.pop()
            if not stack:
                spans.append((opened, i))
        elif char in PAIRS and not (char == "“" and stack and stack[-1] == "“"):
            if char == '"' and not _opens_straight(text, i):
                continue
            if not stack:
                opened = i + 1
            stack.append(PAIRS[char])
    return spans


def _opens_straight(text: str, i: int) -> bool:
    """A straight quote opens where a space or an opening bracket stands before it."""
    return i == 0 or text[i - 1] in " \n(«—–-:"


def _units(article: Article) -> list[Unit]:
    units = []
    for sentence in article.sentences:
        line: list[Token] = []
        for token in sentence.tokens:
            if line and "\n" in article.text[line[-1].stop:token.start]:
                units.append(Unit(line[0].start, line[-1].stop, line))
                line = []
            line.append(token)
        if line:
            units.append(Unit(line[0].start, line[-1].stop, line))
    return units
