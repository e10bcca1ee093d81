"""Bounded reading: a .gz that expands to a gigabyte, an endless JSON line, an upload that is
mostly decompression: each is refused at its limit, in bounded time and memory, and the rest of
the batch goes on."""
from __future__ import annotations

import gzip
import io
import json
import zlib

import pytest

from letopis.ingest import Limits, ReadError, read_paths
from letopis.ingest.limits import lines, read_capped
from processes import command, run_measured

TEXT = "Протесты в Казахстане начались 2 января в Мангистауской области из-за повышения цены на газ."


def test_gigabyte_gz_is_refused_fast_and_small(bomb, tmp_path):
    code, seconds, peak, stderr = run_measured(command("ingest", bomb, "--db", tmp_path / "c.duckdb"))
    assert code == 2, stderr
    assert "bomb.txt.gz" in stderr and "too large" in stderr
    assert seconds < 5, f"took {seconds:.1f} s"
    assert peak < 500 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_gigabyte_json_line_is_refused_and_the_next_line_read(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'{"id": "huge", "text": "')
        chunk = "а".encode() * (512 * 1024)
        for _ in range(64):  # 64 MiB on one line
            out.write(chunk)
        out.write(b'"}\n' + json.dumps({"id": "ok", "text": TEXT}, ensure_ascii=False).encode() + b"\n")
    items = list(read_paths([path]))
    assert [i.id for i in items if not isinstance(i, ReadError)] == ["ok"]
    [error] = [i for i in items if isinstance(i, ReadError)]
    assert error.path.endswith("feed.jsonl.gz:1") and "JSON line too large" in error.reason


def test_lines_drop_an_overlong_line_as_it_arrives():
    pieces = [b"short\nlo", b"o" * 50, b"ng\nnext\r\n", b"tail"]
    found = list(lines(pieces, Limits(article=10)))
    assert [(n, x if isinstance(x, bytes) else "error") for n, x in found] == \
        [(1, b"short\n"), (2, "error"), (3, b"next\r\n"), (4, b"tail")]


def test_an_input_past_its_own_cap_stops_with_one_error(tmp_path):
    lines_of = "\n".join(json.dumps({"text": f"{TEXT} {i}"}, ensure_ascii=False) for i in range(200))
    path = tmp_path / "many.jsonl"
    path.write_text(lines_of, encoding="utf-8")
    items = list(read_paths([path], limits=Limits(input=10_000)))
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(errors) == 1 and "input too large" in errors[0].reason
    assert 0 < len(items) - 1 < 200


def test_read_capped_reads_no_further_than_the_limit():
    stream = io.BytesIO(b"x" * 100)
    assert read_capped(stream, 100) == b"x" * 100
    with pytest.raises(ValueError, match="too large"):
        read_capped(io.BytesIO(b"x" * 101), 100)


@pytest.mark.parametrize("data, reason", [
    (gzip.compress(TEXT.encode())[:-12], "broken gzip file"),  # cut short
    (b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"not deflate at all", "broken gzip file"),
    (zlib.compress(TEXT.encode()), "broken gzip file"),  # zlib, not gzip
])
def test_broken_gz_is_a_named_error(tmp_path, data, reason):
    for name in ("a.txt.gz", "a.jsonl.gz"):
        (tmp_path / name).write_bytes(data)
        [error] = list(read_paths([tmp_path / name]))
        assert isinstance(error, ReadError) and reason in error.reason, error
