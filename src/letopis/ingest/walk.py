"""A folder walk: the article files under a folder, in a stable order (sorted by path), following
links to folders but reporting a link that leads back into the walk (a loop), and refusing a
folder with more files than a limit before reading any of them."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .text import ReadError

JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
# What a folder walk reads (also inside .gz); a file named on its own is read whatever its name,
# so annotation files, images and the like beside the articles are left alone.
# Feeds are read only when named: their items' pages would be fetched from the network.
ARTICLE_SUFFIXES = JSON_SUFFIXES | {".txt", ".text", ".html", ".htm", ""}


def walk(folder: Path, max_files: int) -> Iterator[Path | ReadError]:
    """The article files under `folder`, or one ReadError when there are more than `max_files`;
    links that loop and folders that cannot be listed come as ReadErrors beside the files."""
    files: list[Path] = []
    problems: list[ReadError] = []
    for item in _entries(Path(folder), _key(Path(folder)), ancestors=(), seen=set()):
        if isinstance(item, ReadError):
            problems.append(item)
            continue
        files.append(item)
        if len(files) > max_files:
            yield ReadError(str(folder), f"more than {max_files} files: nothing read from the folder "
                                         "(`--max-files` raises the limit)")
            return
    yield from problems
    yield from files


def is_article_file(name: str) -> bool:
    return not name.startswith(".") and Path(name.removesuffix(".gz")).suffix.lower() in ARTICLE_SUFFIXES


def _entries(folder: Path, key: tuple[int, int] | None, ancestors: tuple[tuple[int, int] | None, ...],
             seen: set[tuple[int, int] | None]) -> Iterator[Path | ReadError]:
    """Depth first, each folder's entries by name: the order of the paths sorted. A folder
    reached twice through links is walked once."""
    ancestors = (*ancestors, key)
    seen.add(key)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        yield ReadError(str(folder), f"cannot list the folder ({error.strerror or error})")
        return
    for entry in entries:
        path = folder / entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            child = _key(path)
            if child in ancestors:
                yield ReadError(str(path), f"a link that loops back to {path.resolve()}: not followed")
            elif child is not None and child not in seen:
                yield from _entries(path, child, ancestors, seen)
        elif is_article_file(entry.name) and _is_file(entry):
            yield path


def _key(path: Path) -> tuple[int, int] | None:
    """A folder's identity, the same through any link to it."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
