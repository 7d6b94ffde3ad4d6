import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("incoming, kept", [("req-abc_1.2:3", True), ("bad id with spaces", False), ("", False)])
def test_request_id_is_kept_when_sane_and_generated_otherwise(client, incoming, kept):
    response = client.get("/admin/login/", HTTP_X_REQUEST_ID=incoming)
    request_id = response["X-Request-ID"]
    assert (request_id == incoming) is kept
    assert request_id
