"""Relay chains: who carried the words between the speaker and the article («via»). An outlet
carrying an unnamed source («собеседник ТАСС»), and the channel or source a verb names
(«в эфире телеканала», «со ссылкой на X»). The chain is how a chronicle tells a first-hand
statement from one passed on."""
from __future__ import annotations

from ..records import Token
from .antecedents import anaphor
from .reading import Reading, Speaker
from .text import Unit


def source_outlets(r: Reading, unit: Unit, anchor: Token, start: int, stop: int) -> list[str]:
    """«собеседник ТАСС», «источник агентства»: the outlet that carries an unnamed source."""
    if anchor.lemma not in r.lex["unnamed_sources"] and anchor.lemma not in ("один", "одна"):
        return []
    via = []
    for token in unit.tokens:
        if start <= token.start < stop and token.start > anchor.start:
            entity = r.entity_at(token.start)
            if entity is not None and entity.type == "ORG":
                via.append(entity.id)
            elif token.lemma in r.lex["media_heads"]:
                found = anaphor(r, token, None)
                if found and found.entity:
                    via.append(found.entity)
    return list(dict.fromkeys(via))


def channels(r: Reading, unit: Unit, verb: Token) -> list[str]:
    """«в эфире телеканала «Хабар 24»», «в интервью CNN», «со ссылкой на X»: nearest first."""
    found = []
    for obl in unit.children(verb, "obl", "nmod"):
        if obl.lemma not in r.lex["channel_nouns"] and obl.lemma != "ссылка":
            continue
        lo, hi = unit.subtree_span(obl)
        for entity in r.article.entities:
            if entity.type == "ORG" and any(lo <= a and b <= hi for a, b in entity.mentions):
                found.append((obl.lemma != "ссылка", entity.id))
    return [e for _, e in sorted(found, key=lambda f: f[0])]


def relayed(inner: Speaker, outer: Speaker) -> Speaker:
    """«Издание пишет, что полиция подтвердила …»: the outlet and its own chain join the chain of
    the speaker it relays."""
    outlet = [outer.entity] if outer.entity else []
    inner.via = inner.via + [v for v in outer.via + outlet if v not in inner.via]
    return inner
