"""Events stage: PLOVER events (ONTOLOGY.md) from the syntax tree, each with the sentence behind it.

A trigger word (data/events/triggers.tsv) starts an event mention; its arguments come from its
dependents (subject → actor, object or passive subject → target, `в / на / под` + a place →
location); counts, date, modality and source are attached; mentions of one occurrence then merge.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from . import geo, numbers
from .models import Models
from .quotes import attribution, speech_regions
from .times import event_date
from .records import Article, Count, Entity, Event, Participant, Sentence, Token

NEEDS = ("sentences", "entities", "times", "quotes")
ADDS = ("events",)

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
FEATURE_RANK = {"city": 0, "district": 1, "region": 2, "country": 3}
PLACE_CASES = {"в", "во", "на", "под", "близ", "вблизи", "около", "возле", "у", "неподалеку", "рядом"}
SUBJECTS = {"nsubj", "nsubj:pass", "obj", "obl"}  # where a nominal trigger hangs off its light verb
PHRASE_RELS = {"amod", "nmod", "flat", "flat:name", "flat:foreign", "appos", "nummod", "nummod:gov",
               "det", "compound"}
NOMINAL_RELS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "obl:agent"}
MAX_PHRASE = 8
BOUND_WORDS = {"более", "свыше", "около", "порядка", "примерно", "не", "менее", "как", "минимум", "от", "до"}


# --- data -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    with_: frozenset[str]
    gen: str


def _data(name: str) -> str:
    return resources.files("letopis").joinpath(f"data/events/{name}").read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).splitlines() if line.strip() and not line.startswith("#")]


@cache
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in _rows("triggers.tsv"):
        lemma, pos, type_, mode, with_, gen = (row + [""] * 6)[:6]
        trigger = Trigger(lemma, pos, type_, mode or None, frozenset(filter(None, with_.split(";"))), gen)
        table.setdefault((lemma, pos), []).append(trigger)
    return table


@cache
def actor_classes() -> dict[str, int]:
    return {lemma: int(cls) for lemma, cls, *_ in _rows("actor_classes.tsv")}


@cache
def cues() -> dict:
    return yaml.safe_load(_data("modality.yaml"))


@cache
def rules() -> dict:
    return yaml.safe_load(_data("rules.yaml"))


def _site_nouns() -> frozenset[str]:
    return geo.site_nouns()


LEAD_SENTENCES = 3  # a headline, a caption and the first sentence, as news opens

# --- a parsed sentence ----------------------------------------------------------------------

class Tree:
    """One sentence's dependency tree with the lookups the rules need."""

    def __init__(self, sentence: Sentence, index: int):
        self.sentence, self.index = sentence, index
        self.by_id = {t.id: t for t in sentence.tokens}
        self.kids: dict[int, list[Token]] = {}
        for t in sentence.tokens:
            self.kids.setdefault(t.head, []).append(t)

    def head(self, t: Token) -> Token | None:
        return self.by_id.get(t.head)

    def children(self, t: Token, *rels: str) -> list[Token]:
        return [c for c in self.kids.get(t.id, []) if not rels or c.rel in rels]

    def case(self, t: Token) -> str | None:
        """The preposition of a nominal: «в Алматы» → в."""
        marks = [c.lemma for c in self.children(t, "case")]
        return marks[0] if marks else None

    def subtree(self, t: Token, rels: set[str] | None = None, depth: int = 6) -> list[Token]:
        out = [t]
        if depth:
            for c in self.children(t):
                if rels is None or c.rel in rels:
                    out += self.subtree(c, rels, depth - 1)
        return sorted(out, key=lambda x: x.id)

    def ancestors(self, t: Token) -> list[Token]:
        out, seen = [], {t.id}
        while (h := self.head(t)) is not None and h.id not in seen:
            out.append(h)
            seen.add(h.id)
            t = h
        return out

    def first_word(self) -> Token | None:
        return next((t for t in self.sentence.tokens if t.pos not in ("PUNCT", "CCONJ")), None)


def _is_negated(tree: Tree, t: Token) -> bool:
    return any(c.lemma in cues()["negation"] for c in tree.children(t, "advmod", "det", "discourse", "cc")
               if c.id < t.id)


# --- detection ------------------------------------------------------------------------------

@dataclass
class Mention:
    event: Event
    tree: Tree
    token: Token  # the trigger
    carrier: Token  # the verb that states it (the trigger itself for a verb)
    explicit_date: bool = False
    casualty_only: bool = False
    loc_rank: int = 9
    in_direct_quote: bool = False  # a speaker's words, not the reporter's account
    title: bool = False  # stated in a headline or caption
    target_head: Token | None = None
    actor_head: Token | None = None


def _pos_class(t: Token) -> str:
    if t.pos == "ADJ" and t.lemma.endswith(("ть", "ться", "чь")):
        return "VERB"  # a short participle the tagger took for an adjective: «Застрелен глава клана»
    return {"AUX": "VERB", "PROPN": "NOUN"}.get(t.pos, t.pos)


def _near(tree: Tree, t: Token) -> set[str]:
    """Lemmas of a word's head (and the word above a container: «ввел пакет санкций»), its
    dependents and the conjunction of its clausal complement."""
    marks = {m.lemma for c in tree.children(t, "ccomp") for m in tree.children(c, "mark")}
    head = tree.head(t)
    above = tree.head(head) if head is not None and head.lemma in rules()["containers"] else None
    return {c.lemma for c in tree.children(t)} | {h.lemma for h in [head, above] if h} | marks


