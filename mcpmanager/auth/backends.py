"""Authentication backend: Better-Auth credentials, with Django's own
ModelBackend kept for break-glass superusers.

authenticate(request, username=<email>, password=...) signs in a
Better-Auth user whose credential account's hash matches, if
`sign_in_refusal` finds nothing against them; get_user re-checks that on
every request with one query, so a ban, deactivation or role change in
Better-Auth takes effect at the next request.
"""
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject, Substr
from django.utils import timezone

from audit.services import BETTER_AUTH_USERNAME_PREFIX
from tenancy.models import Account, User as BetterAuthUser
from tenancy.passwords import verify_password

from . import accounts, keys, roles, signin_audit as audit
from .two_factor import PENDING_ATTR, Pending

CREDENTIAL_PROVIDER = "credential"


@dataclass(frozen=True)
class Standing:
    """The columns that decide whether a Better-Auth user may use the admin."""

    role: str
    banned: bool
    ban_expires: datetime | None
    is_active: bool

    @classmethod
    def of(cls, ba_user) -> "Standing":
        return cls(ba_user.role, ba_user.banned, ba_user.ban_expires, ba_user.is_active)

    @classmethod
    def from_json(cls, data: dict) -> "Standing":
        expires = data.get("ban_expires")
        return cls(
            role=data.get("role") or "",
            banned=bool(data.get("banned")),
            ban_expires=datetime.fromisoformat(expires) if expires else None,
            is_active=bool(data.get("is_active")),
        )


def ban_is_expired(ba_user, now=None) -> bool:
    now = now or timezone.now()
    return bool(ba_user.banned and ba_user.ban_expires is not None and ba_user.ban_expires <= now)


def clear_expired_ban(ba_user) -> None:
    """What Better-Auth does at sign-in once `ban_expires` has passed."""
    if ban_is_expired(ba_user):
        BetterAuthUser.objects.filter(pk=ba_user.pk).update(banned=False, ban_reason=None, ban_expires=None)
        ba_user.banned, ba_user.ban_reason, ba_user.ban_expires = False, None, None


class BetterAuthBackend(ModelBackend):
    def sign_in_refusal(self, standing: Standing, now=None) -> str | None:
        """Why this Better-Auth user may not use the admin, or None if they may."""
        now = now or timezone.now()
        if standing.banned and (standing.ban_expires is None or standing.ban_expires > now):
            return audit.BANNED
        if not standing.is_active:
            return audit.INACTIVE
        if not roles.admin_roles(standing.role):
            return audit.NO_ADMIN_ROLE
        return None

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        email = username.strip().lower()
        ba_user = BetterAuthUser.objects.filter(email=email).first()
        if ba_user is None:
            return self._authenticate_break_glass(request, username, password, email)
        account = Account.objects.filter(
            user=ba_user, account_id=ba_user.pk, provider_id=CREDENTIAL_PROVIDER
        ).first()
        matches = verify_password(password, account.password if account else None)
        # Django's own hasher too, as the break-glass path runs it: same work either way.
        get_user_model()().set_password(password)
        if not matches:
            audit.record_refusal(request, reason=audit.WRONG_PASSWORD, email=email, ba_user=ba_user)
            return None
        clear_expired_ban(ba_user)
        reason = self.sign_in_refusal(Standing.of(ba_user))
        if reason:
            audit.record_refusal(request, reason=reason, email=email, ba_user=ba_user)
            return None
        if ba_user.two_factor_enabled:
            return self._require_second_factor(request, ba_user, email)
        return accounts.django_user_for(ba_user, method="password")

    def _authenticate_break_glass(self, request, username, password, email):
        verify_password(password, None)  # the scrypt work a Better-Auth account costs
        if username.startswith(BETTER_AUTH_USERNAME_PREFIX):
            user = None  # mapped users sign in through Better-Auth only
            get_user_model()().set_password(password)
        else:
            user = super().authenticate(request, username=username, password=password)
        if user is None:
            audit.record_refusal(request, reason=audit.UNKNOWN_EMAIL, email=email)
            return None
        setattr(user, audit.SIGN_IN_METHOD, "break_glass")
        return user

    def _require_second_factor(self, request, ba_user, email):
        """No user now: the login view sends them to the TOTP step, or shows
        the single-sign-on hint when codes cannot be checked here."""
        available = keys.configured()
        if not available:
            audit.record_refusal(request, reason=audit.TWO_FACTOR_UNAVAILABLE, email=email, ba_user=ba_user)
        if request is not None:
            setattr(request, PENDING_ATTR, Pending(user_id=ba_user.pk, available=available))
        return None

    def get_user(self, user_id):
        """The Django user with its Better-Auth standing and role groups, in one query."""
        UserModel = get_user_model()
        standing = BetterAuthUser.objects.filter(
            pk=Substr(OuterRef("username"), len(BETTER_AUTH_USERNAME_PREFIX) + 1)
        ).values(
            data=JSONObject(role=F("role"), banned=F("banned"), ban_expires=F("ban_expires"), is_active=F("is_active"))
        )[:1]
        role_groups = Group.objects.filter(user=OuterRef("pk"), name__startswith=roles.GROUP_PREFIX).values("name")
        user = (
            UserModel._default_manager.annotate(
                ba_standing=Subquery(standing, output_field=JSONField()),
                ba_role_groups=ArraySubquery(role_groups),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        if accounts.better_auth_id(user) is None:
            return user  # break-glass: Django's rules only
        if user.ba_standing is None:
            return None  # the Better-Auth user was deleted
        standing = Standing.from_json(user.ba_standing)
        if self.sign_in_refusal(standing):
            return None
        wanted = {roles.group_name(role) for role in roles.admin_roles(standing.role)}
        if wanted != set(user.ba_role_groups or ()):
            accounts.sync_groups(user, standing.role)
        return user
