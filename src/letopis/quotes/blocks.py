"""A paragraph that ends with a colon introduces the paragraph after it as someone's words, whatever
its verb: «Пресс-секретарь выразила своё восхищение действиями полиции:⏎Я могу выражать …»,
«В сообщении британской полиции приводится:⏎…», «По его словам:⏎…», «Он сказал, что не знает
рецепта долголетия:⏎Возможно, всё это благодаря солнцу …». Wikinews lost the quotation marks of its
block quotes: NEREL train has 248 paragraphs ending in a colon, in 158 texts, nearly all of them
speech. The speaker is the source phrase of the introducing sentence, else the subject of its main
verb; a sentence that names no one who could speak («Полный текст документа:», «Теги:», «Портфели
распределены следующим образом:») introduces no quote."""
from __future__ import annotations

from .reading import Reading, Speaker
from .sources import source_noun, source_phrase_at
from .speakers import speaker_from, verb_speaker
from .text import Unit

OPENINGS = "«\"„—–-"  # a block that opens with quotation marks or a dash is read by the mark rules


def read_blocks(r: Reading) -> None:
    paragraphs = r.article.paragraphs
    for intro, block in zip(paragraphs, paragraphs[1:]):
        head, body = r.text[intro[0]:intro[1]].rstrip(), r.text[block[0]:block[1]].strip()
        if not head.endswith(":") or body.endswith(":") or body[:1] in OPENINGS or len(body.split()) < 3:
            continue
        if any(q.start < block[1] and block[0] < q.stop for q in r.found):
            continue  # a rule that knew the verb has read it already
        unit = next((u for u in r.units if u.start <= intro[0] + len(head) - 1 < u.stop), None)
        speaker = block_speaker(r, unit) if unit is not None else None
        if speaker is not None and (speaker.entity or speaker.person):
            r.add(block[0], block[1], "direct", speaker)


def block_speaker(r: Reading, unit: Unit) -> Speaker | None:
    """Who the introducing sentence names: «по словам X», «по его словам», else the subject of its
    main verb (or the owner of the document an impersonal verb names)."""
    tokens = unit.tokens
    for i in range(len(tokens) - 2):
        if (found := source_phrase_at(r, unit, i)) is not None:
            _, anchor, _ = found
            return speaker_from(r, unit, source_noun(unit, anchor), None) if anchor is not None else None
    root = next((t for t in tokens if t.rel == "root"), None)
    if root is None or root.pos not in ("VERB", "AUX", "ADJ"):
        return None
    return verb_speaker(r, unit, root)