def _match(tree: Tree, t: Token) -> Trigger | None:
    lemma = t.lemma.replace("ё", "е")
    if lemma in rules()["unless_near"] and _near(tree, t) & set(rules()["unless_near"][lemma]):
        return None
    for trigger in triggers().get((lemma, _pos_class(t)), []):
        if trigger.with_:
            near = _near(tree, t)
            if trigger.pos == "ADJ" and (head := tree.head(t)) is not None:
                near |= _near(tree, head)  # «отправят миротворческие силы»
            if not near & trigger.with_:
                continue
        return trigger
    return None


def _nominal_use(tree: Tree, t: Token) -> bool:
    """A participle standing for a noun (`протестующие`, `личности убитых`) states no event."""
    if t.feats.get("VerbForm") != "Part":
        return False
    if t.rel in NOMINAL_RELS or t.rel in ("acl", "amod"):
        return True
    head = tree.head(t)
    return t.rel == "conj" and head is not None and head.pos in ("NOUN", "PROPN", "PRON")


def _governor(tree: Tree, t: Token) -> Token | None:
    """The word a nominal hangs off, through coordination: «требовали снижения ..., а затем отставки»."""
    while t.rel == "conj" and tree.head(t) is not None:
        t = tree.head(t)
    return tree.head(t)


def _carrier(tree: Tree, t: Token) -> Token:
    """The verb that states a nominal trigger (`произошел пожар`, `ушло в отставку`), else itself."""
    if t.pos in ("VERB", "AUX"):
        return t
    head = _governor(tree, t)
    if head is not None and head.lemma in rules()["containers"] and t.rel == "nmod":
        carrier = _carrier(tree, head)  # «ввел пакет санкций», «прокатилась волна протестов»
        return carrier if carrier is not head else t
    if head is None or head.pos not in ("VERB", "AUX") or t.rel not in SUBJECTS | {"conj"}:
        return t
    if t.rel in ("obj", "obl") and head.lemma not in rules()["light_verbs"]:
        return t  # «разогнали демонстрацию»: the verb acts on the event, it does not state it
    return head


def _suppressed(tree: Tree, t: Token, trigger: Trigger) -> bool:
    """A nominal trigger that names the content of a demand, the subject of a judgement, the
    background of another event, or the kind of the event named by the noun it hangs off."""
    head = _governor(tree, t)
    if head is None or t.pos in ("VERB", "AUX"):
        return False
    if t.rel == "nmod" and head.pos == "NOUN" and (outer := _match(tree, head)) and outer.type == trigger.type:
        return True  # «акции протеста»: one event, named by the outer noun
    if head.lemma in rules()["content_verbs"]:
        return True
    if head.lemma in rules()["judging_verbs"] and t.rel == "nsubj":
        return True
    return head.lemma in rules()["background"] or head.lemma in rules()["reference_nouns"]


# --- arguments ------------------------------------------------------------------------------

class _Index:
    """An article's entities by token, and which places are streets, made once per article:
    the argument rules ask at every event mention, and a long article has thousands."""

    def __init__(self, article: Article):
        tokens = article.tokens
        starts, stops = [t.start for t in tokens], [t.stop for t in tokens]
        self.by_token: dict[int, list[Entity]] = {}  # token start -> entities over it, in article order
        for e in article.entities:
            for a, b in e.mentions:
                for t in tokens[bisect_right(stops, a):bisect_left(starts, b)]:
                    held = self.by_token.setdefault(t.start, [])
                    if e not in held:
                        held.append(e)
        self.sentence_starts = [s.start for s in article.sentences]
        self.unplaced: dict[str, bool] = {}


_index: ContextVar[_Index] = ContextVar("events_index")  # the article extract() is reading


def _entity_at(t: Token, types: tuple[str, ...] = ("PER", "ORG", "LOC")) -> Entity | None:
    return next((e for e in _index.get().by_token.get(t.start, ()) if e.type in types), None)


def _phrase(tree: Tree, head: Token) -> list[Token]:
    """A participant's words: the head with its modifiers and genitives, not its prepositional
    phrases («разграбление оружейного магазина в городе» → «оружейного магазина»)."""
    def grow(t: Token, depth: int) -> list[Token]:
        # «более 3,5 тысячи человек»: the parser may make the bound the head, its count an oblique
        kept = [c for c in tree.children(t) if (c.rel in PHRASE_RELS or (t.pos == "ADV" and c.rel == "obl"))
                and not (c.rel in ("nmod", "obl") and tree.children(c, "case"))]
        return [t, *(x for c in kept if depth for x in grow(c, depth - 1))]
    tokens = sorted((t for t in grow(head, 3) if t.pos != "PUNCT"), key=lambda t: t.id)
    return tokens[:MAX_PHRASE]


