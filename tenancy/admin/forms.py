"""Forms of the tenancy admin: what a person may type, and clear refusals.

The schema has no length limits (text everywhere); the limits a page needs
are enforced here, so an oversized value is a form error, not a surprise.
"""

from django import forms
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models.expressions import DatabaseDefault
from django.db.models.functions import Now
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from tenancy import services
from tenancy.choices import USER_ROLES, InvitationStatus
from tenancy.models import TenantInvitation, User
from tenancy.models.tenants import TENANT_SLUG_MAX_LENGTH, TENANT_SLUG_PATTERN

DEFAULT_TEXT_LIMIT = 10_000
NAME_LIMIT = 200
EMAIL_LIMIT = 254
INVITATION_DAYS = services.INVITATION_VALIDITY.days


class LengthLimitsMixin:
    """Every text input gets a maximum length: `length_limits[name]`, else
    DEFAULT_TEXT_LIMIT (the browser enforces it too, via maxlength)."""

    length_limits: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if type(field) is not forms.CharField and not isinstance(field, forms.EmailField):
                continue
            limit = self.length_limits.get(name, field.max_length or DEFAULT_TEXT_LIMIT)
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs.setdefault("maxlength", str(limit))


class LimitedModelForm(LengthLimitsMixin, forms.ModelForm):
    """The base form of every page here: text inputs with a length limit."""


class TenantForm(LimitedModelForm):
    length_limits = {"name": NAME_LIMIT, "slug": TENANT_SLUG_MAX_LENGTH, "billing_email": EMAIL_LIMIT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].widget = forms.TextInput(attrs={"maxlength": str(TENANT_SLUG_MAX_LENGTH)})
            self.fields["slug"].validators.append(RegexValidator(
                TENANT_SLUG_PATTERN,
                "Use lower-case letters and digits in words joined by single hyphens, e.g. “acme-corp”.",
            ))
            self.fields["slug"].help_text = "URL key: lower-case letters, digits, single hyphens; at most 63."
        for name in ("name", "billing_email"):
            if name in self.fields:
                self.fields[name].widget = forms.TextInput(attrs={"maxlength": str(self.length_limits[name])})
        if "billing_email" in self.fields:
            self.fields["billing_email"].validators.append(forms.EmailField.default_validators[0])

    def clean_billing_email(self):
        email = self.cleaned_data.get("billing_email")
        return email.strip().lower() if email else None


class UserByEmailField(forms.ModelChoiceField):
    """A user picked by e-mail in a text box: no select listing every user
    (which would also cost a query per inline row)."""

    default_error_messages = {"invalid_choice": "No user has the e-mail address “%(value)s”."}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.EmailInput(attrs={"maxlength": str(EMAIL_LIMIT)}))
        super().__init__(queryset=User.objects.all(), to_field_name="email", **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            if len(value) > EMAIL_LIMIT:
                raise forms.ValidationError(f"An e-mail address has at most {EMAIL_LIMIT} characters.")
            value = value.strip().lower()
        return super().to_python(value)


class TenantMemberForm(forms.ModelForm):
    user = UserByEmailField(label="user e-mail")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding and "user" in self.fields:
            # A membership belongs to one person; to move it, remove and add.
            self.initial["user"] = self.instance.user
            self.fields["user"].disabled = True

    def save(self, commit=True):
        if not (commit and self.instance._state.adding):
            return super().save(commit)
        # A new member joins when the row is written: joined_at is the
        # column's DEFAULT now(), read back for the page and the audit row.
        self.instance.joined_at = DatabaseDefault(Now(), output_field=models.DateTimeField())
        member = super().save(commit)
        member.refresh_from_db(fields=["joined_at"])
        return member


def default_invitation_expiry():
    return timezone.now() + services.INVITATION_VALIDITY


class TenantInvitationForm(LimitedModelForm):
    """The token hash is made here, server side, for a new invitation; the
    token itself is kept on the form (`issued_token`) to be shown once."""

    length_limits = {"email": EMAIL_LIMIT, "message": 2000}
    email = forms.EmailField(max_length=EMAIL_LIMIT)
    issued_token = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "expires_at" in self.fields and self.instance._state.adding:
            # Not a callable initial: an empty extra row would then look
            # "changed" on every save (the time moves between GET and POST).
            self.fields["expires_at"].required = False
            self.fields["expires_at"].help_text = f"Empty: {INVITATION_DAYS} days from now."

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if "expires_at" in self.fields and not cleaned.get("expires_at") and "expires_at" not in self.errors:
            cleaned["expires_at"] = default_invitation_expiry()
        # tenant_invitation_tenant_id_email_pending_key, said in words.
        tenant_id = getattr(cleaned.get("tenant"), "pk", None) or self.instance.tenant_id
        email, status = cleaned.get("email"), cleaned.get("status", self.instance.status)
        if tenant_id and email and status == InvitationStatus.PENDING:
            pending = TenantInvitation.objects.filter(tenant_id=tenant_id, email=email, status=status)
            if pending.exclude(pk=self.instance.pk).exists():
                self.add_error("email", f"A pending invitation for {email} to this tenant already exists.")
        return cleaned

    def _post_clean(self):
        if self.instance._state.adding:
            self.issued_token = services.prepare_invitation(self.instance) or self.issued_token
        super()._post_clean()


class UniquePendingInvitationFormSet(BaseInlineFormSet):
    """One pending invitation per address and tenant (a partial unique index
    Django's formset check does not know about)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if (form.instance._state.adding and not form.has_changed()) or self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("status", form.instance.status) != InvitationStatus.PENDING or not data.get("email"):
                continue
            if data["email"] in seen:
                raise forms.ValidationError(f"There are two pending invitations for {data['email']}.")
            seen.add(data["email"])


class UserAdminForm(LimitedModelForm):
    """Roles as check boxes, stored as Better-Auth does: comma-separated."""

    role = forms.MultipleChoiceField(
        choices=[(role, role) for role in USER_ROLES],
        widget=forms.CheckboxSelectMultiple,
        label="roles",
        help_text="admin, support and staff open parts of this admin; the others are frontend roles.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "role" in self.fields:
            self.initial["role"] = self.instance.roles

    def clean_role(self):
        try:
            return services.clean_roles(self.cleaned_data["role"])
        except services.TenancyServiceError as error:
            raise forms.ValidationError(str(error)) from None


class BanForm(forms.Form):
    reason = forms.CharField(
        max_length=services.REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Better-Auth shows it to the user when they try to sign in.",
    )
    expires_at = forms.DateTimeField(
        required=False, label="ban expires",
        help_text="Leave empty for a permanent ban. Format: YYYY-MM-DD HH:MM (UTC).",
    )

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError("The ban expiry must be in the future.")
        return expires_at
