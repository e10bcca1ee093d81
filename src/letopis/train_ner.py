"""Train the NER model on NEREL train: `python -m letopis.train_ner [shared_dir] [out_path]`.

Deterministic (L-BFGS from zero weights); a few minutes on one CPU core.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from . import language, ner, nereval
from .models import Models
from .records import Article, Token

PARAMS = {"c1": 0.15, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def bio(tokens: list[Token], spans: list[nereval.Span]) -> list[str]:
    """Gold spans as BIO labels; a token touching a span belongs to it."""
    labels = ["O"] * len(tokens)
    for start, stop, kind in spans:
        inside = [i for i, t in enumerate(tokens) if t.start < stop and t.stop > start]
        for n, i in enumerate(inside):
            labels[i] = ("B-" if n == 0 else "I-") + kind
    return labels


def examples(docs: list[nereval.Doc], articles: list[Article]):
    for doc, article in zip(docs, articles):
        for sentence, feats in zip(article.sentences, ner.article_features(article)):
            inside = [s for s in doc.spans if sentence.start <= s[0] < sentence.stop]
            yield feats, bio(sentence.tokens, inside)


def preprocess(docs: list[nereval.Doc], models: Models) -> list[Article]:
    articles = [Article(id=d.id, text=d.text) for d in docs]
    for i in range(0, len(articles), 16):
        language.run(articles[i:i + 16], models)
    return articles


def train(docs: list[nereval.Doc], articles: list[Article], out: Path) -> None:
    import pycrfsuite
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels in examples(docs, articles):
        trainer.append(feats, labels)
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ner.MODEL_PATH
    started = time.perf_counter()
    docs = nereval.read_nerel(shared / "data/nerel/train")
    articles = preprocess(docs, Models())
    print(f"preprocessed {len(docs)} documents in {time.perf_counter() - started:.0f}s", flush=True)
    train(docs, articles, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
