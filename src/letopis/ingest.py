"""Reading articles from every input format of SCHEMA.md into Article records.

Each input yields an Article, or a ReadError that names the input and the reason,
so one bad file never stops a batch.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from .records import Article

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is kilobytes; beyond this it is not one
RUSSIAN_ENCODINGS = ["utf_8", "cp1251", "koi8_r"]
DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*\n?")
PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
# What a folder walk reads (also inside .gz); a file named on its own is read whatever its name,
# so annotation files, images and the like beside the articles are left alone.
ARTICLE_SUFFIXES = JSON_SUFFIXES | {".txt", ".text", ""}


@dataclass
class ReadError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class InputError(ValueError):
    """An input that cannot become an article; the message says why."""


def read_paths(paths: Iterable[str | Path], published: str | None = None) -> Iterator[Article | ReadError]:
    """Articles from files, folders (recursively) and .gz files, in a stable order."""
    if published is not None:
        published = parse_published(published)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                           and Path(p.name.removesuffix(".gz")).suffix.lower() in ARTICLE_SUFFIXES)
            for file in files:
                yield from read_path(file, published)
        else:
            yield from read_path(path, published)


def read_path(path: Path, published: str | None = None) -> Iterator[Article | ReadError]:
    path = Path(path)
    try:
        data = path.read_bytes()
        name = path.name
        if name.endswith(".gz"):
            data = gunzip(data)
            name = name[:-3]
    except (OSError, InputError) as error:
        yield ReadError(str(path), _reason(error))
        return
    stem = name.split(".")[0] if "." in name else name
    if Path(name).suffix.lower() in JSON_SUFFIXES:
        yield from read_json_lines(path, data, published)
        return
    try:
        yield parse_text(decode(data), id=stem, published=published, path=str(path))
    except InputError as error:
        yield ReadError(str(path), str(error))


def parse_text(text: str, id: str | None = None, published: str | None = None,
               path: str | None = None) -> Article:
    """An article from text that may open with a `date YYYY[-MM[-DD]]` header."""
    header = DATE_HEADER.match(text)
    if header:
        text = text[header.end():]
        published = parse_published(header.group(1), what="date header")
    if not text.strip():
        raise InputError("no article text")
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise InputError(f"article too large ({len(text.encode('utf-8')) / 2**20:.1f} MiB; "
                         f"the limit is {MAX_ARTICLE_BYTES / 2**20:.0f} MiB)")
    return Article(id=id or content_hash(text)[:16], text=text, published=published, path=path)


def parse_published(value: str, what: str = "published date") -> str:
    """Check `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (an ISO timestamp keeps its date)."""
    value = str(value).strip()
    match = PUBLISHED.match(value)
    rest = value[match.end():] if match else value
    if not match or (rest and not rest.startswith(("T", " "))):
        raise InputError(f"malformed {what} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    value = match.group(0)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        raise InputError(f"malformed {what} {value!r}: no such calendar date") from None
    return value


def decode(data: bytes) -> str:
    """Text in UTF-8, Windows-1251 or KOI8-R; anything else is refused with the reason."""
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:4096]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            raise InputError(f"invalid UTF-8 at byte {error.start}") from None
    best = from_bytes(data, cp_isolation=RUSSIAN_ENCODINGS).best()
    if best is None or best.chaos > 0.3:
        raise InputError("not text in UTF-8, Windows-1251 or KOI8-R")
    return str(best)


def content_hash(text: str) -> str:
    """The key of a text everywhere: the store's article hash; its first 16 digits are the id of
    an article that brings none."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with a few broken bytes, as opposed to text in a one-byte encoding."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(1 for c in text if "\u0400" <= c <= "\u04ff") >= 4 * broken


def gunzip(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError) as error:
        raise InputError(f"broken gzip file ({error})") from None


def read_json_lines(path: Path, data: bytes, published: str | None) -> Iterator[Article | ReadError]:
    try:
        text = decode(data)
    except InputError as error:
        yield ReadError(str(path), str(error))
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise InputError("a JSON line must be an object with a string field 'text'")
            date_value = item.get("published") or item.get("date") or published
            article = parse_text(item["text"], id=str(item["id"]) if item.get("id") else None,
                                 published=parse_published(date_value) if date_value else None,
                                 path=where)
        except json.JSONDecodeError as error:
            yield ReadError(where, f"invalid JSON ({error.msg} at column {error.colno})")
            continue
        except InputError as error:
            yield ReadError(where, str(error))
            continue
        article.title, article.outlet, article.url = item.get("title"), item.get("outlet"), item.get("url")
        yield article


def _reason(error: Exception) -> str:
    if isinstance(error, InputError):
        return str(error)
    return f"cannot read ({error.strerror or error})" if isinstance(error, OSError) else str(error)
