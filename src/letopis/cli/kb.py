"""`letopis kb build` and `letopis kb info`: the knowledge base the linker reads (docs/kb.md)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .exits import give_up, stderr

kb_app = typer.Typer(no_args_is_help=True, help="The knowledge base entities are linked against (Wikidata QIDs).")
app.add_typer(kb_app, name="kb")


@kb_app.command()
def build(
    sources: Annotated[list[Path], typer.Argument(help="NEREL folders, or one Wikidata JSON dump")],
    from_nerel: Annotated[bool, typer.Option("--from-nerel", help="The sources are NEREL folders (.ann files)")] = False,
    from_wikidata: Annotated[bool, typer.Option("--from-wikidata", help="The source is a Wikidata JSON dump "
                                                "(plain, .bz2 or .gz), streamed in constant memory")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The KB file (default: the default KB)")] = None,
    engine: Annotated[str, typer.Option(help="local, or ray: the dump parsed on Ray Data")] = "local",
    address: Annotated[str | None, typer.Option(help="A Ray cluster's head (HEAD:6379); default: a local Ray")] = None,
) -> None:
    """Build a KB from NEREL's entity links or from a Wikidata dump; it replaces the file whole
    once built (a failed build leaves the old one)."""
    from .. import kb
    if from_nerel == from_wikidata:
        raise typer.BadParameter("give --from-nerel FOLDER... or --from-wikidata DUMP", param_hint="--from-nerel")
    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    missing = [str(p) for p in sources if not p.exists()]
    if missing:
        give_up(f"no such file or folder: {', '.join(missing)}")
    target = out or kb.default_path()
    if from_nerel:
        from ..gazetteer import Gazetteer
        from ..kb import nerel
        entries = nerel.entries(nerel.read_all(sources), Gazetteer.load())
        if not entries:
            give_up(f"no NEREL entity links (.ann files with N lines) in {', '.join(map(str, sources))}")
        with kb.Writer(target, "nerel " + " ".join(p.name for p in sources)) as writer:
            count = writer.add_all(entries)
    else:
        if len(sources) != 1 or not sources[0].is_file():
            raise typer.BadParameter("--from-wikidata takes one dump file", param_hint="SOURCES")
        from ..kb import wikidata
        try:
            count = wikidata.build(sources[0], target, engine=engine, address=address)
        except ImportError as error:
            give_up(f"--engine ray needs Ray: pip install 'letopis[ray]' ({error})")
    stderr.print(f"{count} entities in {target}", highlight=False)


@kb_app.command()
def info(path: Annotated[Path | None, typer.Argument(help="A KB file (default: the default KB)")] = None) -> None:
    """Where the KB is, what it was built from and how many entities it holds."""
    from .. import kb
    target = path or kb.default_path()
    base = kb.load(target)
    if not len(base):
        stderr.print(f"no KB at {target}: entities stay unlinked (build one: letopis kb build)", highlight=False)
        raise typer.Exit(1)
    print(f"{target}\t{base.source}\t{len(base)} entities")
