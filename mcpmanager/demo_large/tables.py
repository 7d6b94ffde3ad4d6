"""One set-based INSERT … SELECT per entity table of the large data set, fed
by the lookup maps (maps.py).

Randomness comes from random(), seeded per table with setseed so a run is
reproducible, drawn inside an `OFFSET 0` subquery: the fence keeps each draw
evaluated once per row however often the outer level uses it. Statements use
mod() rather than %, since they take Django %(name)s parameters.
"""

TENANTS = """
INSERT INTO tenant (id, name, slug, description, status, plan, settings, limits, features,
                    billing_email, suspended_at, suspended_reason, created_at, updated_at)
SELECT id, name, slug, 'Customer ' || r || ' of the large demo data set', status, plan,
       jsonb_build_object('timezone', (ARRAY['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'])[1 + mod(r, 4)]),
       CASE plan
           WHEN 'enterprise' THEN '{}'
           WHEN 'business' THEN '{"max_servers": 100, "max_users": 5000, "max_api_calls_per_day": 1000000, "max_api_tokens": 200}'
           WHEN 'team' THEN '{"max_servers": 25, "max_users": 500, "max_api_calls_per_day": 100000, "max_api_tokens": 50}'
           ELSE '{"max_servers": 3, "max_users": 10, "max_api_calls_per_day": 5000, "max_api_tokens": 5}'
       END::jsonb,
       jsonb_build_object('audit_export', plan IN ('business', 'enterprise'), 'sso', plan = 'enterprise'),
       'billing@' || slug || '.example',
       CASE WHEN status = 'suspended' THEN %(anchor)s::timestamptz - make_interval(days => 3 + mod(r, 40)) END,
       CASE WHEN status = 'suspended' THEN 'Unpaid invoice' END,
       created, created
FROM (
    SELECT m.*,
           CASE WHEN r > 10 AND mod(r, 23) = 0 THEN 'suspended'
                WHEN r > 10 AND mod(r, 41) = 0 THEN 'disabled'
                ELSE 'active' END::tenant_status AS status,
           CASE WHEN r <= 5 THEN 'enterprise' WHEN r <= 30 THEN 'business' WHEN r <= 100 THEN 'team'
                WHEN mod(r, 9) = 0 THEN NULL ELSE 'free' END::tenant_plan AS plan,
           %(anchor)s::timestamptz - make_interval(days => 560 + mod(r * 37, 170)) AS created
    FROM demo_tenant_map m
) t
ORDER BY r
"""

USERS = """
INSERT INTO "user" (id, name, email, email_verified, created_at, updated_at, role, banned, ban_reason,
                    ban_expires, two_factor_enabled, username, tenant_id, is_active, last_login_at, preferences)
SELECT u.id, u.name, u.email, u_verified < 0.92, created, created,
       CASE WHEN n = first THEN 'user,server_owner' WHEN u_role < 0.06 THEN 'server_owner'
            WHEN u_role < 0.08 THEN 'readonly' WHEN u_role < 0.09 THEN 'service' ELSE 'user' END,
       banned, CASE WHEN banned THEN 'Abuse report' END,
       CASE WHEN banned AND u_ban < 0.5 THEN %(anchor)s::timestamptz + make_interval(days => 1 + (u_ban * 60)::int) END,
       u_2fa < 0.15, u.username, t.id, u_active >= 0.01,
       CASE WHEN u_login < 0.9 THEN %(anchor)s::timestamptz - make_interval(secs => 7776000 * u_login ^ 3) END,
       jsonb_build_object('theme', CASE WHEN u_verified < 0.4 THEN 'dark' ELSE 'light' END)
FROM (
    SELECT m.*, random() AS u_verified, random() AS u_role, random() AS u_ban, random() AS u_2fa,
           random() AS u_active, random() AS u_login, n <> first AND random() < 0.01 AS banned,
           %(anchor)s::timestamptz - make_interval(days => 1 + (random() * 720)::int) AS created
    FROM (SELECT * FROM demo_user_map ORDER BY n) m
    OFFSET 0
) u
JOIN demo_tenant_map t USING (r)
"""

# One credential account per user without one (the small set's users have theirs).
ACCOUNTS = """
INSERT INTO account (id, account_id, provider_id, user_id, password, created_at, updated_at)
SELECT pg_temp.demo_uuid('account', row_number() OVER (ORDER BY u.id))::text, u.id, 'credential', u.id,
       %(password)s, u.created_at, u.created_at
FROM "user" u
WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.user_id = u.id AND a.provider_id = 'credential')
"""

