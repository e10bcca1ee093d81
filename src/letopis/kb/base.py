"""The knowledge base file: one SQLite database, written once by a builder, read by the linker.

SQLite, not the chronicle's DuckDB: the linker asks for a handful of names at a time, which an
indexed SQLite file answers in microseconds, from any number of processes at once; a KB built from
the whole of Wikidata stays on disk and is never loaded whole.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .names import lemma, lemma_keys, stem

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entities (
    qid TEXT PRIMARY KEY, type TEXT NOT NULL, label TEXT, description TEXT,
    country TEXT, geonames_id INTEGER, lat REAL, lon REAL
);
CREATE TABLE aliases (
    id INTEGER PRIMARY KEY, qid TEXT NOT NULL, alias TEXT NOT NULL,
    lemma TEXT NOT NULL, stem TEXT NOT NULL,
    count REAL NOT NULL, attested INTEGER NOT NULL, prior REAL
);
CREATE TABLE keys (key TEXT NOT NULL, alias INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX keys_key ON keys (key);
CREATE INDEX aliases_stem ON aliases (stem);
CREATE INDEX aliases_qid ON aliases (qid);
CREATE INDEX entities_geonames ON entities (geonames_id);
"""
# The prior of an alias: its count over the counts of every alias of the same lemma.
PRIORS = """
CREATE TEMP TABLE totals AS SELECT lemma, sum(count) AS total FROM aliases GROUP BY lemma;
CREATE INDEX temp.totals_lemma ON totals (lemma);
UPDATE aliases SET prior = count / (SELECT total FROM totals WHERE totals.lemma = aliases.lemma);
DROP TABLE totals;
"""
BATCH = 5_000  # entries per transaction while building


@dataclass
class Entry:
    """One KB entity. `aliases`: name as written → (count, attested); a derived name (the surname cut
    from a full name) is not attested."""
    qid: str
    type: str  # PER | ORG | LOC
    label: str | None = None
    description: str | None = None
    country: str | None = None  # the QID of the country it lies or sits in
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: dict[str, tuple[float, bool]] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """A KB alias a name met: how (`lemma` or `stem`), the alias's prior and whether it is attested."""
    qid: str
    alias: str
    lemma: str  # the alias's lemma: the priors of one lemma's aliases sum to 1
    how: str
    prior: float
    count: float
    attested: bool

    @property
    def description(self) -> bool:
        """«департамента полиции», «правительство»: a description, not a name (no capital)."""
        return self.alias[:1].islower()


@dataclass
class AliasRow:
    """An alias in the forms it is matched in (names.py)."""
    alias: str
    lemma: str
    stem: str
    count: float
    attested: bool
    keys: list[str]


def alias_rows(entry: Entry) -> list[AliasRow]:
    rows = []
    for alias, (count, attested) in entry.aliases.items():
        keys = lemma_keys(alias)
        if keys:
            rows.append(AliasRow(alias, lemma(alias), stem(alias), count, attested, keys))
    return rows


class Writer:
    """Writes a KB to `path` + '.part' and moves it over `path` when closed whole, so a failed or
    stopped build leaves the KB that was there. Entries go in batches; indexes and priors last."""

    def __init__(self, path: str | Path, source: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.part = self.path.with_name(self.path.name + ".part")
        self.part.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.part, isolation_level=None)  # transactions as below
        self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                              "PRAGMA cache_size = -65536;" + SCHEMA)
        self.db.execute("INSERT INTO meta VALUES ('source', ?)", [source])
        self.pending = 0
        self.entities = 0
        self.db.execute("BEGIN")

    def add(self, entry: Entry, rows: list[AliasRow] | None = None) -> None:
        """Store an entry, with its aliases' forms (`alias_rows`) where a worker has made them."""
        db = self.db
        db.execute("INSERT OR IGNORE INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [entry.qid, entry.type, entry.label, entry.description, entry.country,
                    entry.geonames_id, entry.lat, entry.lon])
        for row in alias_rows(entry) if rows is None else rows:
            rowid = db.execute("INSERT INTO aliases (qid, alias, lemma, stem, count, attested) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               [entry.qid, row.alias, row.lemma, row.stem, row.count, int(row.attested)]).lastrowid
            db.executemany("INSERT INTO keys VALUES (?, ?)", [(k, rowid) for k in row.keys])
        self.entities += 1
        self.pending += 1
        if self.pending >= BATCH:
            db.execute("COMMIT")
            db.execute("BEGIN")
            self.pending = 0

    def add_all(self, entries: Iterable[Entry]) -> int:
        for entry in entries:
            self.add(entry)
        return self.entities

    def close(self) -> Path:
        self.db.execute("COMMIT")
        self.db.executescript(INDEXES + PRIORS)
        self.db.execute("INSERT INTO meta VALUES ('entities', ?)", [str(self.entities)])
        self.db.commit()
        self.db.close()
        os.replace(self.part, self.path)
        return self.path

    def abandon(self) -> None:
        self.db.close()
        self.part.unlink(missing_ok=True)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind, *exc) -> None:
        if kind is None:
            self.close()
        else:
            self.abandon()


class KnowledgeBase:
    """A KB file opened read-only; no file (or None) is the empty KB, which knows no one."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else None
        self.db = None
        if self.path and self.path.is_file():
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.lock = threading.Lock()  # one connection, shared by the threads of a server

    def __len__(self) -> int:
        return int(self._meta("entities") or 0)

    def _meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", [key])
        return rows[0][0] if rows else None

    @property
    def source(self) -> str | None:
        return self._meta("source")

    def _rows(self, sql: str, params: list) -> list[tuple]:
        if self.db is None:
            return []
        with self.lock:
            return self.db.execute(sql, params).fetchall()

    def matches(self, name: str) -> list[Match]:
        """The aliases a name meets: by a lemmatised key, else by its inflected-match form."""
        keys = lemma_keys(name)
        if not keys:
            return []
        found = {}
        for qid, alias, group, prior, count, attested in self._rows(
                "SELECT a.qid, a.alias, a.lemma, a.prior, a.count, a.attested FROM keys k JOIN aliases a "
                f"ON a.id = k.alias WHERE k.key IN ({', '.join('?' * len(keys))})", keys):
            found[(qid, alias)] = Match(qid, alias, group, "lemma", prior, count, bool(attested))
        for qid, alias, group, prior, count, attested in self._rows(
                "SELECT qid, alias, lemma, prior, count, attested FROM aliases WHERE stem = ?", [stem(name)]):
            found.setdefault((qid, alias), Match(qid, alias, group, "stem", prior, count, bool(attested)))
        return list(found.values())

    def entry(self, qid: str) -> Entry | None:
        rows = self._rows("SELECT qid, type, label, description, country, geonames_id, lat, lon "
                          "FROM entities WHERE qid = ?", [qid])
        return Entry(*rows[0]) if rows else None

    def by_geonames(self, geonames_id: int) -> dict[str, float]:
        """The entities at a GeoNames place, each with the share of their aliases' counts: «США»
        and «Америка» may both stand there, and «США» is the one texts mean."""
        counts = dict(self._rows("SELECT e.qid, sum(a.count) FROM entities e JOIN aliases a ON a.qid = e.qid "
                                 "WHERE e.geonames_id = ? GROUP BY e.qid", [geonames_id]))
        total = sum(counts.values())
        return {qid: count / total for qid, count in counts.items()} if total else {}

    def aliases(self, qid: str) -> list[tuple[str, float, bool]]:
        return [(a, c, bool(t)) for a, c, t in self._rows(
            "SELECT alias, count, attested FROM aliases WHERE qid = ? ORDER BY count DESC, alias", [qid])]

