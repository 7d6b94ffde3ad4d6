"""Reading audit_log for display: an object's history, before -> after rows.

Values are masked by the writer already; display masks again every key that
is a secret column of the row's resource type, so a row written by any other
writer cannot leak one either.
"""
import json
from functools import lru_cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q

from audit.models import AuditLog
from audit.services import REDACTED
from mcpmanager.admin.secrets import declared_secrets

# Key names that hold credentials whatever table they come from (JSON configs, metadata).
SECRET_KEY_NAMES = frozenset({"password", "secret", "token", "api_key", "apikey", "authorization", "cookie",
                              "backup_codes", "key_hash", "private_key", "salt"})
SECRET_KEY_SUFFIXES = ("_password", "_secret", "_token", "_api_key", "_key_hash", "_private_key")


@lru_cache(maxsize=1)
def models_by_table() -> dict:
    return {m._meta.db_table: m for m in apps.get_models()}


def secret_keys_for(resource_type: str | None) -> frozenset:
    model = models_by_table().get(resource_type or "")
    return declared_secrets(model) if model is not None else frozenset()


def looks_secret(key: str) -> bool:
    lowered = str(key).lower().replace("-", "_")
    return lowered in SECRET_KEY_NAMES or lowered.endswith(SECRET_KEY_SUFFIXES)


def mask_secrets(data, secret_keys=frozenset()):
    """A copy of a JSON value with secret-named keys' values replaced."""
    if isinstance(data, dict):
        return {
            key: REDACTED if (key in secret_keys or looks_secret(key)) else mask_secrets(value, secret_keys)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [mask_secrets(item, secret_keys) for item in data]
    return data


def change_rows(changes, resource_type=None) -> list[tuple]:
    """[(field, before, after)] from `changes` ({field: {before, after}} or
    {field: [before, after]}); secret fields of the resource masked."""
    if not isinstance(changes, dict):
        return [("(changes)", None, changes)]
    secrets = secret_keys_for(resource_type)
    rows = []
    for name, change in sorted(changes.items()):
        if isinstance(change, dict) and {"before", "after"} & set(change):
            before, after = change.get("before"), change.get("after")
        elif isinstance(change, (list, tuple)) and len(change) == 2:
            before, after = change
        else:
            before, after = None, change
        if name in secrets or looks_secret(name):
            before = REDACTED if before is not None else None
            after = REDACTED if after is not None else None
        else:
            before, after = mask_secrets(before, secrets), mask_secrets(after, secrets)
        rows.append((name, before, after))
    return rows


EMPTY = "—"


def display_value(value) -> str:
    """Text for one before/after value: strings as they are, JSON otherwise."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def change_display_rows(changes, resource_type=None) -> list[tuple]:
    return [(name, display_value(b), display_value(a)) for name, b, a in change_rows(changes, resource_type)]


def audit_rows_for(model, pk, *, limit: int) -> list:
    """The newest `limit` audit rows of one object (audit_log_resource_idx)."""
    rows = list(
        AuditLog.objects.filter(resource_type=model._meta.db_table, resource_id=str(pk))
        .order_by("-occurred_at")[:limit]
    )
    for row in rows:
        row.change_rows = change_display_rows(row.changes, row.resource_type)
    return rows


DELETED_TENANT = "(deleted)"


def tenant_names(tenant_ids) -> dict:
    """{tenant id: name} in one query (the tenant table is small); ids of
    deleted tenants map to "(deleted)"."""
    from tenancy.models import Tenant

    wanted = {str(t) for t in tenant_ids if t}
    if not wanted:
        return {}
    names = dict(Tenant.objects.filter(pk__in=wanted).values_list("id", "name"))
    return {tenant_id: names.get(tenant_id, DELETED_TENANT) for tenant_id in wanted}


def actor_ids_for_email(email: str) -> list[str]:
    """The audit actor ids of whoever has this email now: the Better-Auth user
    (user.email is unique) and any break-glass Django user (`django:<name>`)."""
    from tenancy.models import User

    email = email.strip()
    ids = list(User.objects.filter(email=email.lower()).values_list("id", flat=True))  # user_email_check: lowercase
    ids += [f"django:{name}" for name in
            get_user_model().objects.filter(email__iexact=email).values_list("username", flat=True)
            if not name.startswith("ba:")]
    return ids


def actor_email_condition(email: str) -> Q:
    """Rows stamped with this email at event time (audit_log_actor_email_occurred_at_idx,
    exact, as typed or lower-cased) or by whoever has it now (audit_log_actor_id_occurred_at_idx)."""
    email = email.strip()
    return Q(actor_email__in=sorted({email, email.lower()})) | Q(actor_id__in=actor_ids_for_email(email))


def known_resource_types() -> list[str]:
    """Every table name a resource_type can hold (the project's models)."""
    return sorted(models_by_table())
