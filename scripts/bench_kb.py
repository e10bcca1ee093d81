"""Benchmark (not a test): `letopis kb build --from-wikidata` on synthetic dumps of growing size,
to show that its memory stays constant. Figures only; it never fails on them.

    python scripts/bench_kb.py                      # 100 MB and 1 GB dumps, the local engine
    python scripts/bench_kb.py --sizes 1000 --engine ray --gzip

A dump is written in Wikidata's JSON format (one entity per line inside a JSON array): people,
cities and organisations with Russian labels and made-up names (so the lemma cache does not flatter
the run), and as many items named in other languages only, which the builder skips. Each build runs
in its own process; its peak RSS is that process's (with --engine ray: the driver's, Ray's workers
apart).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = ["ка", "ло", "ми", "ра", "то", "ну", "се", "ве", "да", "жи", "бо", "ля", "ре", "зо", "ху", "ша"]
GIVEN = ["Алексей", "Мария", "Сергей", "Анна", "Дмитрий", "Ольга", "Тимур", "Айгуль", "Иван", "Дарья"]
PATRONYMIC = ["Иванович", "Петровна", "Сергеевич", "Алексеевна", "Маратович", "Олеговна"]
KINDS = {"PER": "Q5", "LOC": "Q515", "ORG": "Q43229"}
LANGUAGES = ["en", "de", "fr", "es", "it", "pl", "uk", "kk", "tr", "ja"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _name(rng: random.Random, kind: str) -> str:
    if kind == "PER":
        return f"{rng.choice(GIVEN)} {rng.choice(PATRONYMIC)} {_word(rng, 3)}ов"
    if kind == "LOC":
        return _word(rng, 3) + rng.choice(["ск", "град", "ово", "ино"])
    return f"{_word(rng, 2)} {rng.choice(['банк', 'холдинг', 'союз', 'фонд'])}"


def _item(rng: random.Random, number: int) -> dict:
    kind = rng.choice([*KINDS, None])  # a quarter named in other languages only
    claims = {}
    labels = {lang: {"language": lang, "value": f"Item {number}"} for lang in rng.sample(LANGUAGES, 6)}
    aliases = {}
    if kind:
        name = _name(rng, kind)
        labels["ru"] = {"language": "ru", "value": name}
        aliases["ru"] = [{"language": "ru", "value": _name(rng, kind)} for _ in range(rng.randint(0, 2))]
        claims["P31"] = [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {
            "value": {"entity-type": "item", "id": KINDS[kind]}, "type": "wikibase-entityid"}},
            "type": "statement", "rank": "normal"}]
        if kind == "LOC":
            claims["P1566"] = [{"mainsnak": {"snaktype": "value", "property": "P1566", "datavalue": {
                "value": str(rng.randint(1, 10**7)), "type": "string"}}, "type": "statement", "rank": "normal"}]
    # the bulk a real entity carries: descriptions and sitelinks in many languages
    descriptions = {lang: {"language": lang, "value": "x" * rng.randint(40, 200)} for lang in LANGUAGES}
    sitelinks = {f"{lang}wiki": {"site": f"{lang}wiki", "title": f"Title {number}", "badges": []}
                 for lang in rng.sample(LANGUAGES, rng.randint(0, 10))}
    return {"type": "item", "id": f"Q{number}", "labels": labels, "descriptions": descriptions,
            "aliases": aliases, "claims": claims, "sitelinks": sitelinks}


def write_dump(path: Path, megabytes: int, compress: bool) -> int:
    """A dump of about `megabytes` MB (before compression), written a line at a time; its items."""
    rng = random.Random(megabytes)
    target, written, number = megabytes * 10**6, 0, 0
    with (gzip.open(path, "wb", compresslevel=1) if compress else open(path, "wb")) as out:
        out.write(b"[\n")
        while written < target:
            number += 1
            line = json.dumps(_item(rng, number), ensure_ascii=False).encode() + b",\n"
            out.write(line)
            written += len(line)
        out.write(b"{}\n]\n")
    return number


def build(dump: Path, kb: Path, engine: str) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) of the build's own process, and what it printed."""
    code = ("import resource, sys\n"
            "from letopis.kb import wikidata\n"
            f"n = wikidata.build({str(dump)!r}, {str(kb)!r}, engine={engine!r})\n"
            "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    entities, peak_kb = done.stdout.split()[-2:]
    return seconds, int(peak_kb) / 1024, entities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="dump sizes in MB")
    parser.add_argument("--engine", default="local", choices=["local", "ray"])
    parser.add_argument("--gzip", action="store_true", help="write the dumps gzipped")
    parser.add_argument("--dir", type=Path, default=None, help="where the dumps go (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        print(f"{'dump MB':>8} {'items':>9} {'kept':>8} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>12}  engine={args.engine}")
        for size in args.sizes:
            dump = Path(tmp) / (f"dump{size}.json" + (".gz" if args.gzip else ""))
            items = write_dump(dump, size, args.gzip)
            seconds, peak, kept = build(dump, Path(tmp) / f"kb{size}.sqlite", args.engine)
            print(f"{size:8d} {items:9d} {kept:>8} {seconds:8.1f} {size / seconds:6.1f} {peak:12.0f}", flush=True)
            dump.unlink()
    print(f"this process (the generator): peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
