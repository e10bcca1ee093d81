"""Captions and datelines: a date under a photo or at the head of a wire story dates the picture or
the dispatch, not what the text tells, so it sets no context for later dates and dates no event.
"""
from __future__ import annotations

import re


def _is_caption(text: str, start: int, stop: int) -> bool:
    """A photo caption or dateline: a short line with no full stop that ends in the date, a run of
    names followed by the date and then a new sentence, or «ГОРОД, 12 января —» opening a line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_stop = text.find("\n", stop)
    line_stop = len(text) if line_stop < 0 else line_stop
    line = text[line_start:line_stop]
    rest = text[stop:line_stop]
    if re.fullmatch(r"[\s)\]]*", rest) and not re.search(r"[.!?…]", line) and len(line.split()) <= 15:
        return True
    before = re.split(r"[.!?…]", text[line_start:start])[-1].strip()
    if re.match(r"\s*[—–-]|\s*/", rest) and re.fullmatch(r"[A-ZА-ЯЁ][\w .-]{1,40},", before):
        return True
    words = before.split()
    names = [w for w in words if w[:1].isupper()]
    if (len(names) >= 2 and all(w[:1].isupper() or w in ("и", "с", "на", "в") for w in words)
            and re.match(r" +[A-ZА-ЯЁ«]", text[stop:]) and not re.search(r"[,:;]", before)):
        return True
    return False
