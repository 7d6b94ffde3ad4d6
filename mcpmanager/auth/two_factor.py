"""The second sign-in step for users with `two_factor_enabled`.

After a correct password the backend logs nobody in; it leaves a pending
challenge (the Better-Auth user id) in the anonymous Django session. The
TOTP step checks the code against the `two_factor` row and honours the
plugin's lock-out counters. Limits are better-auth 1.7.25's defaults
(dist/plugins/two-factor): a challenge lives 600 s (twoFactorCookieMaxAge)
and allows 5 codes (beginAttempt(5)); 10 consecutive failures
(accountLockout.maxFailedAttempts) lock the account for 900 s
(accountLockout.durationSeconds); an expired lock is cleared lazily and a
success resets both counters.
"""
import enum
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tenancy.models import TwoFactor

from . import totp

CHALLENGE_SECONDS = 600
CHALLENGE_ATTEMPTS = 5
MAX_FAILED_VERIFICATIONS = 10
LOCK_SECONDS = 900

SESSION_KEY = "mcp_auth_two_factor"
# Attribute the backend sets on the request when a password was right but a
# second factor is required (it returns no user in that case).
PENDING_ATTR = "mcp_pending_two_factor"


@dataclass(frozen=True)
class Pending:
    user_id: str
    available: bool  # False without BETTER_AUTH_SECRET: the code cannot be checked here


class Outcome(enum.Enum):
    VERIFIED = "verified"
    INVALID = "invalid"
    LOCKED_NOW = "locked_now"  # this failure spent the budget
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"  # no verified row, or its secret cannot be decrypted


# --- the challenge in the session ----------------------------------------------


def start_challenge(session, *, user_id: str, redirect_to: str) -> None:
    session[SESSION_KEY] = {
        "user_id": user_id,
        "expires": time.time() + CHALLENGE_SECONDS,
        "attempts": 0,
        "next": redirect_to,
    }


def current_challenge(session) -> dict | None:
    challenge = session.get(SESSION_KEY)
    if not challenge:
        return None
    if challenge["expires"] <= time.time() or challenge["attempts"] >= CHALLENGE_ATTEMPTS:
        end_challenge(session)
        return None
    return challenge


def count_attempt(session, challenge: dict) -> None:
    challenge["attempts"] += 1
    session[SESSION_KEY] = challenge


def end_challenge(session) -> None:
    session.pop(SESSION_KEY, None)


# --- the code --------------------------------------------------------------------


def verify_code(*, user_id: str, code: str, unix_time: float | None = None) -> Outcome:
    """Check `code` for the user's verified two_factor row, updating the
    lock-out counters in the same transaction (row locked meanwhile)."""
    now = timezone.now()
    with transaction.atomic():
        row = TwoFactor.objects.select_for_update().filter(user_id=user_id, verified=True).first()
        if row is None:
            return Outcome.UNAVAILABLE
        if row.locked_until is not None:
            if row.locked_until > now:
                return Outcome.LOCKED
            row.failed_verification_count, row.locked_until = 0, None
            TwoFactor.objects.filter(pk=row.pk).update(failed_verification_count=0, locked_until=None)
        try:
            key = totp.totp_key(row.secret)
        except totp.UndecryptableSecret:
            return Outcome.UNAVAILABLE
        if totp.verify(key, code.strip(), unix_time):
            TwoFactor.objects.filter(pk=row.pk).update(failed_verification_count=0, locked_until=None)
            return Outcome.VERIFIED
        TwoFactor.objects.filter(pk=row.pk).update(failed_verification_count=F("failed_verification_count") + 1)
        if row.failed_verification_count + 1 >= MAX_FAILED_VERIFICATIONS:
            TwoFactor.objects.filter(pk=row.pk).update(locked_until=now + timedelta(seconds=LOCK_SECONDS))
            return Outcome.LOCKED_NOW
        return Outcome.INVALID
