"""Transforms of tenants, users and both api key tables (people and their credentials)."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from .report import LegacyTableReport
from .transform_columns import ARRAY_COLUMNS
from .transform_rules import MappingError, _check_arrays, _metadata, _scopes

# --- tenants -----------------------------------------------------------------

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def base_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", ascii_name).strip("-")[:50].strip("-")
    return slug or "tenant"


def assign_slugs(rows: Iterable[dict]) -> dict[str, str]:
    """id -> slug: tenants in ascending id (byte) order, a taken slug gets -2, -3, … (first free)."""
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["id"].encode("utf-8")):
        base = base_slug(row["name"])
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[row["id"]] = slug
    return slugs


def tenant_row(row: dict, slug: str, report: LegacyTableReport):
    return [("tenant", (row["id"], row["created_at"], row["updated_at"], row["name"], slug,
                        row["description"], row["status"], row["settings"]))]


# --- users -------------------------------------------------------------------

TENANT_ROLE_OF = {"admin": "admin", "readonly": "viewer"}


def users(row: dict, report: LegacyTableReport):
    legacy: dict = {}
    email = row["email"]
    lowered = email.lower()
    if lowered != email:
        legacy["email"] = email
    name = row["full_name"]
    if name is None:
        name = row["username"]
        legacy["full_name"] = None
    provider, provider_id = row["auth_provider"], row["auth_provider_id"]
    out = []
    if provider is not None and provider_id is not None:
        out.append(("account", (row["id"], row["created_at"], row["updated_at"], provider_id, provider, row["id"])))
    elif provider is not None or provider_id is not None:
        legacy["auth_provider"] = provider
        legacy["auth_provider_id"] = provider_id
        report.warn("partial provider")
    metadata = _metadata(row, "user_metadata", legacy, report)
    user = (row["id"], row["created_at"], row["updated_at"], name, lowered, row["role"], row["is_active"],
            row["username"], row["tenant_id"], metadata)
    out.insert(0, ("user", user))
    if row["tenant_id"] is not None:
        created = row["created_at"]
        out.append(("tenant_member", (row["tenant_id"], row["id"], TENANT_ROLE_OF.get(row["role"], "member"),
                                      created, created, created)))
    return out


# --- api keys ----------------------------------------------------------------

def api_keys(row: dict, report: LegacyTableReport):
    legacy: dict = {}
    if row["scopes"] is None:
        raise MappingError("scopes", "JSON null where a list is required (it becomes an array, G6)")
    scopes = _scopes(row["scopes"], report, legacy)
    metadata = _metadata(row, "api_key_metadata", legacy, report)
    return [("api_token", (
        row["id"], row["created_at"], row["updated_at"], row["name"], None, row["key_hash"], row["key_prefix"],
        None, row["user_id"], row["tenant_id"], scopes, row["permissions"], [], [], [], None, None,
        row["is_active"], row["expires_at"], row["last_used"], row["total_requests"], 0, None, None, 0, None,
        False, None, metadata, "api_keys",
    ))]


def enhanced_api_keys(row: dict, report: LegacyTableReport):
    _check_arrays(row, ARRAY_COLUMNS["enhanced_api_keys"])
    legacy: dict = {}
    scopes = _scopes(row["scopes"], report, legacy)
    metadata = {"_legacy": legacy} if legacy else {}
    for key in legacy:
        report.preserve(key)
    return [("api_token", (
        row["id"], row["created_at"], row["updated_at"], row["name"], row["description"], row["key_hash"],
        row["key_prefix"], row["salt"], row["user_id"], row["tenant_id"], scopes, [], row["allowed_servers"],
        row["allowed_methods"], row["ip_whitelist"], row["rate_limit_per_hour"], row["rate_limit_per_day"],
        row["is_active"], row["expires_at"], row["last_used"], row["total_requests"], row["total_errors"],
        row["last_success"], row["last_error"], row["failed_attempts"], row["last_failed_attempt"],
        row["is_locked"], row["locked_until"], metadata, "enhanced_api_keys",
    ))]
