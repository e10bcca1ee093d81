"""A speaker's words: the nominal phrase round the word that names them, the entity it names and
the phrase put in the nominative, so that an unnamed speaker («в комендатуре Алматы») is stored
as one would name it («комендатура Алматы»)."""
from __future__ import annotations

from ..entities import fold
from ..records import Entity, Token
from .reading import Reading
from .text import Unit

NOMINAL = {"NOUN", "PROPN", "ADJ", "NUM", "DET", "X"}


def nominal(r: Reading, token: Token) -> bool:
    if token.feats.get("VerbForm") == "Part" and "Case" in token.feats:  # «погибшего итальянца»
        return True
    return token.pos in NOMINAL and token.lemma not in r.lex["predicates"] and token.pos != "DET" \
        or token.pos == "DET" and token.lemma not in ("этот", "тот", "свой", "весь")


def phrase(r: Reading, unit: Unit, anchor: Token, limit: int | None = None) -> tuple[int, int]:
    """The run of nominal words around the anchor: «пресс-секретарь Департамента … Азирбек»; none
    from `limit` on."""
    tokens = unit.tokens
    i = tokens.index(anchor)
    lo = i
    while lo > 0 and nominal(r, tokens[lo - 1]) and tokens[lo - 1].feats.get("Case") in (None, anchor.feats.get("Case")):
        lo -= 1
    hi = i
    while hi + 1 < len(tokens) and (limit is None or tokens[hi + 1].start < limit):
        nxt = tokens[hi + 1]
        if nxt.pos == "NOUN" and anchor.head and nxt.head == anchor.head:
            # a noun hanging off the anchor's verb, not the anchor: whom they told («заявил
            # прокурор журналистам»), what was cited («цитирует газета высказывания Чеффица»)
            break
        if r.in_time(nxt.start) or _subject_after(r, anchor, tokens[hi], nxt, tokens[lo].start):
            break  # «По данным следствия 3 февраля …»: what was said begins
        if nominal(r, nxt) or (nxt.text == "-" and hi + 2 < len(tokens)):
            hi += 1
        elif nxt.lemma == "и" and hi + 2 < len(tokens) and _joint_speaker(r, anchor, tokens[hi + 2]):
            hi += 1  # «родители и адвокат Сингха», «семья и близкие Политковской»: one voice of several
        elif nxt.lemma == "из" and tokens[hi].lemma in ("один", "одна", "каждый", "некоторые"):
            hi += 1  # «один из собеседников»
        elif nxt.lemma == "в" and anchor.lemma in r.lex["unnamed_sources"] and hi + 2 < len(tokens) \
                and nominal(r, tokens[hi + 2]) and not r.in_time(tokens[hi + 2].start):
            hi += 1  # «источник в правоохранительных органах», not «СМИ в конце ноября»
        elif nxt.text in "«\"" and (tokens[hi].lemma in r.lex["name_heads"] or tokens[hi] is anchor
                                      and anchor.lemma in r.lex["outlet_sources"]):  # «источник «Интерфакса»»
            close = next((j for j in range(hi + 2, len(tokens)) if tokens[j].text in "»\""), None)
            if close is None:
                break
            hi = close
        else:
            break
    # «Кандидат в президенты Светлана Тихановская»: the name in apposition after a prepositional
    # phrase belongs to the phrase too
    for name in unit.children(anchor, "appos"):
        if name.pos == "PROPN" and name.start > tokens[hi].stop:
            last = max([name] + unit.children(name, "flat:name", "flat"), key=lambda t: t.start)
            hi = tokens.index(last)
    stop = max([tokens[hi].stop] + [n[1] for n in r.names_starting(tokens[lo].start, tokens[hi].stop)])
    return tokens[lo].start, stop


def _joint_speaker(r: Reading, anchor: Token, other: Token) -> bool:
    """A noun joined to the speaker's, one of them plural: several people speak as one («родители и
    адвокат Сингха», «Лоббисты и активисты»: NEREL train 27107, 39987, 19054, 19630); two singular
    roles are one person's («его адвокат и представитель партии»)."""
    return (other.rel == "conj" and other.head == anchor.id and nominal(r, other) and not r.in_time(other.start)
            and "Plur" in (anchor.feats.get("Number"), other.feats.get("Number")))


