"""Where an event happened: a place phrase on the trigger or its verb, else a place its sentence
names, else the place of the sentence before or of the article's lead; with the site (a street, a
building) and how precisely the place is known."""
from __future__ import annotations

from .. import gazetteer
from ..records import Article, Entity, Token
from .detection import Mention
from .lexicon import cues, rules, site_nouns
from .placenames import (PLACE_CASES, adjective_place, bracketed, contains, district_of, feature, phrase_place,
                         said_inside, specific, unplaced)
from .tree import Tree

LEAD_SENTENCES = 3  # a headline, a caption and the first sentence, as news opens


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
    """«в городе», «у здания»: the city last named before this point (a street is none)."""
    best, at = None, -1
    for e in article.entities:
        if e.type == "LOC" and feature(e) in (None, "city") and not unplaced(article, e):
            for a, _ in e.mentions:
                if at < a < before:
                    best, at = e, a
    return best


def main_place(article: Article) -> Entity | None:
    """Where an article's events happen when a sentence names no place: the first place its
    headline or lead puts something in («… в США», not «из Китая»), else the first town or region
    of its most named country that the headline or lead names («уволил начальника УВД Томской
    области»), else that country, else its most named place."""
    places = [e for e in article.entities if e.type == "LOC" and not unplaced(article, e)]
    lead = article.sentences[:LEAD_SENTENCES]
    for sentence in lead:
        tree = Tree(sentence, 0)
        for t in sentence.tokens:
            if any(c.lemma in ("в", "на", "под") for c in tree.children(t, "case")):
                held = [e for e in places if any(a <= t.start < b for a, b in e.mentions)]
                if held:
                    return held[0]
    country = _main_country(places)
    named = sorted((a, e) for e in places for a, _ in e.mentions if feature(e) != "country"
                   and any(s.start <= a < s.stop for s in lead) and country is not None and contains(country, e))
    return named[0][1] if named else country


def _main_country(places: list[Entity]) -> Entity | None:
    countries = [e for e in places if feature(e) == "country"] or places
    return max(countries, key=lambda e: (len(e.mentions), -min(e.mentions)[0]), default=None)


def _country_of(article: Article, place: Entity | None) -> Entity | None:
    """«в разных городах»: the country of the city named last, else the article's country."""
    countries = [e for e in article.entities if e.type == "LOC" and feature(e) == "country"]
    return next((c for c in countries if place is not None and contains(c, place)), None) \
        or _main_country(countries)


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
    verbal = event.type in rules()["verbal"] and t.lemma not in rules()["placed_acts"]
    if not own and actor is not None and actor.lemma in rules()["home_actors"] and not verbal:
        # «сербские власти арестовали его и доставили в Гаагу»: a state's police act at home
        entity = adjective_place(article, tree, actor)
        own += [(entity, abs(actor.id - t.id))] if entity else []
    if not event.site and m.target_head is not None and m.target_head.lemma in site_nouns():
        event.site = event.target.text  # «захватили здание городской администрации»
    chosen = specific(own)
    m.loc_rank = 0
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
    if chosen is not None and chosen.geo is None:  # «в Советском районе города» beside «в Казани»: the town
        chosen = next((e for e in article.entities if e.type == "LOC" and district_of(e, chosen)), chosen)
    if chosen is not None:
        event.location = chosen.id
        event.geo_precision = _precision(chosen.geo, event.site)


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
        if e.type == "LOC" and not unplaced(article, e):
            for a, b in e.mentions:
                if tree.sentence.start <= a < tree.sentence.stop and not bracketed(article, a):
                    token = next((x for x in tree.sentence.tokens if x.start >= a), t)
                    # «в истории Канады»: a genitive under a no-place noun places nothing
                    held_by = tree.head(token)
                    if held_by is None or held_by.lemma not in rules()["not_places"] or tree.case(token):
                        in_sentence.append((e, abs(token.id - t.id)))
    return specific(in_sentence)


def story_places(article: Article) -> list[Entity]:
    """The towns a story is set in: those its headline, lead or dateline name, first named first."""
    lead_end = article.sentences[min(LEAD_SENTENCES, len(article.sentences)) - 1].stop if article.sentences else 0
    def first(e: Entity) -> int:
        return min((a for a, _ in e.mentions if not bracketed(article, a)), default=lead_end)
    places = [e for e in article.entities if e.type == "LOC"]
    # a town the gazetteer lacks counts when the text puts it in a region: «в Лукасвилле, Огайо»
    towns = [e for e in places if (feature(e) == "city" or e.geo is None and any(said_inside(o, e) for o in places))
             and not unplaced(article, e) and first(e) < lead_end]
    return sorted(towns, key=first)


def _narrower(chosen: Entity, towns: list[Entity]) -> Entity | None:
    """A town of the story inside the country or region a sentence names (or the lead gives):
    «в России задержали …» in a story from Казань is in Казань; never a broader place."""
    if feature(chosen) not in ("country", "region"):
        return None
    return next((town for town in towns if contains(chosen, town)), None)


def _precision(geo_: dict | None, site: str | None) -> int | None:
    if not geo_:
        return None
    code = gazetteer.precision(geo_)
    return 1 if site and geo_.get("feature") == "city" else code
