"""History pages are read-only for everyone, superusers included."""
import pytest

from tests.factories.audit import (
    AuditLogFactory,
    ErrorLogFactory,
    RateLimitViolationFactory,
    RequestLogFactory,
    SecurityEventFactory,
    SystemEventFactory,
)

pytestmark = pytest.mark.django_db

HISTORY = [
    ("auditlog", AuditLogFactory),
    ("securityevent", SecurityEventFactory),
    ("requestlog", RequestLogFactory),
    ("errorlog", ErrorLogFactory),
    ("systemevent", SystemEventFactory),
    ("ratelimitviolation", RateLimitViolationFactory),
]


@pytest.mark.parametrize("model_name,factory", HISTORY)
def test_superuser_can_view_but_not_add_change_or_delete(su_client, model_name, factory):
    row = factory()
    base = f"/admin/audit/{model_name}/"
    assert su_client.get(base).status_code == 200
    assert su_client.get(f"{base}{row.pk}/change/").status_code == 200
    assert su_client.get(f"{base}add/").status_code == 403
    assert su_client.post(f"{base}add/", {}).status_code == 403
    assert su_client.post(f"{base}{row.pk}/change/", {"event_type": "forged"}).status_code == 403
    assert su_client.get(f"{base}{row.pk}/delete/").status_code == 403
    assert su_client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    row.refresh_from_db()


@pytest.mark.parametrize("model_name,factory", HISTORY)
def test_no_delete_action_is_offered(su_client, model_name, factory):
    factory()
    response = su_client.get(f"/admin/audit/{model_name}/")
    assert "delete_selected" not in response.content.decode()
    forged = su_client.post(f"/admin/audit/{model_name}/", {"action": "delete_selected", "_selected_action": ["x"],
                                                              "post": "yes"})
    assert forged.status_code in (200, 302)  # "No action selected" – nothing deleted, no error


def test_users_without_view_permission_are_refused(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", "n@example.com", "pw", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/audit/auditlog/").status_code == 403