def _participant(article: Article, tree: Tree, head: Token | None) -> Participant:
    if head is None:
        return Participant()
    tokens = _phrase(tree, head)
    entity = _entity_at(head) or next(
        (e for t in tokens if (e := _entity_at(t, ("PER", "ORG")))), None)
    classes = [actor_classes()[t.lemma] for t in [head, *tokens] if t.lemma in actor_classes()]
    cls = next(iter(classes), None)
    if cls == 7 and any(c < 7 for c in classes):  # «вооруженные люди»: the modifier says who they are
        cls = min(classes)
    if cls is None and entity is not None:
        cls = next((actor_classes()[r] for r in entity.roles if r in actor_classes()), None)
    text = " ".join(t.text for t in tokens)
    return Participant(text=text, entity=entity.id if entity else None, cls=cls)


def _inherited_subject(tree: Tree, t: Token) -> Token | None:
    """«стали выходить», «захватили здание и разграбили магазины»: the subject of the verb above."""
    while t.rel in ("xcomp", "conj") and (h := tree.head(t)) is not None:
        subject = tree.children(h, "nsubj")
        if subject:
            return subject[0]
        t = h
    return None


def _verb_arguments(tree: Tree, t: Token) -> tuple[Token | None, Token | None]:
    passive = t.feats.get("Voice") == "Pass" or bool(tree.children(t, "nsubj:pass"))
    actor = next(iter(tree.children(t, "nsubj")), None) or next(iter(tree.children(t, "obl:agent")), None)
    if actor is None and passive:
        actor = next((c for c in tree.children(t, "obl") if c.feats.get("Case") == "Ins" and not tree.case(c)
                      and c.pos in ("NOUN", "PROPN")), None)
    if actor is None:
        actor = _inherited_subject(tree, t)
    # «задержала более 3,5 тысячи человек»: the parser may give the bound and the noun both as objects
    objects = tree.children(t, "nsubj:pass") or tree.children(t, "obj")
    target = next((c for c in objects if c.pos in ("NOUN", "PROPN", "PRON")), next(iter(objects), None))
    if t.lemma in rules()["means_verbs"]:  # «применили дубинки против протестующих»: the object is the means
        target = next((c for x in [t, *objects] for c in tree.children(x, "obl", "nmod")
                       if tree.case(c) == "против"), target)
    if target is None:
        target = next((c for c in tree.children(t, "obl") if tree.case(c) == "на" and c.feats.get("Case") == "Acc"),
                      None)
    return actor, target


def _noun_arguments(tree: Tree, t: Token, trigger: Trigger, carrier: Token) -> tuple[Token | None, Token | None]:
    actor = target = None
    for c in tree.children(t, "nmod"):
        case = tree.case(c)
        if case == "между" or (case is None and c.feats.get("Case") == "Gen"):
            conjuncts = tree.children(c, "conj")  # the parser may split «вооруженными протестующими»
            conj = next((x for x in reversed(conjuncts) if x.pos in ("NOUN", "PROPN", "PRON")),
                        conjuncts[0] if conjuncts else None)
            if trigger.gen == "actor" or case == "между":
                actor, target = actor or c, target or conj
            else:
                target = target or c
        elif case in ("на", "против") and target is None:
            target = c
    if actor is None and carrier is not t and carrier.lemma not in cues()["speech_verbs"]:
        subject = next(iter(tree.children(carrier, "nsubj")), None)
        if subject is not None and subject is not t and subject.lemma not in rules()["containers"]:
            actor = subject
    return actor, target


# --- places ---------------------------------------------------------------------------------

def _feature(entity: Entity | None) -> str | None:
    return (entity.geo or {}).get("feature") if entity else None


def _place_in(article: Article, tree: Tree, noun: Token) -> tuple[Entity | None, str | None]:
    """The place a `в / на` phrase names: a LOC entity, or a site and the LOC it names."""
    phrase = tree.subtree(noun, PHRASE_RELS, depth=3)
    entity = _entity_at(noun, ("LOC",))
    if entity is not None and _unplaced(article, entity):
        return None, " ".join(t.text for t in phrase if t.pos != "PUNCT")
    if noun.lemma in _site_nouns() and (entity is None or _entity_at(noun, ("LOC",)) is None):
        inner = next((e for t in phrase[1:] if (e := _entity_at(t, ("LOC",)))), None)
        site = " ".join(t.text for t in phrase if t.pos != "PUNCT")
        return inner, site
    if entity is None:
        entity = next((e for t in phrase if (e := _entity_at(t, ("LOC",)))), None)
    if entity is not None and _unplaced(article, entity):  # «в квадрате улиц …»: a site in the city
        return None, " ".join(t.text for t in phrase if t.pos != "PUNCT")
    return entity, None


def _unplaced(article: Article, entity: Entity) -> bool:
    """A LOC that names a street or quarter (`улиц Масанчи-Карасай`), not a populated place."""
    if entity.geo is not None:
        return False
    index = _index.get()
    if entity.id not in index.unplaced:
        index.unplaced[entity.id] = _names_a_site(article, entity, index.sentence_starts)
    return index.unplaced[entity.id]


def _names_a_site(article: Article, entity: Entity, sentence_starts: list[int]) -> bool:
    sites = _site_nouns()
    for a, b in entity.mentions:
        i = bisect_right(sentence_starts, a) - 1
        sentence = article.sentences[i] if i >= 0 else None
        if sentence is not None and a < sentence.stop:
            tree = Tree(sentence, 0)
            first = next((t for t in sentence.tokens if t.start >= a), None)
            if first and (first.lemma in sites or ((h := tree.head(first)) and h.lemma in sites)):
                return True
    return False


