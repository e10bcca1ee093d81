"""The store end to end with the real pipeline: ingest, idempotency, errors, a SIGKILL mid-ingest,
the 746 NEREL train articles, and the CLI commands."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import letopis.cli.store  # noqa: F401  (registers the store commands)
from letopis.chronicle import Chronicle
from letopis.cli import app
from test_chronicle import FIXTURES, hand_annotated

CITIES = ["Самаре", "Казани", "Перми", "Уфе", "Томске", "Омске", "Твери", "Туле", "Орле", "Курске",
          "Липецке", "Рязани"]
TOPICS = ["против повышения тарифов ЖКХ", "в защиту городского парка", "за ремонт дорог",
          "против закрытия больницы", "против строительства мусорного полигона"]


def _generated_corpus(folder: Path, count: int = 60) -> list[Path]:
    """Short distinct Russian news items, one file each, with a date header."""
    paths = []
    for i in range(count):
        city, topic = CITIES[i % len(CITIES)], TOPICS[i % len(TOPICS)]
        day, people = 1 + i % 28, 50 + 37 * i
        text = (f"date 2023-05-{day:02d}\nВ {city} {day} мая прошел митинг {topic}. По оценке полиции, "
                f"на площадь вышли около {people} человек. Организаторы заявили, что соберут "
                f"{people * 3 + i} подписей и направят обращение губернатору. Акция №{i} прошла без задержаний.")
        path = folder / f"news{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def private_dir():
    """A temporary folder of our own: pytest's tmp_path base may be pruned by pytest sessions that
    other users of a shared machine start while a long test runs."""
    with tempfile.TemporaryDirectory(prefix="letopis-") as folder:
        yield Path(folder)


def _integrity(db: Path) -> dict[str, int]:
    """Counts, after checking that no article is stored twice and nothing hangs without its article."""
    with Chronicle(db) as c:
        def q(sql: str) -> int:
            return c.db.execute(sql).fetchone()[0]
        assert q("SELECT count(*) - count(DISTINCT hash) FROM articles") == 0
        for table in ("mentions", "times", "quotes", "events", "search_docs"):
            assert q(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)") == 0
        assert q("SELECT count(*) FROM search_docs WHERE kind = 'article'") == q("SELECT count(*) FROM articles")
        return c.counts()


def test_real_pipeline_ingest_is_idempotent(tmp_path, pipeline):
    db = tmp_path / "s.duckdb"
    with Chronicle(db) as c:
        report = c.ingest_paths([FIXTURES / "articles.jsonl"], pipeline=pipeline)
        assert (report.read, report.added, report.errors) == (6, 6, 0)
        assert c.article("gazeta-kandahar")["duplicate_of"] == "tass-kandahar"
        assert c.article("vlast-almaty")["outlet"] == "Vlast.kz"
        assert {"Кандагар", "Афганистан"} <= {e["name"] for e in c.entities()}
        assert c.search("Кандагара")
        for article in c.articles():  # the lead, kept with the article: its text's first line
            first = c.article(article["id"])["text"].strip().split("\n")[0].strip()
            assert article["lead"] == first[:160], article["id"]
    counts = _integrity(db)
    with Chronicle(db) as c:
        report = c.ingest_paths([FIXTURES / "articles.jsonl"], pipeline=pipeline)
        assert (report.added, report.known) == (0, 6)
    assert _integrity(db) == counts


def test_failed_inputs_go_to_errors_and_the_batch_goes_on(tmp_path, pipeline):
    (tmp_path / "in").mkdir()
    good = tmp_path / "in" / "good.txt"
    good.write_text("date 2024-01-10\nВ Туле прошел митинг против закрытия больницы.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "in" / "photo.txt").write_bytes(b"\x89PNG\x00\x00\x00binary")
    with Chronicle(tmp_path / "e.duckdb") as c:
        report = c.ingest_paths([tmp_path / "in"], pipeline=pipeline)
        assert (report.added, report.errors) == (1, 2)
        errors = dict(c.db.execute("SELECT path, reason FROM errors").fetchall())
        assert "empty" in errors[str(tmp_path / "in" / "empty.txt")]
        assert "binary" in errors[str(tmp_path / "in" / "photo.txt")]
        c.ingest_paths([tmp_path / "in"], pipeline=pipeline)
        assert c.counts()["errors"] == 2  # an error is recorded once


KILLABLE = textwrap.dedent("""
    import sys
    from letopis.chronicle import Chronicle
    with Chronicle(sys.argv[1]) as c:
        c.ingest_paths(sys.argv[2:], batch_size=4, progress=lambda k: print("committed", k, flush=True))
