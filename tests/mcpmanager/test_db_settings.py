"""Database settings for scale-out: PgBouncer transaction pooling and a read replica."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from audit.models import AuditLog
from mcpmanager.db.routers import ReadReplicaRouter
from tenancy.models import Tenant

ROOT = Path(__file__).resolve().parents[2]
PRINT_DATABASES = "import json; from mcpmanager import settings as s; print(json.dumps(s.DATABASES, default=str))"


def databases_with(**env) -> dict:
    full_env = {**os.environ, "SECRET_KEY": "x", "DATABASE_URL": "postgres://app@db.internal:6432/mcp", **env}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASES], cwd=ROOT, env=full_env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_default_connection_carries_the_search_path_and_no_prepared_statements():
    default = databases_with()["default"]
    assert default["OPTIONS"]["options"] == "-c search_path=django,public"
    assert default["DISABLE_SERVER_SIDE_CURSORS"] is False
    assert "replica" not in databases_with()


def test_pgbouncer_mode_drops_startup_options_server_side_cursors_and_prepared_statements():
    default = databases_with(DATABASE_PGBOUNCER="true", DATABASE_SEARCH_PATH_IN_OPTIONS="false")["default"]
    assert "options" not in default["OPTIONS"]
    assert default["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert default["OPTIONS"]["prepare_threshold"] is None
    assert (default["HOST"], default["PORT"]) == ("db.internal", 6432)


def test_a_replica_url_adds_a_replica_alias_mirrored_in_tests():
    replica = databases_with(DATABASE_REPLICA_URL="postgres://app@replica.internal:5432/mcp")["replica"]
    assert replica["HOST"] == "replica.internal"
    assert replica["ENGINE"] == "mcpmanager.db"
    assert replica["TEST"] == {"MIRROR": "default"}


def test_router_sends_history_reads_to_the_replica_only_when_configured(settings, monkeypatch):
    router = ReadReplicaRouter()
    assert router.db_for_read(AuditLog) is None
    monkeypatch.setitem(settings.DATABASES, "replica", {})
    assert router.db_for_read(AuditLog) == "replica"
    assert router.db_for_read(Tenant) is None
    assert router.db_for_write(AuditLog) == "default"
    assert router.allow_migrate("replica", "auth") is False
    assert router.allow_migrate("default", "auth") is True


@pytest.mark.django_db
def test_writes_of_audit_rows_stay_on_the_primary():
    from audit import services

    row = services.record_event(actor=services.Actor(id="u", email=None), event_type="x.y", action="y")
    assert row._state.db == "default"
