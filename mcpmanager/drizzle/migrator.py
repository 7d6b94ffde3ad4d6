"""Apply drizzle-kit's SQL migrations exactly as drizzle-orm 0.45's migrator does.

What is mirrored (drizzle-orm ``migrator.js`` ``readMigrationFiles`` and
``pg-core/dialect.js`` ``PgDialect.migrate``):

* The journal is ``<dir>/meta/_journal.json``; its ``entries`` are read in
  order and entry ``tag`` names the file ``<dir>/<tag>.sql``.
* A file's statements are its text split on ``--> statement-breakpoint``
  (always, whatever the entry's ``breakpoints`` flag says); each part is sent
  as is, in the simple query protocol.
* A migration's hash is the sha256 hex digest of the file's whole UTF-8 text;
  its ``created_at`` in the ledger is the entry's ``when`` (folderMillis).
* The ledger is ``"drizzle"."__drizzle_migrations"`` created with drizzle's
  DDL; a migration is pending when its ``when`` is greater than the newest
  ``created_at`` recorded; all pending migrations run in ONE transaction, each
  followed by ``INSERT (hash, created_at)``.

Where drizzle-orm is silent, this runner refuses (``MigrationError``) and
applies nothing:

* an applied migration whose file changed (hash differs) or whose journal
  entry is gone;
* a journal entry older than the newest applied one that was never applied
  (merged from a parallel branch: drizzle-orm skips it forever);
* a journal whose ``when`` values do not strictly increase, a tag that is not
  a plain file name, a file that is not UTF-8.

Concurrency: drizzle-orm takes no lock. ``migrate`` takes the transaction-level
advisory lock ``ADVISORY_LOCK_KEY`` before it creates or reads the ledger, in
READ COMMITTED, so concurrent Python runners apply each migration once (the
later one reads the ledger after the first commits). drizzle-orm's own
migrator does not take this lock, so do not run both at the same time.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus

from .journal import (  # noqa: F401 (re-exported: the runner's public API)
    BREAKPOINT,
    JournalError,
    Migration,
    MigrationError,
    MigrationFileMissingError,
    read_migrations,
)

LEDGER_SCHEMA = "drizzle"
LEDGER_TABLE = "__drizzle_migrations"
# pg_advisory_xact_lock key held while migrating: b"mcp_drzl" read as a bigint.
ADVISORY_LOCK_KEY = int.from_bytes(b"mcp_drzl", "big")
# The consolidated schema lives in "public"; drizzle-kit writes unqualified
# CREATE TABLE statements, so pin the search path while they run (a Django
# connection has "django, public").
DRIZZLE_SEARCH_PATH = ("public",)

_LEDGER = sql.SQL("{}.{}").format(sql.Identifier(LEDGER_SCHEMA), sql.Identifier(LEDGER_TABLE))
_CREATE_SCHEMA = sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(LEDGER_SCHEMA))
_CREATE_TABLE = sql.SQL(
    "CREATE TABLE IF NOT EXISTS {} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)"
).format(_LEDGER)
# Must come first in a transaction, before any snapshot is taken.
_READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"


class HashMismatchError(MigrationError):
    """An applied migration's file no longer has the hash recorded in the ledger."""

    def __init__(self, path: Path, recorded: str, actual: str):
        self.path, self.recorded, self.actual = path, recorded, actual
        super().__init__(
            f"Migration file {path} was changed after it was applied: the ledger "
            f"records sha256 {recorded}, the file has {actual}. Restore the file; "
            f"put new changes in a new migration."
        )


class AppliedMigrationMissingError(MigrationError):
    """The ledger records a migration that the journal no longer lists."""

    def __init__(self, created_at: int | None, recorded: str):
        self.created_at, self.recorded = created_at, recorded
        super().__init__(
            f"The ledger records an applied migration (created_at {created_at}, "
            f"sha256 {recorded}) that has no entry in the journal: was its file "
            f"deleted after it was applied? Restore it."
        )


class UnappliedOlderMigrationError(MigrationError):
    """A journal entry older than the newest applied migration was never applied."""

    def __init__(self, migrations: Sequence[Migration], newest_applied: int):
        self.migrations, self.newest_applied = list(migrations), newest_applied
        tags = ", ".join(m.tag for m in migrations)
        super().__init__(
            f"Migration(s) {tags} were never applied but are older than the newest "
            f"applied migration (created_at {newest_applied}); drizzle-orm would skip "
            f"them for good. Regenerate them after the newest migration "
            f"(drizzle-kit generate) instead of merging them in the past."
        )


