"""Near-duplicate articles (reprints, lightly edited copies): MinHash over word shingles, with
locality-sensitive hashing kept in the database.

A signature's 128 values fall into BANDS bands of ROWS values (the split datasketch's
MinHashLSH chooses for this threshold); each band is hashed to one key in `article_bands`.
Articles sharing a key are candidates, and a candidate is a copy when the estimated Jaccard
similarity of the two signatures reaches THRESHOLD. Signatures are not stored: a candidate's
is computed again from its text (candidates are rare: they share a band of 13 values).

datasketch is imported where it is used: it brings scipy (0.35 s and 100 MB), which a pipeline
worker never needs."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import duckdb
import numpy as np

from .text import words

if TYPE_CHECKING:
    from datasketch import MinHash

SHINGLE = 3  # words per shingle
PERMUTATIONS = 128
THRESHOLD = 0.8  # estimated Jaccard similarity of shingle sets that makes a reprint
SCHEME = "affine32"  # datasketch's hashing scheme
BANDS, ROWS = 9, 13  # datasketch.lsh._optimal_param(THRESHOLD, PERMUTATIONS, 0.5, 0.5)


def signature(text: str) -> MinHash:
    from datasketch import MinHash
    tokens = words(text)
    shingles = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def band_keys(values: Sequence[int]) -> list[int]:
    """The keys of a signature's bands: the band's number and values, hashed to 8 bytes."""
    data = np.asarray(values, dtype="<u8").tobytes()
    size = ROWS * 8
    return [int.from_bytes(hashlib.md5(bytes([band]) + data[band * size:(band + 1) * size]).digest()[:8], "little")
            for band in range(BANDS)]


class Reprints:
    """Finds, for each article of a batch, the stored or earlier article of the batch it copies."""

    def __init__(self, db: duckdb.DuckDBPyConnection, signatures: Iterable[MinHash]):
        self.db = db
        keys = sorted({k for s in signatures for k in band_keys(s.hashvalues)})
        matched = db.execute("SELECT key, article_id FROM article_bands WHERE key IN (SELECT unnest(?::UBIGINT[]))",
                             [keys]).fetchall() if keys else []
        # the candidates as stored: in the order they came, and what each reprints
        stored = db.execute("SELECT id, duplicate_of FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                            "ORDER BY ingested_at, id", [sorted({a for _, a in matched})]).fetchall() if matched else []
        position = {article_id: n for n, (article_id, _) in enumerate(stored)}
        reprinted = dict(stored)
        found = sorted(((k, a, reprinted[a]) for k, a in matched if a in position), key=lambda row: position[row[1]])
        self.stored: dict[int, list[str]] = {}
        self.originals: dict[str, str] = {}  # candidate → the article it reprints
        self.rank: dict[str, tuple[int, int]] = {}  # stored first (as ingested), then this batch's
        for key, article_id, duplicate_of in found:
            self.stored.setdefault(key, []).append(article_id)
            self.rank.setdefault(article_id, (0, len(self.rank)))
            if duplicate_of:
                self.originals[article_id] = duplicate_of
        self.added: dict[int, list[str]] = {}  # keys of this batch's articles
        self.signatures: dict[str, MinHash] = {}
        self.rows: list[tuple[int, str]] = []

    def remove(self, article_id: str) -> None:
        if self.signatures.pop(article_id, None) is not None:
            self.lsh.remove(article_id)

    def original(self, minhash: MinHash) -> tuple[str, float] | None:
        """The article this one copies (the root original where that one is a copy too) and the
        estimated similarity to the copy it matched, or None. The most similar wins; on a tie,
        the first stored."""
        keys = band_keys(minhash.hashvalues)
        candidates = [a for table in (self.stored, self.added) for k in keys for a in table.get(k, ())]
        best: tuple[float, str] | None = None
        for article_id in sorted(set(candidates), key=self.rank.__getitem__):
            similarity = self._signature(article_id).jaccard(minhash)
            if similarity >= THRESHOLD and (best is None or similarity > best[0]):
                best = (similarity, article_id)
        if best is None:
            return None
        return self.originals.get(best[1], best[1]), best[0]

    def add(self, article_id: str, minhash: MinHash, original: str | None) -> None:
        for key in band_keys(minhash.hashvalues):
            self.added.setdefault(key, []).append(article_id)
            self.rows.append((key, article_id))
        self.rank[article_id] = (1, len(self.rank))
        self.signatures[article_id] = minhash
        if original:
            self.originals[article_id] = original

    def write(self) -> None:
        if self.rows:
            self.db.execute("INSERT INTO article_bands SELECT unnest(?::UBIGINT[]), unnest(?::VARCHAR[])",
                            [[k for k, _ in self.rows], [a for _, a in self.rows]])

    def _signature(self, article_id: str) -> MinHash:
        if article_id not in self.signatures:
            row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
            self.signatures[article_id] = signature(row[0])
        return self.signatures[article_id]
