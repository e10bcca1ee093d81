"""Filling a store with synthetic articles in bulk, thousands a second, story by story.

The rows are the real writer's (Writer.prepare: entities, mentions, times, quotes, events,
articles). What differs is what costs: the merge knows the stories (the reports of one story
share chronicle events, as the real merge would find; an event without place or date stays
alone, as there), reprints are not looked for (the bands are random keys), and the postings are
made in SQL from each word's lemmas, looked up once per distinct word.
"""
from __future__ import annotations

import random
from typing import Any

import duckdb

from ..chronicle import Chronicle
from ..ingest import content_hash
from ..store import eventrows, merge, postings, rows
from ..store.dedup import BANDS
from ..store.merging import CHRONICLE_FIELDS
from .synth import Variants

CHUNK = 5000  # articles per transaction


class Bulk:
    def __init__(self, chronicle: Chronicle, variants: Variants):
        self.chronicle = chronicle
        self.db: duckdb.DuckDBPyConnection = chronicle.db
        self.variants = variants
        self._lexicon: set[str] = set()

    def fill(self, start: int, stop: int) -> int:
        """Add articles from `start` to the end of the story that holds `stop - 1`; returns the
        index after the last one added."""
        stop = self.variants.boundary(stop)
        at = start
        while at < stop:
            end = self.variants.boundary(min(at + CHUNK, stop))
            self._chunk(at, end)
            at = end
        return stop

    def _chunk(self, start: int, stop: int) -> None:
        writer = self.chronicle.writer
        articles = [self.variants.article(i) for i in range(start, stop)]
        fresh = {content_hash(a.text): a for a in articles}
        self.db.execute("BEGIN TRANSACTION")
        try:
            batch, events = writer.prepare(fresh, lambda article_id, n: (None, None))
            self._merge(events, batch)
            writer.insert(batch)
            rng = random.Random(start)
            bands = [(rng.getrandbits(64), a["id"]) for a in batch.articles for _ in range(BANDS)]
            self.db.execute("INSERT INTO article_bands SELECT unnest(?::UBIGINT[]), unnest(?::VARCHAR[])",
                            [[k for k, _ in bands], [a for _, a in bands]])
            self._index(batch.docs)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            writer.reload()
            raise

    def _merge(self, events: list[tuple], batch: Any) -> None:
        """A story's reports tell the same occurrences: an event joins the one its story's first
        report made of it."""
        geo_of = self.chronicle.writer.geo_of
        made: dict[tuple, int] = {}
        sources: dict[int, list[dict[str, Any]]] = {}
        for article, article_id, event, row, local, duplicate_of in events:
            if not merge.occurred(event.modality):
                continue
            story = self.variants.story(int(article.id[3:]))[0].number
            alone = row["location_id"] is None or row["date_from"] is None
            key = (story, event.id, article_id if alone else None)
            provisional = made.setdefault(key, len(made))
            row["chronicle_id"] = provisional
            source = eventrows.source(article, article_id, event, row, local, duplicate_of)
            batch.sources.append({"chronicle_id": provisional, **source})
            sources.setdefault(provisional, []).append({**row, "reprint_of": duplicate_of,
                                                        "published": article.published})
        real = rows.allocate(self.db, "chronicle_ids", len(made))
        for row in batch.events + batch.sources:
            if row.get("chronicle_id") is not None:
                row["chronicle_id"] = real[row["chronicle_id"]]
        values = [{"id": real[p], **merge.summary(s, geo_of)} for p, s in sorted(sources.items())]
        rows.insert(self.db, "chronicle_events", [{k: v[k] for k in CHRONICLE_FIELDS} for v in values],
                    extra={"updated_at": "current_timestamp"})

    def _index(self, docs: list[tuple[str, str, str | None, str]]) -> None:
        """The documents' postings, made in SQL: their words, each word's lemma tokens (a table
        of the words met so far), counted per document."""
        doc_ids = rows.allocate(self.db, "doc_ids", len(docs))
        self._lexicon_for(docs)
        self.db.execute("CREATE OR REPLACE TEMP TABLE staged_docs AS SELECT unnest(?::BIGINT[]) AS doc_id, "
                        "unnest(?::VARCHAR[]) AS text", [doc_ids, [d[3] for d in docs]])
        self.db.execute(f"""CREATE OR REPLACE TEMP TABLE staged_tokens AS
            SELECT doc_id, unnest(l.tokens) AS token FROM (
                SELECT doc_id, unnest(regexp_extract_all(lower(text), '{postings.TOKEN.pattern}')) AS word
                FROM staged_docs) w
            JOIN lexicon l USING (word)""")
        self.db.execute("INSERT INTO search_docs SELECT d.doc_id, kind, article_id, ref, coalesce(n, 0) FROM "
                        "(SELECT unnest(?::BIGINT[]) AS doc_id, unnest(?::VARCHAR[]) AS kind, "
                        "unnest(?::VARCHAR[]) AS article_id, unnest(?::VARCHAR[]) AS ref) d LEFT JOIN "
                        "(SELECT doc_id, count(*)::INTEGER AS n FROM staged_tokens GROUP BY ALL) t USING (doc_id)",
                        [doc_ids, [d[0] for d in docs], [d[1] for d in docs], [d[2] for d in docs]])
        postings.load(self.db, f"SELECT {postings.SQL_KEY.format('token')} AS term, doc_id, "
                               "count(*)::INTEGER AS tf FROM staged_tokens GROUP BY ALL")
        self.db.execute("DROP TABLE staged_docs")
        self.db.execute("DROP TABLE staged_tokens")

    def _lexicon_for(self, docs: list[tuple[str, str, str | None, str]]) -> None:
        """Each new word's lemma tokens, as postings.document(lemmas(text)) would count them."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS lexicon (word VARCHAR, tokens VARCHAR[])")
        new = {w for d in docs for w in postings.TOKEN.findall((d[3] or "").lower())} - self._lexicon
        if new:
            words = sorted(new)
            self.db.execute("INSERT INTO lexicon SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[][])",
                            [words, [list(postings.word_tokens(w)) for w in words]])
            self._lexicon |= new
