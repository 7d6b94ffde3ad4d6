import pytest

from tests.tenancy_admin.support import client_for, staff_member


@pytest.fixture
def admin_member(db):
    """(Better-Auth user, Django user) with the `admin` role's permissions."""
    return staff_member("admin")


@pytest.fixture
def admin_web(admin_member):
    return client_for(admin_member[1])


@pytest.fixture
def support_web(db):
    return client_for(staff_member("support")[1])


@pytest.fixture
def superuser_web(db, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    return client_for(root)
