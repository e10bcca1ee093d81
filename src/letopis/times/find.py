"""All the time expressions of a text, in reading order: each resolves against the dates told before
it in its paragraph, which is why the context is kept per paragraph and captions stay out of it.
"""
from __future__ import annotations

import re

from ..records import Sentence, TimeExpr
from .captions import _is_caption
from .lexicon import _grammar
from .matches import _merge_clocks, _select
from .points import _Point, parse_date
from .resolve import _resolve

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def find_times(text: str, published: str | None, sentences: list[Sentence] | None = None,
               paragraphs: list[tuple[int, int]] | None = None) -> list[TimeExpr]:
    """All time expressions of a text, resolved against `published` and earlier dates."""
    g = _grammar()
    anchor = parse_date(published)
    found = _merge_clocks(text, _select(text, g))
    paragraphs = paragraphs or _paragraphs(text)
    context: dict[int, tuple[int | None, _Point | None]] = {}  # paragraph -> (year told, last date)
    out: list[TimeExpr] = []
    for f in found:
        para = next((i for i, (a, b) in enumerate(paragraphs) if a <= f.start < b), -1)
        year, last = context.get(para, (None, None))
        resolved = _resolve(f, text, g, anchor, year, last, sentences)
        if resolved is None:
            continue
        point, part, end, told_year = resolved
        expr = TimeExpr(f.start, f.stop, text[f.start:f.stop], point.value, point.grain, part,
                        end.value if end else None, _is_caption(text, f.start, f.stop))
        out.append(expr)
        if not expr.caption:
            context[para] = (told_year if told_year is not None else year, point)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
