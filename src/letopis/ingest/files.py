"""Files into Articles: plain text (optionally opening with a `date` header), JSON Lines, HTML
pages, Telegram exports (a `.json` file that is one document), any of them gzipped. Each input yields Articles or a ReadError that names it and the reason, so one bad file
never stops a batch; every input is read in bounded pieces (limits.py)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from ..records import Article
from .limits import Limits, chunks, lines, open_input, read_capped
from .html import HTML_SUFFIXES, read_html
from .telegram import is_export, read_export
from .text import InputError, ReadError, decode, encoding, load_json, parse_published, parse_text
from .walk import JSON_SUFFIXES, walk

SAMPLE = 64 * 1024  # what a JSON Lines file's encoding is judged by


def read_paths(paths: Iterable[str | Path], published: str | None = None,
               limits: Limits = Limits()) -> Iterator[Article | ReadError]:
    """Articles from files, folders (recursively, in a stable order) and .gz files."""
    if published is not None:
        published = parse_published(published)
    for path in map(Path, paths):
        if path.is_dir():
            for item in walk(path, limits.files):
                if isinstance(item, ReadError):
                    yield item
                else:
                    yield from read_path(item, published, limits)
        else:
            yield from read_path(path, published, limits)


def read_path(path: Path, published: str | None = None,
              limits: Limits = Limits()) -> Iterator[Article | ReadError]:
    path = Path(path)
    name = path.name.removesuffix(".gz")
    suffix = Path(name).suffix.lower()
    try:
        with open_input(path) as stream:
            if suffix in JSON_SUFFIXES:
                if suffix == ".json" and is_export(stream.read(SAMPLE)):
                    yield from read_export(read_capped(stream_from_start(stream), _cap(limits.export, limits),
                                                       "Telegram export"), str(path))
                    return
                yield from read_json_lines(path, stream_from_start(stream), published, limits)
                return
            data = read_capped(stream, _cap(limits.article, limits))
    except InputError as error:
        yield ReadError(str(path), str(error))
        return
    except OSError as error:
        yield ReadError(str(path), f"cannot read ({error.strerror or error})")
        return
    stem = name.split(".")[0] if "." in name else name
    try:
        if suffix in HTML_SUFFIXES:
            yield read_html(data, path=str(path), id=stem,
                            fallback=("command-line", published) if published else None)
        else:
            yield parse_text(decode(data), id=stem, published=published, path=str(path))
    except InputError as error:
        yield ReadError(str(path), str(error))


def stream_from_start(stream: BinaryIO) -> BinaryIO:
    """The stream rewound after a look at its first bytes (a .gz decompresses again)."""
    stream.seek(0)
    return stream


def _cap(limit: int, limits: Limits) -> int:
    """An input's own limit, within what the whole input may expand to (an upload)."""
    return min(limit, limits.input or limit)


def read_json_lines(path: Path, stream: BinaryIO, published: str | None,
                    limits: Limits = Limits()) -> Iterator[Article | ReadError]:
    """One article per line; a line that cannot be one is reported by its number and the rest
    goes on. The encoding is judged once, from the file's first bytes."""
    pieces = chunks(stream, first=SAMPLE)
    found = False
    try:
        sample = next(pieces, b"")
        codec = encoding(sample, complete=False) if sample.strip() else "utf-8"
        for number, line in lines(chain([sample], pieces), limits):
            where = f"{path}:{number}"
            found = found or bool(line.strip()) if isinstance(line, bytes) else True
            if isinstance(line, InputError):
                yield ReadError(where, str(line))
            elif line.strip():
                try:
                    yield _json_article(decode(line, codec), where, published)
                except InputError as error:
                    yield ReadError(where, str(error))
    except InputError as error:  # the file itself: binary, an unknown encoding, a broken .gz
        yield ReadError(str(path), str(error))
        return
    if not found:
        yield ReadError(str(path), "empty file")


def _json_article(line: str, where: str, published: str | None) -> Article:
    item = load_json(line)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise InputError("a JSON line must be an object with a string field 'text'")
    date_value = item.get("published") or item.get("date") or published
    article = parse_text(item["text"], id=str(item["id"]) if item.get("id") else None,
                         published=parse_published(date_value) if date_value else None, path=where)
    article.title, article.outlet, article.url = (_text(item.get(k)) for k in ("title", "outlet", "url"))
    return article


def _text(value: object) -> str | None:
    """A title, outlet or url as text (a number or a list in a feed is not one)."""
    return value if isinstance(value, str) else None if value is None else str(value)
