"""Reading untrusted inputs in bounded pieces: a file, a .gz, a JSON line is read (and
decompressed) a chunk at a time and refused as soon as it passes its limit, so no input is held
in memory, or decompressed, beyond its limit before its size is known."""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .text import MAX_ARTICLE_BYTES, InputError, too_large

MAX_FILES = 100_000  # files one folder walk takes; more is refused (`--max-files`)
MAX_EXPORT_BYTES = 256 * 1024 * 1024  # a Telegram export's result.json: years of a busy channel
MAX_BODY_BYTES = 2 * 1024 * 1024  # a request to the server, as sent
MAX_EXPANDED_BYTES = 16 * 1024 * 1024  # a request once its gzip is undone; an uploaded file once its .gz is
CHUNK = 1024 * 1024
GZIP_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(frozen=True)
class Limits:
    """How much of an untrusted input is read before it is refused."""
    article: int = MAX_ARTICLE_BYTES  # one text file's bytes (after decompression), one JSON line's
    files: int = MAX_FILES  # files a folder walk takes
    export: int = MAX_EXPORT_BYTES  # one Telegram export, read whole
    input: int | None = None  # all one input may decompress to (an upload); None: no cap but the above


def open_input(path: Path) -> BinaryIO:
    """The file's bytes as a stream; a .gz is decompressed as it is read."""
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


def read_capped(stream: BinaryIO, limit: int, what: str = "article") -> bytes:
    """All of a stream, refused with InputError once it passes `limit` bytes."""
    data = _read(stream, limit + 1)
    if len(data) > limit:
        raise too_large(limit, what)
    return data


def chunks(stream: BinaryIO, first: int = CHUNK) -> Iterator[bytes]:
    """A stream a chunk at a time (the first `first` bytes long); a broken .gz is an InputError."""
    size = first
    while chunk := _read(stream, size):
        yield chunk
        size = CHUNK


def lines(pieces: Iterable[bytes], limits: Limits) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, bytes) for each line of a stream given in pieces. A line over the article
    limit comes as an InputError, its bytes dropped as they arrive; once the whole stream passes
    `limits.input`, one InputError ends it."""
    line, number, total, over = bytearray(), 1, 0, False
    for piece in pieces:
        start = 0
        while start < len(piece):
            end = piece.find(b"\n", start)
            stop = len(piece) if end < 0 else end + 1
            total += stop - start
            if limits.input is not None and total > limits.input:
                yield number, too_large(limits.input, "input")
                return
            if not over:
                line += piece[start:stop]
                over = len(line.rstrip(b"\r\n")) > limits.article
                if over:
                    line.clear()
            if end >= 0:
                yield number, too_large(limits.article, "JSON line") if over else bytes(line)
                line, number, over = bytearray(), number + 1, False
            start = stop
    if over or line:
        yield number, too_large(limits.article, "JSON line") if over else bytes(line)


def _read(stream: BinaryIO, size: int) -> bytes:
    try:
        return stream.read(size)
    except GZIP_ERRORS as error:
        raise _broken(error) from None


def _broken(error: Exception) -> InputError:
    if isinstance(error, OSError) and not isinstance(error, gzip.BadGzipFile) and error.errno:
        return InputError(f"cannot read ({error.strerror or error})")
    return InputError(f"broken gzip file ({error or type(error).__name__})")
