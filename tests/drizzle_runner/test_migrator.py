"""mcpmanager.drizzle.migrator against scratch PostgreSQL databases."""
import hashlib
import json
import threading

import psycopg
import pytest

from mcpmanager.drizzle.migrator import (
    ADVISORY_LOCK_KEY,
    AppliedMigrationMissingError,
    HashMismatchError,
    JournalError,
    MigrationError,
    MigrationFileMissingError,
    MigrationStatementError,
    UnappliedOlderMigrationError,
    migrate,
    pending_migrations,
    read_migrations,
)

from .support import FIRST_WHEN, ledger, make_migrations, schema_exists, tables

BP = "--> statement-breakpoint"
FIRST = f'CREATE TABLE "alpha" ("id" integer PRIMARY KEY);\n{BP}\nINSERT INTO "alpha" VALUES (1);\n'
SECOND = f'CREATE TABLE "beta" ("id" integer PRIMARY KEY, "alpha_id" integer REFERENCES "alpha"("id"));\n{BP}\nINSERT INTO "beta" VALUES (1, 1);\n'
THIRD = 'ALTER TABLE "beta" ADD COLUMN "note" text;\n'


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path):
    return make_migrations(tmp_path / "migrations", [("0000_alpha", FIRST), ("0001_beta", SECOND)])


def test_read_migrations_mirrors_drizzle_orm(folder):
    first, second = read_migrations(folder)

    assert (first.tag, first.when, first.path) == ("0000_alpha", FIRST_WHEN, folder / "0000_alpha.sql")
    assert first.hash == sha256(folder / "0000_alpha.sql")
    assert first.statements == tuple(FIRST.split(BP))
    assert (second.tag, second.when) == ("0001_beta", FIRST_WHEN + 1000)


def test_migrate_applies_in_journal_order_and_records_drizzle_ledger(conn, folder):
    applied = migrate(conn, folder)

    assert [m.tag for m in applied] == ["0000_alpha", "0001_beta"]
    assert tables(conn) == {"alpha", "beta"}
    assert conn.execute('SELECT "alpha_id" FROM "beta"').fetchall() == [(1,)]
    assert ledger(conn) == [
        (1, sha256(folder / "0000_alpha.sql"), FIRST_WHEN),
        (2, sha256(folder / "0001_beta.sql"), FIRST_WHEN + 1000),
    ]


def test_ledger_table_has_drizzle_orm_definition(conn, folder):
    migrate(conn, folder)

    columns = conn.execute(
        "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns "
        "WHERE table_schema = 'drizzle' AND table_name = '__drizzle_migrations' ORDER BY ordinal_position"
    ).fetchall()
    assert columns == [
        ("id", "integer", "NO", "nextval('drizzle.__drizzle_migrations_id_seq'::regclass)"),
        ("hash", "text", "NO", None),
        ("created_at", "bigint", "YES", None),
    ]


def test_second_run_is_a_no_op(conn, folder):
    migrate(conn, folder)
    before = ledger(conn)

    assert migrate(conn, folder) == []
    assert pending_migrations(conn, folder) == []
    assert ledger(conn) == before


def test_only_newer_migrations_are_applied(conn, tmp_path):
    folder = make_migrations(tmp_path / "m", [("0000_alpha", FIRST), ("0001_beta", SECOND)])
    migrate(conn, folder)
    make_migrations(folder, [("0000_alpha", FIRST), ("0001_beta", SECOND), ("0002_note", THIRD)])

    assert [m.tag for m in pending_migrations(conn, folder)] == ["0002_note"]
    assert [m.tag for m in migrate(conn, folder)] == ["0002_note"]
    assert [row[2] for row in ledger(conn)] == [FIRST_WHEN, FIRST_WHEN + 1000, FIRST_WHEN + 2000]


def test_statements_split_on_breakpoints_and_sent_verbatim(conn, tmp_path):
    # Each part runs in the simple query protocol: '%' stays literal and a
    # part may hold several statements, as with node-postgres.
    text = (
        'CREATE TABLE "t" ("v" text);\n'
        f"{BP}\n"
        "INSERT INTO \"t\" VALUES ('100%'); INSERT INTO \"t\" VALUES ('%s');\n"
        f"{BP}\n"
        "DO $$ BEGIN INSERT INTO \"t\" VALUES ('plpgsql'); END $$;\n"
        f"{BP}\n"
    )
    folder = make_migrations(tmp_path / "m", [("0000_split", text)])

    (migration,) = read_migrations(folder)
    assert len(migration.statements) == 4
    migrate(conn, folder)
    assert sorted(r[0] for r in conn.execute('SELECT "v" FROM "t"')) == ["%s", "100%", "plpgsql"]


