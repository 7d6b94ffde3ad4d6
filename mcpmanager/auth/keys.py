"""Better-Auth's secrets as the admin sees them.

BETTER_AUTH_SECRET is the frontend's single secret. BETTER_AUTH_SECRETS
("<version>:<secret>,...", newest first) mirrors Better-Auth's versioned
secrets: the first one signs cookies, and `$ba$<version>$` envelopes name
the version that encrypted them; bare payloads use BETTER_AUTH_SECRET.
"""
from django.conf import settings


def versioned_secrets() -> list[tuple[int, str]]:
    entries = []
    for entry in (getattr(settings, "BETTER_AUTH_SECRETS", "") or "").split(","):
        version, sep, value = entry.strip().partition(":")
        if sep and version.strip().isdigit() and value.strip():
            entries.append((int(version), value.strip()))
    return entries


def legacy_secret() -> str:
    return getattr(settings, "BETTER_AUTH_SECRET", "") or ""


def signing_secret() -> str:
    """The secret Better-Auth signs cookies with ('' when none is configured)."""
    versioned = versioned_secrets()
    return versioned[0][1] if versioned else legacy_secret()


def configured() -> bool:
    return bool(signing_secret())


def secret_for_version(version: int) -> str | None:
    return dict(versioned_secrets()).get(version)
