"""Legacy row builders for the log tables: audit_logs, request_logs and fastmcp_audit_log."""
from __future__ import annotations

from datetime import timedelta

from .generator_plan import PlanBase
from .generator_values import FASTMCP_SUBS


class HistoryRows(PlanBase):
    """Rows of the log tables, one `_<table>(i)` builder each."""

    def _audit_logs(self, i):
        user_id = self.maybe(self.pick("users"), i, 2)
        service = self.maybe("scheduler", i, 3) if i % 4 != 0 else None
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "user_id": user_id,
            "tenant_id": self.maybe(self.pick("tenants"), i, 3),
            "service_name": service,
            "action": ("create", "update", "delete", "login")[i % 4],
            "resource_type": ("server", "tool", "api_key")[i % 3],
            "resource_id": self.maybe(self.uuid(), i),
            "timestamp": self.when(i + 1),
            "details": self.json_doc(i),
            "request_id": self.maybe(f"req-{i}", i),
            "ip_address": self.maybe("198.51.100.23", i),
            "user_agent": self.maybe("python-httpx/0.27", i),
            "success": i % 9 != 4,
            "error_message": "permission denied" if i % 9 == 4 else None,
        }

    def _request_logs(self, i):
        failed = i % 8 == 5
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "request_id": f"{self.rng.getrandbits(128):032x}",
            "user_id": self.maybe(self.pick("users"), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
            "ip_address": self.maybe("203.0.113.9", i),
            "method": "POST",
            "path": "/mcp/proxy",
            "query_params": {"debug": "1"} if i % 5 == 0 else {},
            "headers": {"User-Agent": "claude-code/1.0 ✓"},
            "target_server_id": self.maybe(self.pick("mcp_servers"), i),
            "request_time": self.when(i),
            "response_time": self.maybe(self.when(i) + timedelta(milliseconds=37), i),
            "duration_ms": self.float_(i),
            "status_code": None if i % 11 == 1 else (500 if failed else 200),
            "response_size_bytes": self.maybe(self.rng.randrange(1 << 20), i),
            "error_type": "UpstreamError" if failed else None,
            "error_message": "upstream timed out" if failed else None,
            "request_metadata": {
                "mcp_method": "tools/call",
                "mcp_request": {"name": "search", "arguments": {"q": "héllo"}},
                "mcp_response": {"content": []},
                "success": not failed,
            }
            if i % 10
            else self.json_doc(i),
        }

    def _fastmcp_audit_log(self, i):
        user = FASTMCP_SUBS[i % 5] if i % 5 < 2 else self.uuid()
        failed = i % 6 == 5
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "user_id": user,
            "tenant_id": self.maybe(self.uuid(), i),
            "user_roles": ["Reader", "Admin"] if i % 3 == 0 else [],
            "method": f"tools/call:search_{i % 4}" if i % 4 else ("initialize", "tools/list")[i % 8 // 4],
            "params": {"query": "naïve", "api_key": "***REDACTED***"} if i % 2 else {},
            "request_id": self.maybe(str(i), i),
            "jsonrpc_version": "2.0",
            "success": not failed,
            "duration_ms": self.rng.randrange(5000),
            "error_code": -32603 if failed else None,
            "error_message": "Internal error" if failed else None,
            "timestamp": self.when(i),
        }
