"""System check: every entry of settings.ADMIN_ROLE_PERMISSIONS names an
installed model and a permission that model declares (Django's default
view/add/change/delete or its Meta.permissions, e.g. H10's export_<model>).

Static (no database), so a typo or a missing Meta.permissions entry shows on
a plain `manage.py check`; roles.sync_role_groups raises for what is declared
but missing in the database.
"""
from django.apps import apps
from django.conf import settings
from django.core import checks

E_UNKNOWN_MODEL = "mcpmanager_auth.E001"
E_UNDECLARED_PERMISSION = "mcpmanager_auth.E002"
E_BACKEND = "mcpmanager_auth.E003"
BACKEND = "mcpmanager.auth.backends.BetterAuthBackend"


def declared_codenames(model) -> set[str]:
    opts = model._meta
    return {f"{action}_{opts.model_name}" for action in opts.default_permissions} | {
        codename for codename, _ in opts.permissions
    }


def check_role_permissions(app_configs=None, **kwargs):
    errors = []
    for role, models in settings.ADMIN_ROLE_PERMISSIONS.items():
        for label, actions in models.items():
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError):
                errors.append(checks.Error(
                    f"ADMIN_ROLE_PERMISSIONS[{role!r}] names model {label!r}, which is not installed.",
                    hint="Use 'app_label.modelname' of an installed model (lower case).",
                    id=E_UNKNOWN_MODEL,
                ))
                continue
            declared = declared_codenames(model)
            for action in actions:
                codename = f"{action}_{model._meta.model_name}"
                if codename not in declared:
                    errors.append(checks.Error(
                        f"ADMIN_ROLE_PERMISSIONS[{role!r}] grants {label}.{codename}, "
                        f"which {model.__name__} does not declare.",
                        hint=f"Add ({codename!r}, ...) to {model.__name__}.Meta.permissions "
                        "and run `manage.py migrate`, or remove the action from the table.",
                        obj=model,
                        id=E_UNDECLARED_PERMISSION,
                    ))
    return errors


def check_backend(app_configs=None, **kwargs):
    if BACKEND not in settings.AUTHENTICATION_BACKENDS:
        return [checks.Error(
            f"AUTHENTICATION_BACKENDS does not include {BACKEND}.",
            hint="Better-Auth users cannot sign in to the admin without it.",
            id=E_BACKEND,
        )]
    return []
