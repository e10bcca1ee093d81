"""What place a phrase, an adjective or an entity names, and whether one place lies in another:
the words of places, apart from the choice of an event's place (place.py)."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from ..gazetteer import Gazetteer, capitals, contains as place_contains, place_adjectives
from ..entities import add_entity, fold
from ..records import Article, Entity, Token
from .lexicon import rules, site_nouns
from .tree import PHRASE_RELS, Tree, current_index, current_text, entity_at

PLACE_CASES = {"в", "во", "на", "под", "близ", "вблизи", "около", "возле", "у", "неподалеку", "рядом"}
FEATURE_RANK = {"city": 0, "district": 1, "region": 2, "country": 3}
MIN_TOWN = 100_000  # a town the NER missed is taken from the gazetteer only when it is this large


def feature(entity: Entity | None) -> str | None:
    return (entity.geo or {}).get("feature") if entity else None


def phrase_place(article: Article, tree: Tree, noun: Token) -> tuple[Entity | None, str | None]:
    """The place a `в / на` phrase names: a LOC entity, or a site and the LOC it names; a place
    adjective where no name is given («в казанской гимназии» → Казань)."""
    phrase = tree.subtree(noun, PHRASE_RELS, depth=3)
    entity = entity_at(noun, ("LOC",))
    if entity is not None and unplaced(article, entity):
        return None, " ".join(t.text for t in phrase if t.pos != "PUNCT")
    if noun.lemma in site_nouns() and entity is None:
        inner = _site_place(tree, noun, phrase[1:]) or adjective_place(article, tree, noun) \
            or _unrecognised_place(article, phrase[1:]) or _capital_in(article, tree, phrase[1:])
        site = " ".join(t.text for t in phrase if t.pos != "PUNCT")
        return inner, site
    if entity is None:  # «в столице Иордании Аммане»: the town, not its country
        entity = specific([(e, i) for i, t in enumerate(phrase) if (e := entity_at(t, ("LOC",)))]) \
            or adjective_place(article, tree, noun) or _unrecognised_place(article, phrase) \
            or _capital_in(article, tree, phrase)
    if entity is not None and unplaced(article, entity):  # «в квадрате улиц …»: a site in the city
        return None, " ".join(t.text for t in phrase if t.pos != "PUNCT")
    return entity, None


def _site_place(tree: Tree, noun: Token, phrase: list[Token]) -> Entity | None:
    """The place a site lies in: one named with `в / на` first («посольство Ирана в Баку» → Баку);
    a genitive is its city («в аэропорту Болоньи»), except the owner of an embassy or the like. A
    street on the way is a site too («на АЗС на проспекте Акушинского в Махачкале» → Махачкала)."""
    located = [(e, t) for t in phrase if (e := entity_at(t, ("LOC",))) and not Gazetteer.load().is_site(e.name)]
    placed = [e for e, t in located if tree.case(t) in PLACE_CASES]
    owned = noun.lemma in rules()["owned_sites"]
    return next(iter(placed), None) or next((e for e, t in located if not owned and not tree.case(t)), None)


def _unrecognised_place(article: Article, phrase: list[Token]) -> Entity | None:
    """A proper name in a place phrase that the NER missed, when the gazetteer knows it as a
    country, a region or a large town in any case form: «в аэропорту Болоньи»."""
    gazetteer = Gazetteer.load()
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
        if adjective.lemma in rules()["capital_words"]:  # «столичная полиция»
            return story_capital(article, adjective)
        name = place_adjectives().get(adjective.lemma.replace("ё", "е"))
        if name:
            # «Тверской суд Москвы»: a district's name, when the town beside it does not hold that
            # place («Химкинский суд Московской области» is in Химки)
            town = next((e for c in tree.children(noun, "nmod") if not tree.case(c)
                         and (e := entity_at(c, ("LOC",))) is not None and e.geo), None)
            found = Gazetteer.load().lookup(name)
            if town is not None and found is not None and not place_contains(town.geo, found):
                return town
            return place_entity(article, name, adjective)
    return None


def _capital_in(article: Article, tree: Tree, phrase: list[Token]) -> Entity | None:
    return next((c for t in phrase if bare_capital(tree, t) and (c := story_capital(article, t))), None)


def bare_capital(tree: Tree, t: Token) -> bool:
    """«в столице», «в центре столицы», «в столице страны»: a capital with no name or owner of its
    own (not «в столице Иордании Аммане», «в столице которого», «в северной столице»)."""
    return t.lemma in rules()["capital_words"] and t.pos == "NOUN" and not tree.children(t, "amod") and all(
        c.lemma == "страна" for c in tree.children(t, "nmod", "appos", "flat:name"))  # «в столице страны»


def story_capital(article: Article, token: Token) -> Entity | None:
    """The capital of the country the article's places lie in most, with `token` as its mention."""
    countries = Counter(e.geo["country"] for e in article.entities if e.type == "LOC" and e.geo
                        and e.geo.get("country") for _ in e.mentions)
    name = capitals().get(countries.most_common(1)[0][0]) if countries else None
    return place_entity(article, name, token) if name else None


