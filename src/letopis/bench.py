"""`python -m letopis.bench`: throughput on the NEREL train texts (../shared), figures only.

Prints, from one run over one corpus: natasha alone (the anchor), the full pipeline in one
process and on all cores, the time per stage, the cold start of `letopis extract` on one
article and the peak RSS per worker. It never fails on a timing.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .ingest import read_path
from .records import Article

SHARED = Path("../shared")  # beside the checkout, as in the Makefile; `make bench` runs from the root
CORPUS = "data/nerel/train"
LONG = 150  # texts joined into one long article


def corpus(root: Path, limit: int | None = None) -> list[Article]:
    """The texts of NEREL train, read in place, in a stable order."""
    files = sorted((root / CORPUS).glob("*.txt"))[:limit]
    return [a for f in files for a in read_path(f) if isinstance(a, Article)]


def natasha_alone():
    """What a natasha user runs per article: segment, morphology, syntax, NER, span normalisation.
    The models load here, before the clock starts; natasha keeps its default BLAS threads.
    Returns the run and natasha's NER tagger (for the NER step on its own)."""
    from natasha import (Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                         NewsSyntaxParser, Segmenter)
    segmenter, vocab, embedding = Segmenter(), MorphVocab(), NewsEmbedding()
    morph, syntax, ner = NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)

    def run(texts: list[str]) -> None:
        for text in texts:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)
            for span in doc.spans:
                span.normalize(vocab)
    return run, ner


def ner_network(networks, articles: list[Article]) -> list[str]:
    """The NER network alone over articles already segmented: encoding, navec and the CNN + CRF."""
    from .neural import Segments
    word_ids, shape_ids = networks.encode([t.text for a in articles for t in a.tokens])
    segments = Segments.of_sizes([len(a.tokens) for a in articles])
    return networks.ner(networks.embed(word_ids), shape_ids, segments)


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def pooled(articles: list[Article], workers: int) -> tuple[float, float]:
    """Articles/s on the pool once it is up (counted from the first article back) and the
    seconds until then: worker start-up, model loading and the first batch."""
    from .parallel import process
    started = time.perf_counter()
    first, count = None, 0
    for _ in process(articles, workers):
        count += 1
        first = first or time.perf_counter()
    return (count - 1) / (time.perf_counter() - first), first - started


def cold_start(article: Path) -> float:
    """Seconds for a fresh `letopis extract` process on one article, output discarded."""
    script = Path(sys.executable).with_name("letopis")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from letopis.cli import app; app()"]
    started = time.perf_counter()
    subprocess.run([*command, "extract", str(article)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (holds data/nerel)")
    parser.add_argument("--limit", type=int, help="only the first N articles (a quick look)")
    parser.add_argument("--workers", type=int, help="processes for the all-cores run (default: all cores)")
    args = parser.parse_args(argv)
    if not (args.shared / CORPUS).is_dir():
        print(f"bench skipped: {args.shared / CORPUS} is absent (the corpus lives in ../shared)")
        return
    articles = corpus(args.shared, args.limit)
    if len(articles) < 2:
        print(f"bench skipped: fewer than 2 articles in {args.shared / CORPUS}")
        return

    from threadpoolctl import threadpool_limits

    from .models import Models
    from .parallel import default_workers
    from .pipeline import Pipeline

    n, chars = len(articles), sum(len(a.text) for a in articles)
    workers = args.workers or default_workers()
    print(f"corpus: {n} articles, {chars / 1e6:.2f} M characters ({args.shared / CORPUS}); {workers} cores")
    # Every run gets fresh copies: the pipeline fills the articles in place.
    fresh = lambda: [Article(id=a.id, text=a.text, published=a.published, path=a.path) for a in articles]  # noqa: E731

    # The pool runs first, while this process is small: a spawned worker's peak RSS counts the
    # parent's size at the fork before its exec.
    rate, startup = pooled(fresh(), workers)
    worker_mb = peak_mb(resource.RUSAGE_CHILDREN)

    natasha, natasha_ner_tagger = natasha_alone()
    natasha([a.text for a in articles[:2]])  # first calls allocate
    anchor = n / timed(lambda: natasha([a.text for a in articles]))
    with threadpool_limits(limits=1, user_api="blas"):  # natasha's BLAS threads spin on a busy machine
        one_thread = n / timed(lambda: natasha([a.text for a in articles]))

    pipeline = Pipeline(Models(threads=default_workers()))  # one process, the machine to itself, as natasha
    pipeline(Article(id="warm", text="Москва, 1 мая. Президент выступил с речью."))  # load models
    pipeline.timings.clear()
    batch = fresh()
    single = n / timed(lambda: list(pipeline.stream(batch)))

    print(f"natasha alone, 1 process:      {anchor:7.1f} articles/s  (anchor)")
    print(f"  (natasha alone, 1 BLAS thread: {one_thread:5.1f} articles/s, for reference)")
    print(f"letopis pipeline, 1 process:   {single:7.1f} articles/s  {single / anchor:5.2f}x anchor "
          f"({default_workers()} BLAS threads, as natasha)")
    print(f"letopis pipeline, {workers} processes: {rate:7.1f} articles/s  {rate / anchor:5.2f}x anchor "
          f"(after {startup:.1f} s of start-up and first batch)")

    # The NER step: natasha's tagger alone, against ours: natasha's network run over the tokens the
    # language layer has already made, plus the CRF that corrects and extends its tags.
    from . import ner
    with threadpool_limits(limits=1, user_api="blas"):
        natasha_ner = timed(lambda: [natasha_ner_tagger(a.text) for a in batch])
        network = timed(lambda: [ner_network(pipeline.models.networks, batch[i:i + 16])
                                 for i in range(0, n, 16)])
    crf = timed(lambda: ner.tag(batch, pipeline.models.ner_model))
    print(f"NER step: natasha's NER {n / natasha_ner:6.1f} articles/s; letopis NER (natasha's network, "
          f"batched, + CRF) {n / (network + crf):6.1f} articles/s  {natasha_ner / (network + crf):4.2f}x")

    total = sum(pipeline.timings.values())
    print("time per stage (1 process):")
    for stage, seconds in pipeline.timings.items():
        print(f"  {stage:10s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %  "
              f"{1000 * seconds / n:6.1f} ms/article")

    # Rules that look back over a whole article grow with its length squared: one long text made
    # of LONG articles should take about as long as the same articles one by one.
    joined = articles[:LONG]
    long_text = Article(id="long", text="\n\n".join(a.text for a in joined), published=joined[0].published)
    print(f"one long article ({len(joined)} texts joined, {len(long_text.text) / 1e3:.0f} K characters): "
          f"{timed(lambda: pipeline(long_text)):.1f} s; as {len(joined)} articles: {len(joined) / single:.1f} s")

    print(f"peak RSS per worker: {f'{worker_mb:.0f} MB' if worker_mb else 'n/a (ran in one process)'}; "
          f"this process (natasha and the 1-process pipeline together): {peak_mb(resource.RUSAGE_SELF):.0f} MB")
    if articles[0].path:
        print(f"cold start, `letopis extract` on one article: {cold_start(Path(articles[0].path)):.1f} s")


if __name__ == "__main__":
    main()
