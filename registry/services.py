"""What admins do to servers and gateway state, beyond editing a row.

Same shape as tenancy/services.py: keyword-only arguments, one transaction,
the changed row locked, one audit_log row per changed row written through
audit.services. Refusals raise `RegistryServiceError` (a
mcpmanager.services.ServiceError, whose message the admin shows as is).
"""
from django.db import transaction
from django.utils import timezone

from audit import services as audit
from audit.services import REDACTED, Actor
from registry.choices import CircuitBreakerState
from registry.models import CircuitBreaker, McpServer
from mcpmanager.services import ServiceError, locked

BREAKER_RESET_FIELDS = ["state", "failure_count", "success_count", "last_state_change_at"]


class RegistryServiceError(ServiceError):
    """A refused registry operation."""


def _locked(model, pk):
    return locked(model, pk, error=RegistryServiceError)


# --- Circuit breakers ---------------------------------------------------------


@transaction.atomic
def reset_circuit_breaker(*, actor: Actor, breaker: CircuitBreaker) -> CircuitBreaker:
    """Close the breaker and clear its window counters (the lifetime totals
    stay: they are statistics, not state)."""
    breaker = _locked(CircuitBreaker, breaker.pk)
    before = audit.snapshot(breaker)
    breaker.state = CircuitBreakerState.CLOSED
    breaker.failure_count = 0
    breaker.success_count = 0
    breaker.last_state_change_at = timezone.now()
    breaker.save(update_fields=BREAKER_RESET_FIELDS)
    breaker.refresh_from_db(fields=BREAKER_RESET_FIELDS)
    changes = audit.diff(before, audit.snapshot(breaker))
    # The state is always recorded, even when it was already closed.
    changes["state"] = {"before": before["state"], "after": breaker.state}
    audit.record_event(
        actor=actor,
        event_type="circuit_breaker.reset",
        action="reset",
        resource_type=CircuitBreaker._meta.db_table,
        resource_id=breaker.pk,
        resource_name=str(breaker)[:200],
        changes=changes,
        risk_level="medium",
        description=f"Circuit breaker reset (was {before['state']}).",
        metadata={"server_id": str(breaker.server_id)},
    )
    return breaker


@transaction.atomic
def reset_server_breakers(*, actor: Actor, server: McpServer) -> int:
    """Reset the server's breaker (there is at most one); returns how many."""
    breakers = list(CircuitBreaker.objects.filter(server_id=server.pk).order_by("pk"))
    for breaker in breakers:
        reset_circuit_breaker(actor=actor, breaker=breaker)
    return len(breakers)


# --- MCP server auth_config ----------------------------------------------------


def apply_auth_config_edit(current: dict | None, *, replace: dict, add: dict, remove) -> dict:
    """The new auth_config: `replace` values of existing keys, `add` new keys,
    drop the keys in `remove`. Refuses adding a key that exists or touching
    one that doesn't (the form was built for another version of the row)."""
    config = dict(current or {})
    remove = set(remove)
    unknown = (set(replace) | remove) - set(config)
    if unknown:
        raise RegistryServiceError(f"Unknown auth_config key(s): {', '.join(sorted(unknown))}.")
    existing = set(add) & (set(config) - remove)
    if existing:
        raise RegistryServiceError(
            f"auth_config already has the key(s) {', '.join(sorted(existing))}; replace the value in its own input."
        )
    for key in remove:
        del config[key]
    config.update(replace)
    config.update(add)
    return config


def auth_config_changes(before: dict | None, after: dict | None) -> dict:
    """The audit entry of an auth_config edit: the names of the keys added,
    removed or given a new value, each with a redacted value (never a value)."""
    before, after = before or {}, after or {}
    changed = {key for key in set(before) | set(after)
               if key not in before or key not in after or before[key] != after[key]}
    return {
        "before": {key: REDACTED for key in sorted(changed) if key in before},
        "after": {key: REDACTED for key in sorted(changed) if key in after},
    }
