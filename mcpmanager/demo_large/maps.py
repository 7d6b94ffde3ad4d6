"""Temporary lookup tables from the layout's numbers to the rows' ids and names.

Built once from the naming functions (functions.py), they feed both the
entity tables (tenant, user, mcp_server, …) and the history tables, which
reach them through hash joins: far cheaper per row than recomputing md5 ids
and e-mails for millions of rows, and consistent by construction. They are
dropped at commit.
"""

TENANT_MAP = """
CREATE TEMP TABLE demo_tenant_map ON COMMIT DROP AS
SELECT r::int AS r, pg_temp.demo_tenant_id(r) AS id, pg_temp.demo_tenant_slug(r) AS slug,
       pg_temp.demo_tenant_name(r) AS name,
       -- Three gateway tokens per tenant (audit actor ids; no api_token rows).
       ARRAY[pg_temp.demo_uuid('token:' || r, 0)::text, pg_temp.demo_uuid('token:' || r, 1)::text,
             pg_temp.demo_uuid('token:' || r, 2)::text] AS token_ids,
       pg_temp.demo_user_ip(200000 + r) AS gateway_ip
FROM generate_series(1, %(tenants)s) AS r
"""

# Users come in one contiguous block per tenant; each tenant's first user owns it.
USER_MAP = """
CREATE TEMP TABLE demo_user_map ON COMMIT DROP AS
SELECT n::int AS n, t.r::int AS r, t.first::int AS first, pg_temp.demo_user_id(n) AS id,
       pg_temp.demo_user_name(n) AS name, pg_temp.demo_username(n) AS username,
       pg_temp.demo_user_email(n, t.r) AS email, pg_temp.demo_user_ip(n) AS ip,
       (%(user_agents)s::text[])[1 + mod(n, %(agents)s)] AS agent
FROM unnest(%(user_first)s::int[], %(user_count)s::int[]) WITH ORDINALITY AS t(first, cnt, r),
     generate_series(t.first, t.first + t.cnt - 1) AS n
"""

SERVER_MAP = """
CREATE TEMP TABLE demo_server_map ON COMMIT DROP AS
SELECT s::int AS s, r, pg_temp.demo_server_id(s) AS id, pg_temp.demo_server_name(s) AS name,
       pg_temp.demo_server_service(s) AS service, pg_temp.demo_server_transport(s) AS transport,
       pg_temp.demo_server_health(s) AS health
FROM unnest(%(server_rank)s::int[]) WITH ORDINALITY AS x(r, s)
"""

# A server's tools (as many as the layout gives it), resources and prompts
# (dealt round-robin: item i is server 1 + i mod S's number i / S).
ITEM_MAP = """
CREATE TEMP TABLE demo_item_map ON COMMIT DROP AS
SELECT 'mcp_tool'::text AS item_type, s::int AS s, k::int AS k,
       pg_temp.demo_tool_id(s, k)::text AS id, pg_temp.demo_tool_name(s, k) AS name
FROM unnest(%(tool_count)s::int[]) WITH ORDINALITY AS c(cnt, s), generate_series(0, c.cnt - 1) AS k
UNION ALL
SELECT 'mcp_resource', s, k, pg_temp.demo_resource_id(s, k)::text, pg_temp.demo_resource_uri(s, k)
FROM (SELECT 1 + mod(i, %(servers)s) AS s, i / %(servers)s AS k FROM generate_series(0, %(resources)s - 1) AS i) res
UNION ALL
SELECT 'mcp_prompt', s, k, pg_temp.demo_prompt_id(s, k)::text, pg_temp.demo_prompt_name(s, k)
FROM (SELECT 1 + mod(i, %(servers)s) AS s, i / %(servers)s AS k FROM generate_series(0, %(prompts)s - 1) AS i) pr
"""

MAPS = {
    "demo_tenant_map": TENANT_MAP,
    "demo_user_map": USER_MAP,
    "demo_server_map": SERVER_MAP,
    "demo_item_map": ITEM_MAP,
}


def build(cursor, params: dict) -> None:
    for table, sql in MAPS.items():
        cursor.execute(sql, params)
        cursor.execute(f"ANALYZE {table}")
