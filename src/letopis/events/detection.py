"""Event mentions in one sentence: which words are triggers, which verb states each, and who acts on
whom. A trigger word states an event only in use: a participle standing for a noun, the content of
a demand or the kind named by an outer noun states none."""
from __future__ import annotations

from dataclasses import dataclass
from ..records import Article, Event, Quote, Sentence, Token
from . import no_event
from .lexicon import Trigger, cues, rules, site_nouns, triggers
from .participants import noun_arguments, participant, verb_arguments
from .tree import Tree, entity_at, governor

SUBJECTS = {"nsubj", "nsubj:pass", "obj", "obl"}  # where a nominal trigger hangs off its light verb
NOMINAL_RELS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "obl:agent"}


@dataclass
class Mention:
    event: Event
    tree: Tree
    token: Token  # the trigger
    carrier: Token  # the verb that states it (the trigger itself for a verb)
    explicit_date: bool = False
    casualty_only: bool = False
    loc_rank: int = 9
    in_direct_quote: bool = False  # a speaker's words, not the reporter's account
    in_speech: bool = False  # in a direct quote that is most of its sentence: a speech, not a report
    title: bool = False  # stated in a headline or caption
    target_head: Token | None = None
    actor_head: Token | None = None
    refers_back: bool = False  # «этот теракт», «после нападения»: names an event told before
    several_places: bool = False  # «в разных городах»: its place is a country standing for its towns
    reference_only: bool = False  # «мотивы стрельбы»: joins an event told before, never makes one
    attackers_death: bool = False  # «застрелил двоих, после чего был ликвидирован»: its own event
    told_earlier: bool = False  # «Ранее в отставку подал …»: set before the news, another occurrence


SPEECH_SHARE = 0.6  # «Они бесчинствуют в Алматы, захватывают здания», not «ликвидированы десятки» человек


def _speech(article: Article, sentence: Sentence, quote: Quote) -> bool:
    """A person's words in quotation marks that make most of their sentence («…», — сказал Мадуро);
    not an official statement relayed as news, nor a quoted phrase inside the reporter's sentence."""
    marked = article.text[max(0, quote.start - 1):quote.start + 1].strip()[:1] in "«\"„"
    speaker = article.entity(quote.speaker)
    person = speaker.type == "PER" if speaker else bool(quote.speaker_text)
    share = min(quote.stop, sentence.stop) - max(quote.start, sentence.start)
    return marked and person and share >= SPEECH_SHARE * (sentence.stop - sentence.start)


def _refers_back(tree: Tree, t: Token) -> bool:
    """A nominal trigger that points at an event already told: with «этот / данный / такой», or
    as the time another event is set against («после нападения», «за день до теракта»)."""
    if t.pos not in ("NOUN", "PROPN"):
        return False
    return (any(c.lemma in cues()["pointing_back"] for c in tree.children(t, "det", "amod"))
            or tree.case(t) in rules()["relative_to"])


def _told_earlier(tree: Tree, t: Token, carrier: Token) -> bool:
    """«Ранее» on the trigger, the verb stating it or the verb a trigger noun hangs off."""
    head = tree.head(t)
    holders = [t, carrier] + ([head] if head is not None and head.pos == "VERB" else [])
    return any(c.lemma in rules()["earlier_adverbs"] for h in holders for c in tree.children(h, "advmod"))


def _pos_class(t: Token) -> str:
    if t.pos == "ADJ" and t.lemma.endswith(("ть", "ться", "чь")):
        return "VERB"  # a short participle the tagger took for an adjective: «Застрелен глава клана»
    return {"AUX": "VERB", "PROPN": "NOUN"}.get(t.pos, t.pos)


def _near(tree: Tree, t: Token) -> set[str]:
    """Lemmas of a word's head (and the word above a container: «ввел пакет санкций»), its
    dependents and the conjunction of its clausal complement."""
    marks = {m.lemma for c in tree.children(t, "ccomp") for m in tree.children(c, "mark")}
    head = tree.head(t)
    above = tree.head(head) if head is not None and head.lemma in rules()["containers"] else None
    return {c.lemma for c in tree.children(t)} | {h.lemma for h in [head, above] if h} | marks


