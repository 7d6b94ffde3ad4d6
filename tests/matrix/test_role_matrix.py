"""Every principal x every registered admin page x every operation -> allowed
or refused, as settings.ADMIN_ROLE_PERMISSIONS says (see expectations.py).

Refused means: a redirect to the sign-in page for anonymous people and roles
without admin access; a 403 for admin roles (for a bulk action: the action
does not run — Django answers an action the page does not offer with "No
action selected"). A refused POST leaves every table unchanged. Allowed means
the page works: GETs answer 200, a resubmitted change form saves, a delete
deletes, an action runs and reports success, an export streams CSV.
"""
import pytest
from django.apps import apps
from django.contrib import messages
from django.contrib.admin import helpers
from django.urls import reverse

from tests.matrix.expectations import (
    ACTION_PREFIX,
    ADD_GET,
    ADD_POST,
    CHANGE_GET,
    CHANGE_POST,
    CHANGELIST,
    DELETE_GET,
    DELETE_POST,
    EXPORT,
    HISTORY_GET,
    cases,
    expected,
)
from tests.matrix.state import changed_tables, fingerprint
from tests.tenancy_admin.support import form_data

pytestmark = pytest.mark.django_db

LOGIN_PATH = "/admin/login/"


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(LOGIN_PATH)


def submitted(response) -> dict:
    """What a browser sends back from this admin form page (nothing if it has no form)."""
    if response.status_code != 200 or not response.context or "adminform" not in response.context:
        return {"_save": "Save"}
    return {**form_data(response), "_save": "Save"}


def form_problems(response) -> str:
    context = response.context or {}
    problems = []
    if "adminform" in context:
        form = context["adminform"].form
        problems += [f"{name}: {errors}" for name, errors in form.errors.items()]
    for inline in context.get("inline_admin_formsets", []):
        problems += [str(e) for e in inline.formset.errors if e] + [str(e) for e in inline.formset.non_form_errors()]
    return "; ".join(problems) or f"status {response.status_code}"


def success_messages(response) -> list[str]:
    return [m.message for m in response.wsgi_request._messages if m.level == messages.SUCCESS]


def reference_data(matrix, model, view, *args) -> dict:
    """The form a break-glass superuser would submit: the realistic payload a
    refused person's POST carries (so a missing check would write something)."""
    key = (model._meta.label_lower, view)
    if key not in matrix.reference:
        matrix.reference[key] = submitted(matrix.root().get(url(model, view, *args)))
    return matrix.reference[key]


