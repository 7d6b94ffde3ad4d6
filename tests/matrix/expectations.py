"""What the role table says each principal may do, per page and operation.

Derived from settings.ADMIN_ROLE_PERMISSIONS only, plus two rules the table
does not express: history tables and time series are read-only for everyone
(no add, change or delete, not even for admin). Nothing here asks the admin
itself, so a page that lets more through than the table fails the matrix.
"""
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin

ANONYMOUS = "anonymous"
ADMIN_ROLES = ("admin", "support", "staff")
NO_ACCESS_ROLES = ("user", "readonly", "server_owner", "service")
PRINCIPALS = (*ADMIN_ROLES, *NO_ACCESS_ROLES, ANONYMOUS)

HISTORY = {
    "audit.auditlog", "audit.securityevent", "audit.requestlog", "audit.errorlog", "audit.systemevent",
    "audit.ratelimitviolation",
}
TIME_SERIES = {"registry.mcpserverhealthcheck", "registry.servermetric"}
READ_ONLY = HISTORY | TIME_SERIES
WRITE_ACTIONS = {"add", "change", "delete"}

# Operations every page has; actions and the CSV export are added per page.
CHANGELIST = "changelist GET"
ADD_GET, ADD_POST = "add GET", "add POST"
CHANGE_GET, CHANGE_POST = "change GET", "change POST"
DELETE_GET, DELETE_POST = "delete GET", "delete POST"
HISTORY_GET = "history GET"
EXPORT = "export CSV"
ACTION_PREFIX = "action "
BASIC_OPERATIONS = (CHANGELIST, ADD_GET, ADD_POST, CHANGE_GET, CHANGE_POST, DELETE_GET, DELETE_POST, HISTORY_GET)
POSTS = {ADD_POST, CHANGE_POST, DELETE_POST}


def label_of(model) -> str:
    return model._meta.label_lower


def registered_models() -> list:
    """Every model of the admin site, in a stable order."""
    return sorted(admin.site._registry, key=label_of)


def action_names(model) -> list[str]:
    """Every action the page could offer anyone: its own and the site's (delete_selected)."""
    model_admin = admin.site._registry[model]
    names = [name for name, _func in admin.site.actions]
    names += [a if isinstance(a, str) else a.__name__ for a in model_admin.actions or ()]
    return list(dict.fromkeys(names))


def action_permissions(model, name: str) -> tuple[str, ...]:
    func = admin.site._registry[model].get_action(name)[0]
    return tuple(getattr(func, "allowed_permissions", ()))


def offers_export(model) -> bool:
    return hasattr(admin.site._registry[model], "export_view")


def operations(model) -> list[str]:
    ops = list(BASIC_OPERATIONS)
    ops += [ACTION_PREFIX + name for name in action_names(model)]
    if offers_export(model):
        ops.append(EXPORT)
    return ops


def granted(principal: str, label: str, action: str) -> bool:
    table = settings.ADMIN_ROLE_PERMISSIONS
    return action in table.get(principal, {}).get(label, ())


def may(principal: str, label: str, action: str) -> bool:
    """The table's answer, with read-only pages refusing writes to everyone."""
    if action in WRITE_ACTIONS and label in READ_ONLY:
        return False
    return granted(principal, label, action)


def may_view(principal: str, label: str) -> bool:
    return may(principal, label, "view") or may(principal, label, "change")


@dataclass(frozen=True)
class Expectation:
    allowed: bool
    # How a refusal looks: "sign-in" (redirect to the login page) or "refused" (403, or an action not run).
    refusal: str


def expected(principal: str, model, operation: str) -> Expectation:
    label = label_of(model)
    has_access = principal in settings.ADMIN_ROLE_PERMISSIONS
    refusal = "refused" if has_access else "sign-in"
    if not has_access:
        return Expectation(False, refusal)
    view = may_view(principal, label)
    if operation in (CHANGELIST, CHANGE_GET, HISTORY_GET):
        allowed = view
    elif operation in (ADD_GET, ADD_POST):
        allowed = may(principal, label, "add")
    elif operation == CHANGE_POST:
        allowed = may(principal, label, "change")
    elif operation in (DELETE_GET, DELETE_POST):
        allowed = may(principal, label, "delete")
    elif operation == EXPORT:
        allowed = view and may(principal, label, "export")
    elif operation.startswith(ACTION_PREFIX):
        needed = action_permissions(model, operation.removeprefix(ACTION_PREFIX))
        allowed = view and all(may(principal, label, p) for p in needed)
    else:
        raise AssertionError(f"unknown operation {operation!r}")
    return Expectation(allowed, refusal)


def cases() -> list[tuple[str, str, str]]:
    """(principal, model label, operation) for every combination."""
    return [
        (principal, label_of(model), op)
        for principal in PRINCIPALS
        for model in registered_models()
        for op in operations(model)
    ]
