"""Audit models: history, triaged events and the housekeeping of history."""
from .events import ErrorLog, SecurityEvent, SystemEvent
from .history import AuditLog, RateLimitViolation, RequestLog
from .housekeeping import DataRetentionPolicy, MaterializedView

__all__ = [
    "AuditLog",
    "DataRetentionPolicy",
    "ErrorLog",
    "MaterializedView",
    "RateLimitViolation",
    "RequestLog",
    "SecurityEvent",
    "SystemEvent",
]
