import pytest
from django.contrib.auth.models import Permission

AUDIT_URL = "/admin/audit/auditlog/"


def staff_with(django_user_model, username, codenames):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="audit", codename__in=codenames))
    return user


@pytest.fixture
def support_client(client, django_user_model):
    """What the support role gets: view and export of the history tables."""
    user = staff_with(django_user_model, "support", [
        "view_auditlog", "export_auditlog", "view_securityevent", "export_securityevent",
        "view_requestlog", "export_requestlog",
    ])
    client.force_login(user)
    return client


@pytest.fixture
def viewer_client(client, django_user_model):
    """May view the audit log but not export it."""
    client.force_login(staff_with(django_user_model, "viewer", ["view_auditlog"]))
    return client
