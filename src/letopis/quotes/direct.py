"""Direct speech a speech verb introduces: «…», — сказал он; «…, — отметил X, — …»; X заявил: «…»;
X заявил:⏎ a paragraph of their words."""
from __future__ import annotations

import re

from ..records import Token
from .content import as_reported, read_complement
from .reading import Reading, Speaker
from .text import Unit

NEARBY_QUOTE = 300  # characters across which a «— …, — «…»» continuation inherits its speaker


def read_quote_first(r: Reading, unit: Unit, verb: Token, speaker: Speaker, before: str) -> bool:
    """«…», — сказал он; «…, — отметил X, — …»; … — сказала X (no marks)."""
    dash = re.search(r",?\s*[—–-]\s*$", before)
    if not dash:
        return False
    cut = unit.start + dash.start()
    closing = [m for m in r.marks if m[1] < cut and r.text[m[1] + 1:cut].strip(" ,.!?") == ""]
    inner = [m for m in r.marks if m[0] < cut < m[1]]
    if inner:  # the attribution splits one pair of marks
        mark = inner[0]
        after = re.search(r"[—–-]\s*", r.text[verb.stop:mark[1]])
        r.claimed.add(mark)
        tail = [q for q in r.found if mark[0] <= q.start < cut and q.stop == mark[1]]
        if tail:  # «A, — сказал X, — B, — заключил X, — C»: B ends where this attribution starts
            r.found.remove(tail[-1])
        r.add(tail[-1].start if tail else mark[0], cut, "direct", speaker)
        if after:
            r.add(verb.stop + after.end(), mark[1], "direct", speaker)
        return True
    if closing:
        mark = closing[-1]
        r.claimed.add(mark)
        r.add(*mark, "direct", speaker)
        inherit_continuation(r, mark, speaker)
        return True
    start = r.paragraph_start(cut)
    start += len(r.text[start:cut]) - len(r.text[start:cut].lstrip(" —–-"))  # «— Мы не допустим …»: not the dash
    if "«" not in r.text[start:cut] and cut - start > 20:
        r.add(start, cut, "direct", speaker)
        return True
    return False


def inherit_continuation(r: Reading, mark: tuple[int, int], speaker: Speaker) -> None:
    """«A», — сказал X, — «B»: B is X's too."""
    for other in r.marks:
        if mark[1] < other[0] <= mark[1] + NEARBY_QUOTE and other not in r.claimed:
            gap = r.text[mark[1] + 1:other[0] - 1]
            if re.search(r"[—–]\s*$", gap) and "«" not in gap and "\n" not in gap:
                r.claimed.add(other)
                r.add(*other, "direct", speaker)
            return


def read_colon(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> bool:
    """X заявил: «…»; лозунг: «…» is read as a slogan elsewhere."""
    for mark in r.marks:
        if mark in r.claimed or not unit.start <= mark[0] <= unit.stop + 1:
            continue
        # «сказал: ''«…»''»: Wikinews keeps its italics' apostrophes between the colon and the mark
        if mark[0] > verb.stop and re.search(r":\s*(?:''|\")?\s*$", r.text[verb.stop:mark[0] - 1]):
            gap = r.text[verb.stop:mark[0] - 1]
            # a name in quotation marks may stand between («представитель движения «Братья-мусульмане»:»)
            names = [m for m in r.claimed if verb.stop <= m[0] and m[1] < mark[0]]
            for a, b in sorted(names, reverse=True):
                gap = gap[:a - 1 - verb.stop] + gap[b + 1 - verb.stop:]
            if "«" in gap:
                continue
            colon = verb.stop + gap.rfind(":")
            read_complement(r, unit, verb, speaker, stop=colon)
            r.claimed.add(mark)
            kind = "slogan" if r.has_slogan_cue(unit, mark, verb) else "direct"
            r.add(*mark, kind, speaker)
            return True
    return False


def read_block(r: Reading, unit: Unit, verb: Token, speaker: Speaker) -> bool:
    """«Министр заявил:⏎Система большая, сложная …»: a paragraph after a colon that ends the
    sentence, with no quotation marks, is the speaker's words (NEREL train has it in 57 texts)."""
    if not re.fullmatch(r"[^.!?«»\"]*:\s*", r.text[verb.stop:unit.stop]) or verb.rel == "acl":
        return False  # «Спикер, объявившая минуту молчания, Сергей Нарышкин заявил:» (NEREL train 83798)
    block = next((p for p in r.article.paragraphs if p[0] >= unit.stop), None)
    if block is None or r.text[unit.stop:block[0]].strip() or r.text[block[0]:block[0] + 1] in "«\"—–-" \
            or r.text[block[0]:block[1]].rstrip().endswith(":"):  # another introduction, not the words
        return False
    colon = verb.stop + r.text[verb.stop:unit.stop].rfind(":")
    if r.governs(verb, "что"):  # «уточнила, что состояние стабильно:⏎…»: the clause is hers too
        read_complement(r, unit, verb, speaker, stop=colon)
    comma = next((t for t in unit.tokens if verb.stop <= t.start < colon and t.text == ","), None)
    if comma is not None and as_reported(r, unit, verb):
        # «Как пояснил X, программа подготовлена …:⏎…» (NEREL train 100084; dev 227470)
        r.add_claim(comma.stop, colon, speaker, unit)
    r.add(block[0], block[1], "direct", speaker)
    return True
