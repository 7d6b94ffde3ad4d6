"""Invitation actions (revoke, resend) and the one-time token message.

A token is shown exactly once, in an admin message right after it is made
(on creation and on resend); the database keeps only its SHA-256, which no
page ever renders.
"""
from django.contrib import admin, messages
from django.db import transaction

from audit.services import actor_from_request
from tenancy import services
from tenancy.choices import InvitationStatus


def show_token_once(modeladmin, request, invitation, token, *, event="created"):
    modeladmin.message_user(
        request,
        f"Invitation for {invitation.email} {event}. Give them this token once; "
        f"only its hash is stored: {token}",
        messages.INFO,
    )


def _pending_only(modeladmin, request, queryset, verb):
    """The pending rows of the selection; the others are named in a warning
    (accepted, expired or revoked invitations cannot be revoked or resent)."""
    rows = list(queryset.select_related("tenant").order_by("email", "pk"))
    pending = [row for row in rows if row.status == InvitationStatus.PENDING]
    skipped = [row for row in rows if row.status != InvitationStatus.PENDING]
    if skipped:
        modeladmin.message_user(
            request,
            f"Not {verb} (only pending invitations can be): "
            + ", ".join(f"{row.email} ({row.status})" for row in skipped) + ".",
            messages.WARNING,
        )
    elif not rows:
        modeladmin.message_user(
            request, "None of the selected invitations exist; nothing was changed.", messages.WARNING
        )
    return pending


def _run(modeladmin, request, rows, service):
    """All or nothing: a row changed meanwhile (no longer pending, deleted)
    rolls back every row and says why. Returns the services' results."""
    actor = actor_from_request(request)
    try:
        with transaction.atomic():
            return [service(actor=actor, invitation=row) for row in rows]
    except services.TenancyServiceError as error:
        modeladmin.message_user(request, f"Nothing was changed: {error}", messages.ERROR)
        return []


class InvitationActionsMixin:
    actions = ("resend_invitations", "revoke_invitations")

    @admin.action(description="Revoke selected invitations", permissions=("change",))
    def revoke_invitations(self, request, queryset):
        pending = _pending_only(self, request, queryset, "revoked")
        if pending and _run(self, request, pending, services.revoke_invitation):
            self.message_user(request, f"Revoked {len(pending)} invitation(s).", messages.SUCCESS)

    @admin.action(description="Resend selected invitations with a new token", permissions=("change",))
    def resend_invitations(self, request, queryset):
        pending = _pending_only(self, request, queryset, "resent")
        results = _run(self, request, pending, services.resend_invitation) if pending else []
        if not results:
            return
        # Messages only once every row is written: a token shown must be valid.
        for invitation, token in results:
            show_token_once(self, request, invitation, token, event="resent")
        self.message_user(
            request, f"Resent {len(results)} invitation(s); the old tokens no longer work.", messages.SUCCESS
        )
