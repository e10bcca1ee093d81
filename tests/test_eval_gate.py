"""The eval gate: a figure that drops below its recorded floor fails CI (floors in eval_floors.json)."""
import json
from pathlib import Path

import pytest

from letopis import eventrecall, linkeval
from letopis.evaluate import evaluate_dir, figures, load_gold

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text("utf-8"))
LINKS = "shared/data/nerel/dev"  # NEREL dev's Wikidata links, scored by letopis.linkeval
EVENT_RECALL = "shared/data/nerel/dev EVENT"  # NEREL dev's EVENT mentions, by letopis.eventrecall
GOLD = Path(__file__).parent / "gold"


def event_recall(pipeline, shared: Path) -> dict[str, float]:
    """Overall recall of NEREL dev's violence, protest, coercion and crime mentions, the texts of
    our held-out gold left out (as `make eval` does)."""
    held_out = {eventrecall.nerel_id(g["article"]) for d in GOLD.glob("heldout*") for g in load_gold(d)
                if "nerel/" in g["article"]}
    total, hit, _ = eventrecall.measure(shared / "data/nerel/dev", pipeline, held_out)
    return {"recall": sum(hit.values()) / sum(total.values())}


def measure(gold_dir: str, pipeline, shared: Path) -> dict[str, float]:
    if gold_dir == EVENT_RECALL:
        return event_recall(pipeline, shared)
    if gold_dir == LINKS:
        return linkeval.figures(linkeval.measure(shared, pipeline.models)[0])
    path = shared / gold_dir[len("shared/"):] if gold_dir.startswith("shared/") else Path(__file__).parent.parent / gold_dir
    return figures(evaluate_dir(path, pipeline, shared))


@pytest.mark.parametrize("gold_dir", sorted(FLOORS))
def test_figures_stay_above_their_floors(gold_dir, pipeline, shared):
    measured = measure(gold_dir, pipeline, shared)
    below = {name: (measured.get(name), floor) for name, floor in FLOORS[gold_dir].items()
             if measured.get(name, 0.0) < floor}
    assert not below, f"figures below their floor (measured, floor): {below}"
