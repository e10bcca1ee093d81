"""The stage's word lists and rules, read once from data/events/: the code names no trigger, cue or
rule word itself, so the lists grow without touching it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .. import gazetteer


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    with_: frozenset[str]
    gen: str


def _data(name: str) -> str:
    return resources.files("letopis").joinpath(f"data/events/{name}").read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).splitlines() if line.strip() and not line.startswith("#")]


@cache
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in _rows("triggers.tsv"):
        lemma, pos, type_, mode, with_, gen = (row + [""] * 6)[:6]
        trigger = Trigger(lemma, pos, type_, mode or None, frozenset(filter(None, with_.split(";"))), gen)
        table.setdefault((lemma, pos), []).append(trigger)
    return table


@cache
def actor_classes() -> dict[str, int]:
    return {lemma: int(cls) for lemma, cls, *_ in _rows("actor_classes.tsv")}


@cache
def cues() -> dict:
    return yaml.safe_load(_data("modality.yaml"))


@cache
def rules() -> dict:
    return yaml.safe_load(_data("rules.yaml"))


def site_nouns() -> frozenset[str]:
    return gazetteer.site_nouns()
