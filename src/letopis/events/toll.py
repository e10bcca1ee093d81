"""How many were killed, injured or arrested: the count under a casualty word goes to the assault or
arrest it belongs to, and a killing told beside a shooting becomes that shooting's toll."""
from __future__ import annotations

from .. import numbers
from ..records import Article, Count, Token
from .detection import Mention
from .lexicon import cues, rules
from .tree import PHRASE_RELS, Tree, entity_at

BOUND_WORDS = {"более", "свыше", "около", "порядка", "примерно", "не", "менее", "как", "минимум", "от", "до"}


def _count_under(article: Article, tree: Tree, t: Token) -> Count | None:
    """The count a casualty word states: «2 человека были убиты», «Число погибших достигло 16»."""
    spots = tree.children(t, "nsubj", "nsubj:pass", "obj") if t.pos in ("VERB", "AUX") else []
    spots.append(t)
    head = tree.head(t)
    if t.pos == "NOUN" and t.rel in ("obj", "obl", "xcomp") and head is not None and head.pos == "VERB":
        spots += tree.children(head, "nsubj")  # «пятеро получили ранения», «жертвами стали трое»
    reached = False
    if head is not None and head.lemma in rules()["count_heads"]:
        verb = tree.head(head)
        spots += tree.children(verb, "obj", "obl", "nummod") if verb else []  # «возросло до 28»
        reached = verb is not None and verb.lemma in rules()["growth_verbs"]
    for spot in spots:
        if listed := _listed(article, tree, spot):
            return listed
        # «погибли не менее 20 человек»: the parser hangs «20 человек» as an oblique of «менее»
        tokens = tree.subtree(spot, PHRASE_RELS | {"advmod", "case", "fixed", "obl"}, depth=3)
        start = _number_run_start(tree, tokens[0])
        found = [count for a, b, count in numbers.find(article.text[start:tokens[-1].stop])
                 if not any(x.start < start + b and start + a < x.stop for x in article.times)
                 and not _legal(article.text, start + a, start + b)]
        if found:  # a number inside a date («в ночь с 18 на 19 апреля») counts no one
            count = found[0]
            if reached and count.min is None and count.text.lower().startswith("до "):
                return Count(count.max, count.max, count.text)  # «число погибших выросло до 133»: 133
            return count
    people = [x for x in spots if _is_person(article, x)]
    if t.pos in ("VERB", "AUX") and any(x is not t for x in people):  # «погиб журналист», «убит Пшихачев»
        person = next(x for x in people if x is not t)
        return Count(1, 1, person.text)
    return None


def _listed(article: Article, tree: Tree, head: Token) -> Count | None:
    """A list of victims counts its members: «Журналист Рокелли и его коллега Миронов погибли» two,
    «убил трёх мужчин и одну женщину» four, «погибли охранник и ещё трое посетителей» four."""
    members = [head, *tree.children(head, "conj")]
    low, high, first, stop, counted = 0, 0, None, 0, 0
    for before, member in zip([head, *members], members):
        if member is not head and any(w in article.text[before.stop:member.start].lower()
                                      for w in rules()["subset_words"]):
            break
        tokens = tree.subtree(member, PHRASE_RELS | {"advmod"}, depth=3)
        start = _number_run_start(tree, tokens[0])
        first = start if first is None else first
        found = [c for a, b, c in numbers.find(article.text[start:tokens[-1].stop])
                 if not _legal(article.text, start + a, start + b)]
        if found and found[0].min is not None:
            low += found[0].min
            high = None if high is None or found[0].max is None else high + found[0].max
        elif _is_person(article, member):
            low, high = low + 1, None if high is None else high + 1
        else:
            return None  # «их и ещё одного человека»: a member of unknown size
        counted, stop = counted + 1, tokens[-1].stop
    if counted < 2:
        return None
    return Count(low, high, article.text[first:stop])


