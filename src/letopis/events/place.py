"""Where an event happened: a place phrase on the trigger or its verb, else a place its sentence
names, else the place of the sentence before or of the article's lead; with the site (a street, a
building) and how precisely the place is known."""
from __future__ import annotations

import re
from bisect import bisect_right

from .. import geo
from ..entities import fold
from ..records import Article, Entity, Token
from .detection import Mention
from .lexicon import cues, rules, site_nouns
from .tree import PHRASE_RELS, Tree, current_index, current_text, entity_at

FEATURE_RANK = {"city": 0, "district": 1, "region": 2, "country": 3}
PLACE_CASES = {"в", "во", "на", "под", "близ", "вблизи", "около", "возле", "у", "неподалеку", "рядом"}
LEAD_SENTENCES = 3  # a headline, a caption and the first sentence, as news opens
MIN_TOWN = 100_000  # a town the NER missed is taken from the gazetteer only when it is this large


def _feature(entity: Entity | None) -> str | None:
    return (entity.geo or {}).get("feature") if entity else None


def phrase_place(article: Article, tree: Tree, noun: Token) -> tuple[Entity | None, str | None]:
    """The place a `в / на` phrase names: a LOC entity, or a site and the LOC it names; a place
    adjective where no name is given («в казанской гимназии» → Казань)."""
    phrase = tree.subtree(noun, PHRASE_RELS, depth=3)
    entity = entity_at(noun, ("LOC",))
    if entity is not None and _unplaced(article, entity):
        return None, " ".join(t.text for t in phrase if t.pos != "PUNCT")
    if noun.lemma in site_nouns() and entity is None:
        inner = _site_place(tree, noun, phrase[1:]) or adjective_place(article, tree, noun) \
            or _unrecognised_place(article, phrase[1:])
        site = " ".join(t.text for t in phrase if t.pos != "PUNCT")
        return inner, site
    if entity is None:  # «в столице Иордании Аммане»: the town, not its country
        entity = _specific([(e, i) for i, t in enumerate(phrase) if (e := entity_at(t, ("LOC",)))]) \
            or adjective_place(article, tree, noun) or _unrecognised_place(article, phrase)
    if entity is not None and _unplaced(article, entity):  # «в квадрате улиц …»: a site in the city
        return None, " ".join(t.text for t in phrase if t.pos != "PUNCT")
    return entity, None


def _site_place(tree: Tree, noun: Token, phrase: list[Token]) -> Entity | None:
    """The place a site lies in: one named with `в / на` first («посольство Ирана в Баку» → Баку);
    a genitive is its city («в аэропорту Болоньи»), except the owner of an embassy or the like."""
    located = [(e, t) for t in phrase if (e := entity_at(t, ("LOC",)))]
    placed = [e for e, t in located if tree.case(t) in PLACE_CASES]
    owned = noun.lemma in rules()["owned_sites"]
    return next(iter(placed), None) or next((e for e, t in located if not owned and not tree.case(t)), None)


def _unrecognised_place(article: Article, phrase: list[Token]) -> Entity | None:
    """A proper name in a place phrase that the NER missed, when the gazetteer knows it as a
    country, a region or a large town in any case form: «в аэропорту Болоньи»."""
    gazetteer = geo.Gazetteer.load()
    for t in phrase:
        if t.pos != "PROPN" or not t.text[:1].isupper() or entity_at(t) is not None:
            continue
        found = gazetteer.best(t.text)
        if found and (found.feature != "city" or found.population >= MIN_TOWN):
            named = t.lemma.capitalize() if gazetteer.best(t.lemma) == found else found.name
            return place_entity(article, named, t)
    return None


def adjective_place(article: Article, tree: Tree, noun: Token) -> Entity | None:
    """The place a noun's adjective names: «казанской гимназии», «томский суд»; not the owner of
    an embassy («немецкое посольство в Багдаде»)."""
    if noun.lemma in rules()["owned_sites"]:
        return None
    for adjective in tree.children(noun, "amod"):
        name = geo.place_adjectives().get(adjective.lemma.replace("ё", "е"))
        if name:
            return place_entity(article, name, adjective)
    return None


