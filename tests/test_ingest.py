import gzip
import json

import pytest

from letopis.ingest import ReadError, parse_published, read_paths

TEXT = ("Протесты в Казахстане начались 2 января в Мангистауской области из-за повышения цены "
        "на сжиженный газ. Затем на митинги стали выходить жители других городов.")


def split(items):
    articles = [i for i in items if not isinstance(i, ReadError)]
    errors = [i for i in items if isinstance(i, ReadError)]
    return articles, errors


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8_r"])
def test_encodings_are_detected(tmp_path, encoding):
    (tmp_path / "news.txt").write_bytes(TEXT.encode(encoding))
    [article] = list(read_paths([tmp_path / "news.txt"]))
    assert article.text == TEXT
    assert article.id == "news"


def test_date_header_sets_published(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2022-01 " + TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2022-01-05\n" + TEXT, encoding="utf-8")
    [a, b] = list(read_paths([tmp_path]))
    assert (a.published, b.published) == ("2022-01", "2022-01-05")
    assert a.text.strip() == TEXT and b.text == TEXT


def test_plain_text_takes_published_from_caller(tmp_path):
    (tmp_path / "plain.txt").write_text(TEXT, encoding="utf-8")
    [article] = list(read_paths([tmp_path], published="2022-01-07"))
    assert article.published == "2022-01-07"


def test_json_lines_folder_and_gzip(tmp_path):
    lines = [{"id": "kz-1", "text": TEXT, "date": "2022-01-06", "outlet": "Интерфакс"},
             {"text": TEXT + " Ещё одно предложение.", "published": "2022-01-07T10:00:00"}]
    nested = tmp_path / "feeds" / "kz"
    nested.mkdir(parents=True)
    (nested / "a.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    (nested / "b.txt.gz").write_bytes(gzip.compress(("date 2022-01-08 " + TEXT).encode("cp1251")))
    articles, errors = split(list(read_paths([tmp_path])))
    assert not errors
    assert [a.id for a in articles][0] == "kz-1"
    assert articles[0].outlet == "Интерфакс" and articles[0].published == "2022-01-06"
    assert len(articles[1].id) == 16 and articles[1].published == "2022-01-07"  # content hash id
    assert articles[2].id == "b" and articles[2].published == "2022-01-08"


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 40, "binary"),
    ("broken.txt", TEXT.encode()[:40] + b"\xff\xfe" + TEXT.encode()[42:], "invalid UTF-8"),
    ("huge.txt", ("Очень длинная статья о протестах. " * 700_000).encode(), "too large"),
    ("baddate.txt", ("date 2022-13-40 " + TEXT).encode(), "malformed date header"),
    ("junk.txt.gz", b"not gzip at all", "gzip"),
])
def test_bad_inputs_are_reported_and_batch_goes_on(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "zz_good.txt").write_text(TEXT, "utf-8")
    articles, errors = split(list(read_paths([tmp_path])))
    assert [a.id for a in articles] == ["zz_good"]
    [error] = errors
    assert name in error.path and reason in error.reason


def test_broken_json_line_loses_only_itself(tmp_path):
    good = json.dumps({"id": "ok", "text": TEXT}, ensure_ascii=False)
    (tmp_path / "feed.jsonl").write_text(good + "\n{\"text\": \"оборвано\n" + good.replace("ok", "ok2"), "utf-8")
    articles, errors = split(list(read_paths([tmp_path])))
    assert [a.id for a in articles] == ["ok", "ok2"]
    assert errors[0].path.endswith("feed.jsonl:2") and "invalid JSON" in errors[0].reason


@pytest.mark.parametrize("value, expected", [("2022", "2022"), ("2022-01", "2022-01"),
                                             ("2022-01-05", "2022-01-05"), ("2022-01-05T08:00:00Z", "2022-01-05")])
def test_published_forms(value, expected):
    assert parse_published(value) == expected


def test_missing_file_is_reported(tmp_path):
    [error] = list(read_paths([tmp_path / "nowhere.txt"]))
    assert isinstance(error, ReadError) and "nowhere.txt" in str(error)


def test_folder_walk_reads_articles_not_their_neighbours(tmp_path):
    (tmp_path / "news.txt").write_text(TEXT, "utf-8")
    (tmp_path / "news.ann").write_text("T1\tPERSON 0 5\tТокаев", "utf-8")  # BRAT annotations
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)))
    (tmp_path / "wire").write_text(TEXT, "utf-8")  # no suffix: read
    articles, errors = split(list(read_paths([tmp_path])))
    assert [a.id for a in articles] == ["news", "wire"] and not errors
    [article] = list(read_paths([tmp_path / "news.ann"]))  # named on its own: read as text
    assert article.id == "news"
