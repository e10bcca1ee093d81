"""Reading what the chronicle's pages show besides its events: facets for the filters, quotes of a
speaker or an article, the graph of entities met in one event, and an article's own events with
the chronicle events they joined."""
from __future__ import annotations

from typing import Any

import duckdb

from .lookup import entity_ids, entity_names
from .query import participant
from .text import nominative


def facets(db: duckdb.DuckDBPyConnection, actors: int = 200) -> dict[str, list[str]]:
    """The types, places and actors' names (the first `actors` of them) the chronicle's events
    have (not background, not rejected), for filter forms."""
    shown = "NOT coalesce(c.background, false) AND coalesce(c.review, '') <> 'rejected'"
    found = {}
    for key, column in (("types", "type"), ("places", "location_name")):
        found[key] = [r[0] for r in db.execute(
            f"SELECT DISTINCT {column} FROM chronicle_events c WHERE {shown} "
            f"AND {column} IS NOT NULL ORDER BY {column}").fetchall()]
    named = db.execute(f"SELECT DISTINCT c.actor_text, e.name FROM chronicle_events c LEFT JOIN entities e "
                       f"ON e.id = c.actor_id WHERE {shown} AND (c.actor_text IS NOT NULL OR e.name IS NOT NULL)"
                       ).fetchall()
    found["actors"] = sorted({name or nominative(text) for text, name in named})[:actors]
    return found


def quotes(db: duckdb.DuckDBPyConnection, speaker: str | None = None, article: str | None = None,
           kind: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Stored quotes, filtered by speaker (an entity name in any case form, or words of the
    unnamed speaker's description), article and kind."""
    ids = entity_ids(db, speaker) if speaker else []
    rows = db.execute(
        "SELECT q.article_id, q.idx, q.start, q.stop, q.text, q.kind, q.speaker_id, e.name, "
        "q.speaker_text, q.via, a.published FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN entities e ON e.id = q.speaker_id "
        "WHERE (CAST(? AS VARCHAR) IS NULL OR q.article_id = ?) AND (CAST(? AS VARCHAR) IS NULL OR q.kind = ?) "
        "AND (CAST(? AS VARCHAR) IS NULL OR list_contains(?, q.speaker_id) OR q.speaker_text ILIKE ?) "
        "ORDER BY a.published NULLS LAST, q.article_id, q.idx LIMIT ?",
        [article, article, kind, kind, speaker, ids, f"%{speaker}%", limit]).fetchall()
    keys = ("article", "index", "start", "stop", "text", "kind", "speaker_id", "speaker",
            "speaker_text", "via", "published")
    return [dict(zip(keys, row)) for row in rows]


def chronicle_ids(db: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, int]:
    """An article's event ids → the chronicle events they were merged into."""
    return dict(db.execute("SELECT local_id, chronicle_id FROM events WHERE article_id = ? "
                            "AND chronicle_id IS NOT NULL", [article_id]).fetchall())


def graph(db: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """Who acted on whom (event actor → target; news only, rejected events left out) and who
    quoted whom (each channel in a quote's relay chain → the one it quotes), over stored entities."""
    edges = [{"source": a, "target": t, "kind": "acted", "label": kind, "count": n}
             for a, t, kind, n in db.execute(
                 "SELECT actor_id, target_id, type, count(*) FROM events WHERE actor_id IS NOT NULL "
                 "AND target_id IS NOT NULL AND actor_id <> target_id AND NOT coalesce(background, false) "
                 "AND coalesce(review, '') <> 'rejected' GROUP BY ALL ORDER BY ALL").fetchall()]
    names = {name: id_ for id_, name in db.execute(
        "SELECT min(id), name FROM entities GROUP BY name").fetchall()}
    quoted: dict[tuple[int, int], int] = {}
    for speaker, via in db.execute(
            "SELECT speaker_id, via FROM quotes WHERE speaker_id IS NOT NULL AND len(via) > 0").fetchall():
        chain = [speaker] + [names[v] for v in via if v in names]
        for quoted_one, channel in zip(chain, chain[1:]):
            if channel != quoted_one:
                quoted[(channel, quoted_one)] = quoted.get((channel, quoted_one), 0) + 1
    edges += [{"source": s, "target": t, "kind": "quoted", "label": "цитирует", "count": n}
              for (s, t), n in sorted(quoted.items())]
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = [{"id": i, "type": t, "name": n} for i, t, n in db.execute(
        "SELECT id, type, name FROM entities WHERE list_contains(?, id) ORDER BY id", [ids]).fetchall()]
    return {"nodes": nodes, "edges": edges}


def chronicle_ids_of(db: duckdb.DuckDBPyConnection, events: list[tuple[str, str]]) -> list[int | None]:
    """The chronicle event each (article, event) pair is in now."""
    found = dict(((a, e), c) for a, e, c in db.execute(
        "SELECT article_id, local_id, chronicle_id FROM events WHERE list_contains(?, article_id || '/' || local_id)",
        [[f"{a}/{e}" for a, e in events]]).fetchall())
    return [found.get(tuple(pair)) for pair in events]


ARTICLE_EVENT_COLUMNS = ("local_id", "type", "mode", "date", "date_grain", "location_name", "actor_text",
                         "actor_id", "actor_class", "target_text", "target_id", "target_class",
                         "fatalities_min", "fatalities_max", "injured_min", "injured_max", "arrested_min",
                         "arrested_max", "modality", "start", "stop", "background", "confidence", "review",
                         "chronicle_id")


def article_events(db: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """One article's events as stored now: reviewed values, review state, confidence, and the
    chronicle event each is in."""
    rows = [dict(zip(ARTICLE_EVENT_COLUMNS, r)) for r in db.execute(
        f"SELECT {', '.join(ARTICLE_EVENT_COLUMNS)} FROM events WHERE article_id = ? ORDER BY start, local_id",
        [article_id]).fetchall()]
    names = entity_names(db, [r[f"{side}_id"] for r in rows for side in ("actor", "target")])
    out = []
    for r in rows:
        counts = {what: None if r[f"{what}_min"] is None else {"min": r[f"{what}_min"], "max": r[f"{what}_max"]}
                  for what in ("fatalities", "injured", "arrested")}
        out.append({"id": r["local_id"], "type": r["type"], "mode": r["mode"], "date": r["date"],
                    "date_grain": r["date_grain"], "place": r["location_name"],
                    "actor": participant(r["actor_text"], r["actor_id"], r["actor_class"], names),
                    "target": participant(r["target_text"], r["target_id"], r["target_class"], names),
                    **counts, "modality": r["modality"], "evidence": [r["start"], r["stop"]],
                    "background": bool(r["background"]), "confidence": r["confidence"], "review": r["review"],
                    "chronicle_id": r["chronicle_id"]})
    return out