def _match(tree: Tree, t: Token) -> Trigger | None:
    lemma = t.lemma.replace("ё", "е")
    if lemma in rules()["unless_near"] and _near(tree, t) & set(rules()["unless_near"][lemma]):
        return None
    for trigger in triggers().get((lemma, _pos_class(t)), []):
        if trigger.with_:
            near = _near(tree, t)
            if trigger.pos == "ADJ" and (head := tree.head(t)) is not None:
                near |= _near(tree, head)  # «отправят миротворческие силы»
            if not near & trigger.with_:
                continue
        return trigger
    return None


def _nominal_use(article: Article, tree: Tree, t: Token) -> bool:
    """A participle standing for a noun (`протестующие`, `личности убитых`) states no event; one
    with a time or place of its own beside a person states it («задержанный сегодня солист»)."""
    # a full participle the tagger took for an adjective («сторонники отстранённого президента») has a case
    participle = t.feats.get("VerbForm") == "Part" or _pos_class(t) == "VERB" and t.pos == "ADJ" and "Case" in t.feats
    if not participle or t.feats.get("Variant") == "Short":
        return False  # a short participle is always a predicate, whatever the parser hangs it on
    head = tree.head(t)
    if t.rel in ("acl", "amod") and t.feats.get("Voice") == "Pass" and _when_or_where(article, tree, t) \
            and head is not None and (head.feats.get("Animacy") == "Anim" or entity_at(head, ("PER",))):
        return False  # «арестованный в Греции в прошлом году Винник»: the arrest is told here
    if t.rel in NOMINAL_RELS or t.rel in ("acl", "amod"):
        return True
    return t.rel == "conj" and head is not None and head.pos in ("NOUN", "PROPN", "PRON")


def _when_or_where(article: Article, tree: Tree, t: Token) -> bool:
    """A word under `t` that says when or where: a time expression, a place, or an adverb of time
    («задержанный сегодня»); not what it was for («обвинённого в покушении»)."""
    return any(any(x.start <= c.start < x.stop for x in article.times) or entity_at(c, ("LOC",))
               or c.lemma in rules()["time_adverbs"] for c in tree.children(t, "obl", "advmod"))


def _carrier(tree: Tree, t: Token) -> Token:
    """The verb that states a nominal trigger (`произошел пожар`, `ушло в отставку`), else itself."""
    if t.pos in ("VERB", "AUX"):
        return t
    head = governor(tree, t)
    if head is not None and head.lemma in rules()["containers"] and t.rel == "nmod":
        carrier = _carrier(tree, head)  # «ввел пакет санкций», «прокатилась волна протестов»
        return carrier if carrier is not head else t
    if head is None or head.pos not in ("VERB", "AUX") or t.rel not in SUBJECTS | {"conj"}:
        return t
    if t.rel in ("obj", "obl") and head.lemma not in rules()["light_verbs"]:
        return t  # «разогнали демонстрацию»: the verb acts on the event, it does not state it
    return head


def _suppressed(tree: Tree, t: Token, trigger: Trigger) -> bool:
    """A nominal trigger that names the content of a demand, the subject of a judgement, or the
    kind of the event named by the noun it hangs off."""
    head = governor(tree, t)
    if head is None or t.pos in ("VERB", "AUX"):
        return False
    if t.rel == "nmod" and head.pos == "NOUN" and (outer := _match(tree, head)) and outer.type == trigger.type:
        return True  # «акции протеста»: one event, named by the outer noun
    if head.lemma in rules()["content_verbs"] and not tree.circumstance(t):
        return True  # «требовали отставки», «призвал к забастовке»; not «требовали на митинге»
    return head.lemma in rules()["judging_verbs"] and t.rel == "nsubj"


