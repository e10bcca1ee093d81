"""Reading every input format of SCHEMA.md into Article records: text files (optionally opening
with `date YYYY[-MM[-DD]]`), JSON Lines, web pages, Telegram exports, folders of these, `.gz`
files; UTF-8, Windows-1251 or KOI8-R; and the items of RSS and Atom feeds (whose pages
letopis.fetch fetches). Each input yields Articles or a ReadError naming it and the reason; every input is read in
bounded pieces and refused once it passes its limit (limits.py).

text.py: text into an Article; limits.py: bounded reading; walk.py: folders; files.py: files;
html.py: pages; feeds.py: feeds; telegram.py: Telegram exports."""
from .files import JSON_SUFFIXES, read_json_lines, read_path, read_paths
from .limits import MAX_FILES, Limits
from .text import (MAX_ARTICLE_BYTES, READ_FIELDS, InputError, ReadError, content_hash, decode,
                   parse_published, parse_text)
from .walk import ARTICLE_SUFFIXES

__all__ = ["ARTICLE_SUFFIXES", "JSON_SUFFIXES", "MAX_ARTICLE_BYTES", "MAX_FILES", "READ_FIELDS", "InputError", "Limits",
           "ReadError", "content_hash", "decode", "parse_published", "parse_text",
           "read_json_lines", "read_path", "read_paths"]
