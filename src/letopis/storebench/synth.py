"""Synthetic articles varied from real pipeline records, without running the pipeline again.

Articles come as stories of one to three reports (different outlets, the same day, places and
people, so that their events are one occurrence), PER_DAY a day from START. A story takes one
seed and changes, consistently for its reports: the day (every date of the record moves with
it), its cities (drawn from the gazetteer's, the big ones more often), its people (first names
and surnames of the seeds recombined, a few names far more often than the rest) and its figures.
Each report then changes half of the words outside the entities' mentions for words of the
same length from the seeds (so spans still hold, and texts differ as much as real ones do).
Article `i` is the same whenever it is made.
"""
from __future__ import annotations

import calendar
import math
import random
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from .. import gazetteer
from ..records import Article, Count, Entity, Event, TimeExpr

PER_DAY = 300  # articles a day: 10^5 is about eleven months of a busy topic
START = date(2016, 1, 1)
REFERENCE = date(2019, 1, 1)  # the day a seed without a publication date is taken to be from
STORY_SIZES = (1,) * 12 + (2,) * 5 + (3,) * 3  # reports per story, one cycle of 20 stories
CITIES = 400
PEOPLE = 50_000
MUTATED = 0.5  # the share of words outside mentions a report changes
OUTLETS = ("ТАСС", "РИА Новости", "Интерфакс", "РБК", "Коммерсантъ", "Ведомости", "Известия", "Газета.Ru",
           "Лента.ру", "Фонтанка", "Znak", "Новая газета", "Медуза", "Регнум", "ura.ru", "E1.ru", "НГС",
           "Бизнес Online", "Вечерний Петербург", "Российская газета", "Московский комсомолец", "Кавказский узел",
           "Новости Татарстана", "Сибирь.Реалии", "Первый канал", "Россия 24", "Эхо", "Дождь", "Baza", "Mash")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Story:
    number: int
    first: int  # the index of its first article
    size: int


