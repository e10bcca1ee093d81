"""The watcher: a list of feed and page URLs (sources.py) read round after round, each new
article stored before the next source is read (watcher.py). `letopis watch` runs it over the
database file or through the server that owns it; `letopis serve --watch` runs it inside the
server, handing what it finds to the ingest worker as jobs (web/watching.py)."""
from .sources import read_sources
from .watcher import Round, Watcher, parse_every

__all__ = ["Round", "Watcher", "parse_every", "read_sources"]
