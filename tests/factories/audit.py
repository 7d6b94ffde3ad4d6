"""factory-boy factories for the audit app's models.

History references (actor, tenant, server, token ids) are plain values, not
related objects. Columns under a unique constraint get sequences.
"""
import factory
from factory.django import DjangoModelFactory

from audit import choices
from audit.models import (
    AuditLog,
    DataRetentionPolicy,
    ErrorLog,
    MaterializedView,
    RateLimitViolation,
    RequestLog,
    SecurityEvent,
    SystemEvent,
)
from registry.choices import RateLimitAction


class AuditLogFactory(DjangoModelFactory):
    class Meta:
        model = AuditLog

    event_type = "tenant.update"
    action = "update"
    actor_type = choices.AuditActorType.USER
    actor_id = factory.Sequence(lambda n: f"actor{n:028d}")
    actor_email = factory.Sequence(lambda n: f"actor{n}@example.com")
    actor_ip = factory.Faker("ipv4")
    resource_type = "tenant"
    resource_id = factory.Faker("uuid4")
    changes = factory.LazyFunction(lambda: {"name": {"before": "Old", "after": "New"}})


class RequestLogFactory(DjangoModelFactory):
    class Meta:
        model = RequestLog

    request_id = factory.Sequence(lambda n: f"req-{n:08d}")
    http_method = "POST"
    http_path = "/mcp"
    status_code = 200
    duration_ms = 12.5
    ip_address = factory.Faker("ipv4")


class RateLimitViolationFactory(DjangoModelFactory):
    class Meta:
        model = RateLimitViolation

    rate_limit_config = None  # set it, or use the with_config trait
    ip_address = factory.Faker("ipv4")
    http_method = "POST"
    http_path = "/mcp"
    limit_value = 100
    observed_value = 101
    window_seconds = 60
    action = RateLimitAction.BLOCK

    class Params:
        with_config = factory.Trait(
            rate_limit_config=factory.SubFactory("tests.factories.registry.RateLimitConfigFactory")
        )


class SecurityEventFactory(DjangoModelFactory):
    class Meta:
        model = SecurityEvent

    event_type = "auth.failed_sign_in"
    ip_address = factory.Faker("ipv4")
    user_agent = factory.Faker("user_agent")
    details = factory.LazyFunction(lambda: {"attempts": 5})


class ErrorLogFactory(DjangoModelFactory):
    class Meta:
        model = ErrorLog

    service = "gateway"
    environment = "production"
    fingerprint = factory.Sequence(lambda n: f"fp-{n:08d}")
    error_type = "TimeoutError"
    message = factory.Faker("sentence")


class SystemEventFactory(DjangoModelFactory):
    class Meta:
        model = SystemEvent

    event_type = "server.health_changed"
    source = "health-checker"
    title = factory.Faker("sentence", nb_words=4)


class DataRetentionPolicyFactory(DjangoModelFactory):
    class Meta:
        model = DataRetentionPolicy

    name = factory.Sequence(lambda n: f"retention-{n}")
    table_name = "request_log"
    date_column = "requested_at"
    retention_days = 30


class MaterializedViewFactory(DjangoModelFactory):
    class Meta:
        model = MaterializedView

    name = factory.Sequence(lambda n: f"mv_usage_{n}")
    query = "SELECT tenant_id, count(*) FROM request_log GROUP BY tenant_id"