class MigrationStatementError(MigrationError):
    """A statement failed; the whole run was rolled back."""

    def __init__(self, migration: Migration, index: int, error: psycopg.Error):
        self.migration, self.index, self.error = migration, index, error
        super().__init__(
            f"Migration {migration.tag} ({migration.path}) failed at statement "
            f"{index + 1} of {len(migration.statements)}: {error}. Nothing was applied."
        )


def pending_migrations(conn: psycopg.Connection, migrations_dir: str | Path) -> list[Migration]:
    """The migrations ``migrate`` would apply now; creates nothing.

    Raises the same errors as ``migrate`` (changed, deleted or skipped files).
    It only reads, and opens no transaction of its own.
    """
    migrations = read_migrations(migrations_dir)
    exists = conn.execute(
        "SELECT to_regclass(%s) IS NOT NULL", (f'"{LEDGER_SCHEMA}"."{LEDGER_TABLE}"',)
    ).fetchone()[0]
    if not exists:
        return migrations
    return _unapplied(migrations, _ledger_rows(conn))


def migrate(
    conn: psycopg.Connection,
    migrations_dir: str | Path,
    *,
    search_path: Sequence[str] | None = DRIZZLE_SEARCH_PATH,
) -> list[Migration]:
    """Apply every pending migration in one transaction; return those applied.

    On an autocommit connection the transaction is migrate's own and is
    committed. Otherwise the work joins the caller's transaction (in a
    savepoint) and the caller commits: a non-autocommit connection that looks
    idle may still be inside a Django ``atomic`` block.

    ``search_path`` is set (SET LOCAL) while the statements run; None keeps
    the connection's, as drizzle-orm does.
    """
    migrations = read_migrations(migrations_dir)
    if not conn.autocommit and conn.info.transaction_status == TransactionStatus.IDLE:
        # Start the caller's transaction now, so that transaction() below
        # makes a savepoint instead of committing.
        conn.execute(_READ_COMMITTED)
    with conn.transaction():
        if conn.autocommit:
            conn.execute(_READ_COMMITTED)
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK_KEY,))
        isolation = conn.execute("SELECT current_setting('transaction_isolation')").fetchone()[0]
        if isolation != "read committed":
            # Under a snapshot taken before the lock was granted, the ledger
            # would not show what a concurrent runner just committed.
            raise MigrationError(
                f"migrate() needs a READ COMMITTED transaction, the caller's is {isolation}."
            )
        conn.execute(_CREATE_SCHEMA)
        conn.execute(_CREATE_TABLE)
        pending = _unapplied(migrations, _ledger_rows(conn))
        if pending and search_path is not None:
            # Restored below: SET LOCAL would outlive our savepoint in a caller's transaction.
            previous_path = conn.execute("SELECT current_setting('search_path')").fetchone()[0]
            conn.execute(
                sql.SQL("SET LOCAL search_path TO {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, search_path))
                )
            )
        for migration in pending:
            for index, statement in enumerate(migration.statements):
                # No parameters and no preparing: the simple query protocol,
                # like node-postgres, so '%' is literal and a part may hold
                # several statements.
                try:
                    conn.execute(statement, prepare=False)
                except psycopg.Error as exc:
                    raise MigrationStatementError(migration, index, exc) from exc
            conn.execute(
                sql.SQL('INSERT INTO {} ("hash", "created_at") VALUES (%s, %s)').format(_LEDGER),
                (migration.hash, migration.when),
            )
        if pending and search_path is not None:
            conn.execute("SELECT set_config('search_path', %s, true)", (previous_path,))
    return pending


def _ledger_rows(conn: psycopg.Connection) -> list[tuple[str, int | None]]:
    query = sql.SQL("SELECT hash, created_at FROM {} ORDER BY created_at, id").format(_LEDGER)
    return [(row[0], row[1]) for row in conn.execute(query).fetchall()]


def _unapplied(migrations: list[Migration], rows: list[tuple[str, int | None]]) -> list[Migration]:
    """Verify the ledger against the files and return drizzle-orm's pending set."""
    by_when = {m.when: m for m in migrations}
    for recorded, created_at in rows:
        migration = by_when.get(created_at)
        if migration is None:
            raise AppliedMigrationMissingError(created_at, recorded)
        if migration.hash != recorded:
            raise HashMismatchError(migration.path, recorded, migration.hash)
    if not rows:
        return list(migrations)
    newest = max(created_at for _, created_at in rows)
    applied = {created_at for _, created_at in rows}
    skipped = [m for m in migrations if m.when < newest and m.when not in applied]
    if skipped:
        raise UnappliedOlderMigrationError(skipped, newest)
    return [m for m in migrations if m.when > newest]