def place_entity(article: Article, name: str, token: Token) -> Entity | None:
    """The article's LOC entity for a place the NER did not give (named by an adjective, or a name
    it missed): one the article already has (by name or by the gazetteer's place), else a new one
    with `token` as its mention."""
    found = geo.Gazetteer.load().lookup(name)
    if found is None:
        return None
    key = (found["feature"], found["geonames_id"], found["name"])
    for e in article.entities:
        if e.type == "LOC" and (fold(e.name) == fold(name) or (
                e.geo and (e.geo["feature"], e.geo["geonames_id"], e.geo["name"]) == key)):
            if (token.start, token.stop) not in e.mentions:
                e.mentions = sorted([*e.mentions, (token.start, token.stop)])
            return e
    number = 1 + max((int(e.id[1:]) for e in article.entities if e.id[1:].isdigit()), default=0)
    entity = Entity(f"E{number}", "LOC", name, mentions=[(token.start, token.stop)], geo=found)
    article.entities.append(entity)
    return entity


def _unplaced(article: Article, entity: Entity) -> bool:
    """A LOC that names a street or quarter (`улиц Масанчи-Карасай`), not a populated place."""
    if entity.geo is not None:
        return False
    index = current_index()
    if entity.id not in index.unplaced:
        index.unplaced[entity.id] = _names_a_site(article, entity, index.sentence_starts)
    return index.unplaced[entity.id]


def _names_a_site(article: Article, entity: Entity, sentence_starts: list[int]) -> bool:
    sites = site_nouns()
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


def main_place(article: Article) -> Entity | None:
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
    return next((c for c in countries if place is not None and contains(c, place)), None) \
        or _main_country(countries)


def _specific(entities: list[tuple[Entity, int]]) -> Entity | None:
    """The smallest of several places (a region over its country), then the nearest."""
    if not entities:
        return None
    return min(entities, key=lambda p: (FEATURE_RANK.get(_feature(p[0]) or "city", 0), p[1]))[0]


def locate(article: Article, m: Mention, previous: list[Mention], main_place: Entity | None,
           towns: list[Entity]) -> None:
    """Set the event's location, site and precision. `m.loc_rank` keeps how the place was found:
    0 its own phrase, 1 its sentence (or the last place, after «там»), 2 the sentence before or the
    article's main place."""
    tree, t, event = m.tree, m.token, m.event
    own: list[tuple[Entity, int]] = []
    where = True  # «в России»: where it happened, which a town of the story may narrow
    # «Суд в Италии приговорил»: where the actor stands is where it acts
    holders = ([t] if m.carrier is t else [t, m.carrier]) + ([m.actor_head] if m.actor_head is not None else [])
    for holder in holders:
        for noun in _place_phrases(tree, holder):
            entity, site = phrase_place(article, tree, noun)
            if site and not event.site:
                event.site = site
            if entity is None and (site or _generic_city(tree, noun)):
                entity = _last_city(article, noun.start)
            elif entity is None and _many_places(tree, noun):
                entity, where = _country_of(article, _last_city(article, noun.start)), False
                m.several_places = True
            if entity is not None:
                own.append((entity, abs(noun.id - t.id)))
                # «отправят в Казахстан»: a destination is the country itself
                where = where and noun.feats.get("Case") != "Acc"
    for side in (m.actor_head, m.target_head):  # «томский суд приговорил»: a site's adjective
        if not own and side is not None and side.lemma in site_nouns():
            entity = adjective_place(article, tree, side)
            own += [(entity, abs(side.id - t.id))] if entity else []
    actor = m.actor_head
    if not own and actor is not None and actor.lemma in rules()["home_actors"] and event.type not in rules()["verbal"]:
        # «сербские власти арестовали его и доставили в Гаагу»: a state's police act at home
        entity = adjective_place(article, tree, actor)
        own += [(entity, abs(actor.id - t.id))] if entity else []
    if not event.site and m.target_head is not None and m.target_head.lemma in site_nouns():
        event.site = event.target.text  # «захватили здание городской администрации»
    chosen = _specific(own)
    m.loc_rank = 0
    verbal = event.type in rules()["verbal"]
    if chosen is None and not verbal:
        m.loc_rank = 1
        where = False  # a place named elsewhere in the sentence may own a participant: «правительство Казахстана»
        chosen = _in_sentence(article, m, previous)
    if chosen is None and not verbal:
        m.loc_rank, where = 2, True
        before = [p for p in previous if p.tree.index == tree.index - 1 and p.event.location and p.loc_rank < 2]
        chosen = article.entity(before[-1].event.location) if before else main_place
    if chosen is not None and where:
        chosen = _narrower(chosen, towns) or chosen
    if chosen is not None:
        event.location = chosen.id
        event.geo_precision = _precision(chosen.geo, event.site)