def _many_places(tree: Tree, noun: Token) -> bool:
    """«в разных городах», «в нескольких регионах», «по всей стране»: several places of one country."""
    return (noun.lemma in ("город", "регион", "область", "населенный") and noun.feats.get("Number") == "Plur"
            or noun.lemma == "страна" and _whole(tree, noun))


def _generic_city(tree: Tree, noun: Token) -> bool:
    """«в городе»: one city, named before; not «в разных городах»."""
    return (noun.lemma in ("город", "столица") and noun.feats.get("Number") == "Sing"
            and not tree.children(noun, "amod", "nummod"))


def _place_phrases(tree: Tree, t: Token) -> list[Token]:
    not_places = set(rules()["not_places"])
    return [c for c in tree.children(t, "obl", "nmod", "advmod")
            if c.pos in ("NOUN", "PROPN") and c.lemma not in not_places
            and (tree.case(c) in PLACE_CASES or (tree.case(c) == "по" and _whole(tree, c)))]


def _whole(tree: Tree, noun: Token) -> bool:
    """«по всей стране», «по всей России»: the whole of a place."""
    return any(d.lemma == "весь" for d in tree.children(noun, "det", "amod"))


def _last_city(article: Article, before: int) -> Entity | None:
    """«в городе»: the city last named before this point."""
    best, at = None, -1
    for e in article.entities:
        if e.type == "LOC" and _feature(e) in (None, "city"):
            for a, _ in e.mentions:
                if at < a < before:
                    best, at = e, a
    return best


def _main_place(article: Article) -> Entity | None:
    """Where an article's events happen when a sentence names no place: the first place its
    headline or lead puts something in («… в США», not «из Китая»), else its most named country,
    else its most named place."""
    places = [e for e in article.entities if e.type == "LOC" and not _unplaced(article, e)]
    for sentence in article.sentences[:LEAD_SENTENCES]:
        tree = Tree(sentence, 0)
        for t in sentence.tokens:
            if any(c.lemma in ("в", "на", "под") for c in tree.children(t, "case")):
                held = [e for e in places if any(a <= t.start < b for a, b in e.mentions)]
                if held:
                    return held[0]
    return _main_country(places)


def _main_country(places: list[Entity]) -> Entity | None:
    countries = [e for e in places if _feature(e) == "country"] or places
    return max(countries, key=lambda e: (len(e.mentions), -min(e.mentions)[0]), default=None)


def _country_of(article: Article, place: Entity | None) -> Entity | None:
    """«в разных городах»: the country of the city named last, else the article's country."""
    countries = [e for e in article.entities if e.type == "LOC" and _feature(e) == "country"]
    return next((c for c in countries if place is not None and _contains(c, place)), None) \
        or _main_country(countries)


def _specific(entities: list[tuple[Entity, int]]) -> Entity | None:
    """The smallest of several places (a region over its country), then the nearest."""
    if not entities:
        return None
    return min(entities, key=lambda p: (FEATURE_RANK.get(_feature(p[0]) or "city", 0), p[1]))[0]


def _locate(article: Article, m: Mention, previous: list[Mention], main_place: Entity | None) -> None:
    tree, t, event = m.tree, m.token, m.event
    own: list[tuple[Entity, int]] = []
    for holder in [t] if m.carrier is t else [t, m.carrier]:
        for noun in _place_phrases(tree, holder):
            entity, site = _place_in(article, tree, noun)
            if site and not event.site:
                event.site = site
            if entity is None and (site or _generic_city(tree, noun)):
                entity = _last_city(article, noun.start)
            elif entity is None and _many_places(tree, noun):
                entity = _country_of(article, _last_city(article, noun.start))
            if entity is not None:
                own.append((entity, abs(noun.id - t.id)))
    if not event.site and m.target_head is not None and m.target_head.lemma in _site_nouns():
        event.site = event.target.text  # «захватили здание городской администрации»
    chosen = _specific(own)
    m.loc_rank = 0
    verbal = event.type in rules()["verbal"]
    if chosen is None and not verbal:
        m.loc_rank = 1
        in_sentence = []
        for e in article.entities:
            if e.type == "LOC" and not _unplaced(article, e):
                for a, b in e.mentions:
                    if tree.sentence.start <= a < tree.sentence.stop:
                        token = next((x for x in tree.sentence.tokens if x.start >= a), t)
                        # «в истории Канады»: a genitive under a no-place noun places nothing
                        held_by = tree.head(token)
                        if held_by is None or held_by.lemma not in rules()["not_places"] or tree.case(token):
                            in_sentence.append((e, abs(token.id - t.id)))
        first = tree.first_word()
        if first is not None and first.lemma in cues()["anaphora"] and previous:
            chosen = next((p.event.location for p in reversed(previous) if p.event.location), None)
            chosen = article.entity(chosen) if chosen else None
        chosen = chosen or _specific(in_sentence)
    if chosen is None and not verbal:
        m.loc_rank = 2
        before = [p for p in previous if p.tree.index == tree.index - 1 and p.event.location and p.loc_rank < 2]
        chosen = article.entity(before[-1].event.location) if before else main_place
    if chosen is not None:
        event.location = chosen.id
        event.geo_precision = _precision(chosen.geo, event.site)