class Check:
    def __init__(self, matrix, principal, label, operation):
        self.matrix, self.principal, self.operation = matrix, principal, operation
        self.model = apps.get_model(label)
        self.client = matrix.client(principal)
        self.expectation = expected(principal, self.model, operation)
        self.pk = matrix.subjects.pk[label]
        self.name = f"{principal} / {label} / {operation}"

    # --- outcomes ---------------------------------------------------------------

    def refused(self, response):
        if self.expectation.refusal == "sign-in":
            assert is_sign_in_redirect(response), (
                f"{self.name}: expected a redirect to sign-in, got {response.status_code}"
            )
        else:
            assert response.status_code == 403, f"{self.name}: expected 403, got {response.status_code}"

    def ok(self, response):
        assert response.status_code == 200, f"{self.name}: expected 200, got {response.status_code}"

    def unchanged_by(self, send):
        before = fingerprint()
        response = send()
        after = fingerprint()
        if before != after:
            pytest.fail(f"{self.name}: refused, yet wrote to {changed_tables(before, after)}")
        return response

    # --- operations -------------------------------------------------------------

    def get(self, path):
        response = self.client.get(path)
        self.ok(response) if self.expectation.allowed else self.refused(response)
        return response

    def add_post(self):
        path = url(self.model, "add")
        if self.expectation.allowed:
            page = self.client.get(path)
            self.ok(page)
            response = self.client.post(path, submitted(page))
            # The permission let the form through: saved (302) or shown again with its errors (200).
            assert response.status_code in (200, 302) and not is_sign_in_redirect(response), (
                f"{self.name}: got {response.status_code}"
            )
            if response.status_code == 200:
                assert "adminform" in response.context, f"{self.name}: not the add form"
        else:
            data = reference_data(self.matrix, self.model, "add")
            self.refused(self.unchanged_by(lambda: self.client.post(path, data)))

    def change_post(self):
        path = url(self.model, "change", self.pk)
        if self.expectation.allowed:
            page = self.client.get(path)
            self.ok(page)
            response = self.client.post(path, submitted(page))
            assert response.status_code == 302 and not is_sign_in_redirect(response), (
                f"{self.name}: the unchanged form did not save: {form_problems(response)}"
            )
        else:
            data = reference_data(self.matrix, self.model, "change", self.pk)
            self.refused(self.unchanged_by(lambda: self.client.post(path, data)))

    def delete_post(self):
        path = url(self.model, "delete", self.pk)
        if self.expectation.allowed:
            response = self.client.post(path, {"post": "yes"})
            assert response.status_code == 302 and not is_sign_in_redirect(response), (
                f"{self.name}: got {response.status_code}"
            )
            assert not self.model._base_manager.filter(pk=self.pk).exists(), f"{self.name}: the row is still there"
        else:
            self.refused(self.unchanged_by(lambda: self.client.post(path, {"post": "yes"})))

    def action(self, name):
        data = {
            "action": name, "index": "0", helpers.ACTION_CHECKBOX_NAME: [str(pk) for pk in self.selection()],
            # Inputs of the actions' confirmation steps, so one POST runs them to the end.
            "apply": "1", "reason": "role matrix check", "post": "yes",
        }
        path = url(self.model, "changelist")
        if self.expectation.allowed:
            before = fingerprint()
            response = self.client.post(path, data)
            assert response.status_code == 302 and not is_sign_in_redirect(response), (
                f"{self.name}: got {response.status_code}"
            )
            assert success_messages(response), (
                f"{self.name}: no success message: {[m.message for m in response.wsgi_request._messages]}"
            )
            assert fingerprint() != before, f"{self.name}: reported success but wrote nothing"
            return
        response = self.unchanged_by(lambda: self.client.post(path, data))
        if self.expectation.refusal == "sign-in" or response.status_code == 403:
            self.refused(response)
            return
        # The page is visible but does not offer the action: Django treats it as no action.
        assert response.status_code in (200, 302) and not is_sign_in_redirect(response), (
            f"{self.name}: got {response.status_code}"
        )
        assert not success_messages(response), f"{self.name}: refused action reported success"
        if response.status_code == 200:
            assert "admin/change_list.html" in [t.name for t in response.templates], (
                f"{self.name}: a refused action led to {[t.name for t in response.templates][:3]}"
            )

    def export(self):
        response = self.get(url(self.model, "export"))
        if self.expectation.allowed:
            assert response["Content-Type"].startswith("text/csv"), f"{self.name}: {response['Content-Type']}"
            lines = b"".join(response.streaming_content).decode().splitlines()
            assert len(lines) >= 2, f"{self.name}: expected a header and the subject row, got {lines}"

    def selection(self):
        return self.matrix.subjects.selection[self.model._meta.label_lower]

    def run(self):
        op = self.operation
        if op == CHANGELIST:
            self.get(url(self.model, "changelist"))
        elif op == ADD_GET:
            self.get(url(self.model, "add"))
        elif op == ADD_POST:
            self.add_post()
        elif op == CHANGE_GET:
            self.get(url(self.model, "change", self.pk))
        elif op == CHANGE_POST:
            self.change_post()
        elif op == DELETE_GET:
            self.get(url(self.model, "delete", self.pk))
        elif op == DELETE_POST:
            self.delete_post()
        elif op == HISTORY_GET:
            self.get(url(self.model, "history", self.pk))
        elif op == EXPORT:
            self.export()
        elif op.startswith(ACTION_PREFIX):
            self.action(op.removeprefix(ACTION_PREFIX))
        else:
            raise AssertionError(f"unknown operation {op!r}")


@pytest.mark.parametrize(
    "principal,label,operation",
    [pytest.param(*case, id=" | ".join(case)) for case in cases()],
)
def test_role_matrix(matrix, principal, label, operation):
    Check(matrix, principal, label, operation).run()
