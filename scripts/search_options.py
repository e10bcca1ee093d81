"""The search index options of issue 19, measured on the same documents: DuckDB's fts index
rebuilt after an ingest (what letopis did), the postings table kept with each batch (what it
does, store/postings.py), and tantivy's Python binding over the same lemmas (when importable:
`pip install --target DIR tantivy` and PYTHONPATH=DIR; letopis does not depend on it).

    python scripts/search_options.py [--articles 10000 100000]

For each store size: the cost of adding a batch of 100 articles to the index (fts: rebuilding
it whole), and p50/p95 of twenty two-word queries (every word in any of its forms, best 20).
"""
from __future__ import annotations

import argparse
import importlib.resources
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from letopis.storebench import seeds  # noqa: E402
from letopis.storebench.synth import Variants  # noqa: E402
from letopis.store import postings  # noqa: E402
from letopis.store.text import lemmas, word_forms, words  # noqa: E402

BATCH = 100
QUERIES = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    variants = Variants(seeds.load(300).articles)
    rng = random.Random(19)
    queries = [_two_words(variants, rng) for _ in range(QUERIES)]
    print("| articles | option | add 100 articles (s) | two-word query p50 / p95 (ms) |\n|---|---|---|---|")
    docs: list[str] = []
    for size in args.articles:
        docs += [lemmas(variants.article(i).text) for i in range(len(docs), size + BATCH)]
        stored, batch = docs[:size], docs[size:size + BATCH]
        for name, option in (("DuckDB fts, rebuilt", fts), ("postings (letopis)", kept), ("tantivy", tantivy)):
            result = option(stored, batch, queries)
            if result:
                add, (p50, p95) = result
                print(f"| {size:,} | {name} | {add:.2f} | {p50:.0f} / {p95:.0f} |", flush=True)


def fts(stored: list[str], batch: list[str], queries: list[str]) -> tuple[float, tuple[float, float]]:
    db = duckdb.connect()
    package = importlib.resources.files("duckdb_extension_fts")
    db.execute(f"LOAD '{package / 'extensions' / f'v{duckdb.__version__}' / 'fts.duckdb_extension'}'")
    db.execute("CREATE TABLE docs AS SELECT unnest(range(?)) AS doc_id, unnest(?::VARCHAR[]) AS lemmas",
               [len(stored) + len(batch), stored + batch])
    start = time.perf_counter()
    db.execute("PRAGMA create_fts_index('docs', 'doc_id', 'lemmas', stemmer = 'none', stopwords = 'none', "
               "ignore = '[^0-9a-zа-яё]+', strip_accents = 0, lower = 0, overwrite = 1)")
    add = time.perf_counter() - start

    def run(query: str) -> None:
        terms = [" ".join(word_forms(w)) for w in dict.fromkeys(words(query))]
        scores = ", ".join(f"fts_main_docs.match_bm25(doc_id, ?) AS s{i}" for i in range(len(terms)))
        db.execute(f"SELECT doc_id FROM (SELECT doc_id, {scores} FROM docs) WHERE "
                   f"{' AND '.join(f's{i} IS NOT NULL' for i in range(len(terms)))} "
                   f"ORDER BY {' + '.join(f's{i}' for i in range(len(terms)))} DESC LIMIT 20", terms).fetchall()
    return add, _timed(run, queries)


def kept(stored: list[str], batch: list[str], queries: list[str]) -> tuple[float, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        db = duckdb.connect(str(Path(folder) / "p.duckdb"))
        db.execute("CREATE TABLE search_docs (doc_id BIGINT, kind VARCHAR, article_id VARCHAR, ref VARCHAR, "
                   "len INTEGER)")
        for table in postings.LEVELS:
            db.execute(f"CREATE TABLE {table} (term UBIGINT, doc_id BIGINT, tf INTEGER)")
        _postings(db, stored, 0, bulk=True)
        start = time.perf_counter()
        db.execute("BEGIN")
        _postings(db, batch, len(stored), bulk=False)
        db.execute("COMMIT")
        add = time.perf_counter() - start
        return add, _timed(lambda q: postings.scores(db, [word_forms(w) for w in dict.fromkeys(words(q))]), queries)


def _postings(db: duckdb.DuckDBPyConnection, texts: list[str], first: int, bulk: bool) -> None:
    terms, ids, tfs, lengths = [], [], [], []
    for n, text in enumerate(texts):
        counts = {}
        for token in postings.TOKEN.findall(text):
            counts[token] = counts.get(token, 0) + 1
        terms += [postings.key(t) for t in counts]
        tfs += counts.values()
        ids += [first + n] * len(counts)
        lengths.append(sum(counts.values()))
    db.execute("INSERT INTO search_docs SELECT unnest(?::BIGINT[]), 'article', NULL, NULL, unnest(?::INTEGER[])",
               [list(range(first, first + len(texts))), lengths])
    if bulk:
        arrays = {"term": np.array(terms, dtype=np.uint64), "doc_id": np.array(ids),  # noqa: F841 (read by name)
                  "tf": np.array(tfs)}
        db.execute("CREATE TEMP TABLE staged AS SELECT term, doc_id, tf::INTEGER AS tf FROM arrays")
        postings.load(db, "SELECT * FROM staged")
    else:
        postings.add(db, terms, ids, tfs)


def tantivy(stored: list[str], batch: list[str], queries: list[str]) -> tuple[float, tuple[float, float]] | None:
    try:
        import tantivy as tv
    except ImportError:
        return None
    builder = tv.SchemaBuilder()
    builder.add_integer_field("doc_id", stored=True, indexed=True)
    builder.add_text_field("lemmas", stored=False, tokenizer_name="whitespace")
    schema = builder.build()
    with tempfile.TemporaryDirectory() as folder:
        index = tv.Index(schema, path=folder)
        writer = index.writer(heap_size=200_000_000, num_threads=1)
        for n, text in enumerate(stored):
            writer.add_document(tv.Document(doc_id=n, lemmas=" ".join(postings.TOKEN.findall(text))))
        writer.commit()
        start = time.perf_counter()
        for n, text in enumerate(batch):
            writer.add_document(tv.Document(doc_id=len(stored) + n, lemmas=" ".join(postings.TOKEN.findall(text))))
        writer.commit()
        writer.wait_merging_threads()
        add = time.perf_counter() - start
        index.reload()
        searcher = index.searcher()

        def run(query: str) -> None:
            must = [(tv.Occur.Must, tv.Query.boolean_query(
                [(tv.Occur.Should, tv.Query.term_query(schema, "lemmas", f)) for f in word_forms(w)]))
                for w in dict.fromkeys(words(query))]
            searcher.search(tv.Query.boolean_query(must), 20).hits
        return add, _timed(run, queries)


def _timed(run, queries: list[str]) -> tuple[float, float]:
    run(queries[0])
    seconds = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    return 1000 * statistics.median(seconds), 1000 * seconds[round(0.95 * (len(seconds) - 1))]


def _two_words(variants: Variants, rng: random.Random) -> str:
    while True:
        seed = rng.choice(variants.seeds)
        sentence = rng.choice(seed.sentences)
        found = [w for w in seed.text[sentence.start:sentence.stop].split() if len(w) >= 5 and w.isalpha()]
        if len(found) >= 2:
            return " ".join(rng.sample(found, 2))


if __name__ == "__main__":
    main()