""")


def test_sigkill_midway_keeps_committed_articles_and_resumes(private_dir):
    tmp_path = private_dir
    paths = [str(p) for p in _generated_corpus(tmp_path)]
    db = tmp_path / "k.duckdb"
    child = subprocess.Popen([sys.executable, "-c", KILLABLE, str(db), *paths],
                             stdout=subprocess.PIPE, text=True)
    committed = 0
    for line in child.stdout:
        committed += int(line.split()[1])
        if committed >= 12:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    kept = _integrity(db)["articles"]
    assert 12 <= kept < 60
    subprocess.run([sys.executable, "-c", KILLABLE, str(db), *paths], check=True, stdout=subprocess.DEVNULL)
    resumed = _integrity(db)
    assert resumed["articles"] == 60, resumed
    clean = tmp_path / "clean.duckdb"
    subprocess.run([sys.executable, "-c", KILLABLE, str(clean), *paths], check=True, stdout=subprocess.DEVNULL)
    assert resumed == _integrity(clean)  # as if it had never been killed


@pytest.mark.slow
def test_nerel_train_ingest_with_progress_and_no_rows_on_reingest(shared, private_dir):
    tmp_path = private_dir
    texts = sorted(str(p) for p in (shared / "data" / "nerel" / "train").glob("*.txt"))
    assert len(texts) == 746
    db = str(tmp_path / "nerel.duckdb")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", *texts, "--db", db])
    assert first.exit_code == 0, first.output
    assert "746/746" in first.stderr and "746 added" in first.stderr
    assert first.stdout == ""  # data only goes to stdout; this command prints none
    counts = _integrity(Path(db))
    assert counts["articles"] == 746 and counts["entities"] > 1000
    second = runner.invoke(app, ["ingest", *texts, "--db", db])
    assert second.exit_code == 0 and "746 already stored" in second.stderr
    assert _integrity(Path(db)) == counts


@pytest.fixture
def annotated_db(tmp_path) -> str:
    with Chronicle(tmp_path / "a.duckdb") as c:
        c.ingest(hand_annotated())
    return str(tmp_path / "a.duckdb")


def test_cli_chronicle_search_entity_export(annotated_db, tmp_path):
    runner = CliRunner()
    table = runner.invoke(app, ["chronicle", "--db", annotated_db, "--place", "Афганистан"],
                          env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "Кандагар" in table.stdout and "26 (disputed: 26/28/30)" in table.stdout
    assert "Герат" in table.stdout
    only = runner.invoke(app, ["chronicle", "--db", annotated_db, "--place", "Герат", "--format", "jsonl"])
    assert [json.loads(line)["place"] for line in only.stdout.splitlines()] == ["Герат"]
    found = runner.invoke(app, ["search", "Токаева", "--db", annotated_db, "--format", "jsonl"])
    assert '"article": "vlast-almaty"' in found.stdout
    person = runner.invoke(app, ["entity", "Хашима", "--db", annotated_db])
    assert person.exit_code == 0 and "Мохаммад Хашим" in person.stdout and "tass-kandahar" in person.stdout
    out = tmp_path / "c.geojson"
    exported = runner.invoke(app, ["export", "--format", "geojson", "--db", annotated_db, "--out", str(out)])
    assert exported.exit_code == 0 and '"Point"' in out.read_text(encoding="utf-8")
    assert "2 events exported" in exported.stderr


def test_cli_chronicle_without_events_shows_entities_and_articles(tmp_path):
    db = tmp_path / "n.duckdb"
    articles = hand_annotated()
    for article in articles:
        article.events = []
    with Chronicle(db) as c:
        c.ingest(articles)
    result = CliRunner().invoke(app, ["chronicle", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Entities" in result.stdout and "Афганистан" in result.stdout
    assert "Articles" in result.stdout and "tass-kandahar" in result.stdout
