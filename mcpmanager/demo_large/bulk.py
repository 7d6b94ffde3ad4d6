"""Bulk-load mechanics: session settings, building a big table's indexes after
its rows instead of row by row, and timed progress lines."""
import time
from contextlib import contextmanager
from typing import Callable

# SET LOCAL: they end with the seeding transaction.
SESSION_SETTINGS = (
    # Nothing to lose by an asynchronous commit: a crash just means re-seeding.
    "SET LOCAL synchronous_commit = off",
    # Index builds after the load sort in memory.
    "SET LOCAL maintenance_work_mem = '512MB'",
    "SET LOCAL work_mem = '64MB'",
    # The INSERT … SELECTs are long but simple; compiling them costs more than it saves.
    "SET LOCAL jit = off",
    # Join the small lookup maps by hashing them: the generated rows then keep
    # their order (oldest first), as a table filled over time would.
    "SET LOCAL enable_mergejoin = off",
    "SET LOCAL enable_nestloop = off",
)


def apply_session_settings(cursor) -> None:
    for statement in SESSION_SETTINGS:
        cursor.execute(statement)


def _deferred_definitions(cursor, table: str):
    """What to drop before loading `table` and how to recreate it: its foreign
    keys, its primary and unique constraints (unless another table's foreign
    key depends on them), and its other indexes."""
    cursor.execute(
        """
        SELECT c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = %(table)s::regclass
          AND (c.contype = 'f'
               OR (c.contype IN ('p', 'u')
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint r
                                   WHERE r.contype = 'f' AND r.confrelid = c.conrelid)))
        ORDER BY c.conname
        """,
        {"table": table},
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = %(table)s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1
        """,
        {"table": table},
    )
    return constraints, cursor.fetchall()


@contextmanager
def indexes_built_after(cursor, table: str):
    """Load `table` without its indexes and constraints, then rebuild them
    from their own definitions (same names, same SQL): one sort per index
    instead of millions of random B-tree insertions and foreign-key checks.
    All within the caller's transaction, so a failure leaves them intact."""
    constraints, indexes = _deferred_definitions(cursor, table)
    for name, _definition in constraints:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    timing = {"seconds": 0.0}
    yield timing
    started = time.monotonic()
    for _name, definition in indexes:
        cursor.execute(definition)
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    timing["seconds"] = time.monotonic() - started


class Progress:
    """Prints one line per finished step, with rows and elapsed seconds."""

    def __init__(self, write: Callable[[str], None]):
        self.write = write
        self.started = time.monotonic()
        self.timings: list[tuple[str, int | None, float]] = []  # (step, rows, seconds)

    @contextmanager
    def step(self, table: str):
        started = time.monotonic()
        counter = {"rows": None, "detail": ""}
        yield counter
        elapsed = time.monotonic() - started
        self.timings.append((table, counter["rows"], elapsed))
        rows = f"{counter['rows']:>11,} rows" if counter["rows"] is not None else " " * 16
        detail = f"  ({counter['detail']})" if counter["detail"] else ""
        self.write(f"  {table:<24} {rows} {elapsed:7.1f} s{detail}")

    def chunk(self, table: str, done: int, total: int) -> None:
        self.write(f"    {table:<24} {done:>11,} / {total:,}  {time.monotonic() - self.started:7.1f} s total")

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started
