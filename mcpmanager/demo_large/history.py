"""The request_log and audit_log INSERTs: millions of rows, oldest first.

Each statement has three levels. `draws` takes the random numbers (random(),
seeded by the caller) and the tenant by Zipf rank: log-uniform, so rank 1
gets ln 2 / ln(T+1) of all rows. `event` (audit only) looks the event up in
the weighted catalog (vocabulary.AUDIT_EVENTS) and picks one of the tenant's
users (the first ones busiest) and one of its servers (a global one for a
tenth of the traffic and for tenants without servers). Both are fenced with
OFFSET 0 so each value is computed once per row. The outer level hash-joins
the lookup maps (maps.py) for ids and names and builds the row.
"""
from . import vocabulary as v

TENANTLESS_EVENTS = ("system_config.update", "feature_flag.update", "audit_log.export")


def catalog_params() -> dict:
    """The event catalog as parallel arrays; `ev_bounds` holds each event's
    lower bound on [0, 1) by weight, for width_bucket."""
    events = v.AUDIT_EVENTS
    total = sum(event.weight for event in events)
    bounds, cumulative = [], 0.0
    for event in events:
        bounds.append(cumulative / total)
        cumulative += event.weight
    return {
        "ev_bounds": bounds,
        "ev_type": [e.event_type for e in events],
        "ev_action": [e.action for e in events],
        "ev_resource": [e.resource_type for e in events],
        "ev_risk": [e.risk for e in events],
        "ev_failure": [e.failure_rate for e in events],
        "ev_actor": [e.actor for e in events],
        "ev_method": [e.http_method for e in events],
        "ev_path": [e.http_path for e in events],
        "ev_status": [e.failure_status for e in events],
        "ev_code": [e.failure_code for e in events],
        "ev_tenantless": [e.event_type in TENANTLESS_EVENTS for e in events],
        "user_agents": list(v.USER_AGENTS),
        "agents": len(v.USER_AGENTS),
        "token_agent": v.TOKEN_USER_AGENT,
    }


_TENANT_RANK = "least(%(tenants)s, floor(exp(random() * ln(%(tenants)s + 1)))::int)"
_ACTOR = "(%(user_first)s::int[])[r] + floor((%(user_count)s::int[])[r] * u_actor ^ 3)::int"
_SERVER = """CASE WHEN (%(server_count)s::int[])[r] > 0 AND u_global >= 0.1
                  THEN (%(server_first)s::int[])[r] + floor((%(server_count)s::int[])[r] * u_server)::int
                  ELSE %(first_global)s + floor(%(global_servers)s * u_server)::int END"""
_EPOCH = "pg_temp.demo_epoch(%(anchor_epoch)s, %(days)s, n, %(total)s, u_time)"

REQUESTS = f"""
INSERT INTO request_log (id, request_id, requested_at, responded_at, user_id, tenant_id, server_id, ip_address,
                         http_method, http_path, headers, status_code, duration_ms, response_size_bytes,
                         error_type, error_message, metadata, created_at)
SELECT h::uuid, 'req_' || lpad(to_hex(e.n), 8, '0') || substr(h, 17, 16),
       to_timestamp(at), to_timestamp(at + duration / 1000), a.id, t.id, srv.id,
       CASE WHEN u_ip < 0.92 THEN a.ip ELSE '100.64.' || (u_ip * 255)::int || '.' || (u_size * 255)::int END,
       CASE WHEN method = 'stream' THEN 'GET' ELSE 'POST' END, '/mcp/' || srv.name,
       jsonb_build_object('user-agent', a.agent, 'content-type', 'application/json'),
       status, duration, CASE WHEN status < 400 THEN (200 + 40000 * u_size ^ 2)::bigint ELSE 120 END,
       CASE WHEN status >= 500 THEN 'upstream_error' WHEN status >= 400 THEN 'client_error' END,
       CASE status WHEN 400 THEN 'Invalid params' WHEN 401 THEN 'Missing or invalid token'
                   WHEN 403 THEN 'Not allowed for this tenant' WHEN 404 THEN 'Unknown tool'
                   WHEN 429 THEN 'Rate limit exceeded' WHEN 502 THEN 'Bad gateway'
                   WHEN 503 THEN 'Server unavailable' WHEN 504 THEN 'Upstream timed out' END,
       CASE WHEN method = 'tools/call' THEN jsonb_build_object('mcp_method', method, 'tool', tool.name)
            ELSE jsonb_build_object('mcp_method', method) END,
       to_timestamp(at)
FROM (
    SELECT *,
           CASE WHEN u_method < 0.8 THEN 'tools/call' WHEN u_method < 0.9 THEN 'tools/list'
                WHEN u_method < 0.96 THEN 'resources/read' WHEN u_method < 0.98 THEN 'prompts/get'
                ELSE 'stream' END AS method,
           CASE WHEN u_status < 0.93 THEN 200 WHEN u_status < 0.945 THEN 400 WHEN u_status < 0.955 THEN 401
                WHEN u_status < 0.965 THEN 403 WHEN u_status < 0.97 THEN 404 WHEN u_status < 0.98 THEN 429
                WHEN u_status < 0.99 THEN 502 WHEN u_status < 0.995 THEN 503 ELSE 504 END AS status,
           CASE WHEN u_status >= 0.995 THEN 30000.0 ELSE 8 - ln(1 - u_duration) * 140 END AS duration,
           {_ACTOR} AS actor, {_SERVER} AS s, {_EPOCH} AS at
    FROM (SELECT n, md5('mcpmanager-demo:request:' || n) AS h, {_TENANT_RANK} AS r,
                 random() AS u_actor, random() AS u_global, random() AS u_server, random() AS u_status,
                 random() AS u_ip, random() AS u_size, random() AS u_method, random() AS u_duration,
                 random() AS u_time, random() AS u_tool
          FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS n
          OFFSET 0) draws
    OFFSET 0
) e
JOIN demo_tenant_map t ON t.r = e.r
JOIN demo_user_map a ON a.n = e.actor
JOIN demo_server_map srv ON srv.s = e.s
LEFT JOIN demo_item_map tool
       ON tool.item_type = 'mcp_tool' AND tool.s = e.s AND e.method = 'tools/call'
      AND tool.k = floor((%(tool_count)s::int[])[e.s] * e.u_tool)::int
"""

