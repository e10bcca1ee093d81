"""Entities stage: mentions become canonical PER/ORG/LOC entities with roles and in-article coreference."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from types import SimpleNamespace

from natasha.norm import normalize, syntax_normalize

from . import ner, person_names
from .models import Models
from .name_joins import fold, join_inflected, join_institutions, join_short_names
from .records import Article, Entity, Mention, Token

NEEDS = ("sentences", "mentions")
ADDS = ("entities",)

ROLE_WINDOW = 6  # tokens looked at before a name for its title
TYPE_ORDER = {"PER": 0, "ORG": 1, "LOC": 2}


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    text = resources.files("letopis").joinpath(f"data/entities/{name}.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def roles() -> frozenset[str]:
    return lexicon("roles")


def run(articles: list[Article], models: Models) -> list[Article]:
    ner.tag(articles, models.ner_model)
    for article in articles:
        article.entities = build_entities(article, models)
    return articles


def build_entities(article: Article, models: Models) -> list[Entity]:
    tokens = article.tokens
    by_key: dict[tuple[str, str], Entity] = {}
    starts = [t.start for t in tokens]
    for mention in sorted(_entity_mentions(article), key=lambda m: m.start):
        first = bisect_left(starts, mention.start)
        stop = first
        while stop < len(tokens) and tokens[stop].stop <= mention.stop:
            stop += 1
        # «юге Афганистана», «армянском Гаваре»: the place's name starts at its first capital
        # «В получасе ходьбы от Фергюсона»: a span the model began at the sentence's preposition
        while mention.type in ("LOC", "PER") and stop - first > 1 and (
                tokens[first].text[0].islower() or tokens[first].pos == "ADP"):
            first += 1
            mention = Mention(tokens[first].start, mention.stop, mention.type,
                              article.text[tokens[first].start:mention.stop], source=mention.source)
        if stop == first:
            continue
        span_tokens = tokens[first:stop]
        before = tokens[first - 1] if first else None
        # «на улицы Нью-Йорка», «на улицах Москвы»: the streets of a town name the town, not a street
        if before is not None and before.lemma in lexicon("street_heads") and before.feats.get("Number") != "Plur":
            # a street: «проспекте Абая» is «проспект Абая», never the person or «Абай» the place
            span_tokens = [before, *span_tokens]
            mention = Mention(before.start, mention.stop, "LOC", article.text[before.start:mention.stop],
                              source=mention.source)
        if _dateline(article.text, mention) and models.gazetteer.lookup(mention.text.title()):
            # «АНКАРА, 7 февраля — РИА Новости»: the city a wire story was filed from
            mention = Mention(mention.start, mention.stop, "LOC", mention.text, source=mention.source)
            mention.normal = mention.text.title()
        else:
            mention.normal = canonical(mention, span_tokens, models)
        for piece in _streets(article.text, mention, before):
            key = (piece.type, fold(piece.normal))
            entity = by_key.get(key)
            if entity is None:
                entity = by_key[key] = Entity(id="", type=piece.type, name=piece.normal)
            entity.mentions.append((piece.start, piece.stop))
            if piece.text not in entity.aliases:
                entity.aliases.append(piece.text)
            for role in roles_before(tokens, first) if piece.type == "PER" else ():
                if role not in entity.roles:
                    entity.roles.append(role)
    sentence_starts = {s.start for s in article.sentences}
    joined = join_institutions(join_short_names(join_inflected(list(by_key.values()), models), models), models)
    entities = [e for e in joined if is_name(e.name) and not _common_word(e, sentence_starts, models)]
    entities.sort(key=lambda e: min(e.mentions))
    for number, entity in enumerate(entities, 1):
        entity.id = f"E{number}"
        entity.mentions.sort()
    return entities


def _entity_mentions(article: Article) -> list[Mention]:
    """The model's outermost mentions, and the places named inside its organisations («полиция
    Бишкека» names Бишкек too), which natasha tags on its own."""
    model = [m for m in article.mentions if m.source != "natasha"]
    orgs = [m for m in model if m.type == "ORG"]
    inner = [m for m in article.mentions if m.source == "natasha" and m.type == "LOC"
             and any(o.start <= m.start and m.stop <= o.stop and (o.start, o.stop) != (m.start, m.stop)
                     for o in orgs)]
    return model + inner


def canonical(mention: Mention, tokens: list[Token], models: Models) -> str:
    """The nominative name: «Мангистауской области» → «Мангистауская область»."""
    by_id = {t.id: t for t in tokens}
    adapted = [SimpleNamespace(text=t.text, pos=t.pos, feats=_agreeing_feats(t, by_id), start=t.start,
                               stop=t.stop, id=t.id, head_id=t.head) for t in tokens]
    if mention.type == "PER":
        return _title_case(person_names.nominative(normalize(models.morph_vocab, adapted), tokens,
                                                   models.morph_vocab))
    # inflect the head and its agreeing words only: «юг Афганистана», «Нижнего Новгорода»
    name = syntax_normalize(models.morph_vocab, adapted)
    return _title_case(name) if mention.type == "LOC" else name


def _agreeing_feats(token: Token, by_id: dict[int, Token]) -> dict[str, str]:
    """An adjective agrees with its noun: where the tagger guessed its gender alone («Гегаркуникском
    областном управлении» read as masculine), the noun's gender and number pick its nominative."""
    head = by_id.get(token.head)
    if token.pos != "ADJ" or token.rel != "amod" or head is None or head.pos not in ("NOUN", "PROPN"):
        return token.feats
    agreed = {k: v for k, v in head.feats.items() if k in ("Gender", "Number")}
    if agreed.get("Number") == "Plur":  # plural adjectives have no gender: «Набережных Челнах»
        return {k: v for k, v in token.feats.items() if k != "Gender"} | {"Number": "Plur"}
    return token.feats | agreed


