"""The folder walk: sorted paths, links to folders followed once, a link that loops reported,
and a folder with more files than the limit refused whole, before any is read."""
from __future__ import annotations

import os

from letopis.ingest import Limits, ReadError, read_paths
from letopis.ingest.walk import walk
from processes import letopis

TEXT = "Протесты в Казахстане начались 2 января в Мангистауской области из-за повышения цены на газ."


def _articles(tmp_path, names):
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{TEXT} ({name})", encoding="utf-8")


def test_walk_is_sorted_and_skips_what_is_not_an_article(tmp_path):
    _articles(tmp_path, ["b.txt", "a/z.txt", "a/b/c.jsonl", "a/b.txt", ".hidden.txt", "a/notes.ann", "d.txt.gz"])
    found = [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path, 100)]
    assert found == ["a/b/c.jsonl", "a/b.txt", "a/z.txt", "b.txt", "d.txt.gz"]
    assert found == sorted(found, key=lambda p: p.split("/"))


def test_link_loop_is_reported_and_the_rest_is_read(tmp_path):
    _articles(tmp_path, ["feeds/one.txt", "feeds/kz/two.txt", "elsewhere/three.txt"])
    os.symlink(tmp_path / "feeds", tmp_path / "feeds" / "kz" / "back")  # feeds/kz/back → feeds
    os.symlink(tmp_path / "elsewhere", tmp_path / "feeds" / "more")  # a link to another folder: followed
    os.symlink(tmp_path / "elsewhere", tmp_path / "feeds" / "same")  # the same folder again: walked once
    items = list(read_paths([tmp_path / "feeds"]))
    [loop] = [i for i in items if isinstance(i, ReadError)]
    assert loop.path == str(tmp_path / "feeds" / "kz" / "back") and "loops back" in loop.reason
    assert sorted(a.id for a in items if not isinstance(a, ReadError)) == ["one", "three", "two"]


def test_too_many_files_refuses_the_folder_before_reading(tmp_path):
    _articles(tmp_path, [f"in/{i}.txt" for i in range(5)])
    [error] = list(read_paths([tmp_path / "in"], limits=Limits(files=4)))
    assert error.path == str(tmp_path / "in") and "more than 4 files" in error.reason
    assert len([a for a in read_paths([tmp_path / "in"], limits=Limits(files=5))]) == 5


def test_max_files_option(tmp_path):
    _articles(tmp_path, [f"in/{i}.txt" for i in range(3)])
    refused = letopis("ingest", tmp_path / "in", "--db", tmp_path / "c.duckdb", "--max-files", "2")
    assert refused.returncode == 2 and "more than 2 files" in refused.stderr and "--max-files" in refused.stderr
    listed = letopis("extract", tmp_path / "in", "--max-files", "2")
    assert listed.returncode == 2 and listed.stdout == ""
