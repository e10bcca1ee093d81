"""Quotes stage: direct and indirect speech, slogans and scare quotes, with speaker and relay chain.

The stage reads quotation marks from the text and speech verbs, source phrases («по словам X») and
relay verbs from the tokens' lemmas and UD syntax; the lexicon lives in data/quotes/lexicon.yaml and
the reporting predicates, with what each governs, in data/quotes/predicates.tsv. A platform the
words were posted in («написал в Facebook») that the NER did not tag becomes an ORG entity.
`attribution()` tells the events stage whether a span lies in reported speech and whose.

One module per concern, each over the article's `Reading` (reading.py, the shared state):
text.py (units and quotation marks), words.py (the lexicon), verbs.py (with direct.py and
content.py: what a speech verb introduces), sources.py, blocks.py and leftovers.py (the
constructions, in the order they run), speakers.py, phrases.py and antecedents.py (who speaks),
relay.py (the via chain).
"""
from __future__ import annotations

from typing import Any

from ..models import Models
from ..records import Article, Quote
from . import blocks, leftovers, relay, sources, verbs
from .reading import Reading, Region, Speaker
from .text import Unit, find_marks
from .words import lexicon

__all__ = ["ADDS", "NEEDS", "Region", "Speaker", "Unit", "attribution", "find_marks", "lexicon", "read",
           "run", "speech_regions"]

NEEDS = ("sentences", "entities")
ADDS = ("quotes",)


def run(articles: list[Article], models: Models) -> list[Article]:
    for article in articles:
        article.quotes = read(article, models.morph)
        for quote in article.quotes:
            if quote.kind != "scare":  # a forwarded message's words came through its channel
                quote.via = relay.forwarded(article, quote.via)
    return articles


def read(article: Article, morph) -> list[Quote]:
    """The article's quotes. Quoted names are set aside first; then each unit's headline, source
    phrases and speech verbs; then backlinks, which give a claim away only after the unit after it
    is read; and last the marks nothing claimed."""
    r = Reading(article, morph)
    r.claimed |= {m for m in r.marks if r.is_name(m)}
    for unit in r.units:
        sources.read_headline(r, unit)
        sources.read_source_phrases(r, unit)
        sources.read_surfaced(r, unit)
        verbs.read_verbs(r, unit)
        sources.read_made_known(r, unit)
    sources.read_backlinks(r)
    r.drop_inner_speech()
    blocks.read_blocks(r)
    leftovers.read_leftover_marks(r)
    return sorted(r.found, key=lambda q: q.start)


def attribution(article: Article, start: int, stop: int,
                speech: list[Region] | None = None) -> tuple[str | None, dict[str, Any]]:
    """(modality, source) for an event whose evidence is [start, stop): modality is None outside
    reported speech, `reported` inside it and `uncertain` where an uncertainty cue stands.
    `speech` is the article's `speech_regions()`, computed once by a caller that asks many times."""
    speech = speech_regions(article) if speech is None else speech
    regions = [r for r in speech if r.start < stop and start < r.stop]
    if not regions:
        return None, {"speaker": None, "via": []}
    region = min(regions, key=lambda r: (r.modality != "uncertain", r.stop - r.start))
    speaker = next((r.speaker for r in regions if r.speaker and r.speaker.entity), region.speaker)
    source = {"speaker": speaker.entity if speaker else None, "via": list(speaker.via) if speaker else []}
    return region.modality, source


def speech_regions(article: Article) -> list[Region]:
    """The article's reported speech: its direct and indirect quotes, the claims backlinks give
    away, and the units where an uncertainty cue stands."""
    regions = [Region(q.start, q.stop, Speaker(q.speaker, q.speaker_text, q.via))
               for q in article.quotes if q.kind in ("direct", "indirect")]
    reading = Reading(article, None)
    regions += sources.backlinks(reading)
    for unit in reading.units:
        low = article.text[unit.start:unit.stop].lower().replace("ё", "е")
        if any(cue.replace("ё", "е") in low for cue in lexicon()["uncertainty_cues"]):
            regions.append(Region(unit.start, unit.stop, None, "uncertain"))
    return regions
