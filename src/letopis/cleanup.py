"""Cleanup stage: repairs scraping damage while keeping a map from cleaned offsets back to the text as read.

- invisible characters and odd spaces become plain spaces or go;
- runs of spaces collapse, lines are trimmed, blank-line runs become one paragraph break;
- a phrase doubled by link text («Касым-Жомарт Токаев Касым-Жомарт Токаев») keeps one copy;
- a heading glued to the sentence that repeats it («Протесты в Казахстане Протесты в Казахстане
  начались») becomes a paragraph of its own.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .models import Models
from .records import Article

NEEDS = ("text",)
ADDS = ("text", "raw_text", "offset_map", "paragraphs")

INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\r\f\v]")
SPACE_RUN = re.compile(r" {2,}")
LINE_EDGE = re.compile(r" *\n *")
BLANK_RUN = re.compile(r"\n{3,}")
# Two to eight words, capitalised first, said twice in a row with one space between.
WORD = r"[^\W\d_][\w.-]*"
CAPITALISED = r"[A-ZА-ЯЁ][\w.-]*"
DOUBLED = re.compile(rf"(?<![\w-])({CAPITALISED}(?: {WORD}){{1,7}}) \1(?![\w-])")
# The space before such a heading, once it stands doubled with a paragraph break between copies.
HEADING_START = re.compile(r"(?<=[.!?…»\"]) +(?=([^\n.!?]{3,120})\n\n\1)")
SENTENCE_END = re.compile(r"(?:\A|[.!?…»\"]\s|\n)\s*\Z")


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        clean(article)
    return articles


def clean(article: Article) -> Article:
    if article.raw_text is not None:  # already cleaned: the map refers to the first reading
        return article
    text, offsets = article.text, list(range(len(article.text)))
    text, offsets = _sub(INVISIBLE, lambda m: "", text, offsets)
    text, offsets = _sub(ODD_SPACE, lambda m: " ", text, offsets)
    text, offsets = _sub(SPACE_RUN, lambda m: " ", text, offsets)
    text, offsets = _sub(LINE_EDGE, lambda m: "\n", text, offsets)
    text, offsets = _sub(BLANK_RUN, lambda m: "\n\n", text, offsets)
    text, offsets = _sub(DOUBLED, lambda m: _undouble(m, text), text, offsets)
    text, offsets = _sub(HEADING_START, lambda m: "\n\n", text, offsets)
    lead = len(text) - len(text.lstrip())
    text, offsets = text.strip(), offsets[lead:lead + len(text.strip())]
    article.raw_text, article.text, article.offset_map = article.text, text, offsets
    article.paragraphs = paragraphs(text)
    return article


# A line break that does not end a paragraph: a hard-wrapped line whose sentence goes on in lower case.
WRAPPED = re.compile(r"(?<=[\w,;:-])\n(?=[a-zа-яё])")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: news puts each paragraph (and a headline or caption) on a line of its own."""
    spans, start = [], 0
    for match in re.finditer(r"\n+", text):
        if WRAPPED.match(text, match.start()) and match.group() == "\n":
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _undouble(match: re.Match, text: str) -> str:
    phrase = match.group(1)
    if SENTENCE_END.search(text[:match.start()]):
        return f"{phrase}\n\n{phrase}"  # a heading followed by the sentence that opens with it
    return phrase


def _sub(pattern: re.Pattern, replace: Callable[[re.Match], str], text: str,
         offsets: list[int]) -> tuple[str, list[int]]:
    """re.sub that carries the offset map: replacement characters map to the start of their match."""
    parts, new_offsets, last = [], [], 0
    for match in pattern.finditer(text):
        parts.append(text[last:match.start()])
        new_offsets.extend(offsets[last:match.start()])
        replacement = replace(match)
        if replacement == match.group(0):
            parts.append(replacement)
            new_offsets.extend(offsets[match.start():match.end()])
        else:
            parts.append(replacement)
            anchor = offsets[match.start()] if match.start() < len(offsets) else len(offsets)
            new_offsets.extend([anchor] * len(replacement))
        last = match.end()
    parts.append(text[last:])
    new_offsets.extend(offsets[last:])
    return "".join(parts), new_offsets
