"""The generator's plan: ids drawn up front, row counts and the seeded random helpers row builders use."""
from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta

from mcpmanager.legacy.tables import TABLE_ORDER, TABLES

from .generator_values import BASE_TIME, SPECIAL_FLOATS, SPECIAL_TIMES, YEAR_SECONDS, json_variant

LOG_TABLES = frozenset({"audit_logs", "fastmcp_audit_log", "request_logs"})


class PlanBase:
    """Ids for every table drawn up front (so any table can reference any other),
    then rows produced lazily, table by table, in constant memory."""

    def __init__(self, *, rows: int, seed: int, scale_logs: int, extra_rows: dict):
        self.rng = random.Random(seed)
        self.extra_rows = extra_rows
        unknown = set(extra_rows) - set(TABLES)
        if unknown:
            raise ValueError(f"extra_rows for unknown table(s) {sorted(unknown)}")
        self.counts = {
            table: rows * (scale_logs if table in LOG_TABLES else 1) for table in TABLE_ORDER
        }
        # Only parents need their ids kept; log rows get ids as they are produced.
        self.ids = {
            table: [self.uuid() for _ in range(rows)]
            for table in ("tenants", "users", "mcp_servers", "enhanced_api_keys")
        }

    # -- random helpers -------------------------------------------------------------
    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def when(self, i: int) -> datetime:
        if i < len(SPECIAL_TIMES):
            return SPECIAL_TIMES[i]
        return BASE_TIME + timedelta(
            seconds=self.rng.randrange(YEAR_SECONDS), microseconds=self.rng.randrange(1_000_000)
        )

    def stamps(self, i: int) -> dict:
        created = self.when(i)
        # Every third row was never updated (updated_at == created_at).
        updated = created if i % 3 == 0 else created + timedelta(seconds=self.rng.randrange(1, 90 * 86400))
        return {"created_at": created, "updated_at": updated}

    def maybe(self, value, i: int, every: int = 3):
        """None for every `every`-th row: optional columns get their nulls."""
        return None if i % every == 1 else value

    def pick(self, table: str, i: int | None = None):
        ids = self.ids[table]
        return ids[i % len(ids)] if i is not None else ids[self.rng.randrange(len(ids))]

    def float_(self, i: int, scale: float = 1000.0) -> float | None:
        if i % 7 == 3:
            return SPECIAL_FLOATS[(i // 7) % len(SPECIAL_FLOATS)]
        if i % 11 == 5:
            return None
        return self.rng.random() * scale

    def finite(self, i: int, scale: float = 1000.0) -> float:
        return SPECIAL_FLOATS[3 + i % 5] if i % 13 == 4 else self.rng.random() * scale

    def json_doc(self, i: int) -> dict:
        return json_variant(i, self.rng)

    # -- rows -----------------------------------------------------------------------
    def rows_of(self, table: str) -> Iterator[dict]:
        make = getattr(self, f"_{table}")
        count = self.counts[table]
        for i in range(count):
            yield make(i)
        for j, partial in enumerate(self.extra_rows.get(table, ())):
            row = make(count + j)
            row.update(partial)
            yield row

    def _id(self, table: str, i: int) -> str:
        ids = self.ids.get(table)
        return ids[i] if ids is not None and i < len(ids) else self.uuid()
