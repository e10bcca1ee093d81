"""Uses of a trigger word that state no event: the name of a charge («ст. 105 УК РФ («Убийство»)»),
a plot told of a film or book, an attempt at a thing («покушение на сбыт»), a blow or liquidation
of a thing («компания была ликвидирована»), a legal aside in brackets."""
from __future__ import annotations

from functools import cache

from .. import numbers
from ..records import Token
from .lexicon import rules
from .tree import Tree, entity_at


def names_a_charge(tree: Tree, t: Token) -> bool:
    """A trigger right after an article of a code names the charge, not an event: «ст. 105 УК РФ
    («Убийство»)», «части 1 статьи 105 (убийство)» (NEREL train 12176, 15371, 81872)."""
    if t.pos not in ("NOUN", "PROPN"):
        return False  # «по статье 20.2 КоАП арестовал»: a verb after the article is the act
    tokens = tree.sentence.tokens
    i = tokens.index(t)
    before = [x for x in tokens[max(0, i - 8):i] if x.pos != "PUNCT"][-4:]
    return any(x.text in rules()["legal_numbers"]["codes"] or x.lemma.rstrip(".") in charge_words() for x in before)


@cache
def charge_words() -> frozenset[str]:
    """The words before a charge's number, as tokens: the tokenizer cuts «ст.» into «ст» and «.»."""
    return frozenset(w.rstrip(".") for w in rules()["legal_numbers"]["before"])


def told_in_a_work(tree: Tree, t: Token) -> bool:
    """A trigger under a verb of telling in a sentence that names a film, book or song, or inside
    a work's quoted title («по роману «Убить пересмешника»»)."""
    tokens = tree.sentence.tokens
    if not any(x.lemma in rules()["works"] for x in tokens):
        return False
    opening = next((i for i in range(tokens.index(t) - 1, -1, -1) if tokens[i].text in "«»\""), None)
    if opening is not None and tokens[opening].text in "«\"" and opening > 0 \
            and tokens[opening - 1].lemma in rules()["works"]:
        return True
    return any(a.lemma in rules()["telling_verbs"] for a in tree.ancestors(t)[:3])


def in_a_title(tree: Tree, t: Token) -> bool:
    """A trigger inside a quoted capitalised phrase with no verb: the title of a work, a group or a
    charge («Убийство священного оленя», «Пламя войны», «Звёздные войны», арт-группа «Война»: NEREL
    train 118997, 141084, 110491, 26616), not a quoted sentence («Взрыв был слышен за километр»)."""
    tokens = tree.sentence.tokens
    i = tokens.index(t)
    opening = next((k for k in range(i - 1, -1, -1) if tokens[k].text in "«»"), None)
    if opening is None or tokens[opening].text != "«" or opening + 1 >= len(tokens):
        return False
    closing = next((k for k in range(i + 1, len(tokens)) if tokens[k].text in "«»"), None)
    inside = tokens[opening + 1:closing]
    if opening > 0 and tokens[opening - 1].lemma in rules()["decree_nouns"] and inside[0].lemma in ("о", "об"):
        return False  # «подписал указ «О досрочном прекращении полномочий …»»: the decree does it
    return (closing is not None and tokens[closing].text == "»" and inside[0].text[:1].isupper()
            and len(inside) <= 8 and not any(x.pos in ("VERB", "AUX") for x in inside))


def aimed_at_people(tree: Tree, t: Token) -> bool:
    """For a noun of rules.yaml `aimed_at_people`: whether its «на»-phrase, if any, names a person,
    an organisation or one of the listed words."""
    allowed = rules()["aimed_at_people"].get(t.lemma)
    if allowed is None:
        return True
    aims = [c for c in tree.children(t, "nmod") if tree.case(c) == "на"]
    return not aims or any(c.feats.get("Animacy") == "Anim" or entity_at(c, ("PER", "ORG")) or c.lemma in allowed
                           for c in aims)


def lifeless(tree: Tree, target: Token | None) -> bool:
    """A target that is a thing, not a being: an inanimate common noun outside any name and no
    count of people («ликвидированы десятки»)."""
    return (target is not None and target.pos == "NOUN" and target.feats.get("Animacy") == "Inan"
            and entity_at(target, ("PER", "ORG")) is None and not numbers.find(target.text))


def shared_subject(tree: Tree, verb: Token) -> Token | None:
    """«Его компания занималась консалтингом, однако была ликвидирована»: the subject a verb
    shares with the verb before it."""
    head = tree.head(verb)
    if verb.rel != "conj" or head is None or tree.children(verb, "nsubj", "nsubj:pass"):
        return None
    return next(iter(tree.children(head, "nsubj", "nsubj:pass")), None)


def in_brackets(tree: Tree, t: Token) -> bool:
    depth = 0
    for x in tree.sentence.tokens:
        if x is t:
            return depth > 0
        depth += {"(": 1, ")": -1}.get(x.text, 0)
    return False
