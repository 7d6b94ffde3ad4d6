"""Run a command against a PostgreSQL server, starting an embedded one if needed.

    python scripts/with_db.py COMMAND [ARGS...]

With DATABASE_URL set, that server is used. Without it, a project-local
PostgreSQL (the `pgserver` wheel ships the binaries) is started under
.data/pg and DATABASE_URL is set for COMMAND; the server stops when COMMAND
ends. Either way the application database is created if it is missing.
"""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_DIR = Path(os.environ.get("EMBEDDED_PGDATA", ROOT / ".data" / "pg"))
DEFAULT_DB = "mcpmanager"


def start_embedded() -> str:
    import pgserver

    EMBEDDED_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(EMBEDDED_DIR, cleanup_mode="stop")
    start_embedded.server = server  # keep it referenced until we exit
    # The server listens on a Unix socket inside its data directory.
    return f"postgres://postgres@/{DEFAULT_DB}?host={quote(str(EMBEDDED_DIR))}"


def describe(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or parse_qs(parts.query).get("host", ["localhost"])[0]
    return f"{host}:{parts.port or 5432}/{parts.path.lstrip('/') or '?'}"


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/")) or DEFAULT_DB
    admin_url = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}.", file=sys.stderr)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else exc.__class__.__name__
        sys.exit(f"error: cannot connect to PostgreSQL at {describe(url)}: {reason}")


def main(argv: list[str]) -> int:
    if not argv:
        sys.exit(__doc__)
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = start_embedded()
        os.environ["DATABASE_URL"] = url
        print(f"Using the embedded PostgreSQL in {EMBEDDED_DIR}.", file=sys.stderr)
    ensure_database(url)
    try:
        return subprocess.call(argv)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