MEMBERS = """
INSERT INTO tenant_member (id, tenant_id, user_id, role, invited_by, joined_at, created_at, updated_at)
SELECT pg_temp.demo_uuid('member', u.n), t.id, u.id,
       CASE WHEN u.n = u.first THEN 'owner' WHEN u_role < 0.08 THEN 'admin' WHEN u_role < 0.78 THEN 'member'
            ELSE 'viewer' END::tenant_role,
       CASE WHEN u.n <> u.first THEN owner.id END,
       joined, joined, joined
FROM (
    SELECT m.*, random() AS u_role,
           %(anchor)s::timestamptz - make_interval(days => 1 + (random() * 700)::int) AS joined
    FROM (SELECT * FROM demo_user_map ORDER BY n) m
    OFFSET 0
) u
JOIN demo_tenant_map t USING (r)
JOIN demo_user_map owner ON owner.n = u.first
"""

SERVERS = """
INSERT INTO mcp_server (id, name, display_name, description, version, endpoint_url, transport, health_status,
                        capabilities, tags, auth_type, auth_config, tenant_id, owner_id, is_public, is_active,
                        last_health_check_at, health_metadata, avg_response_time_ms, success_rate,
                        active_connections, request_count, error_count, server_metadata, created_at, updated_at)
SELECT srv.id, srv.name, initcap(replace(service, '-', ' ')) || ' ' || s,
       'MCP server for ' || service, '1.' || mod(s, 9) || '.' || mod(s * 7, 13),
       CASE WHEN transport = 'stdio' THEN 'stdio:///usr/local/bin/mcp-' || service
            WHEN t.id IS NULL THEN 'https://mcp.example.com/' || srv.name
            ELSE 'https://mcp.' || t.slug || '.example/' || srv.name END,
       transport, health,
       '{"tools": {"listChanged": true}, "resources": {"subscribe": false}, "prompts": {}}',
       CASE WHEN mod(s, 3) = 0 THEN ARRAY[service, transport::text, 'production'] ELSE ARRAY[service, transport::text] END,
       auth_type,
       CASE WHEN auth_type = 'none' THEN '{}'::jsonb
            ELSE jsonb_build_object('token', 'demo-' || substr(md5('server-secret:' || s), 1, 24)) END,
       t.id, owner.id,
       t.id IS NULL OR mod(s, 29) = 0, health <> 'maintenance' AND mod(s, 37) <> 0,
       CASE WHEN health <> 'unknown' THEN %(anchor)s::timestamptz - make_interval(secs => 30 + u_check * 600) END,
       CASE WHEN health = 'unhealthy' THEN '{"last_error": "Service unavailable"}'::jsonb ELSE '{}'::jsonb END,
       CASE WHEN health <> 'unknown' THEN 20 + u_latency * 300 END,
       CASE health WHEN 'healthy' THEN 0.97 + u_rate * 0.03 WHEN 'degraded' THEN 0.85 + u_rate * 0.1
                   WHEN 'unhealthy' THEN 0.3 + u_rate * 0.4 END,
       (u_rate * 40)::int, requests, (requests * 0.02 * u_rate)::bigint,
       jsonb_build_object('region', (ARRAY['eu-west-1', 'us-east-1', 'us-west-2', 'ap-northeast-1'])[1 + mod(s, 4)]),
       created, created
FROM (
    SELECT m.*,
           (ARRAY['none', 'api_key', 'bearer', 'oauth2', 'bearer'])[1 + mod(s, 5)]::server_auth_type AS auth_type,
           random() AS u_check, random() AS u_latency, random() AS u_rate,
           (2000000 * random() ^ 3)::bigint AS requests,
           %(anchor)s::timestamptz - make_interval(days => 1 + (random() * 540)::int) AS created
    FROM (SELECT * FROM demo_server_map ORDER BY s) m
    OFFSET 0
) srv
LEFT JOIN demo_tenant_map t ON t.r = srv.r
LEFT JOIN demo_user_map owner ON owner.n = (%(user_first)s::int[])[srv.r]
"""

TOOLS = """
INSERT INTO mcp_tool (id, server_id, name, description, input_schema, tags, is_active, total_calls,
                      success_count, error_count, avg_execution_time_ms, last_used_at, created_at, updated_at)
SELECT it.id::uuid, srv.id, it.name, initcap(replace(it.name, '_', ' ')) || ' through ' || srv.service || '.',
       jsonb_build_object('type', 'object',
                          'properties', jsonb_build_object('query', jsonb_build_object('type', 'string')),
                          'required', jsonb_build_array('query')),
       ARRAY[srv.service], u_active >= 0.03, calls, calls - errors, errors,
       5 + u_time * 400,
       CASE WHEN calls > 0 THEN %(anchor)s::timestamptz - make_interval(secs => 86400 * 30 * u_time ^ 4) END,
       created, created
FROM (
    SELECT *, (calls * 0.05 * u_errors)::bigint AS errors
    FROM (SELECT m.*, random() AS u_active, random() AS u_time, random() AS u_errors,
                 (100000 * random() ^ 4)::bigint AS calls,
                 %(anchor)s::timestamptz - make_interval(days => 1 + (random() * 500)::int) AS created
          FROM (SELECT * FROM demo_item_map WHERE item_type = 'mcp_tool' ORDER BY s, k) m
          OFFSET 0) drawn
) it
JOIN demo_server_map srv USING (s)
"""

