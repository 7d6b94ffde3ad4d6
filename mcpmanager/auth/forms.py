"""The admin's sign-in forms: email + password, then (when required) a TOTP code."""
from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError

from . import messages, signin_audit as audit
from .two_factor import PENDING_ATTR


class SignInForm(forms.Form):
    """LoginView-compatible (request kwarg, get_user). `pending` is set instead
    of a user when the password was right but a TOTP code must follow."""

    # A CharField, not EmailField: break-glass Django users type their username.
    email = forms.CharField(
        label="Email",
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}),
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        self.pending = None
        super().__init__(*args, **kwargs)

    def clean(self):
        email, password = self.cleaned_data.get("email"), self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        user = authenticate(self.request, username=email, password=password)
        pending = getattr(self.request, PENDING_ATTR, None)
        if user is None and pending is not None:
            if not pending.available:
                raise ValidationError(messages.TWO_FACTOR_UNAVAILABLE, code="two_factor_unavailable")
            self.pending = pending
            return self.cleaned_data
        if user is not None and not (user.is_active and user.is_staff):
            # A break-glass Django account without staff status.
            audit.record_refusal(self.request, reason=audit.NO_ADMIN_ROLE, email=email.strip().lower())
            user = None
        if user is None:
            raise ValidationError(messages.SIGN_IN_REFUSED, code="refused")
        self.user_cache = user
        return self.cleaned_data

    def get_user(self):
        return self.user_cache


class TwoFactorForm(forms.Form):
    code = forms.CharField(
        label="Authentication code",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        help_text="The 6-digit code from your authenticator app.",
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
