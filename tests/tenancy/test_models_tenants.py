"""Round trips of tenant, tenant_member, tenant_invitation, tenant_usage."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from tenancy.choices import InvitationStatus, TenantPlan, TenantRole, TenantStatus
from tenancy.models import ApiToken, ApiUsage, Tenant, TenantInvitation, TenantMember, TenantUsage
from tests.factories.audit import AuditLogFactory
from tests.factories.tenancy import (
    ApiTokenFactory,
    ApiUsageFactory,
    TenantFactory,
    TenantInvitationFactory,
    TenantMemberFactory,
    TenantUsageFactory,
    UserFactory,
)
from tests.schema.roundtrip import NESTED_JSON, assert_aware, reread

pytestmark = pytest.mark.django_db


def test_tenant_round_trips_every_column():
    suspended = timezone.now()
    tenant = TenantFactory(
        name="Acme — Ünïcode",
        slug="acme-1",
        description="multi\nline",
        status=TenantStatus.SUSPENDED,
        plan=TenantPlan.ENTERPRISE,
        settings=NESTED_JSON,
        limits={"max_servers": 5, "max_api_tokens": 0},
        features={"sso": True, "beta": False},
        billing_email="billing@acme.test",
        suspended_at=suspended,
        suspended_reason="unpaid",
    )
    got = reread(tenant)
    assert (got.name, got.slug, got.description) == ("Acme — Ünïcode", "acme-1", "multi\nline")
    assert (got.status, got.plan) == ("suspended", "enterprise")
    assert got.settings == NESTED_JSON
    assert got.limits == {"max_servers": 5, "max_api_tokens": 0}
    assert got.features == {"sso": True, "beta": False}
    assert (got.billing_email, got.suspended_at, got.suspended_reason) == ("billing@acme.test", suspended, "unpaid")
    assert_aware(got.created_at, got.updated_at, got.suspended_at)


def test_tenant_id_defaults_to_a_uuid_string_and_keeps_legacy_ids_verbatim():
    generated = TenantFactory()
    assert len(generated.id) == 36 and reread(generated).id == generated.id
    legacy = TenantFactory(id="legacy-tenant-ABC")
    assert reread(legacy).id == "legacy-tenant-ABC"


def test_tenant_plan_may_be_null_and_defaults_apply():
    got = reread(Tenant.objects.create(name="Bare", slug="bare"))
    assert (got.status, got.plan, got.settings, got.limits, got.features) == ("active", None, {}, {}, {})


@pytest.mark.parametrize("status", TenantStatus.values)
def test_tenant_stores_every_status_on_insert_and_update(status):
    tenant = TenantFactory(status=status)
    assert reread(tenant).status == status
    tenant.status = TenantStatus.DISABLED if status != TenantStatus.DISABLED else TenantStatus.ACTIVE
    tenant.save()
    assert reread(tenant).status == tenant.status


@pytest.mark.parametrize("plan", TenantPlan.values)
def test_tenant_stores_every_plan(plan):
    assert reread(TenantFactory(plan=plan)).plan == plan
    assert Tenant.objects.filter(plan=plan).count() == 1


def test_value_outside_an_enum_is_refused():
    with pytest.raises(ValidationError):
        TenantFactory.build(status="archived").full_clean()
    with pytest.raises(DataError, match="tenant_status"), transaction.atomic():
        TenantFactory(status="archived")


@pytest.mark.parametrize("slug", ["Acme", "acme--x", "-acme", "acme_x", "a" * 64])
def test_bad_slug_is_refused_by_form_validation_and_database(slug):
    with pytest.raises(ValidationError, match="tenant_slug_check"):
        TenantFactory.build(slug=slug).full_clean()
    with pytest.raises(IntegrityError, match="tenant_slug_check"), transaction.atomic():
        TenantFactory(slug=slug)


def test_slug_of_63_characters_is_accepted():
    TenantFactory.build(slug="a" * 63).full_clean()
    assert reread(TenantFactory(slug="a" * 63)).slug == "a" * 63


def test_tenant_updated_at_advances_on_save():
    tenant = TenantFactory()
    before = reread(tenant).updated_at
    tenant.name = "Renamed"
    tenant.save()
    assert reread(tenant).updated_at > before


@pytest.mark.parametrize("role", TenantRole.values)
def test_member_stores_every_role(role):
    member = TenantMemberFactory(role=role)
    got = reread(member)
    assert got.role == role and got.tenant_id == member.tenant_id and got.user_id == member.user_id
    assert_aware(got.joined_at, got.created_at, got.updated_at)


def test_member_defaults_and_reverse_relations():
    inviter = UserFactory()
    member = TenantMemberFactory(invited_by=inviter)
    got = reread(TenantMember.objects.create(tenant=member.tenant, user=UserFactory()))
    assert got.role == TenantRole.MEMBER and got.invited_by is None
    assert set(member.tenant.members.all()) == {member, got}
    assert list(inviter.invited_tenant_members.all()) == [member]
    assert list(member.user.tenant_memberships.all()) == [member]


def test_member_is_unique_per_tenant_and_user():
    member = TenantMemberFactory()
    duplicate = TenantMemberFactory.build(tenant=member.tenant, user=member.user)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_deleting_the_inviter_keeps_the_membership():
    inviter = UserFactory()
    member = TenantMemberFactory(invited_by=inviter)
    inviter.delete()
    assert reread(member).invited_by is None


@pytest.mark.parametrize("status", InvitationStatus.values)
def test_invitation_stores_every_status(status):
    assert reread(TenantInvitationFactory(status=status)).status == status


def test_invitation_round_trips_every_column():
    inviter, accepter = UserFactory(), UserFactory()
    now = timezone.now()
    invitation = TenantInvitationFactory(
        email="new@example.com",
        role=TenantRole.ADMIN,
        status=InvitationStatus.ACCEPTED,
        invited_by=inviter,
        accepted_by=accepter,
        message="Welcome ✨",
        expires_at=now + timedelta(days=7),
        accepted_at=now,
        revoked_at=None,
    )
    got = reread(invitation)
    assert (got.email, got.role, got.status, got.message) == ("new@example.com", "admin", "accepted", "Welcome ✨")
    assert (got.invited_by, got.accepted_by) == (inviter, accepter)
    assert (got.expires_at, got.accepted_at, got.revoked_at) == (now + timedelta(days=7), now, None)
    assert got.token_hash == invitation.token_hash
    assert list(accepter.accepted_tenant_invitations.all()) == [invitation]
    assert list(inviter.sent_tenant_invitations.all()) == [invitation]


def test_only_one_pending_invitation_per_tenant_and_email():
    first = TenantInvitationFactory(email="dup@example.com")
    second = TenantInvitationFactory.build(tenant=first.tenant, email="dup@example.com")
    with pytest.raises(ValidationError):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    first.status = InvitationStatus.EXPIRED
    first.save()
    second.full_clean()
    second.save()
    assert TenantInvitation.objects.filter(email="dup@example.com").count() == 2


def test_invitation_token_hash_is_unique_and_email_lower_case():
    invitation = TenantInvitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TenantInvitationFactory(token_hash=invitation.token_hash)
    with pytest.raises(ValidationError, match="tenant_invitation_email_check"):
        TenantInvitationFactory.build(email="Mixed@Example.com").full_clean()
    with pytest.raises(IntegrityError, match="tenant_invitation_email_check"), transaction.atomic():
        TenantInvitationFactory(email="Mixed@Example.com")


def test_usage_round_trips_a_date_and_a_bigint():
    usage = TenantUsageFactory(period_start=date(2024, 2, 29), metric="storage_bytes", value=2**40)
    got = reread(usage)
    assert (got.period_start, got.metric, got.value) == (date(2024, 2, 29), "storage_bytes", 2**40)
    assert TenantUsage.objects.filter(period_start__gte=date(2024, 2, 1)).get() == got


def test_usage_is_unique_per_tenant_metric_and_day():
    usage = TenantUsageFactory()
    duplicate = TenantUsageFactory.build(tenant=usage.tenant, metric=usage.metric, period_start=usage.period_start)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize("metric", ["API_calls", "1calls", "api-calls", ""])
def test_usage_metric_name_is_checked(metric):
    with pytest.raises(ValidationError):
        TenantUsageFactory.build(metric=metric).full_clean()
    with pytest.raises(IntegrityError, match="tenant_usage_metric_check"), transaction.atomic():
        TenantUsageFactory(metric=metric)


def test_usage_value_increments_and_updated_at_advances():
    usage = TenantUsageFactory(value=1)
    before = reread(usage).updated_at
    usage.value += 1
    usage.save()
    got = reread(usage)
    assert got.value == 2 and got.updated_at > before


def _tenant_with_children():
    tenant = TenantFactory()
    home_user = UserFactory(tenant=tenant)
    TenantMemberFactory(tenant=tenant, user=home_user)
    TenantInvitationFactory(tenant=tenant)
    TenantUsageFactory(tenant=tenant)
    token = ApiTokenFactory(tenant=tenant, user=home_user)
    ApiUsageFactory(api_token=token)
    entry = AuditLogFactory(tenant_id=tenant.id)
    return tenant, home_user, entry


def _assert_tenant_children_gone(tenant_id, home_user, entry):
    for model in (TenantMember, TenantInvitation, TenantUsage, ApiToken, ApiUsage):
        assert not model.objects.exists(), model
    assert reread(home_user).tenant_id is None  # SET NULL, the user survives
    assert reread(entry).tenant_id == tenant_id  # history keeps the id (no FK)


def test_deleting_a_tenant_through_django_mirrors_the_database_rules():
    tenant, home_user, entry = _tenant_with_children()
    tenant_id = tenant.id
    tenant.delete()
    _assert_tenant_children_gone(tenant_id, home_user, entry)


def test_deleting_a_tenant_in_sql_cascades_and_sets_null():
    tenant, home_user, entry = _tenant_with_children()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM tenant WHERE id = %s", [tenant.id])
    assert not Tenant.objects.filter(pk=tenant.pk).exists()
    _assert_tenant_children_gone(tenant.id, home_user, entry)


def test_str_never_shows_the_invitation_token_hash():
    invitation = TenantInvitationFactory()
    assert invitation.token_hash not in str(invitation)
    assert TenantInvitation.SECRET_FIELDS == {"token_hash"}
    for model in (Tenant, TenantMember, TenantUsage):
        assert not getattr(model, "SECRET_FIELDS", frozenset())