def _bracketed(article: Article, at: int) -> bool:
    """«матч «Спартак» (Москва) — «Жилина»»: a place in brackets after a name is that name's home,
    not where anything happened."""
    before = article.text[max(0, at - 60):at]
    return before.rfind("(") > before.rfind(")")


def _in_sentence(article: Article, m: Mention, previous: list[Mention]) -> Entity | None:
    """A place the sentence names outside the event's own phrases, or the last place after «там»."""
    tree, t = m.tree, m.token
    first = tree.first_word()
    if first is not None and first.lemma in cues()["anaphora"] and previous:
        last = next((p.event.location for p in reversed(previous) if p.event.location), None)
        if last:
            return article.entity(last)
    in_sentence = []
    for e in article.entities:
        if e.type == "LOC" and not _unplaced(article, e):
            for a, b in e.mentions:
                if tree.sentence.start <= a < tree.sentence.stop and not _bracketed(article, a):
                    token = next((x for x in tree.sentence.tokens if x.start >= a), t)
                    # «в истории Канады»: a genitive under a no-place noun places nothing
                    held_by = tree.head(token)
                    if held_by is None or held_by.lemma not in rules()["not_places"] or tree.case(token):
                        in_sentence.append((e, abs(token.id - t.id)))
    return _specific(in_sentence)


def story_places(article: Article) -> list[Entity]:
    """The towns a story is set in: those its headline, lead or dateline name, first named first."""
    lead_end = article.sentences[min(LEAD_SENTENCES, len(article.sentences)) - 1].stop if article.sentences else 0
    def first(e: Entity) -> int:
        return min((a for a, _ in e.mentions if not _bracketed(article, a)), default=lead_end)
    places = [e for e in article.entities if e.type == "LOC"]
    # a town the gazetteer lacks counts when the text puts it in a region: «в Лукасвилле, Огайо»
    towns = [e for e in places if (_feature(e) == "city" or e.geo is None and any(_said_inside(o, e) for o in places))
             and not _unplaced(article, e) and first(e) < lead_end]
    return sorted(towns, key=first)


def _narrower(chosen: Entity, towns: list[Entity]) -> Entity | None:
    """A town of the story inside the country or region a sentence names (or the lead gives):
    «в России задержали …» in a story from Казань is in Казань; never a broader place."""
    if _feature(chosen) not in ("country", "region"):
        return None
    return next((town for town in towns if contains(chosen, town)), None)


def _precision(geo_: dict | None, site: str | None) -> int | None:
    if not geo_:
        return None
    code = geo.precision(geo_)
    return 1 if site and geo_.get("feature") == "city" else code


def contains(outer: Entity | None, inner: Entity | None) -> bool:
    if not outer or not inner:
        return False
    # «Восточный Иерусалим» (NEREL train 123407, 124044): a part of a town named by a word before
    # its name; not «Северная Корея», a country of its own
    words, whole = fold(inner.name).split(), fold(outer.name).split()
    towns = _feature(outer) in (None, "city") and _feature(inner) in (None, "city")
    if towns and len(words) > len(whole) and words[-len(whole):] == whole:
        return True
    return (bool(outer.geo and inner.geo) and geo.contains(outer.geo, inner.geo)) or _said_inside(outer, inner)


SAID_INSIDE = re.compile(r"\s*,\s*(?:(?:штат|провинци|округ|област|регион)[а-я]*\s+)?")


def _said_inside(outer: Entity, inner: Entity) -> bool:
    """«в одной из школ города Санта-Фе, Техас», «в Сазерленд-Спрингс, штат Техас»: the text puts
    the town in the region itself, where the gazetteer cannot (it lacks the town, or knows another
    of its name)."""
    text = current_text()
    return any(SAID_INSIDE.fullmatch(text[b:c]) for _, b in inner.mentions for c, _ in outer.mentions if 0 < c - b < 30)