def place_entity(article: Article, name: str, token: Token) -> Entity | None:
    """The article's LOC entity for a place the NER did not give (named by an adjective, or a name
    it missed): one the article already has (by name or by the gazetteer's place), else a new one
    with `token` as its mention."""
    found = Gazetteer.load().lookup(name)
    if found is None:
        return None
    key = (found["feature"], found["geonames_id"], found["name"])
    for e in article.entities:
        if e.type == "LOC" and (fold(e.name) == fold(name) or (
                e.geo and (e.geo["feature"], e.geo["geonames_id"], e.geo["name"]) == key)):
            if (token.start, token.stop) not in e.mentions:
                e.mentions = sorted([*e.mentions, (token.start, token.stop)])
            return e
    return add_entity(article, "LOC", name, (token.start, token.stop), geo=found)


def unplaced(article: Article, entity: Entity) -> bool:
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
            # «на улице Раевского» names a street; «в церкви в Сазерленд-Спрингс» a town with its own «в»
            if first and (first.lemma in sites or ((h := tree.head(first)) and h.lemma in sites
                                                   and tree.case(first) not in PLACE_CASES)):
                return True
    return False


def bracketed(article: Article, at: int) -> bool:
    """«матч «Спартак» (Москва) — «Жилина»»: a place in brackets after a name is that name's home,
    not where anything happened."""
    before = article.text[max(0, at - 60):at]
    return before.rfind("(") > before.rfind(")")


def contains(outer: Entity | None, inner: Entity | None) -> bool:
    if not outer or not inner:
        return False
    # «Восточный Иерусалим» (NEREL train 123407, 124044): a part of a town named by a word before
    # its name; not «Северная Корея», a country of its own
    words, whole = fold(inner.name).split(), fold(outer.name).split()
    towns = feature(outer) in (None, "city") and feature(inner) in (None, "city")
    if towns and len(words) > len(whole) and words[-len(whole):] == whole:
        return True
    return (bool(outer.geo and inner.geo) and place_contains(outer.geo, inner.geo)) or said_inside(outer, inner) \
        or district_of(outer, inner)


DISTRICT_WORDS = {"район", "микрорайон"}
OF_THE_TOWN = re.compile(r"\s+(?:города|г\.|столицы)")
SENTENCE_END = re.compile(r"[.!?\n]")


def district_of(outer: Entity, inner: Entity) -> bool:
    """«в Советском районе города» beside «в Казани», «в Кировском районе Казани»: a district of a
    town the gazetteer does not know, that the text calls the town's, lies in that town; not
    «Унцукульский район», a district around its village."""
    if inner.geo is not None or feature(outer) != "city" or not DISTRICT_WORDS & set(fold(inner.name).split()):
        return False
    text = current_text()
    return any(b <= c < b + 3 or (OF_THE_TOWN.match(text, b) and not SENTENCE_END.search(text[min(b, d):max(a, c)]))
               for a, b in inner.mentions for c, d in outer.mentions)


SAID_INSIDE = re.compile(r"\s*,\s*(?:(?:штат|провинци|округ|област|регион)[а-я]*\s+)?")


def said_inside(outer: Entity, inner: Entity) -> bool:
    """«в одной из школ города Санта-Фе, Техас», «в Сазерленд-Спрингс, штат Техас»: the text puts
    the town in the region itself, where the gazetteer cannot (it lacks the town, or knows another
    of its name)."""
    text = current_text()
    return any(SAID_INSIDE.fullmatch(text[b:c]) for _, b in inner.mentions for c, _ in outer.mentions if 0 < c - b < 30)


def specific(entities: list[tuple[Entity, int]]) -> Entity | None:
    """The smallest of several places (a region over its country), then the nearest."""
    if not entities:
        return None
    return min(entities, key=lambda p: (FEATURE_RANK.get(feature(p[0]) or "city", 0), p[1]))[0]
