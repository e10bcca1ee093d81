"""Whether an event is asserted, reported, uncertain, planned or denied, and who said so: what a
chronicle may state as fact depends on it."""
from __future__ import annotations

from ..quotes import attribution
from ..records import Article, Token
from .detection import Mention
from .lexicon import cues
from .tree import Tree, entity_at, governor


def _is_negated(tree: Tree, t: Token) -> bool:
    """«не предъявили»; also after a participle before its auxiliary: «предъявлено не было»."""
    aux = {c.id for c in tree.children(t, "aux", "aux:pass", "cop")}
    return any(c.lemma in cues()["negation"] for c in tree.children(t, "advmod", "det", "discourse", "cc")
               if c.id < t.id or c.id + 1 in aux)


def _phrase_in(lemmas: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(lemmas[i:i + n] == phrase for i in range(len(lemmas) - n + 1))


def modality(article: Article, m: Mention, trees: list[Tree], regions: list) -> tuple[str, dict]:
    """The event's modality and its source; the first that holds wins: negated, future, uncertain,
    then reported (with its speaker) or asserted."""
    tree, t, carrier = m.tree, m.token, m.carrier
    c = cues()
    chain = [t, carrier] if carrier is not t else [t]
    upward = tree.ancestors(carrier)
    source: dict = {"speaker": None, "via": []}
    # «опроверг захват», «отказался признать»; not through a noun: «Россиянин, которого обвиняют …,
    # отказался …» denies nothing of the accusation
    denied = [a for i, a in enumerate(upward[:2]) if a.lemma in c["negating_verbs"]
              and all(b.pos in ("VERB", "AUX") for b in upward[:i])]
    # «не отрицают, что их клиент убил»: a denial denied asserts the event
    # «не планирует вводить режим ЧП»: the verb an infinitive depends on carries the negation
    verb = next((a for a in [carrier, *upward[:2]] if a.pos == "VERB"), None)
    intent = [a for a in [verb, tree.head(verb) if verb is not None and verb.rel == "xcomp" else None]
              if a is not None and a is not carrier]
    # «отпущены без предъявления обвинений»: a noun under «без» names what did not happen
    without = any(tree.case(x) == "без" for x in [t, *upward[:1]] if x.pos == "NOUN")
    if any(_is_negated(tree, x) for x in [*chain, *intent]) or any(not _is_negated(tree, a) for a in denied) \
            or without:
        return "negated", source
    future_words = set(c["future_verbs"])
    if (any(x.feats.get("Tense") == "Fut" for x in chain)
            or (not tree.circumstance(t) and any(a.lemma in future_words for a in upward[:2]))
            or any(k.lemma in future_words or (k.lemma == "быть" and k.feats.get("Tense") == "Fut")
                   for x in chain for k in tree.children(x, "aux", "aux:pass", "cop", "acl:relcl", "acl"))
            or any(k.lemma in future_words for x in chain for r in tree.children(x, "acl:relcl")
                   for k in tree.children(r))
            or any(a.lemma in c["future_nouns"] for a in upward[:2])):
        return "future", source
    lemmas = [x.lemma for x in tree.sentence.tokens]
    # «могли спровоцировать беспорядки»: the modal verb above the trigger's verb hedges it too
    clause = {k.lemma for x in [*chain, *upward[:2]] for k in tree.children(x)} | {x.lemma for x in chain} \
        | {x.lemma for x in upward[:2] if x.pos in ("VERB", "AUX")}
    first = tree.first_word()
    hedged_before = (first is not None and first.lemma in c["anaphora"] and tree.index > 0
                     and any(_phrase_in([x.lemma for x in trees[tree.index - 1].sentence.tokens], p)
                             for p in c["uncertain_phrases"]))
    if clause & set(c["uncertain_words"]) or any(_phrase_in(lemmas, p) for p in c["uncertain_phrases"]) \
            or hedged_before:
        return "uncertain", source
    reported, source = _reported(article, m, trees, regions)
    return ("reported" if reported else "asserted"), source


def _saying_verb(tree: Tree, t: Token, speech: set[str]) -> Token | None:
    """The verb of saying whose complement is this clause: «сообщили, что он освобожден»."""
    while (head := tree.head(t)) is not None:
        if t.rel in ("ccomp", "parataxis", "obj") and head.lemma in speech:
            return head
        if t.rel not in ("conj", "xcomp", "advcl", "ccomp"):
            return None
        t = head
    return None


def _reported(article: Article, m: Mention, trees: list[Tree], regions: list) -> tuple[bool, dict]:
    """Reported speech: the quote layer's attribution, else a verb of saying above the trigger, a
    source phrase in the sentence, or «Об этом сообщила ...» right after it."""
    source: dict = {"speaker": None, "via": []}
    modality, said = attribution(article, m.token.start, m.token.stop, regions)
    if modality:
        return True, {"speaker": said.get("speaker"), "via": list(said.get("via") or [])}
    c, tree = cues(), m.tree
    speech = set(c["speech_verbs"])
    verb = _saying_verb(tree, m.carrier, speech)
    if verb is None and m.token.pos != "VERB":
        head = governor(tree, m.token)
        verb = head if head is not None and head.lemma in speech else None
    lemmas = [x.lemma for x in tree.sentence.tokens]
    if verb is None and tree.index + 1 < len(trees):
        following = trees[tree.index + 1]
        words = [x.lemma for x in following.sentence.tokens[:2]]
        if words in c["back_reference"]:
            verb = next((x for x in following.sentence.tokens if x.lemma in speech), None)
            tree = following
    if verb is not None:
        subject = next(iter(tree.children(verb, "nsubj")), None)
        entity = entity_at(subject) if subject is not None else None
        source["speaker"] = entity.id if entity else None
        return True, source
    return any(_phrase_in(lemmas, p) for p in c["source_phrases"]), source
