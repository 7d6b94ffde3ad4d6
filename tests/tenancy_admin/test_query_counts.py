"""Every tenancy page costs the same number of queries for 10 rows as for 100."""
import pytest

from tenancy.models import ApiToken, Tenant, TenantInvitation, TenantMember, User
from tests.factories.registry import McpServerFactory
from tests.factories.tenancy import (
    AccountFactory,
    ApiKeyFactory,
    ApiTokenFactory,
    SessionFactory,
    TenantFactory,
    TenantInvitationFactory,
    TenantMemberFactory,
    TwoFactorFactory,
    UserFactory,
)
from tests.tenancy_admin.support import admin_url, queries_for

pytestmark = pytest.mark.django_db


def assert_constant(client, url, grow, django_assert_max_num_queries):
    grow(10)
    with_10 = queries_for(client, url())
    grow(90)
    with django_assert_max_num_queries(with_10):
        assert client.get(url()).status_code == 200


def _tenants_with_members_and_servers(n):
    for _ in range(n):
        tenant = TenantFactory()
        TenantMemberFactory(tenant=tenant)
        McpServerFactory(tenant=tenant)


def _users(n):
    for _ in range(n):
        SessionFactory(user=UserFactory(with_tenant=True))


CHANGELISTS = {
    Tenant: _tenants_with_members_and_servers,
    User: _users,
    TenantMember: lambda n: TenantMemberFactory.create_batch(n),
    TenantInvitation: lambda n: TenantInvitationFactory.create_batch(n),
    ApiToken: lambda n: ApiTokenFactory.create_batch(n, with_tenant=True),
}


@pytest.mark.parametrize("model", CHANGELISTS, ids=lambda m: m.__name__)
def test_changelists(superuser_web, django_assert_max_num_queries, model):
    assert_constant(superuser_web, lambda: admin_url(model, "changelist"), CHANGELISTS[model],
                    django_assert_max_num_queries)


def test_tenant_list_for_the_admin_role(admin_web, django_assert_max_num_queries):
    assert_constant(admin_web, lambda: admin_url(Tenant, "changelist"), _tenants_with_members_and_servers,
                    django_assert_max_num_queries)


def test_tenant_change_page_with_members_and_invitations(admin_web, django_assert_max_num_queries):
    tenant = TenantFactory()

    def grow(n):
        for _ in range(n):
            TenantMemberFactory(tenant=tenant, invited_by=UserFactory())
            TenantInvitationFactory(tenant=tenant, invited_by=UserFactory())

    assert_constant(admin_web, lambda: admin_url(tenant, "change"), grow, django_assert_max_num_queries)


def test_user_change_page_with_sessions_accounts_keys_and_memberships(admin_web, django_assert_max_num_queries):
    person = UserFactory(with_tenant=True)
    TwoFactorFactory(user=person)

    def grow(n):
        for i in range(n):
            SessionFactory(user=person)
            AccountFactory(user=person, provider_id=f"p{i}-{person.accounts.count()}")
            ApiKeyFactory(reference=person)
            TenantMemberFactory(user=person)

    assert_constant(admin_web, lambda: admin_url(person, "change"), grow, django_assert_max_num_queries)


@pytest.mark.parametrize("model, make", [
    (TenantMember, TenantMemberFactory), (TenantInvitation, TenantInvitationFactory), (ApiToken, ApiTokenFactory),
], ids=lambda v: getattr(v, "__name__", ""))
def test_other_change_pages(superuser_web, django_assert_max_num_queries, model, make):
    obj = make()
    assert_constant(superuser_web, lambda: admin_url(obj, "change"), lambda n: make.create_batch(n),
                    django_assert_max_num_queries)
