"""The Ray engine: the same pipeline over a Ray cluster (`letopis ingest --engine ray`).

Input shards (JSONL, optionally gzipped, or Parquet with the JSONL fields as columns) are read by
Ray tasks and split into articles exactly as the local reader does; an actor pool runs the
pipeline (each actor builds its models once) and the records are written as Parquet shards.
The driver then merges the shards into the chronicle store in input order.

Ray is an optional extra: `pip install letopis[ray]`.
"""
from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields, is_dataclass
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from .ingest import ReadError, parse_published, read_json_lines
from .records import Article

INPUT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz", ".parquet", ".parquet.gz")
ARTICLE_FIELDS = ("id", "text", "published", "title", "outlet", "url")
GZIP_MAGIC = b"\x1f\x8b"
OBJECT_STORE_BYTES = 200 * 2**20  # a local Ray: records are small, keep its shared memory modest


def input_files(paths: Iterable[str | Path]) -> list[str]:
    """The input shards: files as given, folders expanded in sorted order."""
    files: list[str] = []
    for path in map(Path, paths):
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        files += [str(p.resolve()) for p in found if p.name.lower().endswith(INPUT_SUFFIXES)]
    return files


def run(inputs: Iterable[str | Path], out: str | Path, address: str | None = None,
        actors: int | None = None, batch_size: int = 16, published: str | None = None) -> Path:
    """Process the input shards on Ray and write the records as Parquet shards under `out`.

    `address` is a running cluster ("head:6379", or "auto" on a node of it); without it a local
    Ray starts on this machine. `actors` caps the pipeline actors (default: one per CPU).
    Returns `out`."""
    import ray

    inputs = list(inputs)
    files = input_files(inputs)
    if not files:
        raise FileNotFoundError(f"no {', '.join(INPUT_SUFFIXES)} input shards in {list(map(str, inputs))}")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: its shards would mix with this run's")
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 **({} if address else {"object_store_memory": OBJECT_STORE_BYTES}))
    cpus = int(ray.cluster_resources().get("CPU", 1))
    (ray.data.read_binary_files(files, include_paths=True)
        .flat_map(_articles, fn_kwargs={"shards": {f: i for i, f in enumerate(files)},
                                        "published": parse_published(published) if published else None})
        .map_batches(Extractor, batch_size=batch_size, batch_format="pyarrow",
                     fn_constructor_kwargs={"batch_size": batch_size},
                     compute=ray.data.ActorPoolStrategy(min_size=1, max_size=actors or cpus))
        .write_parquet(str(out)))
    return out


def ingest(inputs: Iterable[str | Path], chronicle: Any, out: str | Path, lake: str | Path | None = None,
           **options: Any) -> Any:
    """`letopis ingest --engine ray`: run() then merge the shards into a letopis.Chronicle, and,
    with `lake`, write the months it changed into that Parquet dataset (store/lake.py: the layout
    of `letopis export --format parquet --partition month`). Options are those of run().
    Returns the chronicle's IngestReport."""
    run(inputs, out, **options)
    articles, errors = read_shards(out)
    started = chronicle.now()
    report = chronicle.ingest(articles, errors)
    if lake is not None:
        chronicle.write_lake(lake, since=started)
    return report


def read_shards(out: str | Path) -> tuple[Iterator[Article], list[ReadError]]:
    """The processed articles of a run, in input order, and the inputs that failed."""
    import pyarrow.parquet as pq

    table = pq.read_table(str(out), columns=["where", "order", "error", "article"])
    rows = sorted(table.to_pylist(), key=lambda row: row["order"])
    errors = [ReadError(row["where"], row["error"]) for row in rows if row["error"]]
    return (decode(row["article"]) for row in rows if not row["error"]), errors