class Variants:
    """Article `i` of an endless chronological stream of stories, from the seed articles."""

    def __init__(self, seeds: list[Article], salt: int = 19):
        self.seeds = seeds
        self.salt = salt
        self.cycle = sum(STORY_SIZES)

    def story(self, i: int) -> tuple[Story, int]:
        """The story article `i` belongs to, and its place in it."""
        cycles, rest = divmod(i, self.cycle)
        for k, size in enumerate(STORY_SIZES):
            if rest < size:
                number = cycles * len(STORY_SIZES) + k
                return Story(number, i - rest, size), rest
            rest -= size
        raise AssertionError("unreachable")

    def boundary(self, i: int) -> int:
        """The first article of a story at or after `i` (stores are filled story by story)."""
        story, position = self.story(i)
        return i if position == 0 else story.first + story.size

    def article(self, i: int) -> Article:
        story, position = self.story(i)
        rng = random.Random(story.number * 1_000_003 + self.salt)
        seed = self.seeds[rng.randrange(len(self.seeds))]
        day = START + timedelta(days=story.first // PER_DAY)
        shift = (day - (_day(seed.published) or REFERENCE)).days
        outlets = rng.sample(OUTLETS, story.size)
        names = {e.id: self._rename(e, rng) for e in seed.entities}
        scale = rng.uniform(0.5, 3)
        own = random.Random(i * 7919 + self.salt)
        text = self._mutate(seed, own)
        return replace(
            seed, id=f"syn{i:07d}", text=text, published=day.isoformat(), outlet=outlets[position],
            url=f"https://news.example/{outlets[position]}/{i}", path=None, raw_text=None, offset_map=None,
            mentions=[], entities=[names[e.id] for e in seed.entities],
            times=[_shift_time(t, shift) for t in seed.times],
            events=[_shift_event(e, shift, scale) for e in seed.events])

    def _rename(self, entity: Entity, rng: random.Random) -> Entity:
        if entity.type == "LOC" and (entity.geo or {}).get("feature") == "city":
            city = self.cities[_rank(rng, len(self.cities))]
            return replace(entity, name=city.name, aliases=[city.name], geo=city.geo())
        if entity.type == "PER":
            person = random.Random(_rank(rng, PEOPLE))
            name = f"{person.choice(self.first_names)} {person.choice(self.surnames)}"
            return replace(entity, name=name, aliases=[name])
        return entity

    def _mutate(self, seed: Article, rng: random.Random) -> str:
        kept = self._kept(seed.id)
        pieces, at = [], 0
        for start, stop in self._words(seed.id):
            if (start, stop) in kept or rng.random() >= MUTATED:
                continue
            options = self.pool.get(stop - start)
            if not options:
                continue
            word = rng.choice(options)
            pieces += [seed.text[at:start], word.capitalize() if seed.text[start].isupper() else word]
            at = stop
        return "".join(pieces) + seed.text[at:]

    def _words(self, seed_id: str) -> list[tuple[int, int]]:
        return self._spans[seed_id][0]

    def _kept(self, seed_id: str) -> set[tuple[int, int]]:
        return self._spans[seed_id][1]

    @cached_property
    def _spans(self) -> dict[str, tuple[list[tuple[int, int]], set[tuple[int, int]]]]:
        """Each seed's words, and those inside an entity's mention or a time expression."""
        spans = {}
        for seed in self.seeds:
            words = [m.span() for m in WORD.finditer(seed.text)]
            covered = [(s, e) for entity in seed.entities for s, e in entity.mentions]
            covered += [(t.start, t.stop) for t in seed.times]
            kept = {(s, e) for s, e in words if any(a <= s and e <= b for a, b in covered)}
            spans[seed.id] = (words, kept)
        return spans

    @cached_property
    def pool(self) -> dict[int, list[str]]:
        """The seeds' words by length, each as often as the seeds use it."""
        pool: dict[int, list[str]] = {}
        for seed in self.seeds:
            for word in WORD.findall(seed.text.lower()):
                pool.setdefault(len(word), []).append(word)
        return pool

    @cached_property
    def cities(self) -> list[gazetteer.Place]:
        """The gazetteer's CITIES most populous cities, three of four in Russia."""
        places = gazetteer.Gazetteer.load().places
        cities = sorted((p for p in places if p.feature == "city"), key=lambda p: -p.population)
        russian = [p for p in cities if p.country == "RU"][:CITIES * 3 // 4]
        return russian + [p for p in cities if p.country != "RU"][:CITIES - len(russian)]

    @cached_property
    def first_names(self) -> list[str]:
        return sorted({" ".join(n.split()[:-1]) for n in self._people if " " in n}) or ["Иван"]

    @cached_property
    def surnames(self) -> list[str]:
        return sorted({n.split()[-1] for n in self._people}) or ["Иванов"]

    @cached_property
    def _people(self) -> set[str]:
        return {e.name for seed in self.seeds for e in seed.entities if e.type == "PER"}


def _rank(rng: random.Random, count: int) -> int:
    """A rank from 0 to count - 1, log-uniform: the first few far more often (Zipf-like)."""
    return min(int(math.exp(rng.random() * math.log(count))) - 1, count - 1)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")] + [1, 1]
        return date(*parts[:3])
    except ValueError:
        return None


def shifted(value: str | None, days: int) -> str | None:
    """A date of any precision moved by `days`: a day by days, a month or a year by whole ones
    (one that cannot move, or is no date of the usual shape, stays as it is)."""
    try:
        parts = [int(p) for p in (value or "")[:10].split("-")]
        if len(parts) == 3:
            return (date(*parts) + timedelta(days=days)).isoformat()
        if len(parts) == 2:
            months = parts[0] * 12 + parts[1] - 1 + round(days / 30.44)
            return date(months // 12, months % 12 + 1, 1).isoformat()[:7]
        return date(parts[0] + round(days / 365.25), 1, 1).isoformat()[:4]
    except (ValueError, OverflowError):
        return value


def _shift_time(t: TimeExpr, days: int) -> TimeExpr:
    return replace(t, value=shifted(t.value, days), end=shifted(t.end, days))


def _shift_event(e: Event, days: int, scale: float) -> Event:
    return replace(e, date=shifted(e.date, days), fatalities=_scaled(e.fatalities, scale),
                   injured=_scaled(e.injured, scale), arrested=_scaled(e.arrested, scale))


def _scaled(count: Count | None, scale: float) -> Count | None:
    if count is None or count.min is None:
        return count
    return replace(count, min=round(count.min * scale),
                   max=round(count.max * scale) if count.max is not None else None)


def month_bounds(day: date) -> tuple[str, str]:
    return day.replace(day=1).isoformat(), day.replace(day=calendar.monthrange(day.year, day.month)[1]).isoformat()
