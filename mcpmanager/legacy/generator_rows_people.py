"""Legacy row builders for tenants, users, sessions and both api key tables."""
from __future__ import annotations

from datetime import timedelta

from .generator_plan import PlanBase
from .generator_values import PROVIDER_CASES, SCOPE_VALUES, TENANT_NAMES, WORDS


class PeopleRows(PlanBase):
    """Rows of the people tables, one `_<table>(i)` builder each."""

    def _tenants(self, i):
        name = TENANT_NAMES[i] if i < len(TENANT_NAMES) else f"Tenant {i} {self.rng.choice(WORDS)}"
        return {
            "id": self._id("tenants", i),
            **self.stamps(i),
            "name": name,
            "description": self.maybe(f"Description of {name} ✓", i),
            "status": ("active", "suspended", "disabled")[i % 3],
            "settings": self.json_doc(i),
        }

    def _users(self, i):
        provider = PROVIDER_CASES[i % len(PROVIDER_CASES)]
        # Mixed-case e-mails stay unique once lower-cased (the index keeps them apart).
        email = f"User.{i}@Example.COM" if i % 5 == 2 else f"user{i}@example.com"
        return {
            "id": self._id("users", i),
            **self.stamps(i),
            "username": f"ユーザー{i}" if i % 6 == 4 else f"user{i}_{self.rng.choice(WORDS)}",
            "email": email,
            "full_name": self.maybe(f"Zoë Ångström {i}", i),
            "role": ("admin", "user", "service", "readonly")[i % 4],
            "is_active": i % 5 != 3,
            "auth_provider": ("azure", "github")[i % 2] if provider in ("both", "provider_only") else None,
            "auth_provider_id": f"prov-{i}-{self.rng.getrandbits(32):08x}"
            if provider in ("both", "id_only")
            else None,
            "tenant_id": None if i % 3 == 1 else self.pick("tenants", i),
            "user_metadata": self.json_doc(i + 1),
        }

    def _sessions(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "user_id": self.pick("users"),
            "session_token": f"{self.rng.getrandbits(256):064x}",
            "ip_address": self.maybe("2001:db8::1" if i % 2 else "203.0.113.7", i),
            "user_agent": self.maybe("Mozilla/5.0 (X11; Linux x86_64)", i),
            "expires_at": self.when(i) + timedelta(days=7),
            "session_data": {"oauth": {"access_token": f"tok-{i}"}} if i % 2 else {},
            "is_active": i % 2 == 0,
            "last_activity": self.when(i + 1),
        }

    def _api_keys(self, i):
        scopes = [SCOPE_VALUES[i % 6], SCOPE_VALUES[(i + 1) % 6]]
        if i % 4 == 1:
            scopes = ["READ", "servers:*", "read"]  # unknown values, kept under _legacy
        elif i % 4 == 2:
            scopes = ["read", "read"]  # a duplicate
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"key {i}",
            "key_hash": f"{self.rng.getrandbits(256):064x}",
            "key_prefix": f"mcp_{self.rng.getrandbits(32):08x}",
            "user_id": self.maybe(self.pick("users"), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
            "permissions": ["servers:read", "tools:call"] if i % 2 else [],
            "scopes": scopes,
            "is_active": i % 3 != 2,
            "expires_at": self.maybe(self.when(i) + timedelta(days=365), i),
            "last_used": self.maybe(self.when(i + 2), i, 2),
            "total_requests": self.rng.randrange(100_000),
            "api_key_metadata": self.json_doc(i + 2),
        }

    def _enhanced_api_keys(self, i):
        scopes = list(SCOPE_VALUES[: i % 7])  # [] up to all six
        servers = [self.pick("mcp_servers") for _ in range(i % 3)]
        if i % 5 == 4:
            servers.append(self.uuid())  # dangling: no FK, kept and warned about
        return {
            "id": self._id("enhanced_api_keys", i),
            **self.stamps(i),
            "name": f"enhanced key {i} ✓",
            "description": self.maybe("for the CI pipeline", i),
            "key_hash": f"{self.rng.getrandbits(256):064x}",
            "key_prefix": f"mcpk_{self.rng.getrandbits(32):08x}",
            "salt": f"{self.rng.getrandbits(128):032x}",
            "user_id": self.maybe(self.pick("users"), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
            "scopes": scopes,
            "allowed_servers": servers,
            "allowed_methods": ["tools/call", "tools/list"] if i % 2 else [],
            "ip_whitelist": ["10.0.0.0/8", "2001:db8::/32"] if i % 3 == 0 else [],
            "rate_limit_per_hour": 1000,
            "rate_limit_per_day": 10000 + i,
            "is_active": i % 4 != 3,
            "expires_at": self.maybe(self.when(i) + timedelta(days=90), i),
            "last_used": self.maybe(self.when(i + 1), i, 2),
            "total_requests": self.rng.randrange(10**6),
            "total_errors": self.rng.randrange(1000),
            "last_success": self.maybe(self.when(i + 2), i),
            "last_error": self.maybe(self.when(i + 3), i, 2),
            "failed_attempts": i % 4,
            "last_failed_attempt": self.maybe(self.when(i + 4), i),
            "is_locked": i % 6 == 5,
            "locked_until": self.when(i) + timedelta(hours=1) if i % 6 == 5 else None,
        }