def _precision(geo_: dict | None, site: str | None) -> int | None:
    if not geo_:
        return None
    code = geo.precision(geo_)
    return 1 if site and geo_.get("feature") == "city" else code


def _contains(outer: Entity | None, inner: Entity | None) -> bool:
    if not outer or not inner or not outer.geo or not inner.geo:
        return False
    return geo.contains(outer.geo, inner.geo)


# --- counts ---------------------------------------------------------------------------------

def _count_under(article: Article, tree: Tree, t: Token) -> Count | None:
    """The count a casualty word states: «2 человека были убиты», «Число погибших достигло 16»."""
    spots = tree.children(t, "nsubj", "nsubj:pass", "obj") if t.pos in ("VERB", "AUX") else []
    spots.append(t)
    head = tree.head(t)
    if t.pos == "NOUN" and t.rel in ("obj", "obl") and head is not None and head.pos == "VERB":
        spots += tree.children(head, "nsubj")  # «пятеро получили ранения»
    reached = False
    if head is not None and head.lemma in rules()["count_heads"]:
        verb = tree.head(head)
        spots += tree.children(verb, "obj", "obl") if verb else []
        reached = verb is not None and verb.lemma in rules()["growth_verbs"]
    for spot in spots:
        # «погибли не менее 20 человек»: the parser hangs «20 человек» as an oblique of «менее»
        tokens = tree.subtree(spot, PHRASE_RELS | {"advmod", "case", "fixed", "obl"}, depth=3)
        start = _number_run_start(tree, tokens[0])
        found = [count for a, b, count in numbers.find(article.text[start:tokens[-1].stop])
                 if not any(x.start < start + b and start + a < x.stop for x in article.times)]
        if found:  # a number inside a date («в ночь с 18 на 19 апреля») counts no one
            count = found[0]
            if reached and count.min is None and count.text.lower().startswith("до "):
                return Count(count.max, count.max, count.text)  # «число погибших выросло до 133»: 133
            return count
    people = [x for x in spots if _is_person(article, x)]
    for x in people:  # «Журналист Рокелли и его коллега Миронов погибли»: two
        more = [c for c in tree.children(x, "conj") if _is_person(article, c)]
        if more:
            n = len(more) + 1
            return Count(n, n, article.text[x.start:more[-1].stop])
    return None


def _number_run_start(tree: Tree, first: Token) -> int:
    """Where the numbers right before a phrase begin: the parser may hang «2» in «2 человека» elsewhere."""
    tokens = tree.sentence.tokens
    i = tokens.index(first)
    while i > 0 and (tokens[i - 1].text[0].isdigit() or tokens[i - 1].pos == "NUM"
                     or tokens[i - 1].lemma in BOUND_WORDS):
        i -= 1
    return tokens[i].start


