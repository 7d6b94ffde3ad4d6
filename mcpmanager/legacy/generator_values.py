"""Value pools of the legacy generator: awkward names, instants, floats, words and JSON samples."""
from __future__ import annotations

import math
import random
from datetime import datetime

# Tenant names: two collide with "Acme Research" once slugged, two slug to nothing,
# and the em dash is dropped (non-ASCII) rather than turned into "-".
TENANT_NAMES = (
    "Acme Research",
    "acme research",
    "ACME—Research!",
    "ACME  Research!!",
    "日本語",
    "🚀🚀🚀",
    "Ünïcödé Société GmbH",
    "O'Brien & Sons",
    "  --Trim Me--  ",
    "x" * 255,
)
# Instants worth a look: DST changes in Europe and the US, year boundaries, leap day.
SPECIAL_TIMES = (
    datetime(2025, 3, 30, 1, 0, 0),
    datetime(2025, 3, 30, 0, 59, 59, 999999),
    datetime(2025, 10, 26, 1, 0, 0),
    datetime(2025, 10, 26, 0, 30, 0, 1),
    datetime(2025, 3, 9, 7, 0, 0),
    datetime(2025, 11, 2, 6, 0, 0),
    datetime(2024, 12, 31, 23, 59, 59, 999999),
    datetime(2025, 1, 1, 0, 0, 0),
    datetime(2024, 2, 29, 12, 0, 0),
    datetime(1999, 12, 31, 23, 59, 59, 999999),
)
SPECIAL_FLOATS = (math.nan, math.inf, -math.inf, 0.1, -0.0, 1e-310, 1.7976931348623157e308, 3.0)
SCOPE_VALUES = ("read", "write", "admin", "proxy", "metrics", "health")
# Provider cases of legacy users: both fields (-> account), none, only one of the two.
PROVIDER_CASES = ("both", "none", "provider_only", "id_only")
FASTMCP_SUBS = ("anonymous", "unknown")
BASE_TIME = datetime(2025, 1, 1)
YEAR_SECONDS = 366 * 24 * 3600


# (legacy table, date column) pairs a retention policy may name.
RETENTION_TARGETS = (
    ("audit_logs", "timestamp"),
    ("fastmcp_audit_log", "timestamp"),
    ("request_logs", "request_time"),
    ("server_metrics", "timestamp"),
    ("sessions", "expires_at"),
)
WORDS = ("alpha", "bravo", "café", "δέλτα", "echo", "フォックス", "golf", "hôtel")


def json_variant(i: int, rng: random.Random) -> dict:
    """A JSON object of one of several shapes (empty, nested, unicode, large, numeric, escapes)."""
    shape = i % 8
    if shape == 0:
        return {}
    if shape == 1:
        return {"a": {"b": {"c": [1, 2, {"d": None, "e": [True, False, []]}]}}, "n": rng.randrange(10**6)}
    if shape == 2:
        return {"名前": "値", "emoji": "🚀✨", "combining": "e\u0301", "rtl": "مرحبا"}
    if shape == 3 and i % 1000 == 3:
        # large (rare, so big log tables stay a sane size): many keys and a long string
        return {f"k{n:03d}": "x" * 40 for n in range(200)} | {"blob": "ü" * 20000}
    if shape == 4:
        return {"ratio": 0.1, "tiny": 5e-324, "big": 1.7976931348623157e308, "neg": -0.0, "int": 2**53 + 1}
    if shape == 5:
        return {"quote": '"', "backslash": "\\", "newline": "\n", "tab": "\t", "ctrl": "\u0001", "": ""}
    if shape == 6:
        return {"list": [rng.randrange(100) for _ in range(5)], "empty_list": [], "empty_obj": {}}
    return {"region": rng.choice(("eu-west-1", "us-east-1")), "enabled": bool(i % 2)}