def _refers_elsewhere(tree: Tree, t: Token) -> bool:
    """«мотивы стрельбы», «по делу о перестрелке», «на фоне протестов»: the event is told elsewhere;
    this mention only joins it as more evidence."""
    head = governor(tree, t)
    # «в связи с терактами»: the parser may make the noun part of a preposition of several words
    fixed = [f for c in tree.children(t, "case") for f in tree.children(c, "fixed")]
    if head is not None and tree.case(head) in rules()["reference_after"].get(head.lemma, ()):
        return True
    return (head is not None and (head.lemma in rules()["background"] or head.lemma in rules()["reference_nouns"])) \
        or any(f.lemma in rules()["reference_nouns"] for f in fixed)


def _destination(tree: Tree, verb: Token) -> Token | None:
    """Where help is sent: «отправят в Казахстан свои миротворческие силы»."""
    return next((c for c in tree.children(verb, "obl") if c.feats.get("Case") == "Acc"
                 and any(k.lemma in ("в", "на") for k in tree.children(c, "case"))), None)


def _agent(tree: Tree, t: Token | None) -> bool:
    """Someone who can act: a person, an organisation or a state, a personal pronoun, or «который»
    standing for one («молодых человека, которые угрожали»)."""
    if t is not None and t.lemma == "который" and (verb := tree.head(t)) is not None and verb.rel == "acl:relcl":
        t = tree.head(verb)
    if t is None:
        return False
    if t.pos == "PRON":
        return t.lemma in rules()["personal_pronouns"]
    return entity_at(t) is not None or t.feats.get("Animacy") == "Anim"


def detect(article: Article, tree: Tree, names: list[tuple[int, int]]) -> list[Mention]:
    """The sentence's event mentions; `names`: the spans of the sentence's entity mentions."""
    found = []
    casualty = set(rules().get("casualty_only", []))
    for t in tree.sentence.tokens:
        if any(a <= t.start < b for a, b in names):
            continue  # part of a name: «Фрэнки Бой», «движение „Протест“»
        trigger = _match(tree, t)
        if trigger is None or _nominal_use(article, tree, t) or _suppressed(tree, t, trigger):
            continue
        reference = _refers_elsewhere(tree, t)
        if t.lemma in rules()["disclaimers"] and no_event.in_brackets(tree, t):
            continue  # «группировка ИГ (запрещена в России)»: a legal aside, no event
        if no_event.in_a_title(tree, t):
            continue  # «Убийство священного оленя»: a title, not an event
        if no_event.told_in_a_work(tree, t):
            continue  # «фильм рассказывает об убийстве»: a plot, not the world
        if no_event.names_a_charge(tree, t):
            continue  # «по ч. 1 ст. 105 УК РФ («Убийство»)»: the name of an article of the code
        if not no_event.aimed_at_people(tree, t):
            continue  # «покушение на сбыт наркотиков»: an attempt at a deal, no attack
        anchor = tree.head(t) if trigger.pos == "ADJ" and tree.head(t) is not None else t
        if any(m.token is anchor for m in found):
            continue  # «гуманитарную помощь»: the adjective already made the noun's event
        carrier = _carrier(tree, anchor)
        if _pos_class(anchor) == "VERB":
            actor, target = verb_arguments(tree, anchor, aimed=trigger.type in rules()["aimed_types"])
        else:
            actor, target = noun_arguments(tree, anchor, trigger, carrier)
        if target is not None and (inner := _match(tree, target)) and inner.type == trigger.type:
            target = None  # «акции протеста»: the genitive names the kind of event, not its target
        # «ОВД-Инфо: на акциях задержаны …»: a name before the colon is the source, no participant
        colons = [x.start for x in tree.sentence.tokens if x.text == ":"]
        actor, target = ((None if p is not None and any(p.start < c < t.start for c in colons) else p)
                         for p in (actor, target))
        if target is None and trigger.type in rules()["partner_types"]:
            # «встретился с Байденом», «переговоры с делегацией»: the other side
            target = next((c for x in (anchor, carrier) for c in tree.children(x, "obl", "nmod")
                           if tree.case(c) in ("с", "со") and c.feats.get("Case") == "Ins"), None)
        if trigger.type in rules()["recipient_types"]:
            # «направила в Турцию спасателей», «оказала помощь Сирии»: who gets it, not what is sent
            recipients = tree.children(carrier, "iobj") + tree.children(anchor, "iobj")
            target = _destination(tree, carrier) or next(iter(recipients), None) or target
        if trigger.type in rules()["agent_types"] and not _agent(tree, actor):
            continue  # «ему грозит до 15 лет», «кризис угрожает»: a prospect, not someone's threat
        if t.lemma in rules()["needs_agent"] and (t.feats.get("Voice") == "Pass" or t.feats.get("VerbForm") == "Conv"
                                                 or not any(_agent(tree, s) for s in tree.children(anchor, "nsubj"))):
            continue  # «были ранены 28 человек»: the hurt of another event, not an attack
        if (t.lemma, trigger.mode) in rules()["living_target"].items() \
                and no_event.lifeless(tree, target or no_event.shared_subject(tree, anchor)):
            continue  # «компания была ликвидирована»: closed down, nobody killed
        if (t.lemma, trigger.mode) in rules()["named_target"].items() and target is None:
            continue  # «санкции ударят по экономике»: no blow at anyone
        event = Event(id="", type=trigger.type, mode=trigger.mode, start=tree.sentence.start,
                      stop=tree.sentence.stop, trigger=t.text)
        event.actor = participant(article, tree, actor)
        event.target = participant(article, tree, target)
        quotes = [q for q in article.quotes if q.kind == "direct" and q.start <= t.start < q.stop]
        speech = any(_speech(article, tree.sentence, q) for q in quotes)
        found.append(Mention(event, tree, anchor, carrier, casualty_only=t.lemma in casualty,
                             target_head=target, actor_head=actor, in_direct_quote=bool(quotes),
                             in_speech=speech, reference_only=reference, refers_back=_refers_back(tree, anchor),
                             told_earlier=_told_earlier(tree, anchor, carrier)))
    return found


