"""A Telegram Desktop export of a channel (`result.json`, "Export chat history" as JSON): one
article per message with text. Its date is the message's, its outlet the channel's name, its URL
`https://t.me/<username>/<id>` where the export names the channel's username (Telegram Desktop
does not write it: add `"username": "name"` at the top of the file), and a forwarded message
keeps the name it was forwarded from. Formatting (bold, links ...) is flattened to its text;
service messages (a pinned post, a changed title) and an album's media make no article: of an
album only the message that carries its caption is read."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..records import Article
from .text import InputError, ReadError, decode, load_json, parse_published, parse_text

USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
ALBUM_KEYS = ("media_group_id", "grouped_id")  # what marks the parts of one album, where the export has it


def is_export(sample: bytes) -> bool:
    """A pretty-printed JSON document (Telegram's export opens with a line holding `{` alone),
    as opposed to JSON Lines, whose first line is a whole object."""
    first = next((line.strip() for line in sample.lstrip(b"\xef\xbb\xbf").splitlines() if line.strip()), b"")
    return first == b"{"


def read_export(data: bytes, where: str) -> Iterator[Article | ReadError]:
    export = load_json(decode(data))
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise InputError("a JSON document that is not a Telegram export (no list of 'messages')")
    channel = _text(export.get("name")) or "Telegram"
    username = export.get("username") if USERNAME.match(str(export.get("username") or "")) else None
    prefix = username or f"tg{export.get('id', '')}"
    albums: set[str] = set()
    for message in export["messages"]:
        if not isinstance(message, dict) or message.get("type") != "message":
            continue  # a service message: the channel created, a post pinned
        text = flatten(message.get("text_entities", message.get("text")))
        album = next((str(message[k]) for k in ALBUM_KEYS if message.get(k) is not None), None)
        if not text.strip() or (album is not None and album in albums):
            continue
        if album is not None:
            albums.add(album)
        number = message.get("id")
        here = f"{where}#{number}"
        try:
            article = parse_text(text, id=f"{prefix}-{number}", path=here, header=False,
                                 published=parse_published(str(message.get("date") or ""), what="message date"))
        except InputError as error:
            yield ReadError(here, str(error))
            continue
        article.outlet = channel
        article.url = f"https://t.me/{username}/{number}" if username else None
        article.forwarded_from = _text(message.get("forwarded_from"))
        yield article


def flatten(text: Any) -> str:
    """A message's text as plain text: Telegram gives a string, or a list of strings and entities
    ({"type": "bold", "text": ...}, {"type": "text_link", "text": ..., "href": ...})."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(part if isinstance(part, str) else str(part.get("text") or "")
                       for part in text if isinstance(part, (str, dict)))
    return ""


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
