"""Round trips of api_token (including its api_key_scope[] column) and api_usage."""
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from tenancy.choices import ApiKeyScope
from tenancy.models import ApiToken, ApiUsage
from tests.factories.tenancy import ApiTokenFactory, ApiUsageFactory, UserFactory
from tests.schema.roundtrip import NESTED_JSON_LIST, assert_aware, reread

pytestmark = pytest.mark.django_db


def test_api_token_round_trips_every_column():
    now = timezone.now()
    token = ApiTokenFactory(
        with_tenant=True,
        description="CI token",
        salt="s4lt",
        scopes=["write", "read", "write", "admin"],
        permissions=NESTED_JSON_LIST,
        allowed_servers=["srv-b", "srv-a", "srv-b"],
        allowed_methods=["tools/call", "tools/list"],
        ip_whitelist=["10.0.0.1/8", "2001:DB8::1", "10.0.0.1/8"],
        rate_limit_per_hour=1000,
        rate_limit_per_day=None,
        is_active=False,
        expires_at=now + timedelta(days=90),
        last_used_at=now,
        total_requests=2**33,
        total_errors=7,
        failed_attempts=2,
        is_locked=True,
        locked_until=now + timedelta(minutes=5),
        metadata={"_legacy": {"usage_count": 3}},
        legacy_source="enhanced_api_keys",
    )
    got = reread(token)
    assert got.scopes == ["write", "read", "write", "admin"]  # order and duplicates kept
    assert got.permissions == NESTED_JSON_LIST
    assert got.allowed_servers == ["srv-b", "srv-a", "srv-b"]
    assert got.allowed_methods == ["tools/call", "tools/list"]
    assert got.ip_whitelist == ["10.0.0.1/8", "2001:DB8::1", "10.0.0.1/8"]  # spelling kept
    assert (got.key_hash, got.key_prefix, got.salt, got.description) == (
        token.key_hash, token.key_prefix, "s4lt", "CI token"
    )
    assert (got.rate_limit_per_hour, got.rate_limit_per_day, got.is_active) == (1000, None, False)
    assert (got.total_requests, got.total_errors, got.failed_attempts, got.is_locked) == (2**33, 7, 2, True)
    assert (got.expires_at, got.last_used_at, got.locked_until) == (token.expires_at, now, token.locked_until)
    assert got.metadata == {"_legacy": {"usage_count": 3}} and got.legacy_source == "enhanced_api_keys"
    assert (got.user, got.tenant) == (token.user, token.tenant)
    assert_aware(got.created_at, got.updated_at, got.expires_at)


def test_api_token_defaults():
    got = reread(ApiToken.objects.create(name="bare", key_hash="h", key_prefix="p"))
    assert (got.scopes, got.permissions, got.allowed_servers, got.allowed_methods, got.ip_whitelist) == (
        [], [], [], [], []
    )
    assert (got.is_active, got.is_locked, got.total_requests, got.failed_attempts) == (True, False, 0, 0)
    assert (got.user, got.tenant, got.legacy_source, got.metadata) == (None, None, None, {})


def test_api_token_stores_every_scope():
    token = ApiTokenFactory(scopes=ApiKeyScope.values)
    assert reread(token).scopes == ApiKeyScope.values
    token.scopes = list(reversed(ApiKeyScope.values))
    token.save()
    assert reread(token).scopes == list(reversed(ApiKeyScope.values))


def test_api_token_refuses_an_unknown_scope():
    with pytest.raises(ValidationError):
        ApiTokenFactory.build(scopes=["read", "superuser"]).full_clean()
    with pytest.raises(DataError, match="api_key_scope"), transaction.atomic():
        ApiTokenFactory(scopes=["read", "superuser"])