def _streets(text: str, mention: Mention, before: Token | None) -> list[Mention]:
    """«в квадрате улиц Масанчи-Карасай батыра-Жамбыла»: the plural names several streets, one per
    hyphenated part; any other mention is itself."""
    if before is None or before.text.lower() != "улиц" or "-" not in text[before.stop:mention.stop]:
        return [mention]
    pieces, at = [], before.stop
    for part in text[before.stop:mention.stop].split("-"):
        start = at + len(part) - len(part.lstrip())
        name = part.strip()
        if name:
            piece = Mention(start, start + len(name), "LOC", name, source=mention.source)
            piece.normal = f"улица {name}"
            pieces.append(piece)
        at += len(part) + 1
    return pieces


DATELINE_TAIL = re.compile(r",\s*\d{1,2}\s+[а-яё]{3}|\s*\(\w+\)\s*[,—–-]|\s*[—–]\s")


def _dateline(text: str, mention: Mention) -> bool:
    """An all-capital name opening a line and followed by the date or the agency."""
    return (mention.text.isupper() and (mention.start == 0 or text[mention.start - 1] == "\n")
            and DATELINE_TAIL.match(text, mention.stop) is not None)


def _title_case(name: str) -> str:
    """«МОСКВА, 1 авг — РИА Новости»: a dateline's capitals are no part of the name; short
    all-capital words are abbreviations (США, КНДР) and stay."""
    return " ".join(w.title() if w.isupper() and len(w) >= 5 else w for w in name.split(" "))


def roles_before(tokens: list[Token], index: int) -> list[str]:
    """Titles right before the name that starts at tokens[index]: «пресс-секретарь Департамента
    полиции города Салтанат Азирбек»."""
    found = []
    for token in reversed(tokens[max(0, index - ROLE_WINDOW):index]):
        if token.pos in ("PUNCT", "VERB") and token.text not in ("-",):
            break
        if token.pos == "PROPN" and token.feats.get("Animacy") == "Anim":
            break  # «дочь президента Барака Обамы Малия»: the title is Обама's, not Малия's
        if token.lemma in roles():
            found.append(token.lemma)
            break
    return found


def is_name(name: str) -> bool:
    """A name has a capital, a digit or a Latin letter; «городская администрация» describes, not names."""
    return any(c.isupper() or c.isdigit() or "a" <= c.lower() <= "z" for c in name)


def _common_word(entity: Entity, sentence_starts: set[int], models: Models) -> bool:
    """«Американец получил …», «Верёвка для повешения»; «Власти США арестовали», «Харьковчан
    покатали» as a place (NEREL train 37091, 139852, 20318, 12162): one word, capitalised only
    because it opens its sentence, that the dictionary knows as a common word and never as a name."""
    if entity.type not in ("PER", "LOC") or " " in entity.name \
            or any(a not in sentence_starts for a, _ in entity.mentions):
        return False
    word = fold(entity.name)
    parses = models.morph_vocab.parse(word)
    base = entity.type == "LOC" or any(fold(p.normal_form) == word for p in parses)
    return all(p.is_known for p in parses) and base \
        and not any({"Name", "Surn", "Patr", "Geox"} & set(p.tag.grammemes) for p in parses)


def add_entity(article: Article, type_: str, name: str, span: tuple[int, int] | None,
               geo: dict | None = None) -> Entity:
    """An entity a later stage finds that the NER did not give (a place named by an adjective, a
    platform words were posted in, a channel a message was forwarded from: no span, when the text
    does not name it), with the next free id."""
    number = 1 + max((int(e.id[1:]) for e in article.entities if e.id[1:].isdigit()), default=0)
    entity = Entity(f"E{number}", type_, name, mentions=[span] if span else [], geo=geo)
    article.entities.append(entity)
    return entity
