"""Where the rules look: units (sentences cut at line breaks, since a line break ends a claim even
where the sentence splitter ran on) and the top-level quotation marks of the text."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Article, Token

PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}


@dataclass
class Unit:
    """A sentence cut at line breaks: the scope every rule works in."""
    start: int
    stop: int
    tokens: list[Token]

    def by_id(self, i: int) -> Token | None:
        return next((t for t in self.tokens if t.id == i), None)

    def children(self, token: Token, *rels: str) -> list[Token]:
        return [t for t in self.tokens if t.head == token.id and (not rels or t.rel in rels)]

    def subtree_span(self, root: Token) -> tuple[int, int]:
        """[start, stop) of the root and every word below it in the tree."""
        ids, grown = {root.id}, True
        while grown:
            more = {t.id for t in self.tokens if t.head in ids} - ids
            grown, ids = bool(more), ids | more
        inside = [t for t in self.tokens if t.id in ids]
        return min(t.start for t in inside), max(t.stop for t in inside)


def units(article: Article) -> list[Unit]:
    found = []
    for sentence in article.sentences:
        line: list[Token] = []
        for token in sentence.tokens:
            if line and "\n" in article.text[line[-1].stop:token.start]:
                found.append(Unit(line[0].start, line[-1].stop, line))
                line = []
            line.append(token)
        if line:
            found.append(Unit(line[0].start, line[-1].stop, line))
    return found


def find_marks(text: str) -> list[tuple[int, int]]:
    """Top-level quotation marks as [start, stop) of the words inside; nested marks stay inside."""
    spans, stack, opened = [], [], 0
    for i, char in enumerate(text):
        if char == "\n" and text[i + 1:i + 2] == "\n":
            stack = []  # a quote left open does not run over a paragraph break here
        if stack and char == stack[-1] and not (char == '"' and _opens_straight(text, i)):
            stack.pop()
            if not stack:
                spans.append((opened, i))
        elif char in PAIRS and not (char == "“" and stack and stack[-1] == "“"):
            if char == '"' and not _opens_straight(text, i):
                continue
            if not stack:
                opened = i + 1
            stack.append(PAIRS[char])
    return spans


def _opens_straight(text: str, i: int) -> bool:
    """A straight quote opens where a space or an opening bracket stands before it."""
    return i == 0 or text[i - 1] in " \n(«—–-:"
