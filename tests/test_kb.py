"""The knowledge base: name forms, the KB file, and its two builders (NEREL's links, a Wikidata
dump, locally and on Ray Data)."""
from __future__ import annotations

import bz2
import gzip
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letopis.cli import app
from letopis.kb import Entry, KnowledgeBase, Writer, nerel, wikidata
from letopis.kb.names import lemma_keys, stem

from conftest import WIKIDATA_DUMP


@pytest.mark.parametrize("text, written", [
    ("Назарбаеву", "Назарбаев"),
    ("Нурсултана Назарбаева", "Нурсултан Назарбаев"),
    ("Казахстане", "Казахстан"),
    ("Мангистауской области", "Мангистауская область"),
    ("РИА «Новости»", "РИА Новости"),
    ("Токаева", "Токаев"),  # pymorphy reads «Токаев» as a form of «токай»: every reading is a key
])
def test_an_inflected_name_meets_its_lemmatised_keys(text, written):
    assert set(lemma_keys(text)) & set(lemma_keys(written))


@pytest.mark.parametrize("text, written", [
    ("Алма-Ате", "Алма-Ата"),
    ("Нью-Йорке", "Нью-Йорк"),
    ("Башкортостане", "Башкортостан"),
])
def test_the_inflected_match_form_drops_one_case_ending(text, written):
    assert stem(text) == stem(written)


def test_different_names_do_not_meet():
    assert not set(lemma_keys("Казань")) & set(lemma_keys("Казахстан"))
    assert stem("Казань") != stem("Казахстан")


# --- the KB file --------------------------------------------------------------------------------

def test_priors_of_one_lemma_sum_to_one(tmp_path):
    with Writer(tmp_path / "kb.sqlite", "test") as writer:
        writer.add(Entry("Q1", "LOC", "Барселона", aliases={"Барселона": (3.0, True), "Барселоне": (1.0, True)}))
        writer.add(Entry("Q2", "ORG", "Барселона", aliases={"Барселона": (4.0, True)}))
    kb = KnowledgeBase(tmp_path / "kb.sqlite")
    matches = kb.matches("Барселоны")
    assert {m.qid for m in matches} == {"Q1", "Q2"}
    assert sum(m.prior for m in matches) == pytest.approx(1.0)
    assert {m.qid: m.prior for m in matches if m.alias == "Барселона"} == {"Q1": 3 / 8, "Q2": 4 / 8}


def test_a_failed_build_leaves_the_old_kb(tmp_path):
    path = tmp_path / "kb.sqlite"
    with Writer(path, "first") as writer:
        writer.add(Entry("Q1", "LOC", "Барселона", aliases={"Барселона": (1.0, True)}))
    with pytest.raises(RuntimeError), Writer(path, "second") as writer:
        writer.add(Entry("Q2", "ORG", "Интер", aliases={"Интер": (1.0, True)}))
        raise RuntimeError("stopped mid-build")
    kb = KnowledgeBase(path)
    assert (kb.source, len(kb)) == ("first", 1)
    assert not list(tmp_path.glob("*.part"))


def test_no_file_is_the_empty_kb(tmp_path):
    for kb in (KnowledgeBase(None), KnowledgeBase(tmp_path / "absent.sqlite")):
        assert len(kb) == 0 and kb.matches("Казахстан") == [] and kb.entry("Q232") is None


# --- NEREL --------------------------------------------------------------------------------------

NEREL_TEXT = ("Президент Казахстана Нурсултан Назарбаев прилетел в Алма-Ату. "
              "Назарбаев встретился с Даригой Назарбаевой.")


