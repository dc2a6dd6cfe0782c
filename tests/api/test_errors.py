"""Every answer under /api/ is JSON of one shape, errors included: from the one exception
handler for API views (coop/api/errors.py), and from the error handlers for anything no
API view answered (coop/views.py)."""

import json

import pytest
from django.middleware.csrf import _get_failure_view
from django.urls import reverse
from rest_framework.test import APIClient

from coop.api.errors import CSRF_CODE, CSRF_FAILED, PLAIN_WORDS, exception_handler
from coop.errors import CoopError, InvalidTransition, NotAllowed
from coop.views import csrf_failure


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == code and body["detail"].strip()
    return body


@pytest.mark.parametrize(
    "error, status, code",
    [
        (CoopError("Please say why."), 400, "refused"),
        (CoopError("Guests cannot come.", code="guests_not_allowed"), 400, "guests_not_allowed"),
        (NotAllowed("Only organisers can do this."), 403, "not_allowed"),
        (InvalidTransition("This booking is cancelled."), 409, "not_possible_now"),
    ],
)
def test_a_coop_error_keeps_its_words_and_gets_its_status(error, status, code):
    response = exception_handler(error, {})
    assert response.status_code == status
    assert response.data == {"detail": error.message, "code": code}


def test_a_crash_is_left_to_the_server_error_handler():
    assert exception_handler(RuntimeError("boom"), {}) is None


