"""Relay chains: who carried the words between the speaker and the article («via»). An outlet
carrying an unnamed source («собеседник ТАСС»), and the channel or source a verb names
(«в эфире телеканала», «со ссылкой на X»). The chain is how a chronicle tells a first-hand
statement from one passed on."""
from __future__ import annotations

from ..entities import add_entity, fold
from ..records import Article, Entity, Token
from .antecedents import anaphor
from .reading import Reading, Speaker
from .text import Unit


def forwarded(article: Article, via: list[str]) -> list[str]:
    """A chain that ends at the channel a Telegram message was forwarded from (`forwarded_from`):
    the words reached this channel through it, so it is the link next to this channel, the last
    of `via` (which lists the nearest to the speaker first). The channel is the article's entity
    of that name, or a new ORG entity when the text does not name it."""
    if not article.forwarded_from:
        return via
    name = fold(article.forwarded_from)
    channel = next((e for e in article.entities if e.type == "ORG" and fold(e.name) == name), None)
    channel = channel or add_entity(article, "ORG", article.forwarded_from, None)
    return via if channel.id in via else [*via, channel.id]


def source_outlets(r: Reading, unit: Unit, anchor: Token, start: int, stop: int) -> list[str]:
    """«собеседник ТАСС», «источник агентства»: the outlet that carries an unnamed source. The
    organisation of «представитель МИД Германии» or «источник в полиции» is the speaker's own,
    no channel."""
    if anchor.lemma not in r.lex["outlet_sources"] and anchor.lemma not in ("один", "одна"):
        return []
    via = []
    for token in unit.tokens:
        if start <= token.start < stop and token.start > anchor.start and not _placed(unit, token, anchor):
            entity = r.entity_at(token.start)
            if entity is not None and entity.type == "ORG":
                via.append(entity.id)
            elif token.lemma in r.lex["media_heads"]:
                found = anaphor(r, token, None)
                if found and found.entity:
                    via.append(found.entity)
    return list(dict.fromkeys(via))


def _placed(unit: Unit, token: Token, anchor: Token) -> bool:
    """«источник в полиции», «источник в правоохранительных органах»: a prepositional phrase under
    the source names where it works, not who carried its words."""
    t = token
    while t is not None and t is not anchor:
        if any(c.lemma in ("в", "во", "на", "при", "у") for c in unit.children(t, "case")):
            return True
        t = unit.by_id(t.head)
    return False


def channels(r: Reading, unit: Unit, verb: Token) -> list[str]:
    """«в эфире телеканала «Хабар 24»», «в интервью CNN», «со ссылкой на X», «написал в Facebook»,
    «в своём Telegram-канале», «рассказала СМИ»: nearest first."""
    found = []
    for obl in unit.children(verb, "obl", "nmod", "iobj"):
        lo, hi = unit.subtree_span(obl)
        if (outlet := _addressee_outlet(r, unit, obl, lo, hi)) is not None:
            found.append((True, outlet))
            continue
        platform = next((name for t in unit.tokens if lo <= t.start < hi and (name := _platform(r, t))), None)
        if platform is not None:
            found.append((True, _platform_entity(r, platform, obl).id))
            continue
        if obl.lemma not in r.lex["channel_nouns"] and obl.lemma != "ссылка":
            continue
        for entity in r.article.entities:
            if entity.type == "ORG" and any(lo <= a and b <= hi for a, b in entity.mentions):
                found.append((obl.lemma != "ссылка", entity.id))
    return [e for _, e in sorted(found, key=lambda f: f[0])]


def _addressee_outlet(r: Reading, unit: Unit, obl: Token, lo: int, hi: int) -> str | None:
    """«заявил «Ведомостям»», «сообщил агентству AFP», «рассказал изданию»: an outlet the words
    were said to carries them (NEREL train has it in 20 texts); «сообщил президенту» does not."""
    if obl.feats.get("Case") != "Dat" or unit.children(obl, "case"):
        return None
    entity = next((r.entity_at(t.start) for t in unit.tokens if lo <= t.start < hi and r.entity_at(t.start)), None)
    if entity is not None:
        return entity.id if entity.type == "ORG" else None
    if obl.lemma in r.lex["media_heads"] and obl.feats.get("Number") != "Plur":
        found = anaphor(r, obl, None)  # «рассказал изданию»: the outlet named before
        return found.entity if found and found.entity else None
    return None


def _platform(r: Reading, token: Token) -> str | None:
    """The social network or messenger a word names: «Facebook», «твиттере», «Telegram-канале»."""
    for word in (token.text.lower(), token.lemma.lower(), token.text.lower().split("-")[0]):
        if word in r.lex["platforms"]:
            return r.lex["platforms"][word]
    return None


def _platform_entity(r: Reading, name: str, token: Token) -> Entity:
    """The article's entity for a platform, made when the NER did not tag it."""
    found = next((e for e in r.article.entities if e.name == name), None)
    return found or add_entity(r.article, "ORG", name, (token.start, token.stop))


def relayed(inner: Speaker, outer: Speaker) -> Speaker:
    """«Издание пишет, что полиция подтвердила …»: the outlet and its own chain join the chain of
    the speaker it relays."""
    outlet = [outer.entity] if outer.entity else []
    inner.via = inner.via + [v for v in outer.via + outlet if v not in inner.via]
    return inner
