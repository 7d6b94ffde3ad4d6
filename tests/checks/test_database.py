"""The registered check on Django's connection: registration, the clean test
database, which `databases` it runs for, and an unreachable database."""
import socket
from io import StringIO

import pytest
from django.core import checks
from django.core.checks.registry import registry
from django.core.management import call_command
from django.db import connection

from mcpmanager.checks import (
    SCHEMA_TAG,
    check_conninfo,
    check_django_database,
    check_schema_drift,
    drizzle_models,
)
from mcpmanager.checks import database as checks_database
from mcpmanager.checks import messages as m
from mcpmanager.db.base import DatabaseWrapper
from mcpmanager.db.errors import database_label

from .support import add_migration, copy_migrations


def closed_port() -> int:
    """A local TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pending_warning(migrations_dir, tag):
    return m.build(m.W_PENDING_MIGRATIONS, m.PENDING_MIGRATIONS, m.PENDING_MIGRATIONS_HINT,
                   count=1, directory=str(migrations_dir), tags=tag)


@pytest.fixture
def extra_migration_dir(tmp_path, settings):
    """DRIZZLE_MIGRATIONS_DIR with one migration the test database lacks."""
    migrations = copy_migrations(tmp_path)
    add_migration(migrations, "0099_h5_pending", "SELECT 1;")
    settings.DRIZZLE_MIGRATIONS_DIR = migrations
    return migrations


def unreachable_wrapper():
    settings_dict = {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": str(closed_port())}
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "connect_timeout": 2}
    return DatabaseWrapper(settings_dict, alias="h5_unreachable")


def assert_one_unreachable(found, target):
    assert [message.id for message in found] == [m.W_UNREACHABLE]
    head, tail = m.UNREACHABLE.split("{reason}")
    assert found[0].msg.startswith(head.format(target=target))
    assert found[0].msg.endswith(tail)
    assert "Connection refused" in found[0].msg
    assert found[0].hint == m.UNREACHABLE_HINT
    assert found[0].level == checks.WARNING


def test_registered_under_the_schema_tag_not_database_nor_deploy():
    assert check_schema_drift in registry.registered_checks
    assert check_schema_drift not in registry.deployment_checks
    assert check_schema_drift.tags == (SCHEMA_TAG,)
    assert checks.Tags.database not in check_schema_drift.tags


def test_scope_is_every_unmanaged_model_of_the_drizzle_apps():
    from django.apps import apps

    model_list = drizzle_models()
    assert len(model_list) == 38
    assert {model._meta.app_label for model in model_list} == {"tenancy", "registry", "audit"}
    assert drizzle_models([apps.get_app_config("admin")]) == []
    assert set(drizzle_models([apps.get_app_config("audit")])) == {
        model for model in model_list if model._meta.app_label == "audit"
    }


@pytest.mark.django_db
def test_clean_test_database_has_no_drift():
    assert check_schema_drift() == []
    assert check_schema_drift(databases=["default"]) == []


@pytest.mark.django_db
def test_plain_check_command_passes():
    out = StringIO()
    call_command("check", stdout=out)
    assert "System check identified no issues" in out.getvalue()
    call_command("check", tag=[SCHEMA_TAG], stdout=out)


@pytest.mark.django_db
def test_runs_for_plain_check_and_for_the_default_alias_only(extra_migration_dir):
    expected = [pending_warning(extra_migration_dir, "0099_h5_pending")]
    assert check_schema_drift() == expected  # plain `check`, runserver
    assert check_schema_drift(databases=["default"]) == expected  # check --database default, migrate
    assert check_schema_drift(databases=["other"]) == []
    assert check_schema_drift(databases=[]) == []  # a test run without database tests


@pytest.mark.django_db
def test_app_labels_without_our_models_skip_the_database(extra_migration_dir):
    from django.apps import apps

    assert check_schema_drift(app_configs=[apps.get_app_config("admin")]) == []
    assert check_schema_drift(app_configs=[apps.get_app_config("tenancy")]) != []


@pytest.mark.django_db
def test_check_command_shows_the_warning_without_failing(extra_migration_dir):
    err = StringIO()
    call_command("check", stdout=StringIO(), stderr=err)
    assert m.W_PENDING_MIGRATIONS in err.getvalue()
    assert "0099_h5_pending" in err.getvalue()


def test_unreachable_conninfo_gives_one_message():
    port = closed_port()
    found = check_conninfo(f"postgresql://postgres@127.0.0.1:{port}/h5_nowhere", drizzle_models())
    assert_one_unreachable(found, f"127.0.0.1:{port}/h5_nowhere")


@pytest.mark.django_db
def test_unreachable_django_database_gives_one_message(monkeypatch, settings):
    wrapper = unreachable_wrapper()
    target = database_label(wrapper.settings_dict)
    found = check_django_database(wrapper, drizzle_models(), settings.DRIZZLE_MIGRATIONS_DIR)
    assert_one_unreachable(found, target)
    # The registered check says the same instead of raising.
    monkeypatch.setattr(checks_database, "connections", {"default": wrapper})
    assert_one_unreachable(check_schema_drift(), target)


def test_check_conninfo_reports_drift_on_a_reachable_database(scratch, scratch_conninfo):
    scratch.execute("DROP TABLE verification")
    found = check_conninfo(scratch_conninfo, drizzle_models())
    assert [message.id for message in found] == [m.E_MISSING_TABLE]
