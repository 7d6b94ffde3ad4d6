"""Round trips of the Better-Auth tables: user, session, account,
verification, two_factor, apikey."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tenancy.choices import USER_ROLES
from tenancy.models import Account, ApiKey, Session, TwoFactor, User, Verification
from tests.factories.tenancy import (
    AccountFactory,
    ApiKeyFactory,
    SessionFactory,
    TenantFactory,
    TwoFactorFactory,
    UserFactory,
    VerificationFactory,
)
from tests.schema.roundtrip import NESTED_JSON, assert_aware, reread

pytestmark = pytest.mark.django_db


def test_user_round_trips_every_column():
    tenant = TenantFactory()
    expires = timezone.now() + timedelta(days=3)
    user = UserFactory(
        name="Ada Lovelace",
        email="ada@example.com",
        email_verified=True,
        image="https://example.com/ada.png",
        role="admin,support",
        banned=True,
        ban_reason="No reason",
        ban_expires=expires,
        two_factor_enabled=True,
        username="ada",
        tenant=tenant,
        is_active=False,
        last_login_at=expires - timedelta(days=5),
        metadata={"_legacy": NESTED_JSON},
        preferences={"theme": "dark", "columns": ["email", "email"]},
    )
    got = reread(user)
    assert len(got.id) == 32 and got.id == user.id
    assert (got.name, got.email, got.email_verified, got.image) == (
        "Ada Lovelace", "ada@example.com", True, "https://example.com/ada.png"
    )
    assert got.role == "admin,support" and got.roles == ["admin", "support"]
    assert (got.banned, got.ban_reason, got.ban_expires) == (True, "No reason", expires)
    assert got.two_factor_enabled is True and got.username == "ada" and got.is_active is False
    assert got.tenant == tenant and got.tenant_id == tenant.id
    assert got.metadata == {"_legacy": NESTED_JSON}
    assert got.preferences == {"theme": "dark", "columns": ["email", "email"]}
    assert_aware(got.created_at, got.updated_at, got.ban_expires, got.last_login_at)
    assert got.created_at == user.created_at  # microseconds survive


def test_user_defaults_are_those_better_auth_relies_on():
    got = reread(UserFactory())
    assert (got.role, got.banned, got.two_factor_enabled, got.email_verified, got.is_active) == (
        "user", False, False, False, True
    )
    assert got.metadata == {} and got.preferences == {} and got.tenant is None and got.username is None


@pytest.mark.parametrize("role", USER_ROLES)
def test_user_stores_each_role(role):
    assert reread(UserFactory(role=role)).role == role


@pytest.mark.parametrize("role", ["", "root", "admin, user", "Admin", "admin,"])
def test_user_role_outside_the_set_is_refused_by_form_validation_and_database(role):
    user = UserFactory.build(role=role)
    with pytest.raises(ValidationError):
        user.full_clean()
    with pytest.raises(IntegrityError, match="user_role_check"), transaction.atomic():
        user.save()


def test_upper_case_email_is_refused_by_form_validation_and_database():
    user = UserFactory.build(email="Ada@Example.com")
    with pytest.raises(ValidationError, match="user_email_check"):
        user.full_clean()
    with pytest.raises(IntegrityError, match="user_email_check"), transaction.atomic():
        user.save()


def test_email_and_username_are_unique():
    UserFactory(email="one@example.com", username="one")
    with pytest.raises(ValidationError) as excinfo:
        UserFactory.build(email="one@example.com", username="one").full_clean()
    assert set(excinfo.value.message_dict) >= {"email", "username"}
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="one@example.com")


def test_users_without_username_do_not_clash():
    UserFactory(username=None)
    UserFactory(username=None)
    assert User.objects.filter(username__isnull=True).count() == 2


def test_default_ordering_is_newest_first():
    old = UserFactory(created_at=timezone.now() - timedelta(days=1))
    new = UserFactory()
    assert list(User.objects.all()) == [new, old]


def test_user_updated_at_advances_on_save_even_when_set_back():
    user = UserFactory()
    before = reread(user).updated_at
    user.name = "Renamed"
    user.save()
    after = reread(user).updated_at
    assert after > before
    user.updated_at = before - timedelta(days=30)  # an older value is overridden
    user.save()
    assert reread(user).updated_at > after


def test_session_round_trips_and_is_found_by_token():
    session = SessionFactory(impersonated_by="admin-user-id")
    got = Session.objects.get(token=session.token)
    assert got.pk == session.pk and got.user_id == session.user_id
    assert (got.ip_address, got.user_agent, got.impersonated_by) == (
        session.ip_address, session.user_agent, "admin-user-id"
    )
    assert got.expires_at == session.expires_at
    assert_aware(got.expires_at, got.created_at, got.updated_at)
    assert got in session.user.sessions.all()


def test_session_token_is_unique():
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(token=session.token)


def test_account_round_trips_every_column():
    now = timezone.now()
    account = AccountFactory(
        provider_id="github",
        account_id="12345",
        access_token="gho_access",
        refresh_token="ghr_refresh",
        id_token="eyJ.id.token",
        access_token_expires_at=now + timedelta(hours=1),
        refresh_token_expires_at=now + timedelta(days=30),
        scope="read:user,user:email",
        password=None,
    )
    got = reread(account)
    assert (got.provider_id, got.account_id, got.user_id) == ("github", "12345", account.user_id)
    assert (got.access_token, got.refresh_token, got.id_token, got.password) == (
        "gho_access", "ghr_refresh", "eyJ.id.token", None
    )
    assert got.access_token_expires_at == now + timedelta(hours=1)
    assert got.refresh_token_expires_at == now + timedelta(days=30)
    assert got.scope == "read:user,user:email"


def test_credential_account_keeps_the_password_hash():
    account = AccountFactory()
    got = reread(account)
    assert got.provider_id == "credential" and got.account_id == account.user.id
    assert got.password == account.password


def test_account_provider_and_account_id_are_unique_together():
    account = AccountFactory(provider_id="github", account_id="42")
    AccountFactory(provider_id="microsoft", account_id="42")  # other provider: fine
    duplicate = AccountFactory.build(provider_id="github", account_id="42", user=account.user)
    with pytest.raises(ValidationError, match="account_provider_id_account_id_key|already exists"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_verification_round_trips():
    verification = VerificationFactory(identifier="ada@example.com", value="123456")
    got = reread(verification)
    assert (got.identifier, got.value, got.expires_at) == ("ada@example.com", "123456", verification.expires_at)
    assert_aware(got.expires_at, got.created_at, got.updated_at)


def test_two_factor_round_trips_with_defaults():
    two_factor = TwoFactorFactory(backup_codes='["a1b2","c3d4"]')
    got = reread(two_factor)
    assert (got.secret, got.backup_codes) == (two_factor.secret, '["a1b2","c3d4"]')
    assert (got.verified, got.failed_verification_count, got.locked_until) == (True, 0, None)
    got.failed_verification_count = 3
    got.locked_until = timezone.now() + timedelta(minutes=15)
    got.save()
    again = reread(got)
    assert again.failed_verification_count == 3 and again.locked_until == got.locked_until
    assert again.updated_at > got.updated_at


def test_personal_api_key_round_trips_with_plugin_defaults():
    key = ApiKeyFactory(permissions='{"servers":["read"]}', metadata='{"team":"x"}')
    got = reread(key)
    assert (got.config_id, got.enabled, got.rate_limit_enabled, got.request_count) == ("default", True, True, 0)
    assert (got.key, got.start, got.reference_id) == (key.key, key.key[:6], key.reference_id)
    assert (got.permissions, got.metadata) == ('{"servers":["read"]}', '{"team":"x"}')
    assert got in key.reference.api_keys.all()


def test_personal_api_key_nullable_plugin_columns_accept_null():
    key = ApiKeyFactory(enabled=None, rate_limit_enabled=None, request_count=None, remaining=None)
    got = reread(key)
    assert (got.enabled, got.rate_limit_enabled, got.request_count, got.remaining) == (None, None, None, None)


def test_deleting_a_user_cascades_to_credentials_and_sessions():
    user = UserFactory()
    SessionFactory(user=user)
    AccountFactory(user=user)
    TwoFactorFactory(user=user)
    ApiKeyFactory(reference=user)
    user.delete()
    for model in (Session, Account, TwoFactor, ApiKey):
        assert not model.objects.exists(), model


def test_database_cascades_user_deletion_without_django():
    user = UserFactory()
    session = SessionFactory(user=user)
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "user" WHERE id = %s', [user.id])
    assert not Session.objects.filter(pk=session.pk).exists()


def test_deleting_the_home_tenant_keeps_the_user():
    user = UserFactory(with_tenant=True)
    user.tenant.delete()
    assert reread(user).tenant is None


def test_str_never_shows_secrets():
    objects = [
        SessionFactory(),
        AccountFactory(access_token="at-secret", refresh_token="rt-secret", id_token="it-secret"),
        VerificationFactory(identifier="reset-password:tok3n-value", value="v-secret"),
        TwoFactorFactory(),
        ApiKeyFactory(),
    ]
    for obj in objects:
        text = str(obj)
        for name in type(obj).SECRET_FIELDS:
            value = getattr(obj, name)
            assert value and value not in text, (type(obj).__name__, name)
    assert "tok3n-value" not in str(objects[2])


def test_secret_fields_are_those_of_the_spec():
    assert Session.SECRET_FIELDS == {"token"}
    assert Account.SECRET_FIELDS == {"access_token", "refresh_token", "id_token", "password"}
    assert Verification.SECRET_FIELDS == {"value"}
    assert TwoFactor.SECRET_FIELDS == {"secret", "backup_codes"}
    assert ApiKey.SECRET_FIELDS == {"key"}
