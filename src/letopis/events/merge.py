"""One occurrence told several times (headline, lead, body) becomes one event: compatible mentions
group, the best stated stands for the group and the others fill its gaps."""
from __future__ import annotations

from ..language import agree
from ..records import Article, Event, Participant, Token
from .detection import Mention
from .lexicon import cues
from .placenames import contains


def _same_party(a: Participant, b: Participant, head_a: Token | None, head_b: Token | None,
                by_class: bool, title: bool = False, apart: bool = False) -> bool:
    """Whether two mentions may name one side: one unnamed, one entity, one head word or (for an
    actor) one class. A headline names a side in other words («украинского солдата» for «бойца
    Виталия Маркива», «Итальянский суд» for «Суд»): there only two entities of different heads differ."""
    if not a.text or not b.text:
        return True
    if title and (not (a.entity and b.entity) or _same_head(head_a, head_b)):
        return True
    if by_class and any(h is not None and h.pos == "PRON" for h in (head_a, head_b)):
        return True  # «Они захватывают здания»: an actor named by a pronoun may be anyone
    if apart and _agrees(head_a, head_b):
        # a pronoun in another sentence points back at whom the event befell, if its gender and
        # number fit («избиения журналиста … объяснил избиение его»; not «здание … он освобожден»)
        return True
    if a.entity and b.entity:
        return a.entity == b.entity
    if a.entity or b.entity:
        # «задержании подозреваемого» and «арестовала Джейсона Дальтона»: one person, once unnamed
        unnamed = head_b if a.entity else head_a
        return (unnamed is not None and unnamed.pos == "NOUN" and unnamed.feats.get("Animacy") == "Anim"
                and unnamed.feats.get("Number") == "Sing")
    if _same_head(head_a, head_b):
        return True
    return by_class and a.cls is not None and a.cls == b.cls


def _agrees(a: Token | None, b: Token | None) -> bool:
    """One of the two is a personal pronoun whose gender and number the other word shares."""
    if a is None or b is None or (a.pos == "PRON") == (b.pos == "PRON"):
        return False
    return agree(a, b)


def _same_head(a: Token | None, b: Token | None) -> bool:
    return a is not None and b is not None and a.lemma == b.lemma


def _same_killing(a: Mention, b: Mention) -> bool:
    """A killing that points back at the shooting or blast before it («… открыл огонь. Это самое
    массовое убийство в истории Канады»)."""
    kill, other = (a, b) if a.event.mode == "kill" else (b, a)
    first = kill.tree.first_word()
    return (kill.event.type == "ASSAULT" and kill.event.mode == "kill" and other.event.mode != "kill"
            and first is not None and first.lemma in cues()["pointing_back"])


def _same_victim(x: Event, y: Event) -> bool:
    """«выстрелил в Егора Свиридова» and «был убит Егор Свиридов»: one attack on one named person,
    told once by what was done and once by its outcome."""
    return "kill" in (x.mode, y.mode) and x.target.entity is not None and x.target.entity == y.target.entity


def _framed(a: Mention, b: Mention) -> bool:
    """«завязалась драка, в ходе которой Черкесов выстрелил», «стрельбу, в результате которой
    пострадали 20 человек» (NEREL train 12176, 12888, 15371, 90122): what happened in the course
    of an event, told in a relative clause on it, is that event."""
    def inside(outer: Mention, inner: Mention) -> bool:
        # «который» under the inner verb stands right after the outer noun («драка, в ходе которой»);
        # the parser does not always hang the clause on that noun
        which = [c for c in inner.tree.children(inner.carrier, "obl") if c.lemma == "который"]
        return (outer.tree is inner.tree and outer.token.pos == "NOUN"
                and any(0 < w.id - outer.token.id <= 5 for w in which))
    return inside(a, b) or inside(b, a)


def _join_framed(groups: list[list[Mention]]) -> list[list[Mention]]:
    """Groups of one type one of which happened in the course of the other are one."""
    joined: list[list[Mention]] = []
    for group in groups:
        frame = next((g for g in joined if g[0].event.type == group[0].event.type
                      and any(_framed(a, b) for a in g for b in group)), None)
        if frame is None:
            joined.append(group)
        else:
            frame.extend(group)
    return joined


def in_title(article: Article, m: Mention) -> bool:
    """A headline, caption or subhead: a paragraph of one sentence with no final stop. It sums up
    an occurrence the body tells, often in other words («при стрельбе погиб» for «убил»). A colon
    ends a body paragraph that opens a quote or a list («… подал в отставку и призвал к выборам:»)."""
    s = m.tree.sentence
    return (len(article.paragraphs) > 1 and (s.start, s.stop) in article.paragraphs
            and not article.text[s.start:s.stop].rstrip().endswith((".", "!", "?", "…", "»", ":")))


