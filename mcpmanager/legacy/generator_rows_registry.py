"""Legacy row builders for mcp_servers, their children and the gateway state tables."""
from __future__ import annotations

from datetime import timedelta

from .generator_plan import PlanBase


class RegistryRows(PlanBase):
    """Rows of the registry tables, one `_<table>(i)` builder each."""

    def _mcp_servers(self, i):
        # Names are unique per row, hence per (tenant_id, name).
        name = f"サーバー-{i}" if i % 4 == 3 else f"server-{i}"
        return {
            "id": self._id("mcp_servers", i),
            **self.stamps(i),
            "name": name,
            "description": self.maybe("An MCP server — with ünïcode", i),
            "version": f"1.{i % 10}.{i}",
            "endpoint_url": f"https://mcp{i}.example.com/mcp",
            "transport_type": ("http", "websocket", "stdio", "sse")[i % 4],
            "capabilities": {"tools": [f"tool_{i}", "search"], "resources": ["file:///{path}"]}
            if i % 2
            else {},
            "tags": ["prod", "ünïcode"] if i % 3 == 0 else [],
            "health_status": ("healthy", "unhealthy", "degraded", "unknown", "maintenance")[i % 5],
            "last_health_check": self.maybe(self.when(i + 1), i),
            "health_metadata": self.json_doc(i + 3),
            "avg_response_time": self.float_(i),
            "success_rate": self.float_(i + 1, 1.0),
            "active_connections": self.maybe(self.rng.randrange(500), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
        }

    def _server_tools(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers", i),
            "name": f"tool_{i}",  # unique per (server_id, name)
            "description": self.maybe("Searches the docs 📚", i),
            "tool_schema": {
                "type": "object",
                "properties": {"q": {"type": "string", "description": "requête"}},
                "required": ["q"],
            }
            if i % 4
            else {},
            "tags": ["search"] if i % 2 else [],
            "total_calls": self.rng.randrange(10**6),
            "success_count": self.rng.randrange(10**5),
            "error_count": self.rng.randrange(100),
            "avg_execution_time": self.float_(i),
        }

    def _server_resources(self, i):
        uri = f"file:///docs/{i}/{{name}}.md" if i % 2 else f"file:///docs/{i}/readme.md"
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers", i),
            "uri_template": uri,  # unique per (server_id, uri_template)
            "name": self.maybe(f"doc {i}", i),
            "description": self.maybe("Documentation", i, 2),
            "mime_type": self.maybe("text/markdown", i),
            "total_accesses": self.rng.randrange(10**5),
            "avg_size_bytes": self.maybe(self.rng.randrange(10**6), i),
        }

    def _server_metrics(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "timestamp": self.when(i),
            "response_time_ms": self.float_(i),
            "requests_per_second": self.float_(i + 1, 50.0),
            "error_rate": self.float_(i + 2, 1.0),
            "cpu_usage": self.float_(i + 3, 100.0),
            "memory_usage_mb": self.float_(i + 4, 4096.0),
            "active_connections": self.maybe(self.rng.randrange(100), i),
            "connection_pool_size": self.maybe(10, i, 2),
            "custom_metrics": self.json_doc(i),
        }

    def _server_access_control(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "user_id": self.maybe(self.pick("users"), i, 2),
            "tenant_id": self.maybe(self.pick("tenants"), i, 3),
            "api_key_id": self.maybe(self.pick("enhanced_api_keys"), i, 4),
            "can_read": True,
            "can_write": i % 2 == 0,
            "can_admin": i % 5 == 0,
            "can_proxy": i % 3 != 0,
            "allowed_methods": ["tools/call"] if i % 2 else [],
            "denied_methods": ["resources/read"] if i % 3 == 0 else [],
            "access_start_time": self.maybe(self.when(i), i),
            "access_end_time": self.maybe(self.when(i) + timedelta(days=30), i),
            "allowed_days": [0, 1, 2, 3, 4] if i % 2 else [],
            "allowed_hours": list(range(8, 18)) if i % 3 == 0 else [],
            "is_active": i % 4 != 1,
            "last_access": self.maybe(self.when(i + 1), i),
            "access_count": self.rng.randrange(10**4),
        }

    def _routing_rules(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"rule {i % 3}",  # not unique
            "description": self.maybe("route by tool", i),
            "conditions": {"method": "tools/call", "tool": {"$in": ["search"]}} if i % 2 else {},
            "target_servers": [self.pick("mcp_servers") for _ in range(i % 4)],
            "load_balancing_strategy": (
                "round_robin", "weighted", "least_connections", "random", "consistent_hash"
            )[i % 5],
            "priority": 100 - i,
            "is_active": i % 3 != 2,
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
        }

    def _circuit_breakers(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            # One breaker per server; extra rows wrap around (a duplicate, for R3 tests).
            "server_id": self.pick("mcp_servers", i),
            "service_name": f"svc-{i}",
            "state": ("closed", "open", "half_open")[i % 3],
            "failure_count": i % 6,
            "success_count": i % 3,
            "failure_threshold": 5,
            "success_threshold": 2,
            "timeout_ms": 60000,
            "last_failure_time": self.maybe(self.when(i), i),
            "last_success_time": self.maybe(self.when(i + 1), i, 2),
            "last_state_change": self.when(i + 2),
            "total_requests": self.rng.randrange(10**6),
            "total_failures": self.rng.randrange(10**4),
            "total_timeouts": self.rng.randrange(10**3),
        }

    def _connection_pools(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "pool_name": f"pool-{i}",
            "transport_type": ("http", "websocket", "stdio", "sse")[i % 4],
            "max_size": 10,
            "min_size": 2,
            "timeout_ms": 30000,
            "idle_timeout_ms": 300000,
            "active_connections": i % 10,
            "idle_connections": i % 5,
            "pending_requests": i % 3,
            "is_healthy": i % 4 != 0,
            "last_health_check": self.maybe(self.when(i), i),
            "total_connections_created": self.rng.randrange(10**5),
            "total_connections_closed": self.rng.randrange(10**5),
            "connection_errors": self.rng.randrange(100),
            "avg_connection_time_ms": self.float_(i),
        }

    def _request_queues(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "queue_name": f"queue-{i}",
            "max_size": 1000,
            "processing_timeout_ms": 60000,
            "priority_levels": 3,
            "current_size": i % 50,
            "processing_count": i % 5,
            "is_accepting_requests": i % 6 != 0,
            "last_processed": self.maybe(self.when(i), i),
            "total_enqueued": self.rng.randrange(10**6),
            "total_processed": self.rng.randrange(10**6),
            "total_timeouts": self.rng.randrange(100),
            "total_errors": self.rng.randrange(100),
            "avg_processing_time_ms": self.float_(i),
            "avg_wait_time_ms": self.float_(i + 1),
        }
