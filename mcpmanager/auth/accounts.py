"""The Django user that stands for a Better-Auth user in the admin.

Username "ba:<better-auth id>", no usable password (they sign in through
Better-Auth's credentials), is_staff, never is_superuser; groups = one
"role:<role>" group per admin role, refreshed at every sign-in.
"""
from django.contrib.auth import get_user_model
from django.db import transaction

from audit.services import BETTER_AUTH_USERNAME_PREFIX

from . import roles
from .signin_audit import BETTER_AUTH_USER, SIGN_IN_METHOD

NAME_MAX = 150  # auth_user.first_name


def django_username(ba_user_id: str) -> str:
    return f"{BETTER_AUTH_USERNAME_PREFIX}{ba_user_id}"


def better_auth_id(django_user) -> str | None:
    username = django_user.get_username()
    if username.startswith(BETTER_AUTH_USERNAME_PREFIX):
        return username[len(BETTER_AUTH_USERNAME_PREFIX):]
    return None


def sync_groups(django_user, role: str) -> None:
    # Not strict: a permission missing from the database is logged here and
    # reported by the system check mcpmanager_auth.E002; sign-in goes on.
    groups = roles.sync_role_groups(roles.admin_roles(role), strict=False)
    django_user.groups.set(groups.values())


@transaction.atomic
def django_user_for(ba_user, *, method: str):
    """Create or refresh the Django user of `ba_user`, marked with how they
    signed in (read by the sign-in audit)."""
    UserModel = get_user_model()
    user, created = UserModel._default_manager.get_or_create(username=django_username(ba_user.pk))
    user.email = ba_user.email
    user.first_name = (ba_user.name or "")[:NAME_MAX]
    user.is_staff = True
    user.is_superuser = False
    user.is_active = True
    if created or user.has_usable_password():
        user.set_unusable_password()
    user.save()
    sync_groups(user, ba_user.role)
    setattr(user, SIGN_IN_METHOD, method)
    setattr(user, BETTER_AUTH_USER, ba_user)
    return user
