"""Checks on the staged rows before anything is written to public (G11, 4.4):
duplicate ids, unique keys inside the export and against existing rows,
R3 (--keep-latest), e-mail case, foreign keys (orphans) and dangling ids in
JSON lists. Set-based SQL over the staging tables, so memory stays flat.
Messages name legacy table, file line, id and column, never a value of a
secret column (unique-key messages show no values at all).
"""
from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from .errors import ErrorList
from .load import legacy_id_sql, match_condition, staging_name, target_name
from .report import ImportReport
from .transform import MATCH_KEYS, R3, R3_KEYS, TARGET_COLUMNS, legacy_column


@dataclass
class ForeignKey:
    child: str
    column: str
    parent: str
    parent_column: str
    nullable: bool


@dataclass
class UniqueKey:
    table: str
    name: str
    columns: tuple[str, ...]
    nulls_not_distinct: bool


class Integrity:
    def __init__(self, conn, sources: list[str], staged: list[str], errors: ErrorList, report: ImportReport):
        self.conn = conn
        self.sources = sources  # _src index -> legacy table
        self.staged = staged  # targets with a staging table, in insert order
        self.errors = errors
        self.report = report

    def where(self, src: int, line: int, row_id: str) -> str:
        legacy = self.sources[src]
        return f"{legacy}.jsonl:{line} (table {legacy}, id {row_id})"

    # --- ids ------------------------------------------------------------------------------

    def check_duplicate_ids(self) -> None:
        for target in self.staged:
            if target in MATCH_KEYS:
                continue  # derived rows; their key follows from the parents' ids
            query = sql.SQL(
                "SELECT s.id::text, array_agg(s._src ORDER BY s._src, s._line), array_agg(s._line ORDER BY s._src, s._line) "
                "FROM {stg} s GROUP BY s.id HAVING count(*) > 1 LIMIT 1000"
            ).format(stg=staging_name(target))
            for row_id, srcs, lines in self.conn.execute(query):
                if len(set(srcs)) == 1:
                    legacy = self.sources[srcs[0]]
                    self.errors.add(
                        f"{legacy}.jsonl: duplicate id {row_id} on lines {', '.join(map(str, lines))} (column id)"
                    )
                else:
                    places = ", ".join(f"{self.sources[s]}.jsonl:{ln}" for s, ln in zip(srcs, lines))
                    self.errors.add(f"id {row_id} appears in more than one legacy table mapped to {target}: {places} (column id)")

    # --- unique keys ------------------------------------------------------------------------

    def unique_keys(self) -> list[UniqueKey]:
        rows = self.conn.execute(
            """
            SELECT t.relname, i.relname, array_agg(a.attname ORDER BY k.ord), x.indnullsnotdistinct
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
            JOIN pg_class i ON i.oid = x.indexrelid
            CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE x.indisunique AND NOT x.indisprimary AND x.indexprs IS NULL AND x.indpred IS NULL
              AND t.relname = ANY(%s)
            GROUP BY t.relname, i.relname, x.indnullsnotdistinct
            ORDER BY t.relname, i.relname
            """,
            [self.staged],
        ).fetchall()
        keys = []
        for table, name, columns, nnd in rows:
            if all(c in TARGET_COLUMNS[table] for c in columns):
                keys.append(UniqueKey(table, name, tuple(columns), nnd))
        return keys

    def apply_keep_latest(self, keep_latest: frozenset[str]) -> None:
        """R3: keep the row with the greatest updated_at (then id) per new unique key, drop the others."""
        for legacy in sorted(keep_latest):
            target, key = R3_KEYS[legacy]
            if target not in self.staged:
                continue
            src = self.sources.index(legacy)
            partition = sql.SQL(", ").join(map(sql.Identifier, key))
            query = sql.SQL(
                "DELETE FROM {stg} s USING (SELECT ctid, row_number() OVER (PARTITION BY {p} "
                "ORDER BY updated_at DESC, id DESC) AS rn FROM {stg} WHERE _src = {src}) d "
                "WHERE s.ctid = d.ctid AND d.rn > 1 RETURNING s.id::text"
            ).format(stg=staging_name(target), p=partition, src=sql.Literal(src))
            dropped = sorted(r[0] for r in self.conn.execute(query))
            table_report = self.report.legacy(legacy)
            if dropped:
                table_report.dropped_by_rule[R3] = len(dropped)
                table_report.dropped_ids[R3] = dropped

    def check_unique_keys(self) -> None:
        for key in self.unique_keys():
            if set(key.columns) == set(MATCH_KEYS.get(key.table, ("id",))):
                continue
            self._staged_duplicates(key)
            self._clashes_with_existing(key)

    def _key_sql(self, key: UniqueKey, alias: str) -> sql.Composable:
        return sql.SQL(", ").join(sql.SQL("{}.{}").format(sql.Identifier(alias), sql.Identifier(c)) for c in key.columns)

    def _staged_duplicates(self, key: UniqueKey) -> None:
        not_null = sql.SQL("TRUE") if key.nulls_not_distinct else sql.SQL(" AND ").join(
            sql.SQL("s.{} IS NOT NULL").format(sql.Identifier(c)) for c in key.columns)
        query = sql.SQL(
            "SELECT array_agg({lid} ORDER BY s._src, s._line), array_agg(s._src ORDER BY s._src, s._line), "
            "array_agg(s._line ORDER BY s._src, s._line) FROM {stg} s WHERE {nn} GROUP BY {k} HAVING count(*) > 1 LIMIT 1000"
        ).format(lid=legacy_id_sql(key.table), stg=staging_name(key.table), nn=not_null, k=self._key_sql(key, "s"))
        for ids, srcs, lines in self.conn.execute(query):
            legacy = self.sources[srcs[0]]
            columns = ", ".join(legacy_column(legacy, c) for c in key.columns)
            rows = "; ".join(f"{self.sources[s]}.jsonl:{ln} id {i}" for i, s, ln in zip(ids, srcs, lines))
            hint = ""
            if key.table in ("mcp_tool", "mcp_resource", "circuit_breaker") and legacy in R3_KEYS:
                hint = f" (pass --keep-latest={legacy} to keep only the latest, rule R3)"
            if key.table == "user" and key.columns == ("email",):
                what = "e-mails equal once lower-cased"
            else:
                what = f"duplicate value of unique key {key.name}"
            self.errors.add(f"table {legacy}: {what} (column {columns}) in rows {rows}{hint}")

    def _clashes_with_existing(self, key: UniqueKey) -> None:
        op = "IS NOT DISTINCT FROM" if key.nulls_not_distinct else "="
        on = sql.SQL(" AND ").join(
            sql.SQL("s.{c} {op} t.{c}").format(c=sql.Identifier(c), op=sql.SQL(op)) for c in key.columns)
        query = sql.SQL(
            "SELECT s._src, s._line, {lid}, t.id::text FROM {stg} s JOIN {tgt} t ON {on} "
            "WHERE NOT ({match}) LIMIT 1000"
        ).format(lid=legacy_id_sql(key.table), stg=staging_name(key.table), tgt=target_name(key.table), on=on,
                 match=match_condition(key.table))
        for src, line, row_id, other in self.conn.execute(query):
            legacy = self.sources[src]
            columns = ", ".join(legacy_column(legacy, c) for c in key.columns)
            self.errors.add(
                f"{self.where(src, line, row_id)}: column {columns}: unique key {key.name} is already "
                f"taken in {key.table} by the existing row with id {other}"
            )

    def check_lowercase_emails(self) -> None:
        """Python's and PostgreSQL's lower() can disagree outside ASCII; user_email_check uses the latter."""
        if "user" not in self.staged:
            return
        query = "SELECT _src, _line, id FROM stg_user WHERE email <> lower(email) LIMIT 1000"
        for src, line, row_id in self.conn.execute(query):
            self.errors.add(f"{self.where(src, line, row_id)}: column email: cannot be lower-cased consistently with the database")

    # --- foreign keys ---------------------------------------------------------------------------

    def foreign_keys(self) -> list[ForeignKey]:
        rows = self.conn.execute(
            """
            SELECT cl.relname, a.attname, pcl.relname, pa.attname, NOT a.attnotnull
            FROM pg_constraint con
            JOIN pg_class cl ON cl.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
            JOIN pg_class pcl ON pcl.oid = con.confrelid
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
            JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[1]
            WHERE con.contype = 'f' AND cardinality(con.conkey) = 1 AND cl.relname = ANY(%s)
            ORDER BY cl.relname, a.attname
            """,
            [self.staged],
        ).fetchall()
        return [ForeignKey(*row) for row in rows if row[1] in TARGET_COLUMNS[row[0]]]

    def _orphan_condition(self, fk: ForeignKey) -> sql.Composable:
        col, pcol = sql.Identifier(fk.column), sql.Identifier(fk.parent_column)
        cond = sql.SQL("s.{col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{pcol} = s.{col})").format(
            col=col, pcol=pcol, parent=target_name(fk.parent))
        if fk.parent in self.staged:
            cond += sql.SQL(" AND NOT EXISTS (SELECT 1 FROM {sp} p WHERE p.{pcol} = s.{col})").format(
                sp=staging_name(fk.parent), pcol=pcol, col=col)
        return cond

    def check_orphans(self, mode: str) -> None:
        """Every reference must resolve; with mode 'null' nullable ones are set to NULL and listed."""
        for fk in self.foreign_keys():
            cond = self._orphan_condition(fk)
            fields = sql.SQL("s._src, s._line, {lid}, s.{col}::text").format(
                lid=legacy_id_sql(fk.child), col=sql.Identifier(fk.column))
            if mode == "null" and fk.child == "tenant_member":
                # Its user's tenant_id is nulled too: the membership is not created.
                query = sql.SQL("DELETE FROM {stg} s WHERE {cond} RETURNING {f}").format(
                    stg=staging_name(fk.child), cond=cond, f=fields)
                for src, line, row_id, value in self.conn.execute(query).fetchall():
                    self.report.nulled_references.append({
                        "legacy_table": self.sources[src], "id": row_id, "column": "tenant_id",
                        "references": value, "effect": "tenant_member not created",
                    })
                continue
            if mode == "null" and fk.nullable:
                query = sql.SQL("UPDATE {stg} s SET {col} = NULL WHERE {cond} RETURNING {f0}").format(
                    stg=staging_name(fk.child), col=sql.Identifier(fk.column), cond=cond,
                    f0=sql.SQL("s._src, s._line, {lid}, NULL::text").format(lid=legacy_id_sql(fk.child)))
                # RETURNING sees the new (NULL) value: read the old ones first.
                old = self.conn.execute(sql.SQL("SELECT {f} FROM {stg} s WHERE {cond}").format(
                    f=fields, stg=staging_name(fk.child), cond=cond)).fetchall()
                self.conn.execute(query)
                for src, line, row_id, value in old:
                    legacy = self.sources[src]
                    self.report.nulled_references.append({
                        "legacy_table": legacy, "id": row_id, "column": legacy_column(legacy, fk.column),
                        "references": value,
                    })
                continue
            query = sql.SQL("SELECT {f} FROM {stg} s WHERE {cond} ORDER BY s._src, s._line").format(
                f=fields, stg=staging_name(fk.child), cond=cond)
            for src, line, row_id, value in self.conn.execute(query):
                legacy = self.sources[src]
                column = legacy_column(legacy, fk.column)
                self.report.orphans.append({
                    "legacy_table": legacy, "id": row_id, "column": column, "references": value,
                    "line": line,
                })
                hint = "" if not fk.nullable else " (pass --orphans=null to import it with a NULL reference)"
                self.errors.add(
                    f"{self.where(src, line, row_id)}: column {column}: references {fk.parent} id {value}, "
                    f"which is neither in the export nor in the database{hint}"
                )

    def check_dangling_lists(self) -> None:
        """Server ids in allowed_servers / target_servers that match no server: kept, counted as warnings (G11)."""
        for target, column in (("api_token", "allowed_servers"), ("routing_rule", "target_server_ids")):
            if target not in self.staged:
                continue
            staged_server = ""
            if "mcp_server" in self.staged:
                staged_server = " AND NOT EXISTS (SELECT 1 FROM stg_mcp_server p WHERE p.id = e.v)"
            query = sql.SQL(
                "SELECT s._src, s.id::text, e.v FROM {stg} s CROSS JOIN LATERAL unnest(s.{col}) AS e(v) "
                "WHERE NOT EXISTS (SELECT 1 FROM public.mcp_server p WHERE p.id = e.v)" + staged_server
                + " ORDER BY s._src, s._line"
            ).format(stg=staging_name(target), col=sql.Identifier(column))
            for src, row_id, value in self.conn.execute(query):
                legacy = self.sources[src]
                self.report.legacy(legacy).warn("dangling reference")
                if len(self.report.dangling_references) < 10_000:
                    self.report.dangling_references.append({
                        "legacy_table": legacy, "id": row_id, "column": legacy_column(legacy, column),
                        "references": value,
                    })