class Extractor:
    """A Ray actor: one Pipeline, built once, run over each batch of articles."""

    def __init__(self, batch_size: int = 16):
        from .pipeline import Pipeline
        self.pipeline = Pipeline(batch_size=batch_size)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from .batches import process_batch

        rows = batch.to_pylist()
        failed = [_row(r, error=r["error"]) for r in rows if r["error"]]
        articles = [Article(**{k: r[k] for k in ARTICLE_FIELDS}, path=r["where"]) for r in rows if not r["error"]]
        order = {r["where"]: r["order"] for r in rows}
        done, errors = process_batch(self.pipeline, articles)
        failed += [_row({"where": e.path, "order": order[e.path]}, error=e.reason) for e in errors]
        return pa.Table.from_pylist([_row({"where": a.path, "order": order[a.path]}, a) for a in done] + failed,
                                    schema=_record_schema())


def _articles(row: dict[str, Any], shards: dict[str, int], published: str | None) -> list[dict[str, Any]]:
    """One input shard as article rows, by the same reader as a local run (so the same ids,
    dates and errors); `order` keeps the input order: the shard's place, then the line's."""
    path, data = Path(row["path"]), row["bytes"]
    name = path.name.lower().removesuffix(".gz")
    try:
        stream = io.BytesIO(data)
        if data[:2] == GZIP_MAGIC:  # Ray may have unpacked it already
            stream = gzip.GzipFile(fileobj=stream)
        if name.endswith(".parquet"):
            stream = io.BytesIO(_parquet_as_jsonl(stream.read()))
        items = list(read_json_lines(path, stream, published))
    except Exception as error:  # a broken shard is one error, not a failed run
        items = [ReadError(str(path), f"cannot read ({error})")]
    rows = []
    for number, item in enumerate(items):
        base = {"order": f"{shards[row['path']]:08d}:{number:012d}", "where": item.path}
        if isinstance(item, ReadError):
            rows.append({**base, **dict.fromkeys(ARTICLE_FIELDS), "error": item.reason})
        else:
            rows.append({**base, **{k: getattr(item, k) for k in ARTICLE_FIELDS}, "error": None})
    return rows


def _parquet_as_jsonl(data: bytes) -> bytes:
    """A Parquet shard as JSONL bytes, so it goes through the JSONL reader's checks."""
    import pyarrow.parquet as pq

    rows = pq.read_table(io.BytesIO(data)).to_pylist()
    return "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows).encode("utf-8")


def _row(base: dict[str, Any], article: Article | None = None, error: str | None = None) -> dict[str, Any]:
    return {"where": base["where"], "order": base["order"], "error": error,
            "id": article.id if article else None,
            "published": article.published if article else None,
            "record": json.dumps(article.to_record(), ensure_ascii=False) if article else None,
            "article": encode(article) if article else None}


def _record_schema():
    import pyarrow as pa
    return pa.schema([("where", pa.string()), ("order", pa.string()), ("error", pa.string()),
                      ("id", pa.string()), ("published", pa.string()),
                      ("record", pa.string()), ("article", pa.string())])


# -- an Article as JSON and back: what the store needs, without the tokens ---------------------

def encode(article: Article) -> str:
    """The processed article as JSON; sentences keep their spans, the tokens are left out
    (the store does not read them, and they are most of the bytes)."""
    data = asdict(article)
    for sentence in data["sentences"]:
        sentence["tokens"] = []
    return json.dumps(data, ensure_ascii=False)


def decode(text: str) -> Article:
    return _build(Article, json.loads(text))


def _build(kind: Any, value: Any) -> Any:
    """A value of a records.py type from its JSON form (dataclasses, lists, tuples, optionals)."""
    if value is None:
        return None
    if is_dataclass(kind):
        hints = get_type_hints(kind)
        return kind(**{f.name: _build(hints[f.name], value[f.name]) for f in fields(kind) if f.name in value})
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, UnionType):
        return _build(next(a for a in args if a is not NoneType), value)
    if origin is list:
        return [_build(args[0], v) for v in value]
    if origin is tuple:
        return tuple(_build(a, v) for a, v in zip(args, value))
    return value
