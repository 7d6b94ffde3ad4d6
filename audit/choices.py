"""Choices for the audit app's PostgreSQL enums (spec section 2).

Each `TextChoices` holds exactly the values of one pg enum, in the enum's
order; a test compares them with `pg_enum` and the drift check relies on it.
`rate_limit_action` is shared with the registry and defined there
(`registry.choices.RateLimitAction`).
"""
from django.db import models


class AuditActorType(models.TextChoices):
    USER = "user", "User"
    API_TOKEN = "api_token", "API token"
    SYSTEM = "system", "System"
    ANONYMOUS = "anonymous", "Anonymous"


class AuditRisk(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class EventSeverity(models.TextChoices):
    INFO = "info", "Info"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class SecurityEventStatus(models.TextChoices):
    OPEN = "open", "Open"
    INVESTIGATING = "investigating", "Investigating"
    RESOLVED = "resolved", "Resolved"
    DISMISSED = "dismissed", "Dismissed"


class ErrorLevel(models.TextChoices):
    WARNING = "warning", "Warning"
    ERROR = "error", "Error"
    FATAL = "fatal", "Fatal"


class ErrorStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"
    IGNORED = "ignored", "Ignored"


class RefreshStrategy(models.TextChoices):
    MANUAL = "manual", "Manual"
    SCHEDULED = "scheduled", "Scheduled"
    TRIGGERED = "triggered", "Triggered"


# pg enum name -> TextChoices, for the enum test and the drift check.
ENUM_CHOICES = {
    "audit_actor_type": AuditActorType,
    "audit_risk": AuditRisk,
    "event_severity": EventSeverity,
    "security_event_status": SecurityEventStatus,
    "error_level": ErrorLevel,
    "error_status": ErrorStatus,
    "refresh_strategy": RefreshStrategy,
}
