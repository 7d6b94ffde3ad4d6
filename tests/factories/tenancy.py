"""factory-boy factories for the tenancy app's models.

Required FKs are SubFactories; nullable ones default to None and are set by
the caller or through a trait. Columns under a unique constraint get
sequences. Ids of Better-Auth tables look like Better-Auth's: 32 characters.
"""
import hashlib
import secrets
import string
from datetime import date, datetime, timedelta, timezone as dt_timezone

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tenancy import choices
from tenancy.models import (
    Account,
    ApiKey,
    ApiToken,
    ApiUsage,
    Session,
    Tenant,
    TenantInvitation,
    TenantMember,
    TenantUsage,
    TwoFactor,
    User,
    Verification,
)

_ID_ALPHABET = string.ascii_letters + string.digits


def better_auth_id() -> str:
    """A random 32-character id, the shape Better-Auth generates."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(32))


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def in_days(days: int):
    return timezone.now() + timedelta(days=days)


class TenantFactory(DjangoModelFactory):
    class Meta:
        model = Tenant

    name = factory.Faker("company")
    slug = factory.Sequence(lambda n: f"tenant-{n}")
    status = choices.TenantStatus.ACTIVE
    plan = choices.TenantPlan.TEAM
    limits = factory.LazyFunction(lambda: {"max_servers": 10, "max_users": 25})


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    id = factory.LazyFunction(better_auth_id)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    role = choices.DEFAULT_USER_ROLE
    tenant = None  # no home tenant

    class Params:
        with_tenant = factory.Trait(tenant=factory.SubFactory(TenantFactory))


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    id = factory.LazyFunction(better_auth_id)
    user = factory.SubFactory(UserFactory)
    token = factory.LazyFunction(better_auth_id)
    expires_at = factory.LazyFunction(lambda: in_days(7))
    ip_address = factory.Faker("ipv4")
    user_agent = factory.Faker("user_agent")


class AccountFactory(DjangoModelFactory):
    """A credential account: `account_id` is the user's id, the password a hash."""

    class Meta:
        model = Account

    id = factory.LazyFunction(better_auth_id)
    user = factory.SubFactory(UserFactory)
    provider_id = "credential"
    account_id = factory.SelfAttribute("user.id")
    password = factory.LazyFunction(lambda: f"{secrets.token_hex(16)}:{secrets.token_hex(64)}")


class VerificationFactory(DjangoModelFactory):
    class Meta:
        model = Verification

    id = factory.LazyFunction(better_auth_id)
    identifier = factory.Sequence(lambda n: f"reset-password:{n}")
    value = factory.LazyFunction(better_auth_id)
    expires_at = factory.LazyFunction(lambda: in_days(1))


class TwoFactorFactory(DjangoModelFactory):
    class Meta:
        model = TwoFactor

    id = factory.LazyFunction(better_auth_id)
    user = factory.SubFactory(UserFactory)
    secret = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    backup_codes = factory.LazyFunction(lambda: secrets.token_urlsafe(64))


class ApiKeyFactory(DjangoModelFactory):
    class Meta:
        model = ApiKey

    id = factory.LazyFunction(better_auth_id)
    reference = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"personal key {n}")
    # base64url(sha256(key)) without padding is 43 characters.
    key = factory.LazyFunction(lambda: secrets.token_urlsafe(32)[:43])
    start = factory.LazyAttribute(lambda o: o.key[:6])


class TenantMemberFactory(DjangoModelFactory):
    class Meta:
        model = TenantMember

    tenant = factory.SubFactory(TenantFactory)
    user = factory.SubFactory(UserFactory)
    role = choices.TenantRole.MEMBER


class TenantInvitationFactory(DjangoModelFactory):
    class Meta:
        model = TenantInvitation

    tenant = factory.SubFactory(TenantFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    role = choices.TenantRole.MEMBER
    token_hash = factory.Sequence(lambda n: sha256_hex(f"invitation-{n}-{secrets.token_hex(8)}"))
    expires_at = factory.LazyFunction(lambda: in_days(7))


class TenantUsageFactory(DjangoModelFactory):
    class Meta:
        model = TenantUsage

    tenant = factory.SubFactory(TenantFactory)
    metric = "api_calls"
    # One UTC day per row, going back from today: (tenant, metric, day) stays unique.
    period_start = factory.Sequence(lambda n: date.today() - timedelta(days=n))
    value = factory.Faker("pyint", min_value=0, max_value=100_000)


class ApiTokenFactory(DjangoModelFactory):
    class Meta:
        model = ApiToken

    name = factory.Sequence(lambda n: f"token {n}")
    key_hash = factory.Sequence(lambda n: sha256_hex(f"token-{n}-{secrets.token_hex(8)}"))
    key_prefix = factory.LazyFunction(lambda: f"mcp_{secrets.token_hex(4)}")
    user = factory.SubFactory(UserFactory)
    tenant = None  # a global token
    scopes = factory.LazyFunction(lambda: [choices.ApiKeyScope.READ])

    class Params:
        with_tenant = factory.Trait(tenant=factory.SubFactory(TenantFactory))


def _hour(n: int) -> datetime:
    start = datetime(2025, 1, 1, tzinfo=dt_timezone.utc)
    return start + timedelta(hours=n)


class ApiUsageFactory(DjangoModelFactory):
    class Meta:
        model = ApiUsage

    api_token = factory.SubFactory(ApiTokenFactory)
    tenant_id = factory.SelfAttribute("api_token.tenant_id")  # copied from the token
    server_id = None
    period_start = factory.Sequence(_hour)
    request_count = 10
    error_count = 1
    total_duration_ms = 123.5