@pytest.mark.django_db
def test_an_unknown_address_under_api_is_a_json_404(api, cast):
    api.force_authenticate(cast.member)
    body = assert_error(api.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert body["detail"] == "There is nothing at this address."
    assert_error(api.get("/api/nothing"), 404, "not_found")


@pytest.mark.django_db
def test_an_unknown_page_is_still_the_html_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_wrong_method_is_a_json_405(api, cast):
    api.force_authenticate(cast.member)
    body = assert_error(api.delete(reverse("members_api:me")), 405, "method_not_allowed")
    assert "DELETE" in body["detail"]


@pytest.mark.django_db
def test_a_crash_under_api_is_a_json_500(api, cast, monkeypatch):
    def broken(user):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("members.api.account.user_roles", broken)
    api.force_authenticate(cast.member)
    api.raise_request_exception = False
    body = assert_error(api.get(reverse("members_api:me")), 500, "server_error")
    assert "database" not in body["detail"]  # no inner workings in the answer


@pytest.mark.django_db
def test_not_signed_in_is_asked_to_sign_in(api):
    body = assert_error(api.get(reverse("members_api:me")), 403, "not_authenticated")
    assert body["detail"] == PLAIN_WORDS["not_authenticated"]


@pytest.mark.django_db
def test_a_token_that_does_not_work_is_refused_in_the_same_shape(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_error(api.get(reverse("members_api:me")), 403, "authentication_failed")


@pytest.mark.django_db
def test_something_not_found_does_not_name_the_model(api, cast):
    api.force_authenticate(cast.member)
    body = assert_error(
        api.get(reverse("events_api:booking-detail", args=[999999])), 404, "not_found"
    )
    assert body["detail"] == PLAIN_WORDS["not_found"]


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_a_400_in_the_same_shape(api, cast):
    api.force_authenticate(cast.organiser)
    response = api.post(
        reverse("events_api:activity-list"), data="{not json", content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


@pytest.mark.django_db
def test_a_bad_body_names_the_field_and_lists_every_problem(api, cast):
    api.force_authenticate(cast.admin)
    url = reverse("members_api:member-detail", args=[cast.member_row.pk])
    response = api.patch(url, {"email": "nope", "first_name": ""}, format="json")
    body = assert_error(response, 400, "invalid")
    # The first problem in the form's order, in words; then every problem by field.
    assert body["field"] == "first_name"
    assert body["detail"] == "Please give their first name."
    assert set(body["errors"]) == {"email", "first_name"}


@pytest.mark.django_db
def test_a_wrong_password_for_a_token_is_explained(api, cast):
    response = api.post(
        reverse("members_api:token"), {"username": "member", "password": "wrong"}, format="json"
    )
    body = assert_error(response, 400, "invalid")
    assert "errors" in body and body["detail"]


# Found by the schema test (test_schema_fuzz.py): a NUL character in a filter reached
# PostgreSQL, which cannot compare text with it, and answered 500.


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["events_api:activity-list", "members_api:member-list"])
def test_a_nul_character_in_the_branch_filter_is_a_400(api, cast, url_name):
    api.force_authenticate(cast.admin)
    body = assert_error(api.get(reverse(url_name), {"branch": "north\x00field"}), 400, "invalid")
    assert body["field"] == "branch"


@pytest.mark.django_db
def test_a_nul_character_in_the_ledger_account_is_a_400(api, cast):
    api.force_authenticate(cast.finance)
    period = {"from": "2026-07-01", "to": "2026-09-30"}
    response = api.get(reverse("finance_api:ledger"), {**period, "account": "ca\x00sh"})
    assert assert_error(response, 400, "invalid")["field"] == "account"


@pytest.mark.django_db
def test_an_api_address_without_its_final_slash_is_a_json_404_naming_the_right_one(api, cast):
    """Not Django's HTML redirect: the schema does not list it, and a POST would lose its
    body on the way."""
    api.force_authenticate(cast.member)
    me = reverse("members_api:me")
    body = assert_error(api.get(me.rstrip("/")), 404, "not_found")
    assert f"Did you mean {me} (with / at the end)?" in body["detail"]
    token = reverse("members_api:token").rstrip("/")
    assert_error(
        api.post(token, {"username": "x", "password": "y"}, format="json"), 404, "not_found"
    )
    assert api.get(me).status_code == 200  # with its slash it answers


@pytest.mark.django_db
def test_a_page_without_its_final_slash_is_still_redirected(client):
    response = client.get(reverse("activity-list").rstrip("/"))
    assert response.status_code == 301 and response["Location"] == reverse("activity-list")


# A client that asks for a page (a browser, say) still gets JSON: the API has no HTML
# answers of its own (no browsable API).


@pytest.mark.django_db
def test_asking_for_html_still_gets_json_on_success(api, cast):
    api.force_authenticate(cast.member)
    response = api.get(reverse("members_api:me"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()


@pytest.mark.django_db
def test_asking_for_html_still_gets_json_errors(api, cast):
    api.force_authenticate(cast.finance)
    html = {"HTTP_ACCEPT": "text/html"}
    assert_error(
        api.get(reverse("events_api:activity-detail", args=[999999]), **html), 404, "not_found"
    )
    response = api.get(reverse("finance_api:ledger"), {"from": "not a date"}, **html)
    assert_error(response, 400, "invalid")


@pytest.mark.django_db
def test_the_docs_page_is_still_a_page(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["999", "0", "abc"])
def test_a_page_number_that_does_not_exist_is_said_in_plain_words(api, cast, page):
    api.force_authenticate(cast.member)
    response = api.get(reverse("events_api:activity-list"), {"page": page})
    body = assert_error(response, 404, "not_found")
    assert body["detail"] == "There is no page with that number. Please start from page 1."


# The docs page (HTML) and the schema (YAML) answer their errors as JSON too.


@pytest.mark.django_db
def test_a_wrong_method_on_the_docs_page_is_a_json_405(api):
    body = assert_error(api.post(reverse("api-docs")), 405, "method_not_allowed")
    assert "POST" in body["detail"]


@pytest.mark.django_db
def test_a_post_to_the_docs_page_without_the_csrf_token_is_a_json_403(cast):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(cast.member)  # a session, so the CSRF check applies
    body = assert_error(api.post(reverse("api-docs")), 403, CSRF_CODE)
    assert body["detail"] == CSRF_FAILED


@pytest.mark.django_db
def test_schema_errors_are_json_not_yaml(api, cast):
    api.force_authenticate(cast.member)
    assert_error(api.delete(reverse("api-schema")), 405, "method_not_allowed")
    assert_error(api.get(reverse("api-schema"), {"format": "xyz"}), 404, "not_found")
    assert api.get(reverse("api-schema"))["Content-Type"].startswith("application/vnd.oai")


def test_a_failed_django_csrf_check_is_json_under_api_and_the_page_elsewhere(rf):
    body = json.loads(csrf_failure(rf.post("/api/v1/anything/"), "no cookie").content)
    assert body == {"detail": CSRF_FAILED, "code": CSRF_CODE}
    page = csrf_failure(rf.post("/activities/"), "no cookie")
    assert page.status_code == 403 and page["Content-Type"].startswith("text/html")


def test_django_uses_that_view_for_a_failed_csrf_check():
    assert _get_failure_view() is csrf_failure
