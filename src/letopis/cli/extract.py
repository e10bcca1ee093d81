"""`letopis extract`, `letopis eval` and `letopis agree`; a first Ctrl-C stops extract after the record in hand."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..ingest import MAX_FILES, Limits, ReadError, read_paths
from ..parallel import process
from ..pipeline import Pipeline
from ..stops import Stopped, stopping
from . import app
from .exits import outcome, report_error, stderr
from .options import checked_date


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or table")] = "jsonl",
    published: Annotated[str | None, typer.Option(help="Date for articles without one: YYYY[-MM[-DD]]")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (default: all cores)")] = None,
    max_files: Annotated[int, typer.Option(help="A folder with more files is refused", min=1)] = MAX_FILES,
) -> None:
    """Write one SCHEMA.md record per article to stdout; unreadable inputs are reported on stderr.
    Exits 0 when every input was read, 1 when some failed, 2 when none could be read."""
    if format not in ("jsonl", "json", "table"):
        raise typer.BadParameter("choose jsonl, json or table", param_hint="--format")
    published = checked_date(published, "--published")
    records, written, failed = [], 0, []
    try:
        with stopping() as stop:
            for item in process(_readable(read_paths(paths, published, Limits(files=max_files)), failed),
                                workers):
                record = item.to_record()
                written += 1
                if format == "jsonl":
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    records.append(record)
                stop.check()
    except Stopped as stopped:
        stderr.print(f"letopis: stopped by {stopped} after {written} records", highlight=False)
        raise typer.Exit(stopped.exit_code) from None
    if format == "json":
        json.dump(records if len(records) != 1 else records[0], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif format == "table":
        _print_table(records)
    raise typer.Exit(outcome(written, len(failed)))


def _readable(items, failed: list[ReadError]):
    """The articles; each input that cannot be read is reported on stderr and kept in `failed`."""
    for item in items:
        if isinstance(item, ReadError):
            report_error(item)
            failed.append(item)
        else:
            yield item


def _print_table(records: list[dict]) -> None:
    table = Table(title="letopis extract")
    for column in ("article", "type", "name", "roles", "mentions"):
        table.add_column(column)
    for record in records:
        for entity in record["entities"]:
            table.add_row(record["id"], entity["type"], entity["name"], ", ".join(entity["roles"]),
                          str(len(entity["mentions"])))
    Console().print(table)


@app.command("eval")
def evaluate_command(
    gold_dirs: Annotated[list[Path], typer.Argument(help="Folders of gold JSON files")],
    shared: Annotated[Path | None, typer.Option(help="Folder the gold files' article paths start from")] = None,
    ner: Annotated[bool, typer.Option(help="Also print NER F1 on NEREL dev and factRuEval dev")] = False,
    nerel_events: Annotated[bool, typer.Option(help="Also print recall of NEREL dev's EVENT mentions "
                                               "by family (held-out gold articles left out)")] = False,
    nerel_args: Annotated[bool, typer.Option(help="Also print how often an event's place and date are the "
                                             "ones NEREL dev's relations give (held-out gold articles left out)")] = False,
    merge: Annotated[Path | None, typer.Option(help="Also score the cross-article merge on a folder of "
                                               "stories told by several outlets (stories.json)")] = None,
    links: Annotated[bool, typer.Option(help="Also score entity linking on NEREL dev's Wikidata links, "
                                             "with a KB built from NEREL train")] = False,
) -> None:
    """Score letopis against gold records: per-layer P/R/F1 and argument accuracy."""
    from .. import calibration
    from ..evaluate import evaluate, gold_articles, load_gold, report, side_by_side
    pipeline = Pipeline()
    results, scored = {}, {}
    for gold_dir in gold_dirs:
        root = shared or _shared_root(gold_dir)
        try:
            golds = load_gold(gold_dir)
            articles = pipeline.run(gold_articles(golds, root))
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None
        results[str(gold_dir)] = totals = evaluate(golds, articles)
        scored[str(gold_dir)] = [(e.confidence, right) for _, e, right in calibration.outcomes(golds, articles)
                                 if e.confidence is not None]
        print(report(totals, f"{gold_dir} ({len(golds)} gold files)"))
    if table := side_by_side(results):
        print(table)
    if table := calibration.table({name: pairs for name, pairs in scored.items() if pairs}):
        print(table)
    if ner:
        root = shared or _shared_root(gold_dirs[0])
        from ..nereval import ner_report
        print(ner_report(root))
    from ..eventrecall import nerel_id
    held_out = {nerel_id(g["article"]) for d in gold_dirs if d.name.startswith("heldout")
                for g in load_gold(d) if "nerel/" in g["article"]}
    nerel_dev = (shared or _shared_root(gold_dirs[0])) / "data/nerel/dev"
    if nerel_events:
        from ..eventrecall import report as recall_report
        print(recall_report(nerel_dev, pipeline, held_out))
    if nerel_args:
        from .. import eventargs
        print(eventargs.report(eventargs.measure(nerel_dev, pipeline, held_out),
                               f"{nerel_dev}, {len(held_out)} held-out articles left out"))
    if merge is not None:
        from .. import mergeeval
        print(mergeeval.report(mergeeval.score(merge, pipeline), merge))
    if links:
        from ..linkeval import links_report
        print(links_report(shared or _shared_root(gold_dirs[0]), pipeline.models))


@app.command("agree")
def agree_command(
    first: Annotated[Path, typer.Argument(help="A folder of gold files (the reference)")],
    second: Annotated[Path, typer.Argument(help="Another annotator's files for the same articles")],
    shared: Annotated[Path | None, typer.Option(help="Folder the gold files' article paths start from")] = None,
) -> None:
    """How far two annotators agree: the second folder scored against the first, both ways round."""
    from ..agreement import agreement
    from ..evaluate import report
    root = shared or _shared_root(first)
    for a, b in ((first, second), (second, first)):
        print(report(agreement(a, b, root), f"agreement: {b} scored against {a}"))


def _shared_root(gold_dir: Path) -> Path:
    """Gold files name articles relative to the shared folder, the parent of ../shared/gold; gold
    written by `letopis gold export` names them relative to its own folder."""
    gold_dir = gold_dir.resolve()
    first = next(iter(sorted(gold_dir.glob("*.json"))), None)
    if first is not None and (gold_dir / json.loads(first.read_text("utf-8")).get("article", "")).is_file():
        return gold_dir
    for candidate in (gold_dir.parent, Path(__file__).resolve().parents[3].parent / "shared"):
        if (candidate / "corpus").is_dir() or (candidate / "data").is_dir():
            return candidate
    raise typer.BadParameter(f"cannot find the shared folder for {gold_dir}; pass --shared")
