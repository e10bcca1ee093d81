"""A sentence's dependency tree and the article's entity index: the lookups every event rule asks,
kept apart so that the rules read as rules."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..records import Article, Entity, Sentence, Token

PHRASE_RELS = {"amod", "nmod", "flat", "flat:name", "flat:foreign", "appos", "nummod", "nummod:gov",
               "det", "compound"}


class Tree:
    """One sentence's dependency tree with the lookups the rules need."""

    def __init__(self, sentence: Sentence, index: int):
        self.sentence, self.index = sentence, index
        self.by_id = {t.id: t for t in sentence.tokens}
        self.kids: dict[int, list[Token]] = {}
        for t in sentence.tokens:
            self.kids.setdefault(t.head, []).append(t)

    def head(self, t: Token) -> Token | None:
        return self.by_id.get(t.head)

    def children(self, t: Token, *rels: str) -> list[Token]:
        return [c for c in self.kids.get(t.id, []) if not rels or c.rel in rels]

    def case(self, t: Token) -> str | None:
        """The preposition of a nominal: «в Алматы» → в."""
        marks = [c.lemma for c in self.children(t, "case")]
        return marks[0] if marks else None

    def circumstance(self, t: Token) -> bool:
        """A nominal that says when or where the verb above it happened («требовали на митинге»,
        «потребовали после избиения»), not what was demanded or planned («требовали отставки»,
        «призвал к забастовке», «выйти на митинг»)."""
        case = self.case(t)
        return t.pos == "NOUN" and t.rel == "obl" and case not in (None, "к", "о", "об") and not (
            case in ("на", "в", "во") and t.feats.get("Case") == "Acc")

    def subtree(self, t: Token, rels: set[str] | None = None, depth: int = 6) -> list[Token]:
        out = [t]
        if depth:
            for c in self.children(t):
                if rels is None or c.rel in rels:
                    out += self.subtree(c, rels, depth - 1)
        return sorted(out, key=lambda x: x.id)

    def ancestors(self, t: Token) -> list[Token]:
        out, seen = [], {t.id}
        while (h := self.head(t)) is not None and h.id not in seen:
            out.append(h)
            seen.add(h.id)
            t = h
        return out

    def first_word(self) -> Token | None:
        return next((t for t in self.sentence.tokens if t.pos not in ("PUNCT", "CCONJ")), None)


def governor(tree: Tree, t: Token) -> Token | None:
    """The word a nominal hangs off, through coordination: «требовали снижения ..., а затем отставки»."""
    while t.rel == "conj" and tree.head(t) is not None:
        t = tree.head(t)
    return tree.head(t)


class _Index:
    """An article's entities by token, and which places are streets, made once per article:
    the argument rules ask at every event mention, and a long article has thousands."""

    def __init__(self, article: Article):
        tokens = article.tokens
        starts, stops = [t.start for t in tokens], [t.stop for t in tokens]
        self.by_token: dict[int, list[Entity]] = {}  # token start -> entities over it, in article order
        for e in article.entities:
            for a, b in e.mentions:
                for t in tokens[bisect_right(stops, a):bisect_left(starts, b)]:
                    held = self.by_token.setdefault(t.start, [])
                    if e not in held:
                        held.append(e)
        self.sentence_starts = [s.start for s in article.sentences]
        self.unplaced: dict[str, bool] = {}
        self.text = article.text


_index: ContextVar[_Index] = ContextVar("events_index")  # the article extract() is reading


def entity_at(t: Token, types: tuple[str, ...] = ("PER", "ORG", "LOC")) -> Entity | None:
    return next((e for e in _index.get().by_token.get(t.start, ()) if e.type in types), None)


@contextmanager
def reading(article: Article) -> Iterator[None]:
    """Index an article for the rules while its events are extracted."""
    token = _index.set(_Index(article))
    try:
        yield
    finally:
        _index.reset(token)


def current_text() -> str:
    """The text of the article being read, or "" outside a reading."""
    index = _index.get(None)
    return index.text if index else ""


def current_index() -> _Index:
    """The index of the article being read, for the rules that keep per-article answers in it."""
    return _index.get()
