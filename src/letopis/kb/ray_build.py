"""`letopis kb build --from-wikidata DUMP --engine ray`: the dump parsed on Ray Data.

Read tasks stream the dump's lines in blocks (a plain file is cut into byte ranges, one task each;
a compressed one is one stream), map tasks parse them into entries and make their aliases' forms
(the costly part: the lemmas), and the driver writes them into the KB as they come. Ray Data's
streaming executor keeps a bounded number of blocks in flight, so memory stays constant.
Ray is an optional extra: `pip install letopis[ray]`.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import ray
from ray.data import Datasource
from ray.data.block import BlockMetadata
from ray.data.datasource import ReadTask

from .base import AliasRow, Entry, alias_rows
from .wikidata import compression, entity_lines, entry, open_dump

BLOCK_LINES = 500  # dump lines per block
OBJECT_STORE_BYTES = 200 * 2**20  # a local Ray: blocks are small, keep its shared memory modest


def entries_with_rows(dump: str | Path, address: str | None = None) -> Iterator[tuple[Entry, list[AliasRow]]]:
    """The dump's entries with their aliases' forms, as Ray's workers finish them."""
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 **({} if address else {"object_store_memory": OBJECT_STORE_BYTES}))
    dataset = ray.data.read_datasource(DumpLines(str(Path(dump).resolve()))).map_batches(
        _parse, batch_format="pyarrow")
    for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=BLOCK_LINES):
        for text in batch.column("entry").to_pylist():
            data = json.loads(text)
            rows = [AliasRow(**row) for row in data.pop("rows")]
            data["aliases"] = {name: tuple(value) for name, value in data["aliases"].items()}
            yield Entry(**data), rows


def _parse(batch: pa.Table) -> pa.Table:
    found = []
    for line in batch.column("line").to_pylist():
        item = entry(line)
        if item is not None:
            found.append(json.dumps(asdict(item) | {"rows": [asdict(r) for r in alias_rows(item)]},
                                    ensure_ascii=False))
    return pa.table({"entry": pa.array(found, pa.string())})


class DumpLines(Datasource):
    """A dump's entity lines (those that may name something in Russian) as a Ray Data source."""

    def __init__(self, path: str):
        self.path = path

    def estimate_inmemory_data_size(self) -> int | None:
        return None

    def get_read_tasks(self, parallelism: int, per_task_row_limit=None, data_context=None) -> list[ReadTask]:
        metadata = BlockMetadata(num_rows=None, size_bytes=None, input_files=[self.path], exec_stats=None)
        return [ReadTask(lambda r=r: _read(self.path, *r), metadata) for r in _ranges(self.path, parallelism)]


def _ranges(path: str, parts: int) -> list[tuple[int, int | None]]:
    """A plain file cut into byte ranges; a compressed one cannot be entered midway: one range."""
    if compression(path):
        return [(0, None)]
    size = Path(path).stat().st_size
    step = max(1, -(-size // max(1, parts)))
    return [(start, min(start + step, size)) for start in range(0, size, step)]


def _read(path: str, start: int, stop: int | None) -> Iterator[pa.Table]:
    """Blocks of the lines that begin in [start, stop); a line that straddles `start` belongs to
    the range before."""
    with open_dump(path) as stream:
        if start:
            stream.seek(start - 1)
            stream.readline()  # the end of the line the range before owns
        lines: list[bytes] = []
        for line in entity_lines(_lines_until(stream, stop)):
            lines.append(line)
            if len(lines) >= BLOCK_LINES:
                yield pa.table({"line": pa.array(lines, pa.binary())})
                lines = []
        if lines:
            yield pa.table({"line": pa.array(lines, pa.binary())})


def _lines_until(stream, stop: int | None) -> Iterator[bytes]:
    while stop is None or stream.tell() < stop:
        line = stream.readline()
        if not line:
            return
        yield line
