"""Revoking and resending tenant invitations: the services and the admin actions."""
import hashlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditLog
from audit.services import Actor
from tenancy import services
from tenancy.models import TenantInvitation
from tests.factories.tenancy import TenantInvitationFactory
from tests.tenancy_admin.support import admin_url, client_for, messages_of, post_action, staff_member

pytestmark = pytest.mark.django_db
ACTOR = Actor(id="actor-1", email="actor@example.com", ip="203.0.113.9", request_id="req-1")
TOKEN_IN_MESSAGE = re.compile(r"Invitation for (\S+) resent\. Give them this token once; only its hash is stored: (\S+)$")


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def tokens_shown(response):
    return dict(m.groups() for m in map(TOKEN_IN_MESSAGE.match, messages_of(response)) if m)


# --- services --------------------------------------------------------------------


def test_revoke_sets_status_and_time_with_one_audit_row():
    invitation = TenantInvitationFactory()
    services.revoke_invitation(actor=ACTOR, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == "revoked" and invitation.revoked_at is not None
    row = AuditLog.objects.get()
    assert (row.event_type, row.resource_id, row.tenant_id) == (
        "tenant_invitation.revoke", str(invitation.pk), invitation.tenant_id)
    assert row.changes["status"] == {"before": "pending", "after": "revoked"}


@pytest.mark.parametrize("status", ["accepted", "expired", "revoked"])
@pytest.mark.parametrize("service", [services.revoke_invitation, services.resend_invitation])
def test_only_pending_invitations_are_revoked_or_resent(status, service):
    invitation = TenantInvitationFactory(status=status)
    before = TenantInvitation.objects.values().get(pk=invitation.pk)
    with pytest.raises(services.TenancyServiceError, match=f"is {status}; only pending"):
        service(actor=ACTOR, invitation=invitation)
    assert TenantInvitation.objects.values().get(pk=invitation.pk) == before
    assert not AuditLog.objects.exists()


def test_resend_stores_only_the_new_tokens_hash_and_masks_it_in_the_audit_row():
    invitation = TenantInvitationFactory(expires_at=timezone.now() - timedelta(days=1))
    old_hash = invitation.token_hash
    started = timezone.now()
    _, token = services.resend_invitation(actor=ACTOR, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.token_hash == sha256(token) != old_hash
    assert invitation.status == "pending"
    # Valid for the default validity from the resend.
    assert started + services.INVITATION_VALIDITY <= invitation.expires_at <= timezone.now() + services.INVITATION_VALIDITY
    row = AuditLog.objects.get()
    assert row.event_type == "tenant_invitation.resend"
    assert row.changes["token_hash"] == {"before": "***REDACTED***", "after": "***REDACTED***"}
    assert old_hash not in str(row.changes) and token not in str(row.changes) and sha256(token) not in str(row.changes)


def test_resend_keeps_an_expiry_that_is_already_further_out():
    far = timezone.now() + timedelta(days=30)
    invitation = TenantInvitationFactory(expires_at=far)
    services.resend_invitation(actor=ACTOR, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.expires_at == far


def test_a_deleted_invitation_is_a_clear_refusal():
    invitation = TenantInvitationFactory()
    TenantInvitation.objects.filter(pk=invitation.pk).delete()
    with pytest.raises(services.TenancyServiceError, match="no longer exists"):
        services.resend_invitation(actor=ACTOR, invitation=invitation)


# --- admin actions -----------------------------------------------------------------


def test_revoke_action_revokes_pending_and_reports_the_others(admin_web):
    pending = TenantInvitationFactory(email="pending@example.com")
    accepted = TenantInvitationFactory(email="accepted@example.com", status="accepted")
    response = post_action(admin_web, TenantInvitation, "revoke_invitations", [pending.pk, accepted.pk], follow=True)
    assert response.status_code == 200
    shown = messages_of(response)
    assert "Revoked 1 invitation(s)." in shown
    assert any("Not revoked" in m and "accepted@example.com (accepted)" in m for m in shown)
    assert TenantInvitation.objects.get(pk=pending.pk).status == "revoked"
    assert TenantInvitation.objects.get(pk=accepted.pk).status == "accepted"
    assert [r.resource_id for r in AuditLog.objects.all()] == [str(pending.pk)]


def test_revoke_action_with_nothing_pending_changes_nothing(admin_web):
    revoked = TenantInvitationFactory(status="revoked")
    response = post_action(admin_web, TenantInvitation, "revoke_invitations", [revoked.pk], follow=True)
    assert not any("Revoked" in m for m in messages_of(response))
    assert not AuditLog.objects.exists()


def test_resend_action_shows_each_new_token_once_and_never_a_hash(admin_web):
    first, second = TenantInvitationFactory.create_batch(2)
    old_hashes = {first.token_hash, second.token_hash}
    response = post_action(admin_web, TenantInvitation, "resend_invitations", [first.pk, second.pk], follow=True)
    html = response.content.decode()
    tokens = tokens_shown(response)
    assert set(tokens) == {first.email, second.email}
    stored = dict(TenantInvitation.objects.values_list("email", "token_hash"))
    for email, token in tokens.items():
        assert stored[email] == sha256(token) and token in html
        assert stored[email] not in html
    assert not old_hashes & set(stored.values())
    assert AuditLog.objects.filter(event_type="tenant_invitation.resend").count() == 2
    # Once: the next page no longer carries any token.
    again = admin_web.get(admin_url(TenantInvitation, "changelist")).content.decode()
    assert not any(token in again for token in tokens.values())
    assert not any(h in again for h in stored.values())


def test_a_changed_row_rolls_back_the_whole_resend(admin_web, monkeypatch):
    first, second = TenantInvitationFactory.create_batch(2)
    hashes = dict(TenantInvitation.objects.values_list("pk", "token_hash"))
    real = services.resend_invitation

    def revoked_meanwhile(*, actor, invitation):
        if invitation.pk == second.pk:  # someone revoked it after the selection was read
            TenantInvitation.objects.filter(pk=second.pk).update(status="revoked")
        return real(actor=actor, invitation=invitation)

    monkeypatch.setattr(services, "resend_invitation", revoked_meanwhile)
    response = post_action(admin_web, TenantInvitation, "resend_invitations", [first.pk, second.pk], follow=True)
    shown = messages_of(response)
    assert any(m.startswith("Nothing was changed:") for m in shown)
    assert not tokens_shown(response)
    assert dict(TenantInvitation.objects.values_list("pk", "token_hash")) == hashes
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("action", ["revoke_invitations", "resend_invitations"])
def test_support_may_not_run_the_invitation_actions(support_web, action):
    invitation = TenantInvitationFactory()
    response = post_action(support_web, TenantInvitation, action, [invitation.pk])
    assert response.status_code == 200 and not response.context["action_form"]  # no actions offered
    assert TenantInvitation.objects.values_list("status", "token_hash").get() == ("pending", invitation.token_hash)
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("action", ["revoke_invitations", "resend_invitations"])
def test_staff_may_not_open_the_invitations_at_all(action):
    invitation = TenantInvitationFactory()
    staff = client_for(staff_member("staff")[1])
    response = post_action(staff, TenantInvitation, action, [invitation.pk])
    assert response.status_code == 403
    assert TenantInvitation.objects.values_list("status", "token_hash").get() == ("pending", invitation.token_hash)
    assert not AuditLog.objects.exists()
