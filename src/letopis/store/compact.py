"""`letopis compact`: the store written anew, table by table, in DuckDB's current storage format
and the current schema: a file upgraded from an older letopis gains zstd for its texts, and
any file gives back the space that updates and old indexes left free. The new file replaces the
old one only once it is complete."""
from __future__ import annotations

import os
from pathlib import Path

from . import schema


def compact(path: str | Path) -> tuple[int, int]:
    """Rewrite the store at `path`; returns its size in bytes before and after."""
    path = Path(path)
    schema.connect(path).close()  # upgraded first, if it is older; checkpointed on closing
    before = path.stat().st_size
    target = path.with_name(path.name + ".compact")
    target.unlink(missing_ok=True)
    db = schema.connect(target)
    try:
        db.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS old (READ_ONLY)")
        db.execute("DELETE FROM meta")
        tables = [t for (t,) in db.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = "
                                           "current_database() AND schema_name = 'main' ORDER BY table_name").fetchall()]
        for table in tables:
            columns = ", ".join(f'"{c}"' for (c,) in db.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
                "AND schema_name = 'main' AND table_name = ? ORDER BY column_index", [table]).fetchall())
            db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM old.main.{table}")
        for name, following in db.execute("SELECT sequence_name, coalesce(last_value + increment_by, start_value) "
                                          "FROM duckdb_sequences() WHERE database_name = 'old'").fetchall():
            db.execute(f"DROP SEQUENCE main.{name}")
            db.execute(f"CREATE SEQUENCE main.{name} START WITH {following}")
        db.execute("DETACH old")
        db.execute("CHECKPOINT")
    except BaseException:
        db.close()
        target.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(target, path)
    return before, path.stat().st_size
