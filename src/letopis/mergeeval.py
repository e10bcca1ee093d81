"""The cross-article merge, scored on stories several outlets told (tests/fixtures/same_story): one
folder of dated articles and a `stories.json` that says which articles report one occurrence, and
which articles (distractors) report another of the same kind nearby.

Each article's event is its chronicle event of the story's type on the story's day (a distractor
may recall the story's own event as context: that mention joining the story is right). Two articles
are paired when those events are one chronicle event. Recall: the
pairs of one story that are paired. Precision: the pairs that are paired and belong to one story.
A story is whole when all its articles meet in one chronicle event; its differing tolls should then
be kept as disputed.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from .chronicle import Chronicle
from .ingest import read_path


@dataclass
class MergeScore:
    gold_pairs: int = 0
    paired: int = 0
    right: int = 0
    stories: int = 0
    whole: int = 0
    disputed: int = 0  # stories told with differing tolls
    kept_disputed: int = 0  # of those, whole and marked disputed
    split: list[str] = field(default_factory=list)  # stories not whole
    joined: list[tuple[str, str]] = field(default_factory=list)  # pairs paired across occurrences

    @property
    def precision(self) -> float:
        return self.right / self.paired if self.paired else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold_pairs if self.gold_pairs else 1.0


def score(folder: Path, pipeline: Any) -> MergeScore:
    spec = json.loads((folder / "stories.json").read_text(encoding="utf-8"))
    story_of = {name: (s["id"], s["type"]) for s in spec["stories"] for name in s["articles"]}
    story_of |= {d["file"]: (d["file"], d["type"]) for d in spec["distractors"]}
    day_of = {name: s["date"] for s in spec["stories"] for name in s["articles"]}
    day_of |= {d["file"]: d["date"] for d in spec["distractors"]}
    names = sorted(story_of)
    articles = pipeline.run([a for name in names for a in read_path(folder / name)])
    ids = {name: article.id for name, article in zip(names, articles)}
    with tempfile.TemporaryDirectory() as tmp, Chronicle(Path(tmp) / "merge.duckdb") as chronicle:
        chronicle.ingest(articles)
        events = chronicle.events()  # the news a reader sees: history an article recalls is left out
    met: dict[str, set[int]] = {name: set() for name in names}
    name_of = {article_id: name for name, article_id in ids.items()}
    for event in events:
        for source in event["sources"]:
            name = name_of.get(source["article"])
            if (name is not None and event["type"] == story_of[name][1]
                    and event["date_from"] <= day_of[name] <= event["date_to"]):
                met[name].add(event["id"])
    result = MergeScore()
    for a, b in combinations(names, 2):
        same = story_of[a] == story_of[b]
        together = bool(met[a] & met[b]) and story_of[a][1] == story_of[b][1]
        result.gold_pairs += same
        result.paired += together
        result.right += same and together
        if together and not same:
            result.joined.append((a, b))
    for story in spec["stories"]:
        shared = set.intersection(*(met[name] for name in story["articles"]))
        result.stories += 1
        result.whole += bool(shared)
        if not shared:
            result.split.append(story["id"])
        if story.get("fatalities") and story["fatalities"]["min"] != story["fatalities"]["max"]:
            result.disputed += 1
            result.kept_disputed += any(e["id"] in shared and e["disputed"] for e in events)
    return result


def report(result: MergeScore, folder: Path) -> str:
    lines = [f"Cross-article merge ({folder}, {result.stories} stories)",
             f"  pairs       P {result.precision:.3f}  R {result.recall:.3f}  ({result.right} of {result.gold_pairs} "
             f"pairs found, {result.paired} paired)",
             f"  stories     {result.whole} of {result.stories} told as one chronicle event",
             f"  disputed    {result.kept_disputed} of {result.disputed} differing tolls kept as disputed"]
    lines += [f"  split: {story}" for story in result.split]
    lines += [f"  joined apart: {a} + {b}" for a, b in result.joined]
    return "\n".join(lines)
