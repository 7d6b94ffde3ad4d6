"""The matrix's shared set-up, made once per module inside a transaction that
is rolled back at the end (each test then runs in its own savepoint):
the subjects, and one signed-in session per principal.

Admin roles sign in through the real login form (Better-Auth credentials,
groups from the role table). Roles without admin access are refused by that
form; they additionally get a Django user mapped exactly as the backend maps
one (mcpmanager.auth.accounts.django_user_for) and a session for it, as if
their role had been lowered after they signed in: the backend must still
treat them as signed out.
"""
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from mcpmanager.auth import accounts
from tests.auth.support import make_user, sign_in
from tests.matrix.expectations import ADMIN_ROLES, ANONYMOUS, NO_ACCESS_ROLES
from tests.matrix.subjects import Subjects, build_subjects

BACKEND = "mcpmanager.auth.backends.BetterAuthBackend"


@dataclass
class Matrix:
    subjects: Subjects
    sessions: dict  # principal -> session key (None: anonymous)
    root_session: str  # a break-glass superuser, for reference form data
    reference: dict = field(default_factory=dict)  # (label, view) -> POST data a permitted person sends

    def client(self, principal: str) -> Client:
        return self._client(self.sessions[principal])

    def root(self) -> Client:
        return self._client(self.root_session)

    @staticmethod
    def _client(session_key) -> Client:
        client = Client()
        if session_key:
            client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        return client


def _session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _sign_in_admin_role(role: str) -> str:
    person = make_user(role, email=f"{role}@matrix-staff.example")
    client = Client()
    response = sign_in(client, person.email)
    assert response.status_code == 302 and response.url == "/admin/", (
        f"{role}: the login form did not sign them in ({response.status_code})"
    )
    django_user = get_user_model().objects.get(username=accounts.django_username(person.pk))
    assert {g.name for g in django_user.groups.all()} == {f"role:{role}"}, f"{role}: groups not from the role table"
    return _session_key(client)


def _session_of_refused_role(role: str) -> str:
    person = make_user(role, email=f"{role}@matrix-staff.example")
    client = Client()
    response = sign_in(client, person.email)
    assert response.status_code == 200 and "_auth_user_id" not in client.session, (
        f"{role}: a role without admin access got through the login form"
    )
    accounts.django_user_for(person, method="password")
    # A fresh instance: no sign-in marker, so force_login invents no sign-in audit row.
    django_user = get_user_model().objects.get(username=accounts.django_username(person.pk))
    client.force_login(django_user, backend=BACKEND)
    return _session_key(client)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            subjects = build_subjects()
            sessions = {role: _sign_in_admin_role(role) for role in ADMIN_ROLES}
            sessions |= {role: _session_of_refused_role(role) for role in NO_ACCESS_ROLES}
            sessions[ANONYMOUS] = None
            root = get_user_model().objects.create_superuser("matrix-root", "root@matrix.example", "pw")
            root_client = Client()
            root_client.force_login(root)
            yield Matrix(subjects, sessions, _session_key(root_client))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
