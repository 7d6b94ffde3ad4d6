"""Registry models, one module per domain (NetBox style), re-exported here."""
from .gateway import (
    CircuitBreaker,
    ConnectionPool,
    RateLimitConfig,
    RequestQueue,
    RoutingRule,
    ServerAccessControl,
)
from .monitoring import McpServerHealthCheck, PerformanceAlert, ServerMetric
from .platform import FeatureFlag, MaintenanceWindow, SystemAnnouncement, SystemConfig
from .servers import McpPrompt, McpResource, McpServer, McpServerDependency, McpTool, new_server_id

__all__ = [
    "CircuitBreaker",
    "ConnectionPool",
    "FeatureFlag",
    "MaintenanceWindow",
    "McpPrompt",
    "McpResource",
    "McpServer",
    "McpServerDependency",
    "McpServerHealthCheck",
    "McpTool",
    "PerformanceAlert",
    "RateLimitConfig",
    "RequestQueue",
    "RoutingRule",
    "ServerAccessControl",
    "ServerMetric",
    "SystemAnnouncement",
    "SystemConfig",
    "new_server_id",
]