def _compatible(article: Article, a: Mention, b: Mention) -> bool:
    x, y = a.event, b.event
    # «нападение» names no mode: it may be the shooting told with one
    if x.type != y.type or not (x.mode == y.mode or None in (x.mode, y.mode) or a.title or b.title
                                or _same_killing(a, b) or _same_victim(x, y)):
        return False
    if a.tree is b.tree and a.attackers_death != b.attackers_death:
        return False  # the attack and its attacker's death, told in one sentence
    if a.tree is b.tree and _names_another(a, [b]):
        return False  # «уволил Азамата Сагитова, который возглавил … после отставки Радия Хабирова»
    if a.told_earlier != b.told_earlier and not (a.title or b.title):
        return False  # «Ранее в отставку подал министр …»: an earlier one of the same kind
    group = {"future": 1, "negated": 2}
    if group.get(x.modality, 0) != group.get(y.modality, 0) or x.background != y.background:
        return False
    # the article's main place, not one the text gives; or a place elsewhere in the sentence of a
    # bare noun («Убийство произошло в день, когда Белград и Приштина начали переговоры»)
    guessed = any(m.loc_rank == 2 or m.loc_rank == 1 and m.token.pos == "NOUN"
                  and not (m.event.actor.text or m.event.target.text) for m in (a, b))
    if x.location and y.location and x.location != y.location and not guessed:
        outer, inner = article.entity(x.location), article.entity(y.location)
        if not (contains(outer, inner) or contains(inner, outer)):
            return False
    if a.explicit_date and b.explicit_date and x.date and y.date and not _near_dates(x.date, y.date):
        return False
    title = a.title or b.title
    return (_same_party(x.actor, y.actor, a.actor_head, b.actor_head, by_class=True, title=title)
            and _same_party(x.target, y.target, a.target_head, b.target_head, by_class=False, title=title,
                            apart=a.tree is not b.tree))


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
    return (not m.reference_only, not m.title, m.explicit_date, not m.in_direct_quote, -m.loc_rank,
            e.fatalities is not None, bool(e.actor.text), m.tree.index > 0)


def _joined(article: Article, m: Mention, groups: list[list[Mention]]) -> list[Mention] | None:
    """The group a mention joins: the first it is compatible with throughout, or, for «этот теракт»,
    «после взрыва», «мотивы стрельбы», the story's main one of its type (the one told most, the
    last of those)."""
    group = next((g for g in groups if all(_compatible(article, m, other) for other in g
                                           if not other.reference_only)), None)
    if group is None and (m.refers_back or m.reference_only):
        # not one that names another side («после вынужденной отставки Радия Хабирова» beside
        # «уволил Азамата Сагитова»)
        told = [g for g in groups if g[0].event.type == m.event.type and not g[0].event.background
                and not _names_another(m, g)]
        group = max(reversed(told), key=len, default=None)
    return group


def _names_another(m: Mention, group: list[Mention]) -> bool:
    """The mention names its sides by entities none of which the group names (in either role: who
    resigns is the genitive of «отставки X» and the object of «уволил X»)."""
    def sides(x: Mention) -> set[str]:
        return {x.event.actor.entity, x.event.target.entity} - {None}
    mine, theirs = sides(m), set().union(*(sides(o) for o in group))
    return bool(mine and theirs and not mine & theirs)


def merge(article: Article, mentions: list[Mention]) -> list[Event]:
    """A mention joins the first group it is compatible with throughout; each group's best stated
    mention becomes the event and takes from the others what it lacks."""
    groups: list[list[Mention]] = []
    early: list[Mention] = []  # referring before anything is told: «Число жертв стрельбы» in a headline
    for m in mentions:
        group = _joined(article, m, groups)
        if group is None and m.reference_only:
            early.append(m)
        elif group is None:
            groups.append([m])
        else:
            group.append(m)
    for m in early:  # the story's event they refer to is told further on
        if (group := _joined(article, m, groups)) is not None:
            group.append(m)
    groups = _join_framed(groups)
    events = []
    for group in groups:
        if all(m.in_speech for m in group):
            continue  # only a speaker's speech tells it: a claim the quote layer keeps, no event
        best = max(group, key=_weight)
        event = best.event
        guessed = best.loc_rank == 2
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
            # never a broader place when another mention names one inside it, unless the place
            # stands for several towns («в разных городах»)
            narrower = not best.several_places and contains(article.entity(event.location),
                                                            article.entity(o.location))
            # a place the story only guessed (the sentence before, the article's main place) yields
            # to one another mention states in its own phrase
            stated = guessed and other.loc_rank == 0
            if o.location and (event.location is None or narrower or stated):
                event.location, event.geo_precision = o.location, o.geo_precision
                guessed = guessed and not stated
            for role in ("actor", "target"):
                if getattr(event, role).text is None:
                    setattr(event, role, getattr(o, role))
        event.extra_evidence = sorted(set(event.extra_evidence) - {(event.start, event.stop)})
        events.append(event)
    return events