def _legal(text: str, start: int, stop: int) -> bool:
    """A number in the name of a law or charge counts no one: «статьи 105 УК», «ч. 3 ст. 109»,
    «убийство двух и более лиц» (rules.yaml legal_numbers)."""
    words = rules()["legal_numbers"]
    before = text[max(0, start - 12):start].lower().split()
    after = " ".join(text[stop:stop + 16].lower().replace(",", " ").replace(")", " ").split()[:3]) + " "
    return bool(before and before[-1].strip("(") in words["before"]) or any(
        after.startswith(w + " ") for w in words["after"])


def _number_run_start(tree: Tree, first: Token) -> int:
    """Where the numbers right before a phrase begin: the parser may hang «2» in «2 человека» elsewhere."""
    tokens = tree.sentence.tokens
    i = tokens.index(first)
    while i > 0 and (tokens[i - 1].text[0].isdigit() or tokens[i - 1].pos == "NUM"
                     or tokens[i - 1].lemma in BOUND_WORDS):
        i -= 1
    return tokens[i].start


def _is_person(article: Article, t: Token) -> bool:
    return entity_at(t, ("PER",)) is not None or (
        t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" and t.feats.get("Number") == "Sing")


def _singular_person(article: Article, tree: Tree, target: Token | None) -> bool:
    """One person: a pronoun, a named person, or one person named by a noun («был убит председатель»)."""
    if target is None:
        return False
    if target.pos == "PRON":
        return target.feats.get("Number") == "Sing"
    return (_is_person(article, target) and not tree.children(target, "nummod", "nummod:gov", "conj")
            and _number_run_start(tree, target) == target.start)  # «2 человека»: the parser may hang «2» elsewhere


def attach_counts(article: Article, tree: Tree, found: list[Mention]) -> list[tuple[str, Count]]:
    """Counts to the events of their sentence; returns the tolls the sentence states with no
    assault to hold them («Число погибших возросло до 11»), for the story's main assault."""
    words = {k: set(rules()[k]) for k in ("fatality_words", "injured_words", "arrested_words")}
    orphans: list[tuple[str, Count]] = []
    for m in found:
        e = m.event
        if e.type == "ASSAULT" and e.fatalities is None and e.mode == "kill":
            # «Муфтий был застрелен двумя неизвестными»: one, whoever many the killers
            one = _singular_person(article, tree, m.target_head)
            e.fatalities = Count(1, 1, m.target_head.text) if one else _count_under(article, tree, m.token)
        if e.type == "COERCE" and e.mode == "arrest":
            e.arrested = _count_under(article, tree, m.token)
    assaults = [m for m in found if m.event.type == "ASSAULT"]
    hedges = {"мочь", *cues()["future_verbs"]}  # «могли привести к гибели десятков»: no one died
    for t in tree.sentence.tokens:
        if any(a.lemma in hedges for a in tree.ancestors(t)[:3]):
            continue
        for name, slot in (("fatality_words", "fatalities"), ("injured_words", "injured")):
            if t.lemma in words[name] and (count := _count_under(article, tree, t)):
                # «в ходе протестов погибли 75 человек»: a toll beside another event is that event's
                alone = all(m.casualty_only for m in found)
                if alone and count.min is not None and slot not in dict(orphans):
                    orphans.append((slot, count))
                # a bare «погибли» carries the wounded beside it to the assault it folds into
                for m in assaults if slot == "injured" else [a for a in assaults if not a.casualty_only]:
                    if getattr(m.event, slot) is None:
                        setattr(m.event, slot, count)
    return orphans


def story_toll(mentions: list[Mention], tolls: list[tuple[int, str, Count]]) -> None:
    """Tolls stated apart from any attack («жертвами стали 7 человек», «пострадали 40») go to the
    story's main violent event: its first assault told as news. The latest figure given stands."""
    main = next((m for m in mentions if m.event.type == "ASSAULT" and not m.event.background
                 and not m.casualty_only and m.event.modality in ("asserted", "reported")), None)
    if main is None:
        return
    for index, slot, count in sorted(tolls, key=lambda x: x[0]):
        if getattr(main.event, slot) is None or index > main.tree.index:
            setattr(main.event, slot, count)


def _attacker_killed(kill: Mention, attack: Mention) -> bool:
    """«До того, как его застрелили полицейские, он ранил четверых»: state forces killing the
    attacker is an event of its own, not the attack's toll."""
    return kill.event.actor.cls == 1 and attack.event.actor.cls != 1


def _attackers_death(kill: Mention, found: list[Mention]) -> bool:
    """«мужчина застрелил двух полицейских, после чего был ликвидирован», «…, но был застрелен
    подоспевшими полицейскими», «после чего он был убит» (NEREL train 161651, 527159, 527162): a
    killing in the passive with no one of its own named, after an attack in its sentence, is the
    attacker's death, not the attack's toll."""
    t, tree = kill.token, kill.tree
    passive = (t.feats.get("Voice") == "Pass" or bool(tree.children(t, "aux:pass"))) and t.feats.get("Number") == "Sing"
    # «…, затем его застрелили»: the same with no one acting (a bug fix, NEREL train 509121)
    impersonal = t.feats.get("Number") == "Plur" and not tree.children(t, "nsubj") and any(
        o.pos == "PRON" and o.feats.get("Number") == "Sing" for o in tree.children(t, "obj"))
    named = [x for x in [kill.target_head, *tree.children(t, "nsubj", "nsubj:pass")] if x is not None]
    return (kill.event.type == "ASSAULT" and kill.event.mode == "kill" and (passive or impersonal)
            and all(x.pos == "PRON" for x in named)
            and any(m is not kill and m.event.type == "ASSAULT" and m.token.pos == "VERB"
                    and m.token.start < t.start for m in found))


def fold_kills(found: list[Mention], previous: list[Mention], orphans: list[tuple[str, Count]]) -> list[Mention]:
    """A killing stated beside a shooting or a shelling (same or last sentence) is its toll, not a
    second event: «погибли в результате обстрела», «По разным данным, власти убили 200 человек».
    A bare «погибли» with no attack beside it leaves its count in `orphans`."""
    kept = []
    for m in found:
        if _attackers_death(m, found):
            m.attackers_death = True
            m.event.fatalities = Count(1, 1, m.token.text)
            kept.append(m)
            continue
        if m.event.type == "ASSAULT" and (m.event.mode == "kill" or m.casualty_only):
            hosts = [h for h in found if h is not m and h.event.type == "ASSAULT" and h.event.mode != "kill"
                     and not h.casualty_only and not h.reference_only and not _attacker_killed(m, h)]
            # a killing dated in a sentence of its own is another event («… за убийство девушки,
            # совершенное в 2000 году»), not the toll of the attack before
            hosts = hosts or [h for h in previous if h.tree.index == m.tree.index - 1 and not m.explicit_date
                              and h.event.type == "ASSAULT" and h.event.mode != "kill"
                              and not _attacker_killed(m, h)]
            if hosts:
                host = hosts[0].event
                if m.event.modality not in ("future", "negated"):  # «угрожали убить его» kills no one
                    host.fatalities = host.fatalities or m.event.fatalities
                    host.injured = host.injured or m.event.injured
                if m.explicit_date and not hosts[0].explicit_date:
                    host.date, host.date_grain = m.event.date, m.event.date_grain
                    hosts[0].explicit_date = True
                if host.start != m.event.start:
                    host.extra_evidence.append((m.event.start, m.event.stop))
                continue
            if m.casualty_only:
                if m.event.fatalities is not None and all(x.casualty_only for x in found) \
                        and "fatalities" not in dict(orphans):
                    orphans.append(("fatalities", m.event.fatalities))
                continue
        kept.append(m)
    return kept
