"""Role groups synced from settings.ADMIN_ROLE_PERMISSIONS."""
import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from mcpmanager.auth import checks, roles

pytestmark = pytest.mark.django_db


def test_every_permission_the_table_names_exists_in_the_database():
    wanted = set().union(*(roles.permission_names(role) for role in roles.role_table()))
    assert wanted - set(roles._permissions_by_name(wanted)) == set()


def test_the_role_table_passes_the_system_check():
    assert checks.check_role_permissions() == []
    assert checks.check_backend() == []


def test_migrate_left_one_group_per_role_with_exactly_its_permissions():
    for role in roles.role_table():
        group = Group.objects.get(name=roles.group_name(role))
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == set(roles._permissions_by_name(roles.permission_names(role)))


def test_sync_repairs_a_tampered_group():
    group = roles.sync_role_groups(["staff"], strict=False)["staff"]
    group.permissions.clear()
    roles.sync_role_groups(["staff"], strict=False)
    assert group.permissions.count() == len(roles.permission_names("staff"))


def test_a_permission_missing_from_the_database_raises_and_changes_nothing(settings):
    settings.ADMIN_ROLE_PERMISSIONS = {
        **settings.ADMIN_ROLE_PERMISSIONS,
        "staff": {"registry.mcpserver": ("view", "frobnicate")},
    }
    before = set(Group.objects.get(name="role:staff").permissions.values_list("pk", flat=True))
    with pytest.raises(roles.MissingPermissions, match="registry.frobnicate_mcpserver"):
        roles.sync_role_groups(["staff"])
    assert set(Group.objects.get(name="role:staff").permissions.values_list("pk", flat=True)) == before
    with pytest.raises(CommandError, match="frobnicate_mcpserver"):
        call_command("sync_role_permissions", verbosity=0)


def test_the_system_check_names_an_undeclared_permission_and_an_unknown_model(settings):
    settings.ADMIN_ROLE_PERMISSIONS = {
        "staff": {"registry.mcpserver": ("view", "frobnicate"), "registry.nosuchmodel": ("view",)}
    }
    errors = checks.check_role_permissions()
    assert [(e.id, e.obj) for e in errors] == [
        (checks.E_UNDECLARED_PERMISSION, __import__("registry.models", fromlist=["McpServer"]).McpServer),
        (checks.E_UNKNOWN_MODEL, None),
    ]
    assert "frobnicate_mcpserver" in errors[0].msg and "Meta.permissions" in errors[0].hint


def test_the_command_syncs_and_reports(capsys):
    call_command("sync_role_permissions", "staff", verbosity=2)
    out = capsys.readouterr().out
    assert "role:staff: 7 permission(s)" in out and "Synced 1 role group(s)." in out
    with pytest.raises(CommandError, match="Unknown role"):
        call_command("sync_role_permissions", "wizard")


def test_admin_roles_reads_better_auths_comma_separated_roles():
    assert roles.admin_roles("user,support,staff") == ["support", "staff"]
    assert roles.admin_roles("user") == [] and roles.admin_roles("") == [] and roles.admin_roles(None) == []
    assert roles.admin_roles("admin") == ["admin"]