# Items of server e.s when `rows` items are dealt round-robin over the servers.
_DEALT = "(%({rows})s / %(servers)s + CASE WHEN e.s - 1 < mod(%({rows})s, %(servers)s) THEN 1 ELSE 0 END)"

# Each a jsonb constant, folded once at plan time.
_CHANGES = {
    "tenant.update": '{"plan": {"before": "team", "after": "business"}}',
    "tenant.suspend": '{"status": {"before": "active", "after": "suspended"}}',
    "user.ban": '{"banned": {"before": false, "after": true}}',
    "user.role_change": '{"role": {"before": "user", "after": "server_owner"}}',
    "user.password_change": '{"password": {"before": "***REDACTED***", "after": "***REDACTED***"}}',
    "tenant_member.role_change": '{"role": {"before": "member", "after": "admin"}}',
    "mcp_server.update": '{"version": {"before": "1.2.0", "after": "1.3.0"}}',
    "mcp_server.health_change": '{"health_status": {"before": "healthy", "after": "degraded"}}',
    "circuit_breaker.open": '{"state": {"before": "closed", "after": "open"}}',
    "system_config.update": '{"value": {"before": 100, "after": 250}}',
    "feature_flag.update": '{"enabled": {"before": false, "after": true}}',
}
_CHANGES_SQL = (
    "CASE event_type "
    + " ".join(f"WHEN '{event}' THEN '{changes}'::jsonb" for event, changes in _CHANGES.items())
    + " ELSE '{}'::jsonb END"
)