def retype(article: Article, m: Mention) -> None:
    """Who acts and on what can change the type a trigger gave (rules.yaml `retype`): arson by a
    crowd is a riot, an airport «освобожден» is seized, a person «захвачен» is abducted; and the
    voice (`passive_type`): «осуждён» is sentenced, not condemned."""
    e = m.event
    passive = rules()["passive_type"].get(m.token.lemma.replace("ё", "е"))
    if passive and m.token.feats.get("Voice") == "Pass":
        e.type, e.mode = passive
        return
    target = m.target_head
    is_place = target is not None and (
        target.lemma in site_nouns() or entity_at(target, ("LOC",)) is not None
        or (target.pos == "PRON" and _antecedent_is_place(article, m.tree, target)))
    is_person = target is not None and not is_place and (
        entity_at(target, ("PER",)) is not None or target.feats.get("Animacy") == "Anim")
    for rule in rules()["retype"]:
        if (rule["type"] == e.type and e.mode in rule.get("modes", [e.mode])
                and e.actor.cls in rule.get("actor_class", [e.actor.cls])
                and rule.get("target_place", is_place) == is_place
                and rule.get("target_person", is_person) == is_person):
            e.type, e.mode = rule["to"].split("/")
            return


def _antecedent_is_place(article: Article, tree: Tree, pronoun: Token) -> bool:
    """Whether «он» stands for a place or building named earlier in the sentence."""
    in_times = [(x.start, x.stop) for x in article.times]
    for t in reversed([x for x in tree.sentence.tokens if x.id < pronoun.id]):
        if t.pos not in ("NOUN", "PROPN") or any(a <= t.start < b for a, b in in_times):
            continue
        if t.feats.get("Number") == pronoun.feats.get("Number") and \
                t.feats.get("Gender") in (None, pronoun.feats.get("Gender")):
            return t.lemma in site_nouns() or entity_at(t, ("LOC",)) is not None
    return False
