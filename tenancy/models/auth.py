"""Better-Auth's tables: users and their credentials (spec 3.1).

Unmanaged: the tables belong to Drizzle (drizzle/schema/auth.ts) and their
column set is Better-Auth's (docs: better-auth-compat.md). Ids are generated
by Better-Auth (32-character strings), so they have no default here.
Field names are the column names; FKs are named without `_id`.
"""
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from tenancy.choices import DEFAULT_USER_ROLE, USER_ROLES

_ROLE = "(" + "|".join(USER_ROLES) + ")"
# Same pattern as the CHECK `user_role_check`: roles comma-separated, no spaces.
USER_ROLE_PATTERN = rf"^{_ROLE}(,{_ROLE})*$"


class User(models.Model):
    id = models.TextField(primary_key=True)
    name = models.TextField()
    email = models.TextField(unique=True)
    email_verified = models.BooleanField(default=False)
    image = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Advanced by the touch_updated_at trigger on every UPDATE.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    role = models.TextField(default=DEFAULT_USER_ROLE)
    banned = models.BooleanField(default=False)
    ban_reason = models.TextField(null=True, blank=True)
    ban_expires = models.DateTimeField(null=True, blank=True)
    two_factor_enabled = models.BooleanField(default=False)
    username = models.TextField(unique=True, null=True, blank=True)
    # Home tenant; the user survives the tenant's deletion.
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.SET_NULL,
        db_column="tenant_id",
        related_name="home_users",
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(default=True)
    last_login_at = models.DateTimeField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    preferences = models.JSONField(default=dict, blank=True)

    class Meta:
        managed = False
        db_table = "user"
        verbose_name = "user"
        verbose_name_plural = "users"
        ordering = ["-created_at", "-id"]  # user_created_at_idx
        constraints = [
            models.CheckConstraint(condition=Q(role__regex=USER_ROLE_PATTERN), name="user_role_check"),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="user_email_check"),
        ]

    def __str__(self):
        return self.email

    @property
    def roles(self) -> list[str]:
        return self.role.split(",") if self.role else []


class Session(models.Model):
    SECRET_FIELDS = frozenset({"token"})

    id = models.TextField(primary_key=True)
    expires_at = models.DateTimeField()
    token = models.TextField(unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    ip_address = models.TextField(null=True, blank=True)
    user_agent = models.TextField(null=True, blank=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, db_column="user_id", related_name="sessions")
    # Id of the impersonating admin; a plain column in Better-Auth (no FK).
    impersonated_by = models.TextField(null=True, blank=True)

    class Meta:
        managed = False
        db_table = "session"
        verbose_name = "session"
        verbose_name_plural = "sessions"

    def __str__(self):
        return f"Session {self.id} of {self.user_id}"


class Account(models.Model):
    SECRET_FIELDS = frozenset({"access_token", "refresh_token", "id_token", "password"})

    id = models.TextField(primary_key=True)
    account_id = models.TextField()
    provider_id = models.TextField()
    user = models.ForeignKey(User, on_delete=models.CASCADE, db_column="user_id", related_name="accounts")
    access_token = models.TextField(null=True, blank=True)
    refresh_token = models.TextField(null=True, blank=True)
    id_token = models.TextField(null=True, blank=True)
    access_token_expires_at = models.DateTimeField(null=True, blank=True)
    refresh_token_expires_at = models.DateTimeField(null=True, blank=True)
    scope = models.TextField(null=True, blank=True)
    password = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "account"
        verbose_name = "linked account"
        verbose_name_plural = "linked accounts"
        constraints = [
            models.UniqueConstraint(
                fields=["provider_id", "account_id"], name="account_provider_id_account_id_key"
            ),
        ]

    def __str__(self):
        return f"{self.provider_id}:{self.account_id}"


class Verification(models.Model):
    SECRET_FIELDS = frozenset({"value"})

    id = models.TextField(primary_key=True)
    identifier = models.TextField()
    value = models.TextField()
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "verification"
        verbose_name = "verification"
        verbose_name_plural = "verifications"

    def __str__(self):
        # The identifier may embed a reset token (`reset-password:<token>`).
        kind = self.identifier.split(":", 1)[0] if ":" in self.identifier else "verification"
        return f"{kind} ({self.id})"


class TwoFactor(models.Model):
    SECRET_FIELDS = frozenset({"secret", "backup_codes"})

    id = models.TextField(primary_key=True)
    secret = models.TextField()
    backup_codes = models.TextField()
    user = models.ForeignKey(User, on_delete=models.CASCADE, db_column="user_id", related_name="two_factors")
    verified = models.BooleanField(default=True)
    failed_verification_count = models.IntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "two_factor"
        verbose_name = "two-factor setting"
        verbose_name_plural = "two-factor settings"

    def __str__(self):
        return f"Two-factor of {self.user_id}"


class ApiKey(models.Model):
    """A personal API key created through @better-auth/api-key (not a gateway token)."""

    SECRET_FIELDS = frozenset({"key"})

    id = models.TextField(primary_key=True)
    config_id = models.TextField(default="default")
    name = models.TextField(null=True, blank=True)
    start = models.TextField(null=True, blank=True)
    # The owner; the column keeps the plugin's name `reference_id`.
    reference = models.ForeignKey(
        User, on_delete=models.CASCADE, db_column="reference_id", related_name="api_keys"
    )
    prefix = models.TextField(null=True, blank=True)
    key = models.TextField(unique=True)
    refill_interval = models.IntegerField(null=True, blank=True)
    refill_amount = models.IntegerField(null=True, blank=True)
    last_refill_at = models.DateTimeField(null=True, blank=True)
    enabled = models.BooleanField(default=True, null=True, blank=True)
    rate_limit_enabled = models.BooleanField(default=True, null=True, blank=True)
    rate_limit_time_window = models.IntegerField(null=True, blank=True)
    rate_limit_max = models.IntegerField(null=True, blank=True)
    request_count = models.IntegerField(default=0, null=True, blank=True)
    remaining = models.IntegerField(null=True, blank=True)
    last_request = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    # JSON serialized by the plugin itself, hence text.
    permissions = models.TextField(null=True, blank=True)
    metadata = models.TextField(null=True, blank=True)

    class Meta:
        managed = False
        db_table = "apikey"
        verbose_name = "personal API key"
        verbose_name_plural = "personal API keys"

    def __str__(self):
        label = self.name or self.id
        return f"{label} ({self.start}…)" if self.start else label
