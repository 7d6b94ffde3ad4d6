"""Sign-in views of the admin site: the password step and the TOTP step."""
from django.contrib import auth, messages as flash
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from tenancy.models import User as BetterAuthUser

from . import accounts, messages, signin_audit as audit, two_factor
from .backends import BetterAuthBackend, Standing
from .forms import SignInForm, TwoFactorForm

BACKEND_PATH = "mcpmanager.auth.backends.BetterAuthBackend"


def _admin_url(request, name: str) -> str:
    return reverse(f"admin:{name}", current_app=getattr(request, "current_app", None))


class SignInView(LoginView):
    authentication_form = SignInForm

    def form_valid(self, form):
        if form.pending is not None:
            self.request.session.cycle_key()
            two_factor.start_challenge(
                self.request.session, user_id=form.pending.user_id, redirect_to=self.get_success_url()
            )
            return HttpResponseRedirect(_admin_url(self.request, "two_factor"))
        return super().form_valid(form)


@method_decorator([sensitive_post_parameters(), csrf_protect, never_cache], name="dispatch")
class TwoFactorView(FormView):
    form_class = TwoFactorForm
    template_name = "auth/two_factor.html"
    extra_context = None

    def dispatch(self, request, *args, **kwargs):
        self.challenge = two_factor.current_challenge(request.session)
        if self.challenge is None:
            return HttpResponseRedirect(_admin_url(request, "login"))
        return super().dispatch(request, *args, **kwargs)

    def _back_to_sign_in(self, text: str):
        two_factor.end_challenge(self.request.session)
        flash.error(self.request, text)
        return HttpResponseRedirect(_admin_url(self.request, "login"))

    def form_valid(self, form):
        request, user_id = self.request, self.challenge["user_id"]
        ba_user = BetterAuthUser.objects.filter(pk=user_id).first()
        # Banned, deactivated or demoted since the password step?
        reason = audit.UNKNOWN_EMAIL if ba_user is None else BetterAuthBackend().sign_in_refusal(Standing.of(ba_user))
        if reason:
            audit.record_refusal(request, reason=reason, ba_user=ba_user, event_type=audit.EVENT_TWO_FACTOR, method="totp")
            return self._back_to_sign_in(messages.SIGN_IN_REFUSED)
        outcome = two_factor.verify_code(user_id=user_id, code=form.cleaned_data["code"])
        if outcome is two_factor.Outcome.VERIFIED:
            two_factor.end_challenge(request.session)
            user = accounts.django_user_for(ba_user, method="totp")
            auth.login(request, user, backend=BACKEND_PATH)
            return HttpResponseRedirect(self.challenge["next"] or _admin_url(request, "index"))
        return self._refuse(form, ba_user, outcome)

    def _refuse(self, form, ba_user, outcome):
        request, Outcome = self.request, two_factor.Outcome
        record = dict(ba_user=ba_user, event_type=audit.EVENT_TWO_FACTOR, method="totp")
        if outcome is Outcome.UNAVAILABLE:
            audit.record_refusal(request, reason=audit.TWO_FACTOR_UNAVAILABLE, **record)
            return self._back_to_sign_in(messages.TWO_FACTOR_UNAVAILABLE)
        if outcome is Outcome.LOCKED:
            audit.record_refusal(request, reason=audit.LOCKED, risk_level="high", **record)
            return self._back_to_sign_in(messages.TWO_FACTOR_LOCKED)
        audit.record_refusal(request, reason=audit.INVALID_CODE, **record)
        if outcome is Outcome.LOCKED_NOW:
            audit.record_refusal(
                request, reason=audit.LOCKED, risk_level="high",
                **{**record, "event_type": audit.EVENT_TWO_FACTOR_LOCKOUT},
            )
            return self._back_to_sign_in(messages.TWO_FACTOR_LOCKED)
        two_factor.count_attempt(request.session, self.challenge)
        if self.challenge["attempts"] >= two_factor.CHALLENGE_ATTEMPTS:
            return self._back_to_sign_in(messages.TWO_FACTOR_EXPIRED)
        form.add_error(None, messages.TWO_FACTOR_INVALID)
        return self.form_invalid(form)
