"""Secret columns never reach a tenancy page, list or change form."""
import pytest

from tenancy.models import ApiToken, Tenant, TenantInvitation, User
from tests.factories.tenancy import (
    AccountFactory,
    ApiKeyFactory,
    ApiTokenFactory,
    SessionFactory,
    TenantInvitationFactory,
    TwoFactorFactory,
    UserFactory,
)
from tests.tenancy_admin.support import admin_url

pytestmark = pytest.mark.django_db


def pages(client, *urls) -> str:
    html = ""
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html += response.content.decode()
    return html


def test_user_pages_show_no_token_password_hash_two_factor_secret_or_key_hash(superuser_web):
    person = UserFactory()
    secrets = [
        SessionFactory(user=person).token,
        AccountFactory(user=person).password,
        TwoFactorFactory(user=person).secret,
        ApiKeyFactory(reference=person).key,
    ]
    html = pages(superuser_web, admin_url(User, "changelist"), admin_url(person, "change"))
    assert not [s for s in secrets if s in html]


def test_invitation_and_token_pages_show_no_hashes(superuser_web):
    invitation = TenantInvitationFactory()
    token = ApiTokenFactory(tenant=invitation.tenant, salt="pepper-and-salt")
    html = pages(
        superuser_web,
        admin_url(Tenant, "changelist"), admin_url(invitation.tenant, "change"),
        admin_url(TenantInvitation, "changelist"), admin_url(invitation, "change"),
        admin_url(ApiToken, "changelist"), admin_url(token, "change"),
    )
    for secret in (invitation.token_hash, token.key_hash, token.salt):
        assert secret not in html
    assert token.key_prefix in html