def _is_person(article: Article, t: Token) -> bool:
    return _entity_at(t, ("PER",)) is not None or (
        t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" and t.feats.get("Number") == "Sing")


def _singular_person(article: Article, tree: Tree, target: Token | None) -> bool:
    if target is None:
        return False
    if target.pos == "PRON":
        return target.feats.get("Number") == "Sing"
    return _entity_at(target, ("PER",)) is not None


def _attach_counts(article: Article, tree: Tree, found: list[Mention]) -> None:
    words = {k: set(rules()[k]) for k in ("fatality_words", "injured_words", "arrested_words")}
    for m in found:
        e = m.event
        if e.type == "ASSAULT" and e.fatalities is None and e.mode == "kill":
            e.fatalities = _count_under(article, tree, m.token)
            if e.fatalities is None and _singular_person(article, tree, m.target_head):
                e.fatalities = Count(1, 1, m.target_head.text)
        if e.type == "COERCE" and e.mode == "arrest":
            e.arrested = _count_under(article, tree, m.token)
    assaults = [m for m in found if m.event.type == "ASSAULT"]
    for t in tree.sentence.tokens:
        for name, slot in (("fatality_words", "fatalities"), ("injured_words", "injured")):
            if t.lemma in words[name] and (count := _count_under(article, tree, t)):
                # a bare «погибли» carries the wounded beside it to the assault it folds into
                for m in assaults if slot == "injured" else [a for a in assaults if not a.casualty_only]:
                    if getattr(m.event, slot) is None:
                        setattr(m.event, slot, count)


def _fold_kills(found: list[Mention], previous: list[Mention]) -> list[Mention]:
    """A killing stated beside a shooting or a shelling (same or last sentence) is its toll, not a
    second event: «погибли в результате обстрела», «По разным данным, власти убили 200 человек»."""
    kept = []
    for m in found:
        if m.event.type == "ASSAULT" and (m.event.mode == "kill" or m.casualty_only):
            hosts = [h for h in found if h is not m and h.event.type == "ASSAULT" and h.event.mode != "kill"
                     and not h.casualty_only]
            hosts = hosts or [h for h in previous if h.tree.index == m.tree.index - 1
                              and h.event.type == "ASSAULT" and h.event.mode != "kill"]
            if hosts:
                host = hosts[0].event
                host.fatalities = host.fatalities or m.event.fatalities
                host.injured = host.injured or m.event.injured
                if m.explicit_date and not hosts[0].explicit_date:
                    host.date, host.date_grain = m.event.date, m.event.date_grain
                    hosts[0].explicit_date = True
                if host.start != m.event.start:
                    host.extra_evidence.append((m.event.start, m.event.stop))
                continue
            if m.casualty_only:
                continue
        kept.append(m)
    return kept


# --- modality and source --------------------------------------------------------------------

def _phrase_in(lemmas: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(lemmas[i:i + n] == phrase for i in range(len(lemmas) - n + 1))


def _modality(article: Article, m: Mention, trees: list[Tree], regions: list) -> tuple[str, dict]:
    tree, t, carrier = m.tree, m.token, m.carrier
    c = cues()
    chain = [t, carrier] if carrier is not t else [t]
    upward = tree.ancestors(carrier)
    source: dict = {"speaker": None, "via": []}
    denied = [a for a in upward[:2] if a.lemma in c["negating_verbs"]]
    # «не отрицают, что их клиент убил»: a denial denied asserts the event
    # «не планирует вводить режим ЧП»: the verb an infinitive depends on carries the negation
    verb = next((a for a in [carrier, *upward[:2]] if a.pos == "VERB"), None)
    intent = [a for a in [verb, tree.head(verb) if verb is not None and verb.rel == "xcomp" else None]
              if a is not None and a is not carrier]
    if any(_is_negated(tree, x) for x in [*chain, *intent]) or any(not _is_negated(tree, a) for a in denied):
        return "negated", source
    future_words = set(c["future_verbs"])
    if (any(x.feats.get("Tense") == "Fut" for x in chain)
            or any(a.lemma in future_words for a in upward[:2])
            or any(k.lemma in future_words or (k.lemma == "быть" and k.feats.get("Tense") == "Fut")
                   for x in chain for k in tree.children(x, "aux", "aux:pass", "cop", "acl:relcl", "acl"))
            or any(k.lemma in future_words for x in chain for r in tree.children(x, "acl:relcl")
                   for k in tree.children(r))
            or any(a.lemma in c["future_nouns"] for a in upward[:2])):
        return "future", source
    lemmas = [x.lemma for x in tree.sentence.tokens]
    clause = {k.lemma for x in [*chain, *upward[:2]] for k in tree.children(x)} | {x.lemma for x in chain}
    first = tree.first_word()
    hedged_before = (first is not None and first.lemma in c["anaphora"] and tree.index > 0
                     and any(_phrase_in([x.lemma for x in trees[tree.index - 1].sentence.tokens], p)
                             for p in c["uncertain_phrases"]))
    if clause & set(c["uncertain_words"]) or any(_phrase_in(lemmas, p) for p in c["uncertain_phrases"]) \
            or hedged_before:
        return "uncertain", source
    reported, source = _reported(article, m, trees, regions)
    return ("reported" if reported else "asserted"), source


def _saying_verb(tree: Tree, t: Token, speech: set[str]) -> Token | None:
    """The verb of saying whose complement is this clause: «сообщили, что он освобожден»."""
    while (head := tree.head(t)) is not None:
        if t.rel in ("ccomp", "parataxis", "obj") and head.lemma in speech:
            return head
        if t.rel not in ("conj", "xcomp", "advcl", "ccomp"):
            return None
        t = head
    return None


def _reported(article: Article, m: Mention, trees: list[Tree], regions: list) -> tuple[bool, dict]:
    """Reported speech: the quote layer's attribution, else a verb of saying above the trigger, a
    source phrase in the sentence, or «Об этом сообщила ...» right after it."""
    source: dict = {"speaker": None, "via": []}
    modality, said = attribution(article, m.token.start, m.token.stop, regions)
    if modality:
        return True, {"speaker": said.get("speaker"), "via": list(said.get("via") or [])}
    c, tree = cues(), m.tree
    speech = set(c["speech_verbs"])
    verb = _saying_verb(tree, m.carrier, speech)
    if verb is None and m.token.pos != "VERB":
        head = _governor(tree, m.token)
        verb = head if head is not None and head.lemma in speech else None
    lemmas = [x.lemma for x in tree.sentence.tokens]
    if verb is None and tree.index + 1 < len(trees):
        following = trees[tree.index + 1]
        words = [x.lemma for x in following.sentence.tokens[:2]]
        if words in c["back_reference"]:
            verb = next((x for x in following.sentence.tokens if x.lemma in speech), None)
            tree = following
    if verb is not None:
        subject = next(iter(tree.children(verb, "nsubj")), None)
        entity = _entity_at(subject) if subject is not None else None
        source["speaker"] = entity.id if entity else None
        return True, source
    return any(_phrase_in(lemmas, p) for p in c["source_phrases"]), source


# --- dates ----------------------------------------------------------------------------------

def _date(article: Article, m: Mention, previous: list[Mention]) -> None:
    """The time layer's date; where it only has the article's date, the date of the event told in
    the sentence before (a narrative goes on: «Акция состоялась 12 июня. Полицейские задержали ...»)."""
    e = m.event
    e.date, e.date_grain = event_date(article, e.start, e.stop, head=m.token.start)
    sentence = m.tree.sentence
    m.explicit_date = any(sentence.start <= x.start < sentence.stop and not x.caption for x in article.times)
    if not m.explicit_date and e.date == article.published:
        before = [p.event for p in previous if p.tree.index == m.tree.index - 1 and p.event.date]
        if before:
            e.date, e.date_grain = before[-1].date, before[-1].date_grain
    e.time_precision = TIME_PRECISION.get(e.date_grain or "")


# --- mentions of one sentence ---------------------------------------------------------------

def _retype(article: Article, m: Mention) -> None:
    e = m.event
    target = m.target_head
    is_place = target is not None and (
        target.lemma in _site_nouns() or _entity_at(target, ("LOC",)) is not None
        or (target.pos == "PRON" and _antecedent_is_place(article, m.tree, target)))
    for rule in rules()["retype"]:
        if (rule["type"] == e.type and e.mode in rule.get("modes", [e.mode])
                and e.actor.cls in rule.get("actor_class", [e.actor.cls])
                and rule.get("target_place", is_place) == is_place):
            e.type, e.mode = rule["to"].split("/")
            return


def _antecedent_is_place(article: Article, tree: Tree, pronoun: Token) -> bool:
    """Whether «он» stands for a place or building named earlier in the sentence."""
    in_times = [(x.start, x.stop) for x in article.times]
    for t in reversed([x for x in tree.sentence.tokens if x.id < pronoun.id]):
        if t.pos not in ("NOUN", "PROPN") or any(a <= t.start < b for a, b in in_times):
            continue
        if t.feats.get("Number") == pronoun.feats.get("Number") and \
                t.feats.get("Gender") in (None, pronoun.feats.get("Gender")):
            return t.lemma in _site_nouns() or _entity_at(t, ("LOC",)) is not None
    return False


def _destination(tree: Tree, verb: Token) -> Token | None:
    """Where help is sent: «отправят в Казахстан свои миротворческие силы»."""
    return next((c for c in tree.children(verb, "obl") if c.feats.get("Case") == "Acc"
                 and any(k.lemma in ("в", "на") for k in tree.children(c, "case"))), None)


def _in_brackets(tree: Tree, t: Token) -> bool:
    depth = 0
    for x in tree.sentence.tokens:
        if x is t:
            return depth > 0
        depth += {"(": 1, ")": -1}.get(x.text, 0)
    return False


def _detect(article: Article, tree: Tree, names: list[tuple[int, int]]) -> list[Mention]:
    """The sentence's event mentions; `names`: the spans of the sentence's entity mentions."""
    found = []
    casualty = set(rules().get("casualty_only", []))
    for t in tree.sentence.tokens:
        if any(a <= t.start < b for a, b in names):
            continue  # part of a name: «Фрэнки Бой», «движение „Протест“»
        trigger = _match(tree, t)
        if trigger is None or _nominal_use(tree, t) or _suppressed(tree, t, trigger):
            continue
        if t.lemma in rules()["disclaimers"] and _in_brackets(tree, t):
            continue  # «группировка ИГ (запрещена в России)»: a legal aside, no event
        anchor = tree.head(t) if trigger.pos == "ADJ" and tree.head(t) is not None else t
        if any(m.token is anchor for m in found):
            continue  # «гуманитарную помощь»: the adjective already made the noun's event
        carrier = _carrier(tree, anchor)
        if _pos_class(anchor) == "VERB":
            actor, target = _verb_arguments(tree, anchor)
        else:
            actor, target = _noun_arguments(tree, anchor, trigger, carrier)
        if target is not None and (inner := _match(tree, target)) and inner.type == trigger.type:
            target = None  # «акции протеста»: the genitive names the kind of event, not its target
        # «ОВД-Инфо: на акциях задержаны …»: a name before the colon is the source, no participant
        colons = [x.start for x in tree.sentence.tokens if x.text == ":"]
        actor, target = ((None if p is not None and any(p.start < c < t.start for c in colons) else p)
                         for p in (actor, target))
        if target is None and trigger.type in rules()["partner_types"]:
            # «встретился с Байденом», «переговоры с делегацией»: the other side
            target = next((c for x in (anchor, carrier) for c in tree.children(x, "obl", "nmod")
                           if tree.case(c) in ("с", "со") and c.feats.get("Case") == "Ins"), None)
        if trigger.type in rules()["recipient_types"]:
            # «направила в Турцию спасателей», «оказала помощь Сирии»: who gets it, not what is sent
            recipients = tree.children(carrier, "iobj") + tree.children(anchor, "iobj")
            target = _destination(tree, carrier) or next(iter(recipients), None) or target
        event = Event(id="", type=trigger.type, mode=trigger.mode, start=tree.sentence.start,
                      stop=tree.sentence.stop, trigger=t.text)
        event.actor = _participant(article, tree, actor)
        event.target = _participant(article, tree, target)
        quoted = any(q.kind == "direct" and q.start <= t.start < q.stop for q in article.quotes)
        found.append(Mention(event, tree, anchor, carrier, casualty_only=t.lemma in casualty,
                             target_head=target, actor_head=actor, in_direct_quote=quoted))
    return found


# --- merging --------------------------------------------------------------------------------

def _same_party(a: Participant, b: Participant, head_a: Token | None, head_b: Token | None,
                by_class: bool) -> bool:
    """Whether two mentions may name one side: one unnamed, one entity, one head word or (for an
    actor) one class."""
    if not a.text or not b.text:
        return True
    if by_class and any(h is not None and h.pos == "PRON" for h in (head_a, head_b)):
        return True  # «Они захватывают здания»: an actor named by a pronoun may be anyone
    if a.entity or b.entity:
        return a.entity == b.entity
    if head_a is not None and head_b is not None and head_a.lemma == head_b.lemma:
        return True
    return by_class and a.cls is not None and a.cls == b.cls


def _same_killing(a: Mention, b: Mention) -> bool:
    """A killing that points back at the shooting or blast before it («… открыл огонь. Это самое
    массовое убийство в истории Канады»)."""
    kill, other = (a, b) if a.event.mode == "kill" else (b, a)
    first = kill.tree.first_word()
    return (kill.event.type == "ASSAULT" and kill.event.mode == "kill" and other.event.mode != "kill"
            and first is not None and first.lemma in cues()["pointing_back"])


def _in_title(article: Article, m: Mention) -> bool:
    """A headline, caption or subhead: a paragraph of one sentence with no final stop. It sums up
    an occurrence the body tells, often in other words («при стрельбе погиб» for «убил»)."""
    s = m.tree.sentence
    return (len(article.paragraphs) > 1 and (s.start, s.stop) in article.paragraphs
            and not article.text[s.start:s.stop].rstrip().endswith((".", "!", "?", "…", "»")))


def _compatible(article: Article, a: Mention, b: Mention) -> bool:
    x, y = a.event, b.event
    if x.type != y.type or not (x.mode == y.mode or a.title or b.title or _same_killing(a, b)):
        return False
    group = {"future": 1, "negated": 2}
    if group.get(x.modality, 0) != group.get(y.modality, 0):
        return False
    guessed = a.loc_rank == 2 or b.loc_rank == 2  # the article's main place, not one the text gives
    if x.location and y.location and x.location != y.location and not guessed:
        outer, inner = article.entity(x.location), article.entity(y.location)
        if not (_contains(outer, inner) or _contains(inner, outer)):
            return False
    if a.explicit_date and b.explicit_date and x.date and y.date and not _near_dates(x.date, y.date):
        return False
    return (_same_party(x.actor, y.actor, a.actor_head, b.actor_head, by_class=True)
            and _same_party(x.target, y.target, a.target_head, b.target_head, by_class=False))


def _near_dates(a: str, b: str) -> bool:
    """Equal at the coarser grain, or days one apart («в ночь с 18 на 19 апреля», «18 апреля»)."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return True
    if n == 10:
        from datetime import date
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= 1
    return False


def _weight(m: Mention) -> tuple:
    """Which mention of an occurrence states it best: a date of its own, a named place, a toll."""
    e = m.event
    return (not m.title, m.explicit_date, not m.in_direct_quote, -m.loc_rank, e.fatalities is not None,
            bool(e.actor.text), m.tree.index > 0)


def _merge(article: Article, mentions: list[Mention]) -> list[Event]:
    groups: list[list[Mention]] = []
    for m in mentions:
        group = next((g for g in groups if all(_compatible(article, m, other) for other in g)), None)
        if group is None:
            groups.append([m])
        else:
            group.append(m)
    events = []
    for group in groups:
        best = max(group, key=_weight)
        event = best.event
        for other in group:
            if other is best:
                continue
            o = other.event
            if (o.start, o.stop) != (event.start, event.stop):
                event.extra_evidence.append((o.start, o.stop))
            event.extra_evidence.extend(o.extra_evidence)
            event.mode = event.mode or o.mode
            for slot in ("fatalities", "injured", "arrested", "site"):
                if getattr(event, slot) is None:
                    setattr(event, slot, getattr(o, slot))
            if event.location is None and o.location:
                event.location, event.geo_precision = o.location, o.geo_precision
            for role in ("actor", "target"):
                if getattr(event, role).text is None:
                    setattr(event, role, getattr(o, role))
        event.extra_evidence = sorted(set(event.extra_evidence) - {(event.start, event.stop)})
        events.append(event)
    return events


# --- the stage ------------------------------------------------------------------------------

def extract(article: Article) -> list[Event]:
    reading = _index.set(_Index(article))
    try:
        return _extract(article)
    finally:
        _index.reset(reading)


def _extract(article: Article) -> list[Event]:
    trees = [Tree(s, i) for i, s in enumerate(article.sentences)]
    regions = speech_regions(article)  # reported speech, read once for all the article's events
    mentions: list[Mention] = []
    names = sorted(span for e in article.entities for span in e.mentions)
    name_starts = [a for a, _ in names]
    main_place = _main_place(article)
    for tree in trees:
        sentence = tree.sentence
        found = _detect(article, tree, names[bisect_left(name_starts, sentence.start):
                                             bisect_left(name_starts, sentence.stop)])
        for m in found:
            m.title = _in_title(article, m)
            _date(article, m, mentions)
        _attach_counts(article, tree, found)
        found = _fold_kills(found, mentions)
        for m in found:
            _locate(article, m, mentions, main_place)
            _retype(article, m)
            m.event.modality, m.event.source = _modality(article, m, trees, regions)
        mentions += found
    events = _merge(article, mentions)
    for number, event in enumerate(events, 1):
        event.id = f"V{number}"
    return events


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        article.events = extract(article)
    return articles
