"""Geo stage: resolves LOC entities to places with the offline gazetteer (gazetteer.py), gives
each place the dictionary name the gazetteer knows, and joins the names of one place."""
from __future__ import annotations

from .gazetteer import place_adjectives
from .models import Models
from .records import Article, Entity

NEEDS: tuple[str, ...] = ("entities",)
ADDS: tuple[str, ...] = ("entities.geo",)


def run(articles: list[Article], models: Models) -> list[Article]:
    gazetteer = models.gazetteer
    adjectives = place_adjectives()
    for article in articles:
        places = [e for e in article.entities if e.type == "LOC"]
        for entity in places:  # «Бостонский марафон»: NEREL tags the adjective as the place
            named = adjectives.get(entity.name.lower().replace("ё", "е"))
            if named:
                entity.aliases = [*entity.aliases, entity.name]
                entity.name = named
        first = {e.id: gazetteer.resolve(e, article.text) for e in places}
        # The countries the article is about: the countries and regions it names.
        hints = sorted({g["country"] for g in first.values() if g and g["feature"] != "city"})
        for entity in places:
            entity.geo = gazetteer.resolve(entity, article.text, hints) if hints else first[entity.id]
            named = gazetteer.nominative(entity.name, entity.geo) if entity.geo else None
            if entity.geo and entity.geo["feature"] == "country" and entity.geo["name"] != entity.name:
                named = entity.geo["name"]  # «РФ», «Российская Федерация»: one name for a country
            if named:
                entity.aliases, entity.name = [*entity.aliases, entity.name], named
        _join_same_places(article)
    return articles


def _join_same_places(article: Article) -> None:
    """«КНДР» and «Северная Корея», «Приморье» and «Приморский край»: names of one place are one
    entity, named as the gazetteer names it where one of them does."""
    first: dict[tuple, Entity] = {}
    kept = []
    for entity in article.entities:
        geo = entity.geo if entity.type == "LOC" else None
        key = (geo["name"], geo["country"], geo["feature"]) if geo else None
        if key is None or key not in first:
            if key is not None:
                first[key] = entity
            kept.append(entity)
            continue
        one = first[key]
        one.mentions = sorted(one.mentions + entity.mentions)
        names = [one.name, *one.aliases, entity.name, *entity.aliases]
        one.name = geo["name"] if geo["name"] in names else one.name
        one.aliases = [name for name in dict.fromkeys(names) if name != one.name]
    article.entities = kept
