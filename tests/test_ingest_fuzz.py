"""Property tests of the readers (hypothesis): any bytes, any JSON line, any text in, and out
come Articles or ReadErrors naming the input; no exception escapes, and every Article keeps the
readers' promises (text, size, id, date). Bounded: a fixed number of examples, no database."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letopis.ingest import MAX_ARTICLE_BYTES, InputError, Limits, ReadError, decode, parse_published, parse_text
from letopis.ingest import read_json_lines, read_path
from letopis.ingest.limits import lines
from letopis.records import Article

BOUNDED = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
NAMES = ["a.txt", "a.jsonl", "a.ndjson", "a", "a.txt.gz", "a.jsonl.gz", "a.json.gz"]
RUSSIAN = st.text(alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВ .,\n\t«»—-0123456789"))

# Bytes that look like the inputs, and bytes that do not.
TEXTLIKE = st.one_of(
    st.binary(max_size=2000),
    RUSSIAN.map(lambda t: t.encode("utf-8")),
    RUSSIAN.map(lambda t: t.encode("cp1251", errors="replace")),
    RUSSIAN.map(lambda t: t.encode("koi8_r", errors="replace")),
    st.tuples(st.sampled_from(["date ", "date 2022-", " date 2022-13-40\n", ""]), RUSSIAN)
      .map(lambda p: (p[0] + p[1]).encode("utf-8")),
)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=8)
JSON_LINES = st.dictionaries(st.sampled_from(["text", "id", "published", "date", "title", "outlet", "url", "x"]),
                             JSON_VALUES | RUSSIAN, max_size=6).map(lambda d: json.dumps(d, ensure_ascii=False)) | \
    st.sampled_from(['{"text": "\\ud800 половина пары"}', "[" * 100_000 + "]" * 100_000,
                     '{"text": "Текст", "id": {"a": [1]}, "published": 2022, "title": 5}',
                     '{"text": "Текст", "date": "2022-02-30"}', '{"text": "Текст", "published": [2022]}'])


def _kept_promises(items: list) -> None:
    for item in items:
        assert isinstance(item, (Article, ReadError)), item
        if isinstance(item, ReadError):
            assert item.path and item.reason
            continue
        assert item.text.strip() and len(item.text.encode("utf-8")) <= MAX_ARTICLE_BYTES
        assert isinstance(item.id, str) and item.id
        assert item.published is None or parse_published(item.published) == item.published
        assert all(v is None or isinstance(v, str) for v in (item.title, item.outlet, item.url))


@BOUNDED
@given(data=TEXTLIKE, name=st.sampled_from(NAMES), packed=st.booleans())
def test_any_file_is_articles_or_named_errors(tmp_path_factory, data, name, packed):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(gzip.compress(data) if packed and name.endswith(".gz") else data)
    _kept_promises(list(read_path(path)))


@BOUNDED
@given(rows=st.lists(JSON_LINES | RUSSIAN | st.binary(max_size=200).map(lambda b: b.decode("latin-1")), max_size=8),
       ending=st.sampled_from(["\n", "\r\n"]), limit=st.sampled_from([40, 5 * 2**20]))
def test_any_json_lines_are_articles_or_named_errors(rows, ending, limit):
    data = ending.join(rows).encode("utf-8", errors="surrogatepass")
    items = list(read_json_lines(Path("feed.jsonl"), io.BytesIO(data), None, Limits(article=limit)))
    _kept_promises(items)
    assert all(i.path.startswith("feed.jsonl") for i in items)


@BOUNDED
@given(text=st.text() | RUSSIAN, published=st.none() | st.text(max_size=12), header=st.booleans())
def test_any_text_is_an_article_or_an_input_error(text, published, header):
    try:
        published = parse_published(published) if published else None
        article = parse_text(text, published=published, header=header)
    except InputError:
        return
    _kept_promises([article])


@BOUNDED
@given(data=TEXTLIKE)
def test_any_bytes_decode_or_are_refused(data):
    try:
        assert isinstance(decode(data), str)
    except InputError as error:
        assert str(error)


@BOUNDED
@given(pieces=st.lists(st.binary(max_size=30) | st.sampled_from([b"\n", b"\r\n", b"x" * 20]), max_size=12),
       limit=st.integers(min_value=1, max_value=25))
def test_lines_come_back_whole_or_as_one_error(pieces, limit):
    found = list(lines(pieces, Limits(article=limit)))
    assert [n for n, _ in found] == list(range(1, len(found) + 1))
    whole = b"".join(pieces).split(b"\n")
    kept = [x for _, x in found if isinstance(x, bytes)]
    assert all(len(x.rstrip(b"\r\n")) <= limit for x in kept)
    if all(len(line.rstrip(b"\r")) <= limit for line in whole):
        assert b"".join(kept) == b"".join(pieces)  # nothing lost when nothing is over the limit
