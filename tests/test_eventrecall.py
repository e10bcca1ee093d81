"""Recall of NEREL's EVENT mentions by family (letopis.eventrecall)."""
from __future__ import annotations

import json
from pathlib import Path

from letopis.eventrecall import families, measure, report

TEXT = ("Боевики обстреляли рынок в Кандагаре. Полиция задержала двух подозреваемых. "
        "Вечером в городе прошёл концерт.")


def _brat(folder: Path) -> None:
    """One article with three EVENT mentions: two in families, one (a concert) in none."""
    folder.mkdir()
    (folder / "1_text.txt").write_text(TEXT, encoding="utf-8")
    spans = [(w, TEXT.index(w)) for w in ("обстреляли", "задержала", "концерт")]
    (folder / "1_text.ann").write_text(
        "".join(f"T{i}\tEVENT {a} {a + len(w)}\t{w}\n" for i, (w, a) in enumerate(spans, 1)), encoding="utf-8")


def test_family_table_covers_the_ontology_cues():
    table = families()
    assert table["взрыв"] == "violence" and table["митинг"] == "protest" and table["задержать"] == "coercion"
    assert "выборы" not in table and "концерт" not in table


def test_mentions_inside_an_event_are_found(tmp_path, pipeline):
    _brat(tmp_path / "nerel")
    total, hit, missed = measure(tmp_path / "nerel", pipeline)
    assert (total["violence"], hit["violence"], total["coercion"], hit["coercion"]) == (1, 1, 1, 1)
    assert missed == []  # the concert belongs to no family, so it is not counted


def test_held_out_articles_are_left_out(pipeline, shared):
    held_out = {Path(json.loads(p.read_text("utf-8"))["article"]).name.split("_")[0]
                for p in (Path(__file__).parent / "gold" / "heldout").glob("*.json")}
    text = report(shared / "data/nerel/dev", pipeline, held_out, show=1000)
    missed_in = {line.split()[2] for line in text.splitlines() if line.strip().startswith("missed")}
    assert "overall" in text and missed_in and not missed_in & held_out
