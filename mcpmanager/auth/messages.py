"""Fixed texts shown to people signing in; tests import them instead of retyping."""

# Every refusal of the first step shows this one text, whatever the reason,
# so the form never tells an attacker which emails exist or who is banned.
SIGN_IN_REFUSED = (
    "Sign-in refused. Check your email and password; "
    "if they are right, this account may not use the admin."
)
TWO_FACTOR_UNAVAILABLE = (
    "This account uses two-factor authentication, which this admin cannot check here. "
    "Sign in on the MCP Manager frontend; you will then be signed in here automatically."
)
TWO_FACTOR_INVALID = "That code is not valid. Enter the current code from your authenticator app."
TWO_FACTOR_LOCKED = "Too many wrong codes: two-factor sign-in for this account is locked for a while."
TWO_FACTOR_EXPIRED = "The sign-in took too long or had too many wrong codes. Please sign in again."
