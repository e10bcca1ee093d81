"""Linking stage: each entity's Wikidata QID, from its names against the knowledge base (letopis.kb),
or None (NIL) where no candidate scores above the threshold: NIL is better than a wrong QID.

A candidate is a KB entity one of the entity's names meets (lemmatised, else in the inflected-match
form; for a person also by the surname alone), or a KB place at the entity's GeoNames place. Its
score weighs how the names met, the alias's prior, the types, the GeoNames places, a person's full
name against the candidate's, the entity's roles against the KB's description, and whether it lies
in a country the article names (the QIDs a first pass gives the article's other entities).
Weights: data/kb/linking.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .kb import Entry, KnowledgeBase, Match
from .kb.names import is_given_name, normal_forms, words
from .kb.nerel import person_short_names
from .models import Models
from .records import Article, Entity

NEEDS = ("entities", "entities.geo")
ADDS = ("entities.wikidata",)
MAX_CANDIDATES = 30  # weighed per entity: a common surname meets thousands in a KB of all Wikidata


@cache
def weights() -> dict[str, Any]:
    return yaml.safe_load(resources.files("letopis").joinpath("data/kb/linking.yaml").read_text("utf-8"))


@dataclass
class Candidate:
    entry: Entry
    name: float  # how well the names met, by the `name` weights
    prior: float
    fits: bool | None = None  # a person's full name fits (None: one side has a single name)


def run(articles: list[Article], models: Models) -> list[Article]:
    kb = models.kb
    for article in articles:
        if len(kb):
            link(article, kb)
        else:  # no KB: nobody is known
            for entity in article.entities:
                entity.wikidata = None
    return articles


def link(article: Article, kb: KnowledgeBase) -> None:
    found = {e.id: candidates(e, kb) for e in article.entities}
    first = {e.id: best(e, found[e.id], set()) for e in article.entities}
    for entity in article.entities:
        context = {qid for eid, qid in first.items() if qid and eid != entity.id}
        entity.wikidata = best(entity, found[entity.id], context)


def candidates(entity: Entity, kb: KnowledgeBase) -> list[Candidate]:
    """The KB entities the entity's names meet, each with its best way of meeting and its prior
    (per name and lemma, the priors of the aliases met, summed; the largest such sum)."""
    w = weights()["name"]
    strength: dict[str, float] = {}
    priors: dict[str, dict[tuple, float]] = {}
    names = {name: ("name" if i == 0 else "alias")
             for i, name in enumerate(dict.fromkeys([entity.name, *entity.aliases]))}
    surname = _surname(entity)
    if surname and surname not in names:
        names[surname] = "surname"
    for name, kind in names.items():
        for m in kb.matches(name):
            how = kind if m.how == "lemma" else "stem"
            value = min(w[how], w[kind]) if m.attested else min(w[how], w[kind], w["derived"])
            strength[m.qid] = max(strength.get(m.qid, 0.0), value)
            group = priors.setdefault(m.qid, {})
            group[(name, m.lemma)] = group.get((name, m.lemma), 0.0) + _prior(m)
    geonames_id = (entity.geo or {}).get("geonames_id")
    for qid, share in (kb.by_geonames(geonames_id) if geonames_id else {}).items():
        strength[qid] = max(strength.get(qid, 0.0), w["geonames"])
        priors.setdefault(qid, {})[("geonames",)] = share
    found = []
    ranked = sorted(strength, key=lambda q: (-strength[q] * max(priors[q].values()), q))
    for qid in ranked[:MAX_CANDIDATES]:
        entry = kb.entry(qid)
        if entry is None:
            continue
        candidate = Candidate(entry, strength[qid], min(1.0, max(priors[qid].values())))
        if entity.type == "PER" and entry.type == "PER":
            candidate.fits = _names_agree(entity, entry, kb)
        found.append(candidate)
    return found


def _prior(match: Match) -> float:
    """The alias's prior; a description's as if texts had also used it for `description_evidence`
    other things: one text's «департамента полиции» names that text's department, and only
    a description texts use again and again for one entity («правительство») links."""
    if not match.description or match.prior <= 0:
        return match.prior
    return match.count / (match.count / match.prior + weights()["description_evidence"])


def score(entity: Entity, candidate: Candidate, context: set[str]) -> float:
    w = weights()
    entry = candidate.entry
    value = candidate.name * (w["prior_floor"] + (1 - w["prior_floor"]) * candidate.prior)
    if entry.type != entity.type:
        value *= w["type"]["ORG-LOC"] if {entry.type, entity.type} == {"ORG", "LOC"} else w["type"]["other"]
    geonames_id = (entity.geo or {}).get("geonames_id")
    if geonames_id and entry.geonames_id and geonames_id != entry.geonames_id:
        value *= w["geonames_conflict"]
    if candidate.fits is not None:
        value *= w["full_name"]["agrees" if candidate.fits else "differs"]
    elif entity.type == "PER" and _given_name_alone(entity):
        value *= w["full_name"]["given_alone"]
    if entity.roles and entry.description and _stems(entity.roles) & _stems([entry.description]):
        value *= w["role"]
    if entry.country and entry.country in context:
        value *= w["country"]
    return value


def best(entity: Entity, found: list[Candidate], context: set[str]) -> str | None:
    scored = sorted(((score(entity, c, context), c.entry.qid) for c in found), reverse=True)
    if not scored or scored[0][0] < weights()["threshold"]:
        return None
    return scored[0][1]


def _surname(entity: Entity) -> str | None:
    """A person's last name, where the name has more («С. Собянин», «Фидель Алехандро Кастро Рус»)."""
    parts = words(entity.name)
    return parts[-1] if entity.type == "PER" and len(parts) > 1 else None


def _names_agree(entity: Entity, entry: Entry, kb: KnowledgeBase) -> bool | None:
    """Whether a person's full name fits the candidate's: the surname one of the candidate's
    surnames, the given name (or its initial) one of its given names. None where either side is
    known by one name only."""
    parts = words(entity.name)
    full = [words(n) for n in [*person_short_names(entry.label or ""),
                               *(a for a, _, attested in kb.aliases(entry.qid) if attested)]]
    full = [n for n in full if len(n) > 1]
    if len(parts) < 2 or not full:
        return None
    if not _same_word(parts[-1], {n[-1] for n in full}):
        return False
    given = parts[0]
    if len(given) == 1:
        return any(n[0].startswith(given) for n in full)
    return _same_word(given, {n[0] for n in full})


def _same_word(word: str, others: set[str]) -> bool:
    forms = set(normal_forms(word))
    return any(forms & set(normal_forms(o)) for o in others)


def _given_name_alone(entity: Entity) -> bool:
    """«Мария», «Юрия»: a person named by a given name only, which many people share."""
    names = [entity.name, *entity.aliases]
    return all(len(words(n)) == 1 and is_given_name(words(n)[0]) for n in names)


def _stems(texts: list[str]) -> set[str]:
    """Word beginnings, so that «президента» and «президент» agree."""
    return {w[:5] for text in texts for w in words(text) if len(w) > 3}