def _subject_after(r: Reading, anchor: Token, last: Token, nxt: Token, start: int) -> bool:
    """A person or a nominative phrase right after a speaker in another case, with no comma
    between, begins what they said: «По словам врачей Ричард Бах …», «По данным изданий
    39-летний уроженец …» (NEREL train 19498, 527162, 106643); not «источников РИА Новости»."""
    entity = r.entity_at(nxt.start)
    in_name = any(a < nxt.start < b for a, b, *_ in r.names_starting(start, nxt.start))
    return (anchor.feats.get("Case") not in (None, "Nom") and last.feats.get("Case") != "Nom"
            and last.pos != "PROPN" and nxt.feats.get("Case") == "Nom" and not in_name
            and (entity is None or entity.type == "PER"))


def bare(unit: Unit, anchor: Token, start: int, stop: int) -> bool:
    """The phrase is a lone common noun, with adjectives at most: «издание», «известный политик»."""
    words = [t for t in unit.tokens if start <= t.start and t.stop <= stop]
    return all(t is anchor or t.pos == "ADJ" for t in words) and anchor.pos == "NOUN"


def phrase_entity(r: Reading, unit: Unit, start: int, stop: int, anchor: Token) -> Entity | None:
    """The entity the phrase names: the one at its head, or a person standing in apposition."""
    inside = [(a, b, e) for a, b, *_, e in sorted(r.names_starting(start, stop), key=lambda n: n[2:4])
              if b <= stop]
    for a, b, entity in inside:
        if a <= anchor.start < b:
            return entity
    nominative = anchor.feats.get("Case") in (None, "Nom")
    for a, b, entity in inside:
        named = fold(r.text[a:b]).split()[-1] == fold(entity.name).split()[-1]
        first = next((t for t in unit.tokens if t.start >= a), None)
        case = first.feats.get("Case") if first is not None else None
        # «Отец Сингха», «семьи Бушей»: an owner's name is not who speaks, whatever form the NER left it
        # in; nor one in another case naming another noun, with a name after it («куратор музея По в
        # Балтиморе Джефф Джером»)
        later = any(c > a and e.type == "PER" for c, _, e in inside)
        owner = first is not None and (first.rel == "nmod" or first.rel == "appos" and first.head != anchor.id
                                       and case not in (None, anchor.feats.get("Case")) and later)
        if entity.type == "PER" and not owner and (named == nominative or case == anchor.feats.get("Case")):
            return entity
    for a, b, entity in inside:
        before = [t for t in unit.tokens if start <= t.start < a]
        if entity.type == "ORG" and before and all(t.lemma in r.lex["name_heads"] or t.pos == "ADJ"
                                                   or t.text in ("«", "\"") for t in before):
            return entity
    return None


def nominative(r: Reading, unit: Unit, start: int, stop: int, anchor: Token) -> str:
    """«В комендатуре Алматы» → «комендатура Алматы»: the head and its adjectives put in the nominative."""
    words = []
    for token in unit.tokens:
        if not start <= token.start < stop:
            continue
        agrees = token is anchor or (token.pos == "ADJ" and token.head == anchor.id)
        words.append(_inflect(r, token, anchor) if agrees and anchor.feats.get("Case") != "Nom" else token.text)
        if token.stop < stop and r.text[token.stop:token.stop + 1] == " ":
            words.append(" ")
    return "".join(words).strip()


def _inflect(r: Reading, token: Token, anchor: Token) -> str:
    if r.morph is None or (token.text.isupper() and len(token.text) > 1):
        return token.text  # «СМИ», «МВД»: abbreviations do not decline
    number = anchor.feats.get("Number") or "Sing"
    wanted = {"Nom", number}
    if token is not anchor and number == "Sing" and anchor.feats.get("Gender"):
        wanted.add(anchor.feats["Gender"])  # «правозащитного центра» → «правозащитный центр»
    for parse in r.morph.parse(token.text):
        form = parse.inflect(wanted)
        if form is not None and parse.normal_form.replace("ё", "е") == token.lemma.replace("ё", "е"):
            word = form.word
            return word[:1].upper() + word[1:] if token.text[:1].isupper() else word
    return token.text
