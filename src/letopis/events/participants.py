"""Who acts and on whom: a participant's phrase, its entity and its actor class, from the trigger's
dependents (a verb's subject and object, a noun's genitives and prepositions)."""
from __future__ import annotations

from ..language import agree
from ..records import Article, Participant, Token
from .lexicon import Trigger, actor_classes, cues, rules
from .tree import PHRASE_RELS, Tree, entity_at

MAX_PHRASE = 8


def _phrase(tree: Tree, head: Token) -> list[Token]:
    """A participant's words: the head with its modifiers and genitives, not its prepositional
    phrases («разграбление оружейного магазина в городе» → «оружейного магазина»)."""
    def grow(t: Token, depth: int) -> list[Token]:
        # «более 3,5 тысячи человек»: the parser may make the bound the head, its count an oblique
        kept = [c for c in tree.children(t) if (c.rel in PHRASE_RELS or (t.pos == "ADV" and c.rel == "obl"))
                and not (c.rel in ("nmod", "obl") and tree.children(c, "case"))]
        return [t, *(x for c in kept if depth for x in grow(c, depth - 1))]
    tokens = sorted((t for t in grow(head, 3) if t.pos != "PUNCT"), key=lambda t: t.id)
    return tokens[:MAX_PHRASE]


def participant(article: Article, tree: Tree, head: Token | None) -> Participant:
    if head is None:
        return Participant()
    tokens = _phrase(tree, head)
    # a name in apposition is the head itself («болельщика «Спартака» Егора Свиридова»), before
    # any other name the phrase holds
    named = [c for c in tree.children(head, "appos", "flat:name") if c in tokens]
    entity = entity_at(head) or next(
        (e for t in [*named, *tokens] if (e := entity_at(t, ("PER", "ORG")))), None)
    classes = [actor_classes()[t.lemma] for t in [head, *tokens] if t.lemma in actor_classes()]
    cls = next(iter(classes), None)
    if cls == 7 and any(c < 7 for c in classes):  # «вооруженные люди»: the modifier says who they are
        cls = min(classes)
    if cls is None and entity is not None:
        cls = next((actor_classes()[r] for r in entity.roles if r in actor_classes()), None)
    text = " ".join(t.text for t in tokens)
    return Participant(text=text, entity=entity.id if entity else None, cls=cls)


def _inherited_subject(tree: Tree, t: Token) -> Token | None:
    """«стали выходить», «захватили здание и разграбили магазины»: the subject of the verb above."""
    while t.rel in ("xcomp", "conj") and (h := tree.head(t)) is not None:
        subject = tree.children(h, "nsubj")
        if subject:
            return subject[0]
        t = h
    return None


def verb_arguments(tree: Tree, t: Token, aimed: bool = False) -> tuple[Token | None, Token | None]:
    """A verb's actor and target; `aimed`: its type takes «в» + a person as the target."""
    passive = t.feats.get("Voice") == "Pass" or bool(tree.children(t, "nsubj:pass"))
    actor = next(iter(tree.children(t, "nsubj")), None) or next(iter(tree.children(t, "obl:agent")), None)
    if actor is None and passive:
        actor = next((c for c in tree.children(t, "obl") if c.feats.get("Case") == "Ins" and not tree.case(c)
                      and c.pos in ("NOUN", "PROPN")), None)
    if actor is None:
        actor = _inherited_subject(tree, t)
    # «задержала более 3,5 тысячи человек»: the parser may give the bound and the noun both as objects
    objects = tree.children(t, "nsubj:pass") or tree.children(t, "obj")
    target = next((c for c in objects if c.pos in ("NOUN", "PROPN", "PRON")), next(iter(objects), None))
    if t.lemma in rules()["means_verbs"]:  # «применили дубинки против протестующих»: the object is the means
        target = next((c for x in [t, *objects] for c in tree.children(x, "obl", "nmod")
                       if tree.case(c) == "против"), target)
    if target is None:
        target = next((c for c in tree.children(t, "obl") if tree.case(c) == "на" and c.feats.get("Case") == "Acc"),
                      None)
    if target is None and aimed:
        target = next((c for c in tree.children(t, "obl") if tree.case(c) == "в" and c.feats.get("Case") == "Acc"
                       and (c.feats.get("Animacy") == "Anim" or entity_at(c, ("PER", "ORG")))), None)
    return _antecedent(tree, t, actor), _antecedent(tree, t, target)


def _antecedent(tree: Tree, verb: Token, t: Token | None) -> Token | None:
    """«Поповкин, который накануне был уволен»: «который» stands for the noun its clause hangs on,
    when the two agree in number and gender (else the parser hung the clause elsewhere)."""
    if t is None or t.lemma != "который" or verb.rel != "acl:relcl" or (noun := tree.head(verb)) is None:
        return t
    return noun if agree(noun, t) else t


def noun_arguments(tree: Tree, t: Token, trigger: Trigger, carrier: Token) -> tuple[Token | None, Token | None]:
    actor = target = None
    for c in tree.children(t, "nmod"):
        case = tree.case(c)
        if case == "между" or (case is None and c.feats.get("Case") == "Gen"):
            conjuncts = tree.children(c, "conj")  # the parser may split «вооруженными протестующими»
            conj = next((x for x in reversed(conjuncts) if x.pos in ("NOUN", "PROPN", "PRON")),
                        conjuncts[0] if conjuncts else None)
            if trigger.gen == "actor" or case == "между":
                actor, target = actor or c, target or conj
            else:
                target = target or c
        elif case in ("на", "против") and target is None:
            target = c
    if actor is None and carrier is not t and carrier.lemma not in cues()["speech_verbs"]:
        subject = next(iter(tree.children(carrier, "nsubj")), None)
        if subject is not None and subject is not t and subject.lemma not in rules()["containers"]:
            actor = subject
    return actor, target
