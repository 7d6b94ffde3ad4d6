"""Legacy row builders for configs, retention policies, materialized views and alerts."""
from __future__ import annotations

import math
from datetime import timedelta

from .generator_plan import PlanBase
from .generator_values import RETENTION_TARGETS, WORDS


class OpsRows(PlanBase):
    """Rows of the ops tables, one `_<table>(i)` builder each."""

    def _system_configs(self, i):
        sensitive = i % 3 == 0
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "key": f"config.{i}.{self.rng.choice(WORDS)}",
            "value": {"secret": f"s3cr3t-{self.rng.getrandbits(64):016x}"} if sensitive else self.json_doc(i),
            "description": self.maybe("a setting", i),
            "category": ("gateway", "auth", "observability")[i % 3],
            "is_sensitive": sensitive,
            "is_runtime_configurable": i % 2 == 0,
            "version": 1 + i % 4,
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
        }

    def _data_retention_policies(self, i):
        table, date_column = RETENTION_TARGETS[i % len(RETENTION_TARGETS)]
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"retain {table} #{i}",
            "description": self.maybe("keep the log tables small", i),
            "table_name": table,
            "date_column": date_column,
            "retention_days": 1 + i % 365,
            "batch_size": 1000,
            "conditions": {"success": True} if table == "audit_logs" and i % 2 else {},
            "is_active": i % 3 != 1,
            "last_run": self.maybe(self.when(i), i),
            "next_run": self.maybe(self.when(i) + timedelta(days=1), i),
            "total_deleted": self.rng.randrange(10**6),
            "last_deleted_count": self.rng.randrange(1000),
            "avg_execution_time_ms": self.float_(i),
        }

    def _materialized_views(self, i):
        strategy = ("manual", "scheduled", "triggered")[i % 3]
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"mv_daily_{i}",
            "description": self.maybe("daily request counts", i),
            "query": "SELECT date_trunc('day', request_time) AS day, count(*) FROM request_logs GROUP BY 1",
            "indexes": ["CREATE INDEX ON mv (day)"] if i % 2 else [],
            "refresh_strategy": strategy,
            "refresh_interval_minutes": 60 if strategy == "scheduled" else None,
            "refresh_triggers": ["request_logs"] if strategy == "triggered" else [],
            "is_active": i % 4 != 3,
            "last_refreshed": self.maybe(self.when(i), i),
            "next_refresh": self.maybe(self.when(i) + timedelta(hours=1), i),
            "refresh_count": self.rng.randrange(10**4),
            "avg_refresh_time_ms": self.float_(i),
            "row_count": self.maybe(self.rng.randrange(10**6), i),
            "size_bytes": self.maybe(self.rng.randrange(2**31), i),
        }

    def _performance_alerts(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"alert {i}",
            "description": self.maybe("p95 latency", i),
            "server_id": self.maybe(self.pick("mcp_servers"), i),
            "metric_name": ("response_time_ms", "error_rate", "cpu_usage")[i % 3],
            "threshold_value": math.inf if i % 9 == 8 else self.finite(i),
            "comparison_operator": (">", "<", ">=", "<=", "==")[i % 5],
            "duration_minutes": 5,
            "is_active": i % 2 == 0,
            "is_triggered": i % 3 == 0,
            "first_triggered": self.maybe(self.when(i), i),
            "last_triggered": self.maybe(self.when(i + 1), i),
            "trigger_count": self.rng.randrange(1000),
            "notification_channels": ["email", "slack:#ops"] if i % 2 else [],
            "cooldown_minutes": 60,
            "last_notification": self.maybe(self.when(i + 2), i),
        }
