"""Choices for the registry's PostgreSQL enums (spec section 2).

Each `TextChoices` holds exactly the values of one pg enum, in the enum's
order; a test compares them with `pg_enum` and the drift check relies on it.
"""
from django.db import models


class TransportType(models.TextChoices):
    HTTP = "http", "HTTP"
    WEBSOCKET = "websocket", "WebSocket"
    STDIO = "stdio", "stdio"
    SSE = "sse", "Server-sent events"


class ServerHealth(models.TextChoices):
    HEALTHY = "healthy", "Healthy"
    UNHEALTHY = "unhealthy", "Unhealthy"
    DEGRADED = "degraded", "Degraded"
    UNKNOWN = "unknown", "Unknown"
    MAINTENANCE = "maintenance", "Maintenance"


class ServerAuthType(models.TextChoices):
    NONE = "none", "None"
    API_KEY = "api_key", "API key"
    BEARER = "bearer", "Bearer token"
    BASIC = "basic", "Basic"
    OAUTH2 = "oauth2", "OAuth 2"


class ServerDependencyType(models.TextChoices):
    REQUIRED = "required", "Required"
    OPTIONAL = "optional", "Optional"


class CircuitBreakerState(models.TextChoices):
    CLOSED = "closed", "Closed"
    OPEN = "open", "Open"
    HALF_OPEN = "half_open", "Half open"


class LoadBalancingAlgorithm(models.TextChoices):
    ROUND_ROBIN = "round_robin", "Round robin"
    WEIGHTED = "weighted", "Weighted"
    LEAST_CONNECTIONS = "least_connections", "Least connections"
    RANDOM = "random", "Random"
    CONSISTENT_HASH = "consistent_hash", "Consistent hash"


class RateLimitScope(models.TextChoices):
    GLOBAL = "global", "Global"
    TENANT = "tenant", "Tenant"
    USER = "user", "User"
    API_TOKEN = "api_token", "API token"
    SERVER = "server", "Server"
    IP = "ip", "IP address"


class RateLimitAction(models.TextChoices):
    # Shared with audit.RateLimitViolation.action.
    BLOCK = "block", "Block"
    THROTTLE = "throttle", "Throttle"
    LOG = "log", "Log only"


class MaintenanceStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class AnnouncementLevel(models.TextChoices):
    INFO = "info", "Info"
    WARNING = "warning", "Warning"
    CRITICAL = "critical", "Critical"


class ComparisonOperator(models.TextChoices):
    GT = ">", "greater than (>)"
    LT = "<", "less than (<)"
    GTE = ">=", "greater than or equal (>=)"
    LTE = "<=", "less than or equal (<=)"
    EQ = "==", "equal (==)"


# pg enum name -> TextChoices, for the enum test and the drift check.
ENUM_CHOICES = {
    "transport_type": TransportType,
    "server_health": ServerHealth,
    "server_auth_type": ServerAuthType,
    "server_dependency_type": ServerDependencyType,
    "circuit_breaker_state": CircuitBreakerState,
    "load_balancing_algorithm": LoadBalancingAlgorithm,
    "rate_limit_scope": RateLimitScope,
    "rate_limit_action": RateLimitAction,
    "maintenance_status": MaintenanceStatus,
    "announcement_level": AnnouncementLevel,
    "comparison_operator": ComparisonOperator,
}
