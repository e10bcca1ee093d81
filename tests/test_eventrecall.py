"""Recall of NEREL's EVENT mentions by family (letopis.eventrecall)."""
from __future__ import annotations

import json
from pathlib import Path

from letopis.eventrecall import families, measure, nerel_id, nerel_texts, report

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


def test_every_family_lemma_is_a_trigger_or_left_out_with_a_reason():
    """The trigger table covers NEREL's violence, protest, coercion and crime lemmas; the ones it
    does not are named, each with its reason, in the families table's header."""
    from importlib import resources

    from letopis.eventrecall import families
    from letopis.events.lexicon import triggers
    header = resources.files("letopis").joinpath("data/events/nerel_families.tsv").read_text("utf-8")
    listed = next(line for line in header.splitlines() if line.startswith("# no trigger:"))
    untriggered = {w.strip() for w in listed.split(":", 1)[1].split(",")}
    lemmas = {lemma for lemma, _ in triggers()}
    missing = {lemma for lemma in families() if lemma not in lemmas and lemma not in untriggered}
    assert not missing
    assert all(f"#   {lemma}:" in header for lemma in untriggered)


def test_offsets_of_the_text_as_read_meet_the_cleaned_text(tmp_path, pipeline):
    # NEREL's offsets count the raw file; cleanup drops the doubled spaces and blank lines
    # before the second sentence, which would move every later mention off its word
    raw = "Боевики  обстреляли рынок в Кандагаре.\n\n\n\nПолиция   задержала двух подозреваемых."
    folder = tmp_path / "nerel"
    folder.mkdir()
    (folder / "1_text.txt").write_text(raw, encoding="utf-8")
    spans = [(w, raw.index(w)) for w in ("обстреляли", "задержала")]
    (folder / "1_text.ann").write_text(
        "".join(f"T{i}\tEVENT {a} {a + len(w)}\t{w}\n" for i, (w, a) in enumerate(spans, 1)), encoding="utf-8")
    total, hit, missed = measure(folder, pipeline)
    assert (total["violence"], total["coercion"]) == (1, 1) and missed == []


def test_every_annotated_text_is_read_whatever_its_name(shared):
    """Most NEREL texts are «<id>_text.txt», some only «<id>.txt» (dev: 10 of 94, among them
    «last_15.txt»): the measures read them all."""
    dev = shared / "data/nerel/dev"
    texts = nerel_texts(dev)
    assert len(texts) == len(list(dev.glob("*.ann")))
    assert {nerel_id(p) for p in texts} >= {"last_15", "120043"}
    assert "last_15" not in {nerel_id(p) for p in nerel_texts(dev, skip={"last_15"})}
