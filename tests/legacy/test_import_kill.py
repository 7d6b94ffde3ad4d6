"""Atomicity: a SIGKILLed import leaves the database exactly as before."""
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.legacy.import_exports import line_of, missing_except, row, write_export
from tests.legacy.import_support import clean_import_tables, counts, snapshot

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["clean_import_tables"]  # autouse fixture: empty the consolidated tables after each test
LOG_ROWS = 150_000


def subprocess_env() -> dict:
    """Environment for `manage.py` against the test database."""
    params = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"
    )
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _large_export(directory):
    tenants = [row("tenants") for _ in range(50)]
    template = row("audit_logs", details={"k": "v", "n": [1, 2, 3]}, ip_address="10.0.0.1")
    lines = []
    for i in range(LOG_ROWS):
        template["id"] = str(uuid.UUID(int=i + 1, version=4))
        lines.append(line_of(template))
    lines.sort()
    return write_export(directory, {"tenants": tenants, "audit_logs": lines})


def test_sigkill_while_writing_leaves_nothing(tmp_path):
    directory = _large_export(tmp_path / "export")
    before = snapshot()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "import_legacy", str(directory), *missing_except("tenants", "audit_logs")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=subprocess_env(), cwd=settings.BASE_DIR,
    )
    seen = []
    try:
        deadline = time.monotonic() + 300
        for line in proc.stdout:
            seen.append(line)
            # Tenants are inserted (inside the open transaction) and audit_log is being written.
            if line.startswith("wrote tenant:"):
                break
            assert time.monotonic() < deadline
        else:
            pytest.fail("the import ended before it started writing:\n" + "".join(seen))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert not any(line.startswith("Committed") for line in seen)
    # The server notices the dead client and rolls its transaction back.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%%' OR "
                "(datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' "
                "AND query LIKE 'INSERT INTO%%')"
            )
            if cursor.fetchone()[0] == 0:
                break
        time.sleep(0.2)
    assert snapshot() == before
    assert counts()["audit_log"] == 0 and counts()["tenant"] == 0