RESOURCES = """
INSERT INTO mcp_resource (id, server_id, uri, is_template, name, mime_type, is_active, access_count,
                          avg_size_bytes, last_accessed_at, created_at, updated_at)
SELECT it.id::uuid, srv.id, it.name, k = 0,
       CASE k WHEN 0 THEN 'files' WHEN 1 THEN 'readme' WHEN 2 THEN 'status' ELSE 'item ' || k END,
       CASE k WHEN 1 THEN 'text/markdown' WHEN 2 THEN 'application/json' ELSE 'text/plain' END,
       true, (50000 * u ^ 3)::bigint, (200 + u * 60000)::bigint,
       %(anchor)s::timestamptz - make_interval(secs => 86400 * 20 * u), created, created
FROM (
    SELECT m.*, random() AS u, %(anchor)s::timestamptz - make_interval(days => 1 + (random() * 500)::int) AS created
    FROM (SELECT * FROM demo_item_map WHERE item_type = 'mcp_resource' ORDER BY s, k) m
    OFFSET 0
) it
JOIN demo_server_map srv USING (s)
"""

PROMPTS = """
INSERT INTO mcp_prompt (id, server_id, name, title, description, arguments, tags, is_active, use_count,
                        last_used_at, created_at, updated_at)
SELECT it.id::uuid, srv.id, it.name, initcap(replace(it.name, '_', ' ')), 'Prompt template "' || it.name || '".',
       '[{"name": "text", "description": "The input", "required": true}]', ARRAY['demo'],
       true, (5000 * u ^ 3)::bigint, %(anchor)s::timestamptz - make_interval(secs => 86400 * 20 * u),
       created, created
FROM (
    SELECT m.*, random() AS u, %(anchor)s::timestamptz - make_interval(days => 1 + (random() * 500)::int) AS created
    FROM (SELECT * FROM demo_item_map WHERE item_type = 'mcp_prompt' ORDER BY s, k) m
    OFFSET 0
) it
JOIN demo_server_map srv USING (s)
"""

# Every server checked every `step` seconds over the last slots; check i is
# server 1 + i mod S in slot i / S, so rows come oldest first.
HEALTH_CHECKS = """
INSERT INTO mcp_server_health_check (id, server_id, checked_at, status, response_time_ms, http_status,
                                     error_message, created_at)
SELECT gen_random_uuid(), hc.id, checked_at, status,
       CASE status WHEN 'healthy' THEN 15 - ln(1 - u) * 60
                   WHEN 'degraded' THEN 400 - ln(1 - u) * 600
                   WHEN 'unhealthy' THEN CASE WHEN u < 0.5 THEN 10000.0 END END,
       CASE status WHEN 'healthy' THEN 200 WHEN 'degraded' THEN 200 WHEN 'maintenance' THEN 503
                   WHEN 'unhealthy' THEN CASE WHEN u >= 0.5 THEN 503 END END,
       CASE status WHEN 'degraded' THEN 'Slow response' WHEN 'maintenance' THEN 'Scheduled maintenance'
                   WHEN 'unhealthy' THEN CASE WHEN u < 0.5 THEN 'Timed out after 10000 ms' ELSE 'Service unavailable' END
       END,
       checked_at
FROM (
    SELECT hc.*, srv.id,
           to_timestamp(%(anchor_epoch)s - (%(slots)s - i / %(servers)s) * %(step)s + mod(s * 13, %(step)s)) AS checked_at,
           CASE srv.health
               WHEN 'healthy' THEN CASE WHEN flip < 0.97 THEN 'healthy' WHEN flip < 0.99 THEN 'degraded' ELSE 'unhealthy' END
               WHEN 'degraded' THEN CASE WHEN flip < 0.6 THEN 'degraded' WHEN flip < 0.9 THEN 'healthy' ELSE 'unhealthy' END
               WHEN 'unhealthy' THEN CASE WHEN flip < 0.75 THEN 'unhealthy' ELSE 'degraded' END
               ELSE srv.health::text
           END::server_health AS status
    FROM (SELECT i, 1 + mod(i, %(servers)s)::int AS s, random() AS u, random() AS flip
          FROM generate_series(%(lo)s - 1, %(hi)s - 1) AS i
          OFFSET 0) hc
    JOIN demo_server_map srv USING (s)
) hc
"""
