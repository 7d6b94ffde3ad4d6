"""Set-based audit_log rows for the scale tests (one INSERT … SELECT)."""
from django.db import connection

# 200 tenants, 2,000 actors, 5% failures, 0.2% high and 0.1% critical risk, rare bans
# (0.2%): rare values are the case where walking the time index would be slow.
INSERT_ROWS = """
INSERT INTO audit_log (occurred_at, event_type, action, actor_type, actor_id, actor_email, tenant_id,
                       resource_type, resource_id, resource_name, success, risk_level, request_id, changes)
SELECT now() - (n * interval '13 minutes'),
       CASE WHEN n %% 500 = 0 THEN 'user.ban' ELSE (ARRAY['tenant.update', 'mcp.request', 'mcp_server.update'])[1 + n %% 3] END,
       CASE WHEN n %% 500 = 0 THEN 'ban' ELSE (ARRAY['update', 'tools/call:search', 'delete', 'create'])[1 + n %% 4] END,
       'user', 'actor-' || (n %% 2000), 'actor' || (n %% 2000) || '@example.com', 'tenant-' || (n %% 200),
       (ARRAY['tenant', 'mcp_server', 'user', 'mcp_tool'])[1 + n %% 4], 'res-' || n, 'Resource ' || n,
       n %% 20 <> 0,
       (CASE WHEN n %% 1000 = 0 THEN 'critical' WHEN n %% 500 = 0 THEN 'high' WHEN n %% 3 = 0 THEN 'medium'
             ELSE 'low' END)::audit_risk,
       'req-' || n, '{"name": {"before": "a", "after": "b"}}'::jsonb
FROM generate_series(1, %s) AS n
"""


def insert_audit_rows(count: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(INSERT_ROWS, [count])
        cursor.execute("ANALYZE audit_log")
