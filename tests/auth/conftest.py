"""Fixtures of the sign-in tests. `real_better_auth` runs the real better-auth
package once per session (drizzle/better-auth/compat-check.ts, H6's script)
against a scratch database and hands its artefacts to the tests, which copy
them into the Django test database."""
import json
import secrets
import uuid

import psycopg
import pytest
from psycopg import sql

from mcpmanager.drizzle.migrator import migrate
from tests.better_auth.conftest import MIGRATIONS_DIR, _database_url, run_compat_check


@pytest.fixture
def better_auth_secret(settings):
    settings.BETTER_AUTH_SECRET = "h9-test-better-auth-secret-" + secrets.token_hex(8)
    settings.BETTER_AUTH_SECRETS = ""
    return settings.BETTER_AUTH_SECRET


@pytest.fixture(scope="session")
def real_better_auth() -> dict:
    """compat-check.ts's JSON: passwordHash, password, sessionCookie,
    twoFactorSecretEncrypted, totpSecretPlain, secret, ..."""
    name = f"h9_auth_real_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_database_url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        with psycopg.connect(_database_url(name)) as conn:
            migrate(conn, MIGRATIONS_DIR)
        secret = secrets.token_urlsafe(32)
        done = run_compat_check(_database_url(name), secret)
        assert done.returncode == 0, f"compat-check.ts failed:\n{done.stderr}\n{done.stdout}"
        data = json.loads(done.stdout)
        assert data["secret"] == secret
        return data
    finally:
        with psycopg.connect(_database_url("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
