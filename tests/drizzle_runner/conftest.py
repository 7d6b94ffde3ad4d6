"""Scratch databases for the Drizzle runner tests (created and dropped with psycopg)."""
import uuid

import psycopg
import pytest
from psycopg import sql

SERVER_URL = "postgres://postgres@127.0.0.1:5432"


@pytest.fixture
def db_url():
    """URL of a new, empty database, dropped after the test."""
    name = f"h4_drizzle_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{SERVER_URL}/{name}"
    finally:
        with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def conn(db_url):
    """An autocommit connection to the scratch database."""
    with psycopg.connect(db_url, autocommit=True) as connection:
        yield connection