def _nerel_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "1.txt").write_text(NEREL_TEXT, encoding="utf-8")

    def span(piece: str, after: int = 0) -> str:
        start = NEREL_TEXT.index(piece, after)
        return f"{start} {start + len(piece)}\t{piece}"
    lines = [
        f"T1\tPROFESSION {span('Президент Казахстана')}",
        f"T2\tCOUNTRY {span('Казахстана')}",
        f"T3\tPERSON {span('Нурсултан Назарбаев')}",
        f"T4\tCITY {span('Алма-Ату')}",
        f"T5\tPERSON {span('Назарбаев', 70)}",
        f"T6\tPERSON {span('Даригой Назарбаевой')}",
        "R1\tWORKS_AS Arg1:T3 Arg2:T1\t",
        "R2\tLOCATED_IN Arg1:T4 Arg2:T2\t",
        "N1\tReference T2 Wikidata:Q232\tКазахстан",
        "N2\tReference T3 Wikidata:Q57394\tНурсултан Абишевич Назарбаев",
        "N3\tReference T4 Wikidata:Q35493\tАлма-Ата",
        "N4\tReference T5 Wikidata:Q57394\tНурсултан Абишевич Назарбаев",
        "N5\tReference T6 Wikidata:NULL\tнет данных",
        "N6\tReference T99 Wikidata:Q1\tссылка на отсутствующее упоминание",
        "N7\tReference T3 Wikida",  # a line the annotation tool broke
    ]
    (folder / "1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_nerel_links_make_entries(tmp_path, models):
    entries = {e.qid: e for e in nerel.entries(nerel.read(_nerel_folder(tmp_path / "nerel")), models.gazetteer)}
    assert set(entries) == {"Q232", "Q57394", "Q35493"}  # NULL and broken links make none
    person = entries["Q57394"]
    assert (person.type, person.label) == ("PER", "Нурсултан Абишевич Назарбаев")
    assert person.aliases["Нурсултан Назарбаев"] == (1.0, True)
    assert person.aliases["Назарбаев"] == (1.0, True)  # met as written; else it would be derived
    assert person.description == "президент казахстан"
    city = entries["Q35493"]
    assert city.country == "Q232"  # LOCATED_IN
    assert city.geonames_id == 1526384 and round(city.lat) == 43  # the gazetteer's Алма-Ата
    assert entries["Q232"].type == "LOC"


def test_person_short_names():
    assert nerel.person_short_names("Нурсултан Абишевич Назарбаев") == ["Нурсултан Назарбаев", "Назарбаев"]
    assert nerel.person_short_names("Коми, Джеймс") == ["Джеймс Коми", "Коми"]
    assert nerel.person_short_names("Мадонна") == []


# --- Wikidata -----------------------------------------------------------------------------------

def _rows(path: Path) -> list[tuple]:
    db = sqlite3.connect(path)
    return (db.execute("SELECT * FROM entities ORDER BY qid").fetchall()
            + db.execute("SELECT qid, alias, lemma, stem, count, attested, prior FROM aliases "
                         "ORDER BY qid, alias").fetchall())


def test_wikidata_dump_keeps_people_organisations_and_places(wikidata_kb):
    kb = KnowledgeBase(wikidata_kb)
    assert len(kb) == 8
    # a painting, an item named in English only, a property and a broken line are left out
    assert all(kb.entry(q) is None for q in ("Q12418", "Q60", "P31", "Q99999999"))
    assert [kb.entry(q).type for q in ("Q57394", "Q318693", "Q35493")] == ["PER", "ORG", "LOC"]
    city = kb.entry("Q35493")
    assert (city.label, city.country, city.geonames_id, city.lat, city.lon) == (
        "Алма-Ата", "Q232", 1526384, 43.2775, 76.8958)
    assert city.description == "крупнейший город Казахстана"
    aliases = {a: (count, attested) for a, count, attested in kb.aliases("Q57394")}
    # the label counts twice an alias; a surname cut from the label is derived, at half
    assert aliases == {"Нурсултан Абишевич Назарбаев": (10.0, True), "Елбасы": (5.0, True),
                       "Нурсултан Назарбаев": (2.5, False), "Назарбаев": (2.5, False)}
    assert {m.qid for m in kb.matches("Алматы")} == {"Q35493"}


def test_compressed_dumps_give_the_same_kb(tmp_path, wikidata_kb):
    data = WIKIDATA_DUMP.read_bytes()
    for name, pack in (("dump.json.gz", gzip.compress), ("dump.json.bz2", bz2.compress), ("dump", bz2.compress)):
        (tmp_path / name).write_bytes(pack(data))
        wikidata.build(tmp_path / name, tmp_path / f"{name}.sqlite")
        assert _rows(tmp_path / f"{name}.sqlite") == _rows(wikidata_kb), name


@pytest.mark.parametrize("name, pack", [("dump.json", None), ("dump.json.bz2", bz2.compress)])
def test_the_ray_engine_builds_the_same_kb(tmp_path, wikidata_kb, name, pack):
    """Plain: read in byte ranges (a line straddling a cut belongs to the range before); bz2: one stream."""
    from letopis.kb import ray_build
    data = WIKIDATA_DUMP.read_bytes()
    (tmp_path / name).write_bytes(pack(data) if pack else data)
    if not pack:
        assert len(ray_build._ranges(str(tmp_path / name), 7)) == 7
    wikidata.build(tmp_path / name, tmp_path / "ray.sqlite", engine="ray")
    assert _rows(tmp_path / "ray.sqlite") == _rows(wikidata_kb)


def test_kb_build_and_info_commands(tmp_path, wikidata_kb):
    runner = CliRunner()
    out = tmp_path / "cli.sqlite"
    result = runner.invoke(app, ["kb", "build", "--from-wikidata", str(WIKIDATA_DUMP), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _rows(out) == _rows(wikidata_kb)
    result = runner.invoke(app, ["kb", "info", str(out)])
    assert result.exit_code == 0 and "8 entities" in result.output
    assert runner.invoke(app, ["kb", "build", str(WIKIDATA_DUMP), "--out", str(out)]).exit_code == 2
    result = runner.invoke(app, ["kb", "build", "--from-nerel", str(tmp_path / "absent"), "--out", str(out)])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["kb", "build", "--from-nerel", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 2 and "no NEREL entity links" in result.output
    assert runner.invoke(app, ["kb", "info", str(tmp_path / "absent.sqlite")]).exit_code == 1


def test_letopis_kb_names_the_default_kb(monkeypatch, wikidata_kb):
    from letopis import kb
    from letopis.models import Models
    monkeypatch.setenv("LETOPIS_KB", str(wikidata_kb))
    assert kb.default_path() == wikidata_kb
    assert Models().kb.entry("Q232").label == "Казахстан"
    assert Models(kb_path=wikidata_kb.parent / "absent.sqlite").kb.entry("Q232") is None