def test_filtering_on_the_scope_array():
    reader = ApiTokenFactory(scopes=["read"])
    writer = ApiTokenFactory(scopes=["read", "write"])
    admin = ApiTokenFactory(scopes=["admin"])
    ApiTokenFactory(scopes=[])

    def names(qs):
        return set(qs.values_list("name", flat=True))

    assert names(ApiToken.objects.filter(scopes__contains=["read"])) == {reader.name, writer.name}
    assert names(ApiToken.objects.filter(scopes__contains=[ApiKeyScope.WRITE])) == {writer.name}
    assert names(ApiToken.objects.filter(scopes__overlap=["write", "admin"])) == {writer.name, admin.name}
    assert names(ApiToken.objects.filter(scopes__contained_by=["read"]).exclude(scopes=[])) == {reader.name}
    assert names(ApiToken.objects.filter(scopes=["admin"])) == {admin.name}
    assert names(ApiToken.objects.filter(scopes__len=2)) == {writer.name}
    assert names(ApiToken.objects.filter(scopes__0="admin")) == {admin.name}
    assert ApiToken.objects.filter(pk=writer.pk).values_list("scopes", flat=True).get() == ["read", "write"]


def test_filtering_on_text_arrays():
    token = ApiTokenFactory(allowed_servers=["srv-1", "srv-2"])
    ApiTokenFactory(allowed_servers=[])
    assert list(ApiToken.objects.filter(allowed_servers__contains=["srv-2"])) == [token]
    assert list(ApiToken.objects.filter(allowed_servers__overlap=["srv-9", "srv-1"])) == [token]


def test_legacy_source_is_checked():
    with pytest.raises(ValidationError):
        ApiTokenFactory.build(legacy_source="other").full_clean()
    with pytest.raises(IntegrityError, match="api_token_legacy_source_check"), transaction.atomic():
        ApiTokenFactory(legacy_source="other")
    assert reread(ApiTokenFactory(legacy_source="api_keys")).legacy_source == "api_keys"


def test_key_hash_is_unique():
    token = ApiTokenFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiTokenFactory(key_hash=token.key_hash)


def test_api_token_updated_at_advances_on_save():
    token = ApiTokenFactory()
    before = reread(token).updated_at
    token.total_requests += 1
    token.save()
    assert reread(token).updated_at > before


def test_deleting_the_user_deletes_the_users_tokens_and_their_usage():
    user = UserFactory()
    token = ApiTokenFactory(user=user)
    ApiUsageFactory(api_token=token)
    user.delete()
    assert not ApiToken.objects.exists() and not ApiUsage.objects.exists()


def test_deleting_a_token_in_sql_cascades_to_usage():
    usage = ApiUsageFactory()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM api_token WHERE id = %s", [usage.api_token_id])
    assert not ApiUsage.objects.filter(pk=usage.pk).exists()


def test_api_usage_round_trips_every_column():
    hour = datetime(2025, 3, 1, 13, tzinfo=dt_timezone.utc)
    usage = ApiUsageFactory(
        server_id="srv-1",
        period_start=hour,
        request_count=2**35,
        error_count=3,
        total_duration_ms=1234.5678,
        bytes_in=10,
        bytes_out=2**40,
    )
    got = reread(usage)
    assert (got.server_id, got.period_start, got.request_count, got.error_count) == ("srv-1", hour, 2**35, 3)
    assert (got.total_duration_ms, got.bytes_in, got.bytes_out) == (1234.5678, 10, 2**40)
    assert got.api_token == usage.api_token and got in usage.api_token.usage.all()
    assert_aware(got.period_start, got.created_at, got.updated_at)


def test_api_usage_copies_the_tenant_id_without_fk():
    token = ApiTokenFactory(with_tenant=True)
    usage = ApiUsageFactory(api_token=token)
    assert reread(usage).tenant_id == token.tenant_id
    orphan = ApiUsageFactory(tenant_id="no-such-tenant", server_id="no-such-server")
    assert (reread(orphan).tenant_id, reread(orphan).server_id) == ("no-such-tenant", "no-such-server")


def test_one_unbound_usage_row_per_token_and_hour():
    usage = ApiUsageFactory(server_id=None)
    duplicate = ApiUsageFactory.build(api_token=usage.api_token, server_id=None, period_start=usage.period_start)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    bound = ApiUsageFactory.build(api_token=usage.api_token, server_id="srv-1", period_start=usage.period_start)
    bound.full_clean()
    bound.save()


def test_str_never_shows_secrets():
    token = ApiTokenFactory(salt="the-salt")
    assert token.key_hash not in str(token) and "the-salt" not in str(token)
    assert ApiToken.SECRET_FIELDS == {"key_hash", "salt"}
    assert not getattr(ApiUsage, "SECRET_FIELDS", frozenset())
