"""Session-local SQL functions that turn the layout's row numbers into ids,
names, e-mails and states.

They live in pg_temp for the seeding run and are plain one-expression
IMMUTABLE SQL functions, which the planner inlines. maps.py evaluates them
once per tenant, user, server and item; the million-row statements join those
maps instead, since md5 ids and built-up e-mails cost microseconds per row.
"""
from . import vocabulary as v

NAMESPACE = "mcpmanager-demo"


def _text_array(words) -> str:
    for word in words:
        if "'" in word or "\\" in word:
            raise ValueError(f"unquotable word: {word!r}")
    return "ARRAY[" + ",".join(f"'{word}'" for word in words) + "]::text[]"


ADJ, NOUN, SUFFIX = _text_array(v.ADJECTIVES), _text_array(v.NOUNS), _text_array(v.COMPANY_SUFFIXES)
FIRST, LAST = _text_array(v.FIRST_NAMES), _text_array(v.LAST_NAMES)
SERVICES, TOOLS, PROMPTS = _text_array(v.SERVICES), _text_array(v.TOOL_NAMES), _text_array(v.PROMPT_NAMES)
PAIRS = len(v.ADJECTIVES) * len(v.NOUNS)

# name(args) -> (return type, body). Bodies use mod() rather than % so the
# statements that call them can take Django's %(name)s parameters.
FUNCTIONS = {
    "demo_uuid(kind text, n bigint)": ("uuid", f"md5('{NAMESPACE}:' || kind || ':' || n)::uuid"),
    # Tenants, by rank.
    "demo_tenant_id(r bigint)": ("text", "pg_temp.demo_uuid('tenant', r)::text"),
    # Adjective (r - 1) mod 20, noun ((r - 1) / 20 + 3 (r - 1)) mod 20: distinct
    # pairs for the first 400 ranks, and neighbouring ranks differ in both words.
    "demo_tenant_slug(r bigint)": (
        "text",
        f"({ADJ})[1 + mod(r - 1, {len(v.ADJECTIVES)})]"
        f" || '-' || ({NOUN})[1 + mod((r - 1) / {len(v.ADJECTIVES)} + 3 * (r - 1), {len(v.NOUNS)})]"
        f" || CASE WHEN r > {PAIRS} THEN '-' || r ELSE '' END",
    ),
    "demo_tenant_name(r bigint)": (
        "text",
        f"initcap(replace(pg_temp.demo_tenant_slug(r), '-', ' ')) || ' ' || ({SUFFIX})[1 + mod(r, {len(v.COMPANY_SUFFIXES)})]",
    ),
    # Users, by number.
    "demo_user_id(n bigint)": ("text", f"md5('{NAMESPACE}:user:' || n)"),
    "demo_user_name(n bigint)": (
        "text",
        f"({FIRST})[1 + mod(n, {len(v.FIRST_NAMES)})] || ' ' || ({LAST})[1 + mod(n / {len(v.FIRST_NAMES)}, {len(v.LAST_NAMES)})]",
    ),
    "demo_username(n bigint)": ("text", "lower(replace(pg_temp.demo_user_name(n), ' ', '.')) || n"),
    "demo_user_email(n bigint, r bigint)": (
        "text",
        "pg_temp.demo_username(n) || '@' || pg_temp.demo_tenant_slug(r) || '.example'",
    ),
    "demo_user_ip(n bigint)": (
        "text",
        "(11 + mod(n * 7, 180)) || '.' || mod(n * 31, 256) || '.' || mod(n * 97, 256) || '.' || (1 + mod(n, 254))",
    ),
    # Servers, by number.
    "demo_server_id(s bigint)": ("text", "pg_temp.demo_uuid('server', s)::text"),
    "demo_server_service(s bigint)": ("text", f"({SERVICES})[1 + mod(s - 1, {len(v.SERVICES)})]"),
    "demo_server_name(s bigint)": ("text", "pg_temp.demo_server_service(s) || '-' || s"),
    # 7919 and 31 are prime to 100 and 20: every 100 (20) servers get exactly
    # these shares of health (transport) states.
    "demo_server_health(s bigint)": (
        "server_health",
        "(CASE WHEN mod(s * 7919, 100) < 85 THEN 'healthy' WHEN mod(s * 7919, 100) < 92 THEN 'degraded'"
        " WHEN mod(s * 7919, 100) < 96 THEN 'unhealthy' WHEN mod(s * 7919, 100) < 99 THEN 'unknown'"
        " ELSE 'maintenance' END)::server_health",
    ),
    "demo_server_transport(s bigint)": (
        "transport_type",
        "(CASE WHEN mod(s * 31, 20) < 12 THEN 'http' WHEN mod(s * 31, 20) < 16 THEN 'sse'"
        " WHEN mod(s * 31, 20) < 19 THEN 'stdio' ELSE 'websocket' END)::transport_type",
    ),
    # A server's k-th tool, resource and prompt (k from 0); unique per server.
    "demo_tool_id(s bigint, k bigint)": ("uuid", "pg_temp.demo_uuid('tool:' || s, k)"),
    "demo_tool_name(s bigint, k bigint)": (
        "text",
        f"({TOOLS})[1 + mod(s * 7 + k, {len(v.TOOL_NAMES)})]"
        f" || CASE WHEN k >= {len(v.TOOL_NAMES)} THEN '_' || (k / {len(v.TOOL_NAMES)} + 1) ELSE '' END",
    ),
    "demo_resource_id(s bigint, k bigint)": ("uuid", "pg_temp.demo_uuid('resource:' || s, k)"),
    "demo_resource_uri(s bigint, k bigint)": (
        "text",
        "CASE k WHEN 0 THEN pg_temp.demo_server_service(s) || '://{path}'"
        " WHEN 1 THEN 'file:///srv/' || pg_temp.demo_server_name(s) || '/README.md'"
        " WHEN 2 THEN pg_temp.demo_server_service(s) || '://status'"
        " ELSE pg_temp.demo_server_service(s) || '://items/' || k END",
    ),
    "demo_prompt_id(s bigint, k bigint)": ("uuid", "pg_temp.demo_uuid('prompt:' || s, k)"),
    "demo_prompt_name(s bigint, k bigint)": (
        "text",
        f"({PROMPTS})[1 + mod(s + k, {len(v.PROMPT_NAMES)})]"
        f" || CASE WHEN k >= {len(v.PROMPT_NAMES)} THEN '_' || (k / {len(v.PROMPT_NAMES)} + 1) ELSE '' END",
    ),
    # Epoch seconds of row n of 1..total within `days` before `anchor` (epoch
    # seconds), oldest first, three times as dense at the recent end as at the
    # old end (the platform grew); `jitter` in [0, 1) moves it within its slot.
    "demo_epoch(anchor float8, days bigint, n bigint, total bigint, jitter float8)": (
        "float8",
        "anchor - days * 86400::float8 * (1.5 - sqrt(0.25 + 2 * (n - jitter) / total))",
    ),
}


def define(cursor) -> None:
    for signature, (returns, body) in FUNCTIONS.items():
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION pg_temp.{signature} RETURNS {returns}"
            f" LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT {body} $fn$"
        )
