"""The real records the synthetic stores vary: NEREL train texts (../shared) through the
pipeline, or, where ../shared is absent, the texts under tests/fixtures."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ingest import read_paths
from ..records import Article

SHARED = Path("../shared")  # beside the checkout, as in the Makefile
NEREL = "data/nerel/train"
FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures"


@dataclass
class Seeds:
    articles: list[Article]  # processed by the pipeline
    source: str  # what they are, for the report


def load(count: int, shared: Path = SHARED) -> Seeds:
    """`count` texts through the real pipeline: NEREL train's first, else the fixture texts."""
    from ..pipeline import Pipeline
    nerel = sorted((shared / NEREL).glob("*.txt"))
    if nerel:
        files, source = nerel[:count], f"NEREL train ({min(count, len(nerel))} texts, {shared / NEREL})"
    else:
        files = sorted((FIXTURES / "same_story").glob("*.txt")) + sorted((FIXTURES / "web").rglob("*.html"))
        source = f"the {len(files)} fixture texts under tests/fixtures ({shared} is absent)"
    read = [a for a in read_paths([str(f) for f in files]) if isinstance(a, Article)]
    pipeline = Pipeline()
    return of([a for start in range(0, len(read), 32) for a in pipeline.run(read[start:start + 32])], source)


def of(articles: list[Article], source: str) -> Seeds:
    """Processed articles as seeds."""
    for article in articles:  # the store reads sentences' spans only; millions of tokens would slow the GC
        for sentence in article.sentences:
            sentence.tokens = []
    return Seeds([a for a in articles if a.text.strip()], source)
