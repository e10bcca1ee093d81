"""Near-duplicate articles (reprints, lightly edited copies): MinHash over word shingles.

datasketch is imported where it is used: it brings scipy (0.35 s and 100 MB), which a pipeline
worker never needs."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .text import words

if TYPE_CHECKING:
    from datasketch import MinHash

SHINGLE = 3  # words per shingle
PERMUTATIONS = 128
THRESHOLD = 0.8  # estimated Jaccard similarity of shingle sets that makes a reprint
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are read back with it


def signature(text: str) -> MinHash:
    from datasketch import MinHash
    tokens = words(text)
    shingles = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


class Reprints:
    """An LSH index over the stored articles' signatures, queried for each new article."""

    def __init__(self, stored: list[tuple[str, list[int]]]):
        from datasketch import MinHash, MinHashLSH
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
        self.signatures: dict[str, MinHash] = {}
        for article_id, values in stored:
            self.add(article_id, MinHash(num_perm=PERMUTATIONS, hashvalues=values, scheme=SCHEME))

    def add(self, article_id: str, minhash: MinHash) -> None:
        if article_id not in self.signatures:
            self.lsh.insert(article_id, minhash)
            self.signatures[article_id] = minhash

    def remove(self, article_id: str) -> None:
        if self.signatures.pop(article_id, None) is not None:
            self.lsh.remove(article_id)

    def original(self, minhash: MinHash) -> tuple[str, float] | None:
        """The stored article this one copies, with the estimated similarity, or None."""
        order = list(self.signatures).index
        scored = [(self.signatures[k].jaccard(minhash), -order(k), k) for k in self.lsh.query(minhash)]
        scored = [s for s in scored if s[0] >= THRESHOLD]
        if not scored:
            return None
        similarity, _, article_id = max(scored)  # the most similar; on a tie, the first stored
        return article_id, similarity
