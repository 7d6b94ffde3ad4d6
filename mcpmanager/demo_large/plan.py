"""How many rows the large data set has, and how they are laid out.

Totals are exact per table and include the small data set that `seed_large`
loads first. `--factor` scales every total down (tests use 0.001) with floors
that keep the shape meaningful: enough tenants for a visible skew, at least
one user per tenant, one global server, a tool, resource and prompt per server.

The layout numbers every generated row: tenant ranks 1..T (rank 1 busiest),
users 1..U in contiguous blocks per tenant, servers 1..S in contiguous blocks
per tenant followed by the global ones. Ids, names and e-mails are pure
functions of those numbers (functions.py, materialized by maps.py), so the
audit and request rows name real users, servers and tools.
"""
import math
import random
from dataclasses import dataclass

TARGETS = {
    "tenant": 200,
    "user": 20_000,
    "mcp_server": 2_000,
    "mcp_tool": 40_000,
    "mcp_resource": 6_000,
    "mcp_prompt": 4_000,
    "mcp_server_health_check": 1_000_000,
    "request_log": 2_000_000,
    "audit_log": 10_000_000,
}
# Tables with one row per user.
PER_USER = ("account",)

# Share of servers that are global (no tenant).
GLOBAL_SERVER_SHARE = 0.05
# Zipf exponents: how strongly the busiest tenants dominate.
USERS_PER_TENANT_SKEW = 0.9
SERVERS_PER_TENANT_SKEW = 0.8
LAYOUT_SEED = 20240611


@dataclass(frozen=True)
class Plan:
    factor: float
    totals: dict  # table -> exact row count after seeding

    def __getitem__(self, table: str) -> int:
        return self.totals[table]


def plan_for(factor: float = 1.0) -> Plan:
    def scaled(table: str, floor: int) -> int:
        return max(floor, round(TARGETS[table] * factor))

    tenants = scaled("tenant", 20)
    users = scaled("user", 5 * tenants)
    servers = scaled("mcp_server", tenants + 10)
    totals = {
        "tenant": tenants,
        "user": users,
        "mcp_server": servers,
        "mcp_tool": scaled("mcp_tool", 2 * servers),
        "mcp_resource": scaled("mcp_resource", servers),
        "mcp_prompt": scaled("mcp_prompt", servers),
        "mcp_server_health_check": scaled("mcp_server_health_check", 10 * servers),
        "request_log": scaled("request_log", 1_000),
        "audit_log": scaled("audit_log", 5_000),
    }
    totals.update({table: users for table in PER_USER})
    return Plan(factor=factor, totals=totals)


def zipf_weights(count: int, skew: float) -> list[float]:
    return [1 / rank**skew for rank in range(1, count + 1)]


def allocate(total: int, weights: list[float], minimum: int) -> list[int]:
    """Split `total` into len(weights) parts of at least `minimum` (when the
    total allows), the rest proportional to the weights, summing exactly."""
    n = len(weights)
    if n == 0:
        return []
    minimum = min(minimum, total // n)
    spare = total - minimum * n
    shares = [spare * w / sum(weights) for w in weights]
    sizes = [minimum + math.floor(s) for s in shares]
    by_remainder = sorted(range(n), key=lambda i: shares[i] - math.floor(shares[i]), reverse=True)
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def firsts(sizes: list[int]) -> list[int]:
    """1-based number of each block's first member."""
    out, next_first = [], 1
    for size in sizes:
        out.append(next_first)
        next_first += size
    return out


@dataclass(frozen=True)
class Layout:
    """The generated (bulk) rows, on top of what the small data set holds."""

    tenants: int
    users: int
    servers: int
    global_servers: int
    tools: int
    resources: int
    prompts: int
    health_checks: int
    requests: int
    audit_rows: int
    user_first: list[int]  # per tenant rank
    user_count: list[int]
    server_first: list[int]  # per tenant rank; tenant servers come first
    server_count: list[int]
    server_rank: list[int]  # per server: owning tenant rank, 0 = global
    tool_count: list[int]  # per server

    @property
    def first_global_server(self) -> int:
        return self.servers - self.global_servers + 1


def layout_for(plan: Plan, existing: dict) -> Layout:
    """Lay out the rows still missing after the small data set (`existing`
    holds its row count per table)."""

    def missing(table: str) -> int:
        return max(0, plan[table] - existing.get(table, 0))

    tenants, users, servers = missing("tenant"), missing("user"), missing("mcp_server")
    global_servers = max(1, round(servers * GLOBAL_SERVER_SHARE))
    user_count = allocate(users, zipf_weights(tenants, USERS_PER_TENANT_SKEW), minimum=1)
    server_count = allocate(servers - global_servers, zipf_weights(tenants, SERVERS_PER_TENANT_SKEW), minimum=1)
    server_rank = [rank for rank, count in enumerate(server_count, start=1) for _ in range(count)]
    server_rank += [0] * global_servers
    # Tools per server vary (log-normal), from the same seed on every run.
    rng = random.Random(LAYOUT_SEED)
    tool_count = allocate(missing("mcp_tool"), [rng.lognormvariate(0, 0.6) for _ in range(servers)], minimum=1)
    return Layout(
        tenants=tenants,
        users=users,
        servers=servers,
        global_servers=global_servers,
        tools=missing("mcp_tool"),
        resources=missing("mcp_resource"),
        prompts=missing("mcp_prompt"),
        health_checks=missing("mcp_server_health_check"),
        requests=missing("request_log"),
        audit_rows=missing("audit_log"),
        user_first=firsts(user_count),
        user_count=user_count,
        server_first=firsts(server_count),
        server_count=server_count,
        server_rank=server_rank,
        tool_count=tool_count,
    )
