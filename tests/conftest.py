"""Shared fixtures. The test database itself is built by our backend
(mcpmanager/db/creation.py): Drizzle's migrations, then Django's."""
import factory.random
import pytest


@pytest.fixture(autouse=True)
def _reproducible_fakes(request):
    """Factory-boy's and Faker's random values depend on the test alone, so a
    run reproduces whatever another run (CI's included) generated."""
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture
def superuser(django_user_model):
    """A break-glass Django superuser."""
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw")


@pytest.fixture
def su_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def admin_member(db):
    """(Better-Auth user, Django user) with the `admin` role's permissions."""
    from tests.tenancy_admin.support import staff_member

    return staff_member("admin")


@pytest.fixture
def admin_web(admin_member):
    from tests.tenancy_admin.support import client_for

    return client_for(admin_member[1])


@pytest.fixture
def support_web(db):
    from tests.tenancy_admin.support import client_for, staff_member

    return client_for(staff_member("support")[1])


@pytest.fixture
def superuser_web(superuser):
    from tests.tenancy_admin.support import client_for

    return client_for(superuser)