def test_failing_statement_rolls_back_every_pending_migration(conn, tmp_path):
    broken = f'CREATE TABLE "beta" ("id" integer);\n{BP}\nINSERT INTO "missing" VALUES (1);\n'
    folder = make_migrations(tmp_path / "m", [("0000_alpha", FIRST), ("0001_broken", broken)])

    with pytest.raises(MigrationStatementError) as excinfo:
        migrate(conn, folder)

    assert excinfo.value.migration.tag == "0001_broken"
    assert "0001_broken" in str(excinfo.value) and "statement 2 of 2" in str(excinfo.value)
    assert tables(conn) == set()
    assert not schema_exists(conn, "drizzle")


def test_journal_missing_or_invalid_is_refused(conn, tmp_path):
    with pytest.raises(JournalError, match="not found"):
        migrate(conn, tmp_path)

    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "_journal.json").write_text("{not json")
    with pytest.raises(JournalError, match="cannot be read"):
        migrate(conn, tmp_path)
    assert not schema_exists(conn, "drizzle")


def test_journal_when_must_increase(conn, tmp_path):
    folder = make_migrations(tmp_path / "m", [("0000_alpha", FIRST), ("0001_beta", SECOND)])
    journal = json.loads((folder / "meta" / "_journal.json").read_text())
    journal["entries"][1]["when"] = journal["entries"][0]["when"]
    (folder / "meta" / "_journal.json").write_text(json.dumps(journal))

    with pytest.raises(JournalError, match="0001_beta"):
        migrate(conn, folder)
    assert not schema_exists(conn, "drizzle")


def test_journal_naming_a_missing_file_applies_nothing(conn, folder):
    (folder / "0001_beta.sql").unlink()

    with pytest.raises(MigrationFileMissingError) as excinfo:
        migrate(conn, folder)

    assert excinfo.value.tag == "0001_beta"
    assert str(folder / "0001_beta.sql") in str(excinfo.value)
    assert tables(conn) == set()
    assert not schema_exists(conn, "drizzle")


def test_changed_applied_file_is_refused_with_both_hashes(conn, tmp_path):
    folder = make_migrations(tmp_path / "m", [("0000_alpha", FIRST)])
    migrate(conn, folder)
    recorded = sha256(folder / "0000_alpha.sql")
    make_migrations(folder, [("0000_alpha", FIRST + "-- edited\n"), ("0001_beta", SECOND)])
    actual = sha256(folder / "0000_alpha.sql")

    with pytest.raises(HashMismatchError) as excinfo:
        migrate(conn, folder)

    message = str(excinfo.value)
    assert str(folder / "0000_alpha.sql") in message
    assert recorded in message and actual in message
    assert message.index(recorded) < message.index(actual)  # "recorded ..., file has ..."
    assert "beta" not in tables(conn)
    assert len(ledger(conn)) == 1
    with pytest.raises(HashMismatchError):
        pending_migrations(conn, folder)


def test_applied_migration_missing_from_journal_is_refused(conn, tmp_path):
    folder = make_migrations(tmp_path / "m", [("0000_alpha", FIRST), ("0001_beta", SECOND)])
    migrate(conn, folder)
    # 0001_beta's file and entry are deleted; a new migration follows.
    (folder / "0001_beta.sql").unlink()
    make_migrations(folder, [("0000_alpha", FIRST), ("0002_note", 'CREATE TABLE "note" ("id" integer);')],
                    whens=[FIRST_WHEN, FIRST_WHEN + 2000])

    with pytest.raises(AppliedMigrationMissingError, match="deleted") as excinfo:
        migrate(conn, folder)

    assert excinfo.value.created_at == FIRST_WHEN + 1000
    assert "note" not in tables(conn)


