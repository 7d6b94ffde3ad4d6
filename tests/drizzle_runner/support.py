"""Helpers shared by the Drizzle runner tests: generated migration folders, ledger reads."""
import json
from pathlib import Path

FIRST_WHEN = 1_700_000_000_000


def make_migrations(folder: Path, files: list[tuple[str, str]], whens: list[int] | None = None) -> Path:
    """Write a drizzle-kit style folder: meta/_journal.json and one <tag>.sql per file.

    `files` is [(tag, sql text)] in journal order; `when` is FIRST_WHEN plus a
    second per position unless `whens` gives them.
    """
    (folder / "meta").mkdir(parents=True, exist_ok=True)
    entries = []
    for idx, (tag, text) in enumerate(files):
        (folder / f"{tag}.sql").write_text(text, encoding="utf-8")
        entries.append(
            {"idx": idx, "version": "7", "when": whens[idx] if whens else FIRST_WHEN + idx * 1000, "tag": tag, "breakpoints": True}
        )
    journal = {"version": "7", "dialect": "postgresql", "entries": entries}
    (folder / "meta" / "_journal.json").write_text(json.dumps(journal, indent=2), encoding="utf-8")
    return folder


def ledger(conn) -> list[tuple[int, str, int]]:
    """drizzle.__drizzle_migrations rows, or [] when the table does not exist."""
    if not conn.execute("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL").fetchone()[0]:
        return []
    return conn.execute(
        "SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id"
    ).fetchall()


def tables(conn, schema: str = "public") -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
    ).fetchall()
    return {row[0] for row in rows}


def schema_exists(conn, schema: str) -> bool:
    return conn.execute("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = %s)", (schema,)).fetchone()[0]
