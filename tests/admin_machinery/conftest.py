import pytest

MACHINERY_URLS = "tests.admin_machinery.site"


@pytest.fixture
def viewer_client(client, django_user_model):
    """A staff user who may only view tenants and servers."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", "viewer@example.com", "pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_tenant", "view_mcpserver", "view_systemconfig"])
    )
    client.force_login(user)
    return client