def test_unapplied_migration_older_than_newest_applied_is_refused(conn, tmp_path):
    gamma = 'CREATE TABLE "gamma" ("id" integer);'
    # This branch applied 0000 and 0002; a parallel branch's 0001 (older `when`) is merged later.
    folder = make_migrations(tmp_path / "m", [("0000_alpha", FIRST), ("0002_gamma", gamma)],
                             whens=[FIRST_WHEN, FIRST_WHEN + 2000])
    migrate(conn, folder)
    make_migrations(folder, [("0000_alpha", FIRST), ("0001_beta", SECOND), ("0002_gamma", gamma),
                             ("0003_note", 'CREATE TABLE "note" ("id" integer);')])

    with pytest.raises(UnappliedOlderMigrationError, match="0001_beta") as excinfo:
        migrate(conn, folder)

    assert [m.tag for m in excinfo.value.migrations] == ["0001_beta"]
    assert tables(conn) == {"alpha", "gamma"}
    with pytest.raises(UnappliedOlderMigrationError):
        pending_migrations(conn, folder)


def test_pending_migrations_on_empty_database_creates_nothing(conn, folder):
    assert [m.tag for m in pending_migrations(conn, folder)] == ["0000_alpha", "0001_beta"]
    assert not schema_exists(conn, "drizzle")
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def test_migrate_commits_its_own_transaction_on_an_autocommit_connection(conn, folder):
    migrate(conn, folder)

    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def test_migrate_joins_the_callers_transaction_on_a_non_autocommit_connection(db_url, folder):
    with psycopg.connect(db_url) as conn:
        assert len(migrate(conn, folder)) == 2
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
        conn.rollback()
        assert ledger(conn) == []
        migrate(conn, folder)
        conn.commit()
    with psycopg.connect(db_url, autocommit=True) as other:
        assert len(ledger(other)) == 2


def test_migrate_refuses_a_callers_transaction_that_is_not_read_committed(db_url, folder):
    with psycopg.connect(db_url) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.execute("SELECT 1")  # the caller's snapshot is taken

        with pytest.raises(MigrationError, match="READ COMMITTED"):
            migrate(conn, folder)
        conn.rollback()
        assert tables(conn) == set()


def test_migrate_sets_read_committed_on_an_idle_connection(db_url, folder):
    with psycopg.connect(db_url) as conn:
        conn.isolation_level = psycopg.IsolationLevel.SERIALIZABLE
        assert len(migrate(conn, folder)) == 2


def test_search_path_is_restored_inside_the_callers_transaction(db_url, folder):
    with psycopg.connect(db_url) as conn:
        conn.execute("SET LOCAL search_path TO pg_catalog, public")
        migrate(conn, folder)
        assert conn.execute("SHOW search_path").fetchone()[0] == "pg_catalog, public"


def test_tables_go_to_public_whatever_the_connection_search_path(db_url, folder):
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA django")
    with psycopg.connect(db_url, autocommit=True, options="-c search_path=django,public") as conn:
        migrate(conn, folder)
        assert tables(conn, "django") == set()
        assert tables(conn, "public") == {"alpha", "beta"}
        assert conn.execute("SHOW search_path").fetchone()[0] == "django,public"


def test_concurrent_runners_apply_each_migration_once(db_url, tmp_path):
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute('CREATE TABLE "hits" ("runner" text)')  # no unique key: doubles would show
    slow = f"SELECT pg_sleep(0.5);\n{BP}\nINSERT INTO \"hits\" VALUES (current_setting('application_name'));\n"
    folder = make_migrations(tmp_path / "m", [("0000_slow", slow), ("0001_more", 'INSERT INTO "hits" VALUES (\'more\');')])
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def run(name):
        try:
            with psycopg.connect(db_url, autocommit=True, application_name=name) as conn:
                barrier.wait()
                results[name] = [m.tag for m in migrate(conn, folder)]
        except Exception as exc:  # reported below, threads swallow exceptions
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results.values()) == [[], ["0000_slow", "0001_more"]]
    with psycopg.connect(db_url, autocommit=True) as conn:
        assert len(conn.execute('SELECT * FROM "hits"').fetchall()) == 2
        assert [row[2] for row in ledger(conn)] == [FIRST_WHEN, FIRST_WHEN + 1000]


def test_lock_key_is_a_fixed_bigint():
    assert ADVISORY_LOCK_KEY == 0x6D63705F64727A6C
    assert ADVISORY_LOCK_KEY < 2**63
