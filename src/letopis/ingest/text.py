"""Text into an Article: encodings, the `date` header, publication dates, the size limit, the
content hash; and the two kinds of failure every reader reports."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any
from datetime import date

from charset_normalizer import from_bytes

from ..records import Article

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is kilobytes; beyond this it is not one
RUSSIAN_ENCODINGS = ["utf_8", "cp1251", "koi8_r"]
CODEC_NAMES = {"utf-8": "UTF-8", "utf_8": "UTF-8", "cp1251": "Windows-1251", "koi8_r": "KOI8-R"}
DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*\n?")
PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# what reading gives an Article (and a job or a request to the server carries)
READ_FIELDS = ("id", "text", "published", "title", "outlet", "url", "path", "author", "published_source",
               "text_source", "forwarded_from")


@dataclass
class ReadError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class InputError(ValueError):
    """An input that cannot become an article; the message says why."""


def too_large(limit: int, what: str = "article") -> InputError:
    size = f"{limit / 2**20:g} MiB" if limit % 2**20 == 0 else f"{limit} bytes"
    return InputError(f"{what} too large (over the limit of {size})")


def parse_text(text: str, id: str | None = None, published: str | None = None,
               path: str | None = None, header: bool = True) -> Article:
    """An article from text that may open with a `date YYYY[-MM[-DD]]` header (unless `header`
    is false: a text already read, whose header is gone)."""
    header = DATE_HEADER.match(text) if header else None
    if header:
        text = text[header.end():]
        published = parse_published(header.group(1), what="date header")
    if not text.strip():
        raise InputError("no article text")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:  # "\ud800" in JSON: a lone half of a surrogate pair
        raise InputError(f"not valid Unicode (a lone surrogate at character {error.start})") from None
    if size > MAX_ARTICLE_BYTES:
        raise InputError(f"article too large ({size / 2**20:.1f} MiB; "
                         f"the limit is {MAX_ARTICLE_BYTES / 2**20:g} MiB)")
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


def load_json(text: str) -> Any:
    """Parsed JSON, or an InputError that says where it breaks."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise InputError("invalid JSON (nested too deeply)") from None


def decode(data: bytes, codec: str | None = None) -> str:
    """Text in UTF-8, Windows-1251 or KOI8-R (or in `codec`, known beforehand); anything else is
    refused with the reason."""
    codec = codec or encoding(data)
    try:
        return data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(f"invalid {CODEC_NAMES.get(codec, codec)} at byte {error.start}") from None


def encoding(sample: bytes, complete: bool = True) -> str:
    """The encoding of a text, judged from its bytes (all of them, or its first part when
    `complete` is false); refuses binaries and broken UTF-8 with the reason."""
    if not sample.strip():
        raise InputError("empty file")
    if b"\x00" in sample[:4096]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        sample.decode("utf-8") if complete else _utf8_prefix(sample)
        return "utf-8"
    except UnicodeDecodeError as error:
        if _mostly_utf8(sample):
            raise InputError(f"invalid UTF-8 at byte {error.start}") from None
    best = from_bytes(sample, cp_isolation=RUSSIAN_ENCODINGS).best()
    if best is None or best.chaos > 0.3:
        raise InputError("not text in UTF-8, Windows-1251 or KOI8-R")
    return best.encoding


def content_hash(text: str) -> str:
    """The key of a text everywhere: the store's article hash; its first 16 digits are the id of
    an article that brings none."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _utf8_prefix(sample: bytes) -> None:
    """Decode the first part of a text: a character cut at its end is no error."""
    import codecs
    codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with a few broken bytes, as opposed to text in a one-byte encoding."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(1 for c in text if "\u0400" <= c <= "\u04ff") >= 4 * broken
