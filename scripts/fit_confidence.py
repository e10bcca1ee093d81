"""Fit event confidence (src/letopis/data/confidence.yaml) on tuning gold.

    python scripts/fit_confidence.py [--cache /tmp/confidence.json]

Runs the pipeline over the tuning gold (tests/gold/tuning, tests/gold/nerel_events and the seed's
gold in ../shared/gold), marks each predicted event right or wrong (letopis.calibration), and fits
a logistic model over the signals of letopis.confidence, with an L2 penalty. It prints the fit's
reliability in five folds by article (each fold scored by weights fitted on the others). Held-out
gold (tests/gold/heldout) is never read here: `make eval` reports it.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TUNING = [ROOT / "tests/gold/tuning", ROOT / "tests/gold/nerel_events", SHARED / "gold"]
OUT = ROOT / "src/letopis/data/confidence.yaml"
PENALTY, FOLDS = 4.0, 5


def observe() -> list[dict]:
    """Every predicted event of the tuning gold: its article, signals and whether it is right."""
    from letopis import confidence
    from letopis.calibration import outcomes
    from letopis.evaluate import gold_articles, load_gold
    from letopis.pipeline import Pipeline
    pipeline = Pipeline()
    rows = []
    for folder in TUNING:
        golds = load_gold(folder)
        articles = pipeline.run(gold_articles(golds, SHARED))
        rows += [{"article": f"{folder.name}/{article.id}", "signals": confidence.features(article, event),
                  "right": right} for article, event, right in outcomes(golds, articles)]
    return rows


def logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (bias first) by Newton's method, the bias unpenalised."""
    x = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], PENALTY)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(w[0] + x @ w[1:])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep the pipeline's observations here between runs")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        rows = json.loads(args.cache.read_text("utf-8"))
    else:
        rows = observe()
        if args.cache:
            args.cache.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    names = sorted(rows[0]["signals"])
    x = np.array([[r["signals"][n] for n in names] for r in rows])
    y = np.array([float(r["right"]) for r in rows])
    articles = sorted({r["article"] for r in rows})
    fold = np.array([articles.index(r["article"]) % FOLDS for r in rows])
    held = np.zeros(len(rows))
    for k in range(FOLDS):
        held[fold == k] = predict(logistic(x[fold != k], y[fold != k]), x[fold == k])
    w = logistic(x, y)
    weights = {"bias": round(float(w[0]), 4)} | {n: round(float(v), 4) for n, v in zip(names, w[1:])}
    header = ("# Event confidence (letopis.confidence), fitted by scripts/fit_confidence.py on tests/gold/tuning,\n"
              f"# tests/gold/nerel_events and ../shared/gold: {len(rows)} predicted events of {len(articles)} "
              f"articles, {int(y.sum())} right.\n# The weights of a logistic model over the signals; "
              "refit after the event rules change.\n")
    OUT.write_text(header + yaml.safe_dump({"weights": weights}, sort_keys=False), "utf-8")
    loss = -np.mean(y * np.log(held) + (1 - y) * np.log(1 - held))
    base = y.mean()
    print(f"{len(rows)} events, {int(y.sum())} right; log loss in folds {loss:.4f} "
          f"(the base rate alone {-(base * np.log(base) + (1 - base) * np.log(1 - base)):.4f})")
    print(f"weights: {weights}")
    for low in (0.0, 0.2, 0.4, 0.6, 0.8):
        inside = (held >= low) & (held < low + 0.2 + 1e-9)
        if inside.any():
            print(f"  {low:.1f}–{low + 0.2:.1f}: {inside.sum():4d} events, mean {held[inside].mean():.2f}, "
                  f"right {y[inside].mean():.2f}")


if __name__ == "__main__":
    main()
