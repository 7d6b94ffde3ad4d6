"""Every change made through the admin writes one audit_log row, atomically.

The seam is Django's own hooks (`log_addition`, `log_change`,
`log_deletions`, `save_formset`), which the admin calls inside the
transaction of the change view; actions run inside a transaction too (see
`response_action`). If `audit.services.record_event` raises, the exception
leaves the atomic block and the change rolls back with it.

Django's LogEntry is not written: audit_log is the one history, and the
object "History" page shows its rows (`history_view`).
"""
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.template.response import TemplateResponse
from django.utils.text import capfirst

from audit import services

HISTORY_LIMIT = 200  # rows on an object's history page, newest first

# Django's admin flag -> (action verb, default risk).
CREATE, UPDATE, DELETE = "create", "update", "delete"
DEFAULT_RISK = {CREATE: "low", UPDATE: "low", DELETE: "medium"}


def resource_type_of(model) -> str:
    return model._meta.db_table


def tenant_id_of(obj) -> str | None:
    """The tenant a row belongs to: its `tenant_id`, or itself for a tenant."""
    if obj._meta.db_table == "tenant":
        return str(obj.pk)
    tenant_id = getattr(obj, "tenant_id", None)
    return None if tenant_id is None else str(tenant_id)


def record_admin_change(request, obj, action, *, before, after, risk_level=None, metadata=None, changes=None):
    """One audit_log row for one object added, changed or deleted in the admin.
    `changes` defaults to the diff of the snapshots with secrets masked."""
    model = type(obj)
    # Django clears the pk of a deleted instance; the snapshot still has it.
    pk = obj.pk if obj.pk is not None else before.get(model._meta.pk.name)
    return services.record_event(
        actor=services.actor_from_request(request),
        event_type=f"{resource_type_of(model)}.{action}",
        action=action,
        resource_type=resource_type_of(model),
        resource_id=pk,
        resource_name=str(obj)[:200],
        tenant_id=tenant_id_of(obj),
        changes=changes if changes is not None else services.diff(before, after, secrets=services.secret_fields(model)),
        description=f"{capfirst(model._meta.verbose_name)} {action}d in the admin",
        risk_level=risk_level or DEFAULT_RISK[action],
        metadata={"via": "admin", **(metadata or {})},
        http_method=request.method,
        http_path=request.path,
    )


def _before(obj) -> dict:
    """The snapshot taken when the object was loaded (before the form touched it)."""
    return getattr(obj, "_audit_before", None) or {}


class AuditedAdminMixin:
    """Writes one audit_log row per add, change and delete (bulk delete: one
    per object; inline objects: one each), in the change's transaction.

    Rows carry actor, IP, user agent and request id (from the request), the
    tenant, resource type (db_table), id and name, and `changes` as a diff of
    snapshots with secret columns masked. `audit_risk` overrides the risk
    level per verb. The History link shows the object's audit_log rows.
    """

    audit_risk = DEFAULT_RISK

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._audit_before = services.snapshot(obj)
        return obj

    def log_addition(self, request, obj, message):
        return record_admin_change(
            request, obj, CREATE, before={}, after=services.snapshot(obj), risk_level=self.audit_risk[CREATE]
        )

    def log_change(self, request, obj, message):
        # Saving a form whose own fields did not change (only inlines, or
        # nothing) is not a change of this object: its inlines log themselves.
        if not services.diff(_before(obj), services.snapshot(obj)):
            return None
        return record_admin_change(
            request, obj, UPDATE, before=_before(obj), after=services.snapshot(obj),
            risk_level=self.audit_risk[UPDATE],
        )

    def log_deletions(self, request, queryset):
        return [
            record_admin_change(
                request, obj, DELETE, before=services.snapshot(obj), after={}, risk_level=self.audit_risk[DELETE]
            )
            for obj in queryset
        ]

    def response_action(self, request, queryset):
        # Bulk actions (delete_selected and custom ones) are not atomic in
        # Django; make them so, so their audit rows commit with them.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)

    def save_formset(self, request, form, formset, change):
        missing = {
            f.instance.pk: f.instance
            for f in formset.initial_forms
            if f.instance.pk is not None and not hasattr(f.instance, "_audit_before")
        }
        if missing:  # inlines without AuditedInlineMixin: read the rows once
            for row in formset.model._base_manager.filter(pk__in=list(missing)):
                missing[row.pk]._audit_before = services.snapshot(row)
        super().save_formset(request, form, formset, change)
        parent = {"parent_type": resource_type_of(type(form.instance)), "parent_id": str(form.instance.pk)}
        for obj in formset.new_objects:
            record_admin_change(request, obj, CREATE, before={}, after=services.snapshot(obj), metadata=parent)
        for obj, _fields in formset.changed_objects:
            record_admin_change(
                request, obj, UPDATE, before=_before(obj), after=services.snapshot(obj), metadata=parent
            )
        for obj in formset.deleted_objects:
            record_admin_change(request, obj, DELETE, before=_before(obj), after={}, metadata=parent)

    def history_view(self, request, object_id, extra_context=None):
        """The object's audit_log rows (served by audit_log_resource_idx)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        from mcpmanager.admin.history import audit_rows_for

        rows = audit_rows_for(type(obj), obj.pk, limit=HISTORY_LIMIT)
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "entries": rows,
            "limit": HISTORY_LIMIT,
            "truncated": len(rows) >= HISTORY_LIMIT,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "object": obj,
            "opts": self.opts,
            "audit_changelist_allowed": request.user.has_perm("audit.view_auditlog"),
            "resource_type": resource_type_of(self.model),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/audit/object_history.html", context)


class AuditedInlineMixin:
    """For inlines of an AuditedAdminMixin parent: snapshots each existing
    inline row when the formset loads it, before the form changes it, so the
    parent's `save_formset` can diff it without reading it again."""

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)
        return type(formset_class.__name__, (SnapshotFormSetMixin, formset_class), {})


class SnapshotFormSetMixin:
    def _existing_object(self, pk):
        obj = super()._existing_object(pk)
        if obj is not None and not hasattr(obj, "_audit_before"):
            obj._audit_before = services.snapshot(obj)
        return obj


__all__ = ["AuditedAdminMixin", "AuditedInlineMixin", "record_admin_change"]
