"""Better-Auth roles -> Django groups and permissions.

settings.ADMIN_ROLE_PERMISSIONS is the one table; every role in it becomes a
Django group named "role:<role>" holding exactly the permissions the table
lists. The sync runs at each sign-in, after `migrate` (post_migrate) and from
`manage.py sync_role_permissions`. A permission the table names but the
database lacks is a configuration error: the command fails, the system check
mcpmanager_auth.E002 reports an undeclared one, sign-in and post_migrate log
it; it is never skipped silently.
"""
import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q

logger = logging.getLogger(__name__)

GROUP_PREFIX = "role:"


class MissingPermissions(ImproperlyConfigured):
    def __init__(self, missing):
        self.missing = sorted(missing)
        super().__init__(
            "ADMIN_ROLE_PERMISSIONS names permissions the database does not have: "
            + ", ".join(self.missing)
            + ". Declare them on the model (Meta.permissions) and run `manage.py migrate`."
        )


def role_table() -> dict:
    return settings.ADMIN_ROLE_PERMISSIONS


def parse_roles(role: str | None) -> list[str]:
    """Better-Auth stores roles comma-separated without spaces; be lenient on spaces."""
    return [r.strip() for r in (role or "").split(",") if r.strip()]


def admin_roles(role: str | None) -> list[str]:
    """The person's roles that grant admin access, in table order."""
    held = set(parse_roles(role))
    return [r for r in role_table() if r in held]


def group_name(role: str) -> str:
    return f"{GROUP_PREFIX}{role}"


def permission_names(role: str) -> set[str]:
    """`app_label.codename` of every permission `role` grants."""
    return {
        f"{model.split('.')[0]}.{action}_{model.split('.')[1]}"
        for model, actions in role_table()[role].items()
        for action in actions
    }


def _permissions_by_name(names: set[str]) -> dict[str, Permission]:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = Permission.objects.filter(query).select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}": p for p in found}


def sync_role_groups(roles=None, *, strict=True) -> dict[str, Group]:
    """Create or refresh the group of each role (default: every role in the
    table) so it holds exactly the table's permissions. A permission missing
    from the database raises MissingPermissions before anything changes;
    with strict=False it is logged and the groups get the rest."""
    roles = list(role_table()) if roles is None else list(roles)
    wanted = {role: permission_names(role) for role in roles}
    found = _permissions_by_name(set().union(set(), *wanted.values()))
    missing = set().union(set(), *wanted.values()) - set(found)
    if missing:
        if strict:
            raise MissingPermissions(missing)
        logger.error("%s", MissingPermissions(missing))
    groups = {}
    with transaction.atomic():
        for role, names in wanted.items():
            group, _ = Group.objects.get_or_create(name=group_name(role))
            group.permissions.set([found[name] for name in names if name in found])
            groups[role] = group
    return groups


def sync_after_migrate(sender, **kwargs):
    """post_migrate receiver, connected for our app: by then every app listed
    before it in INSTALLED_APPS has its permissions created. Not strict, so
    `migrate` completes; the system check mcpmanager_auth.E002 and sign-in
    itself (strict) report what is missing."""
    sync_role_groups(strict=False)
