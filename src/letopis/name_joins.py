"""One entity told under several forms: a place or organisation left inflected, an institution
named by its head noun and its city, a person named by one part of the name. Each joins the entity
the article names in full."""
from __future__ import annotations

from .models import Models
from .records import Entity


def fold(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def join_inflected(entities: list[Entity], models: Models) -> list[Entity]:
    """A place or organisation the normaliser left inflected («Славянке», «Крокус Сити Холле») joins
    the same type's entity whose name differs only in the dictionary form of its first or last
    word («Славянка», «Крокус Сити Холл»)."""
    names = {(e.type, fold(e.name)): e for e in entities}
    owners: dict[int, Entity] = {}
    for entity in entities:
        if entity.type == "PER":  # people: join_short_names
            continue
        words = fold(entity.name).split()
        variants = set()
        # the last word is the head only in a name of capitals («Крокус Сити Холле»); in «сборная
        # России» it is a genitive and stays
        proper = all(w[:1].isupper() for w in entity.name.split())
        for i in {0, len(words) - 1} if proper else {0}:
            for p in models.morph_vocab.parse(words[i]):
                variants.add(" ".join(words[:i] + [fold(p.normal_form)] + words[i + 1:]))
        variants.discard(" ".join(words))
        owner = next((names[(entity.type, v)] for v in sorted(variants) if (entity.type, v) in names), None)
        if owner is not None and owners.get(id(owner)) is not entity:  # two names each other's form: the first stays
            owners[id(entity)] = owner
    kept = []
    for entity in entities:
        owner = entity
        for _ in range(len(entities)):  # up a chain «Славянке» → «Славянку» → «Славянка»
            if id(owner) not in owners:
                break
            owner = owners[id(owner)]
        if owner is entity:
            kept.append(entity)
            continue
        owner.mentions.extend(entity.mentions)
        owner.aliases.extend(a for a in entity.aliases if a not in owner.aliases)
        owner.roles.extend(r for r in entity.roles if r not in owner.roles)
    return kept


def join_institutions(entities: list[Entity], models: Models) -> list[Entity]:
    """«полиция Алматы» after «Департамент полиции (города)»: an institution named by its head noun
    and the place it serves joins the one organisation of the article whose name holds that noun
    and names no other place."""
    places = {fold(a) for e in entities if e.type == "LOC" for a in [e.name, *e.aliases]}
    orgs = [e for e in entities if e.type == "ORG"]
    kept = []
    for entity in entities:
        head, _, place = fold(entity.name).partition(" ")
        owners = []
        if entity.type == "ORG" and place in places:
            head = _lemma(head, models)
            owners = [o for o in orgs if o is not entity and head in {_lemma(w, models) for w in fold(o.name).split()}
                      and not any(p in fold(o.name) for p in places)]
        if len(owners) != 1:
            kept.append(entity)
            continue
        owners[0].mentions.extend(entity.mentions)
        owners[0].aliases.extend(a for a in entity.aliases if a not in owners[0].aliases)
    return kept


def _lemma(word: str, models: Models) -> str:
    return fold(models.morph_vocab.parse(word)[0].normal_form)


CASE_ENDINGS = ("а", "у", "ом", "ем", "е")  # a man's name ending in a consonant, declined


def join_short_names(entities: list[Entity], models: Models) -> list[Entity]:
    """A surname or first name alone joins the one full name of the article that holds it
    («Токаеву», which the tagger may leave uninflected, joins «Касым-Жомарт Токаев»)."""
    full = [e for e in entities if e.type == "PER" and len(e.name.split()) > 1]
    kept = []
    for entity in entities:
        words = fold(entity.name).split()
        if entity.type == "PER" and len(words) == 1:
            forms = {words[0]} | {fold(p.normal_form) for p in models.morph_vocab.parse(words[0])
                                  if {"Surn", "Name"} & set(p.tag.grammemes)}
            if len(forms) == 1:  # a foreign name the dictionary lacks: «Чеффица» is «Чеффиц» declined
                forms |= {words[0][:-len(end)] for end in CASE_ENDINGS
                          if words[0].endswith(end) and len(words[0]) - len(end) >= 3}
            owners = [e for e in full if forms & _name_parts(e.name)]
            if len(owners) == 1:
                owner = owners[0]
                owner.mentions.extend(entity.mentions)
                owner.aliases.extend(a for a in entity.aliases if a not in owner.aliases)
                owner.roles.extend(r for r in entity.roles if r not in owner.roles)
                continue
        kept.append(entity)
    return kept


def _name_parts(name: str) -> set[str]:
    parts = set(fold(name).split())
    return parts | {p for part in list(parts) for p in part.split("-")}