AUDIT_ROWS = f"""
INSERT INTO audit_log (id, occurred_at, event_type, action, actor_type, actor_id, actor_email, actor_ip,
                       actor_user_agent, tenant_id, resource_type, resource_id, resource_name, description,
                       changes, metadata, success, error_code, error_message, request_id, session_id, trace_id,
                       http_method, http_path, http_status, duration_ms, risk_level, created_at)
SELECT h::uuid, to_timestamp(at), event_type, action,
       (CASE kind WHEN 'token' THEN 'api_token' WHEN 'system' THEN 'system' ELSE 'user' END)::audit_actor_type,
       actor_id, actor_email, actor_ip, actor_user_agent, tenant_id, resource_type, resource_id, resource_name,
       CASE WHEN event_type <> 'mcp.request'
            THEN initcap(replace(replace(event_type, '_', ' '), '.', ' ')) || coalesce(': ' || resource_name, '') END,
       {_CHANGES_SQL},
       CASE WHEN event_type = 'mcp.request'
            THEN jsonb_build_object('server', server_name, 'jsonrpc_id', mod(n, 100000)) ELSE '{{}}'::jsonb END,
       NOT failed,
       CASE WHEN failed THEN failure_code END,
       CASE WHEN failed THEN initcap(replace(failure_code, '_', ' ')) END,
       CASE WHEN kind <> 'system' THEN 'req_' || substr(h, 1, 20) END,
       CASE WHEN kind IN ('member', 'staff') THEN 'sess_' || substr(actor_id, 1, 12) || '_' || (n * 78 / %(total)s) END,
       h,
       http_method, replace(http_path, '{{server}}', server_name),
       CASE WHEN http_method IS NULL THEN NULL WHEN failed THEN failure_status WHEN http_method = 'DELETE' THEN 204
            WHEN action = 'create' THEN 201 ELSE 200 END,
       CASE WHEN http_method IS NULL THEN NULL WHEN event_type = 'mcp.request' THEN 8 - ln(1 - u_duration) * 140
            ELSE 3 - ln(1 - u_duration) * 25 END,
       CASE WHEN failed AND u_escalate < 0.04 THEN greatest(risk, 'high')
            WHEN failed THEN greatest(risk, 'medium') ELSE risk END,
       to_timestamp(at + 0.02)
FROM (
    SELECT e.*, srv.name AS server_name,
           CASE WHEN base_action = 'tools/call' THEN 'tools/call:' || item.name ELSE base_action END AS action,
           CASE kind WHEN 'member' THEN a.id
                     WHEN 'token' THEN t.token_ids[1 + mod(actor, 3)]
                     WHEN 'staff' THEN (%(staff_ids)s::text[])[staff]
                     WHEN 'system' THEN CASE event_type WHEN 'circuit_breaker.open' THEN 'circuit-breaker'
                                                        ELSE 'health-monitor' END END AS actor_id,
           CASE kind WHEN 'member' THEN a.email WHEN 'staff' THEN (%(staff_emails)s::text[])[staff] END AS actor_email,
           CASE kind WHEN 'member' THEN CASE WHEN u_ip < 0.9 THEN a.ip
                                             ELSE '100.64.' || (u_ip * 255)::int || '.' || (u_item * 255)::int END
                     WHEN 'token' THEN t.gateway_ip
                     WHEN 'staff' THEN '203.0.113.' || (9 + staff) END AS actor_ip,
           CASE kind WHEN 'member' THEN a.agent WHEN 'token' THEN %(token_agent)s
                     WHEN 'staff' THEN (%(user_agents)s::text[])[staff] END AS actor_user_agent,
           CASE WHEN NOT tenantless AND NOT (kind = 'system' AND e.s >= %(first_global)s) THEN t.id END AS tenant_id,
           CASE resource_type
               WHEN 'mcp_tool' THEN item.id WHEN 'mcp_resource' THEN item.id WHEN 'mcp_prompt' THEN item.id
               WHEN 'mcp_server' THEN srv.id
               WHEN 'tenant' THEN t.id
               WHEN 'user' THEN coalesce(subject.id, a.id)
               ELSE pg_temp.demo_uuid(resource_type, e.n)::text END AS resource_id,
           CASE resource_type
               WHEN 'mcp_tool' THEN item.name WHEN 'mcp_resource' THEN item.name WHEN 'mcp_prompt' THEN item.name
               WHEN 'mcp_server' THEN srv.name
               WHEN 'tenant' THEN t.slug
               WHEN 'user' THEN coalesce(subject.email, a.email) END AS resource_name
    FROM (
        SELECT n, h, r, u_subject, u_ip, u_item, u_escalate, u_duration,
               (%(ev_actor)s::text[])[e] AS kind,
               (%(ev_type)s::text[])[e] AS event_type,
               (%(ev_action)s::text[])[e] AS base_action,
               (%(ev_resource)s::text[])[e] AS resource_type,
               (%(ev_risk)s::audit_risk[])[e] AS risk,
               u_fail < (%(ev_failure)s::float8[])[e] AS failed,
               (%(ev_method)s::text[])[e] AS http_method,
               (%(ev_path)s::text[])[e] AS http_path,
               (%(ev_status)s::int[])[e] AS failure_status,
               (%(ev_code)s::text[])[e] AS failure_code,
               (%(ev_tenantless)s::bool[])[e] AS tenantless,
               {_ACTOR} AS actor,
               {_SERVER} AS s,
               1 + floor(3 * u_staff ^ 2)::int AS staff,
               {_EPOCH} AS at
        FROM (
            SELECT n, md5('mcpmanager-demo:audit:' || n) AS h,
                   width_bucket(random(), %(ev_bounds)s::float8[]) AS e,
                   {_TENANT_RANK} AS r,
                   random() AS u_actor, random() AS u_subject, random() AS u_global, random() AS u_server,
                   random() AS u_item, random() AS u_fail, random() AS u_escalate, random() AS u_ip,
                   random() AS u_duration, random() AS u_time, random() AS u_staff
            FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS n
            OFFSET 0
        ) draws
        OFFSET 0
    ) e
    JOIN demo_tenant_map t ON t.r = e.r
    JOIN demo_user_map a ON a.n = e.actor
    JOIN demo_server_map srv ON srv.s = e.s
    -- Staff act on any user of the tenant; members on themselves.
    LEFT JOIN demo_user_map subject
           ON e.resource_type = 'user' AND e.kind <> 'member'
          AND subject.n = (%(user_first)s::int[])[e.r] + floor((%(user_count)s::int[])[e.r] * e.u_subject)::int
    LEFT JOIN demo_item_map item
           ON item.item_type = e.resource_type AND item.s = e.s
          AND item.k = floor(CASE e.resource_type
                                 WHEN 'mcp_tool' THEN (%(tool_count)s::int[])[e.s]
                                 WHEN 'mcp_resource' THEN {_DEALT.format(rows="resources")}
                                 WHEN 'mcp_prompt' THEN {_DEALT.format(rows="prompts")}
                             END * e.u_item)::int
) named
"""
