import pytest
from django.urls import reverse
from rest_framework.pagination import PageNumberPagination
from rest_framework.test import APIClient

from coop.audit import audit_trail
from members import services
from members.models import Member
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

ORGANISER_FIELDS = {
    "id",
    "name",
    "membership_number",
    "branch",
    "status",
    "contact_preferences",
    "access_needs",
    "access_needs_other",
}
HIDDEN_FROM_ORGANISERS = {
    "staff_notes",
    "address",
    "postcode",
    "phone",
    "email",
    "emergency_contact_name",
    "emergency_contact_phone",
}
NOT_ON_THE_ROLL = ["member", "supporter", "board", "finance", "returning", "outsider"]


@pytest.fixture
def applicant(cast) -> Member:
    return services.member_add(
        actor=cast.admin,
        branch=BranchFactory(name="Riverside", slug="riverside"),
        first_name="Ada",
        last_name="Lovelace",
        address="1 Secret Street",
        postcode="RV1 1AA",
        emergency_contact_name="Byron Lovelace",
        emergency_contact_phone="07700 900999",
        staff_notes="Secret note",
        contact_preferences=["letter"],
    )


def list_url() -> str:
    return reverse("members_api:member-list")


def detail_url(member: Member) -> str:
    return reverse("members_api:member-detail", kwargs={"pk": member.pk})


def move_url(member: Member, move: str) -> str:
    return reverse("members_api:member-move", kwargs={"pk": member.pk, "move": move})


def as_user(api: APIClient, user) -> APIClient:
    api.force_authenticate(user)
    return api


def snapshot(member: Member) -> dict:
    member.refresh_from_db()
    return {f.attname: getattr(member, f.attname) for f in Member._meta.concrete_fields}


def requests_for(member: Member) -> list[tuple[str, str, dict]]:
    return [
        ("get", list_url(), {}),
        ("get", detail_url(member), {}),
        ("patch", detail_url(member), {"staff_notes": "Changed"}),
        ("post", move_url(member, "approve"), {}),
        ("post", move_url(member, "resign"), {"reason": "x"}),
    ]


# Who may call what


def test_anonymous_callers_are_refused_and_see_no_one(api, cast, applicant):
    before = snapshot(applicant)
    for method, url, body in [
        *requests_for(applicant),
        ("get", reverse("members_api:my-data"), {}),
    ]:
        response = getattr(api, method)(url, body, format="json")
        assert response.status_code in (401, 403), url
        text = response.content.decode()
        assert "Lovelace" not in text and "Okafor" not in text
    assert snapshot(applicant) == before


@pytest.mark.parametrize("role", NOT_ON_THE_ROLL)
def test_people_without_the_roll_are_refused_and_change_nothing(api, cast, applicant, role):
    as_user(api, cast.by_role(role))
    before = snapshot(applicant)
    for method, url, body in requests_for(applicant):
        response = getattr(api, method)(url, body, format="json")
        assert response.status_code == 403, (role, url)
        assert "Lovelace" not in response.content.decode()
    assert snapshot(applicant) == before


@pytest.mark.parametrize("role", ["member", "supporter"])
def test_a_member_and_their_supporter_cannot_read_the_roll_entry_here(api, cast, role):
    response = as_user(api, cast.by_role(role)).get(detail_url(cast.member_row))
    assert response.status_code == 403
    assert "07700 900001" not in response.content.decode()


def test_organiser_cannot_change_details(api, cast, applicant):
    before = snapshot(applicant)
    response = as_user(api, cast.organiser).patch(
        detail_url(applicant), {"phone": "0000"}, format="json"
    )
    assert response.status_code == 403
    assert snapshot(applicant) == before
    assert not audit_trail(applicant).filter(action="member.updated").exists()


@pytest.mark.parametrize("move", ["lapse", "resign", "suspend", "reinstate"])
def test_organiser_may_not_make_moves_other_than_approve(api, cast, move):
    before = snapshot(cast.member_row)
    response = as_user(api, cast.organiser).post(
        move_url(cast.member_row, move), {"reason": "Because"}, format="json"
    )
    assert response.status_code == 403
    assert snapshot(cast.member_row) == before


# Reading the roll


def test_organiser_list_has_no_notes_address_or_emergency_contact(api, cast, applicant):
    response = as_user(api, cast.organiser).get(list_url())
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["name"] for row in rows} == {"May Okafor", "Ada Lovelace"}
    assert all(set(row) == ORGANISER_FIELDS for row in rows)
    text = response.content.decode()
    assert "Secret" not in text and "Byron" not in text and "RV1" not in text


def test_administrator_list_has_every_field_with_staff_notes(api, cast, applicant):
    rows = as_user(api, cast.admin).get(list_url()).json()["results"]
    ada = next(row for row in rows if row["membership_number"] == applicant.membership_number)
    assert HIDDEN_FROM_ORGANISERS <= set(ada) and ORGANISER_FIELDS <= set(ada)
    assert ada["staff_notes"] == "Secret note"
    assert ada["address"] == "1 Secret Street"
    assert ada["emergency_contact_name"] == "Byron Lovelace"
    assert ada["branch"] == {"id": applicant.branch_id, "slug": "riverside", "name": "Riverside"}


def test_organiser_detail_has_only_what_they_need(api, cast, applicant):
    response = as_user(api, cast.organiser).get(detail_url(applicant))
    assert response.status_code == 200
    assert set(response.json()) == ORGANISER_FIELDS
    assert response.json()["contact_preferences"] == ["letter"]
    assert "Secret" not in response.content.decode()


def test_administrator_detail_shows_staff_notes(api, cast, applicant):
    data = as_user(api, cast.admin).get(detail_url(applicant)).json()
    assert data["staff_notes"] == "Secret note" and data["status"] == "applied"


@pytest.mark.parametrize("role", ["organiser", "admin"])
def test_unknown_member_is_not_found(api, cast, role):
    as_user(api, cast.by_role(role))
    missing = reverse("members_api:member-detail", kwargs={"pk": 999999})
    assert api.get(missing).status_code == 404
    approve = reverse("members_api:member-move", kwargs={"pk": 999999, "move": "approve"})
    assert api.post(approve, {}, format="json").status_code == 404


def test_administrator_patching_an_unknown_member_gets_not_found(api, cast):
    missing = reverse("members_api:member-detail", kwargs={"pk": 999999})
    assert as_user(api, cast.admin).patch(missing, {}, format="json").status_code == 404


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def test_filters_by_search_words_status_and_branch(api, cast, applicant):
    as_user(api, cast.organiser)
    assert names(api.get(list_url(), {"q": "lovelace"})) == {"Ada Lovelace"}
    assert names(api.get(list_url(), {"q": cast.member_row.membership_number})) == {"May Okafor"}
    assert names(api.get(list_url(), {"status": "applied"})) == {"Ada Lovelace"}
    assert names(api.get(list_url(), {"status": "active"})) == {"May Okafor"}
    assert names(api.get(list_url(), {"branch": "northfield"})) == {"May Okafor"}
    assert names(api.get(list_url(), {"branch": applicant.branch_id})) == {"Ada Lovelace"}
    assert names(api.get(list_url(), {"branch": "riverside", "status": "active"})) == set()


def test_unknown_branch_or_status_filter_is_explained(api, cast, applicant):
    as_user(api, cast.admin)
    response = api.get(list_url(), {"branch": "atlantis"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "There is no branch atlantis. Give a branch's id or slug.",
        "code": "invalid",
        "field": "branch",
        "errors": {"branch": ["There is no branch atlantis. Give a branch's id or slug."]},
    }
    response = api.get(list_url(), {"status": "wizard"})
    assert response.status_code == 400 and response.json()["field"] == "status"


def test_roll_comes_a_page_at_a_time_with_no_one_left_out(api, cast, applicant, monkeypatch):
    services.member_add(
        actor=cast.admin, branch=applicant.branch, first_name="Ada", last_name="Lovelace"
    )
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    as_user(api, cast.admin)
    first = api.get(list_url()).json()
    second = api.get(first["next"]).json()
    assert first["count"] == 3 and second["next"] is None
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert len(set(ids)) == 3


# Changing details


def test_administrator_changes_a_phone_number_with_history_and_audit(api, cast, applicant):
    response = as_user(api, cast.admin).patch(
        detail_url(applicant), {"phone": "07700 900123", "branch": "northfield"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "07700 900123"
    assert response.json()["branch"]["slug"] == "northfield"
    applicant.refresh_from_db()
    assert applicant.phone == "07700 900123" and applicant.branch.slug == "northfield"
    latest = applicant.history.first()
    assert latest.history_user == cast.admin
    assert latest.history_change_reason == "Details changed: branch, phone"
    entry = audit_trail(applicant).get(action="member.updated")
    assert entry.actor == cast.admin and entry.data == {"fields": ["branch", "phone"]}


def test_sending_the_same_details_again_records_nothing_more(api, cast, applicant):
    as_user(api, cast.admin)
    body = {"known_as": "Countess", "contact_preferences": ["email", "letter"]}
    assert api.patch(detail_url(applicant), body, format="json").status_code == 200
    versions = applicant.history.count()
    assert api.patch(detail_url(applicant), body, format="json").status_code == 200
    assert applicant.history.count() == versions
    assert audit_trail(applicant).filter(action="member.updated").count() == 1


@pytest.mark.parametrize(
    "field, value",
    [
        ("status", "active"),
        ("admitted_on", "2024-01-01"),
        ("left_on", "2024-01-01"),
        ("membership_number", "X1"),
    ],
)
def test_patching_status_or_dates_is_refused_and_changes_nothing(
    api, cast, applicant, field, value
):
    before = snapshot(applicant)
    response = as_user(api, cast.admin).patch(
        detail_url(applicant), {field: value, "phone": "0000"}, format="json"
    )
    assert response.status_code == 400
    assert "changes only through a move" in response.json()["errors"][field][0]
    assert snapshot(applicant) == before


def test_patching_a_field_that_is_not_a_detail_is_refused(api, cast, applicant):
    before = snapshot(applicant)
    response = as_user(api, cast.admin).patch(
        detail_url(applicant), {"erased_at": "2024-01-01T00:00:00Z"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "This cannot be changed here.",
        "code": "invalid",
        "field": "erased_at",
        "errors": {"erased_at": ["This cannot be changed here."]},
    }
    assert snapshot(applicant) == before


@pytest.mark.parametrize(
    "field, value, message",
    [
        (
            "contact_preferences",
            ["email", "fax"],
            '"fax" is not a way we contact people. Choose from: phone, letter, email, text.',
        ),
        ("contact_preferences", ["email", "email"], '"email" is in the list twice. Give it once.'),
        ("contact_preferences", "email", "Send a list, using: phone, letter, email, text."),
        ("access_needs", ["stairs"], '"stairs" is not an access need we know.'),
        ("email", "not-an-email", "Please give an email like name@example.com."),
        ("first_name", "", "Please give their first name."),
    ],
)
def test_bad_details_are_explained_and_change_nothing(api, cast, applicant, field, value, message):
    before = snapshot(applicant)
    response = as_user(api, cast.admin).patch(detail_url(applicant), {field: value}, format="json")
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["detail"].startswith(message)
    assert snapshot(applicant) == before


def test_erased_member_details_cannot_be_filled_in_again(api, cast, applicant):
    services.member_erase(member=applicant, actor=cast.admin, reason="Asked by letter")
    before = snapshot(applicant)
    response = as_user(api, cast.admin).patch(
        detail_url(applicant), {"address": "2 New Road"}, format="json"
    )
    assert response.status_code == 409
    assert "erased" in response.json()["detail"]
    assert snapshot(applicant) == before


# Moves


def lapsed(cast, member: Member) -> Member:
    return services.member_lapse(member=member, actor=cast.admin, reason="Unpaid")


@pytest.mark.parametrize(
    "move, start, body, status, action",
    [
        ("approve", "applied", {}, "active", "member.approved"),
        ("lapse", "active", {"reason": "Unpaid"}, "lapsed", "member.lapsed"),
        ("resign", "active", {"reason": "Moving away"}, "resigned", "member.resigned"),
        ("suspend", "active", {"reason": "Shouted at staff"}, "suspended", "member.suspended"),
        ("reinstate", "lapsed", {"reason": "Paid up"}, "active", "member.reinstated"),
    ],
)
def test_each_move_works_once_and_its_repeat_changes_nothing(
    api, cast, applicant, move, start, body, status, action
):
    if start == "applied":
        member = applicant
    elif start == "lapsed":
        member = lapsed(cast, cast.member_row)
    else:
        member = cast.member_row
    as_user(api, cast.admin)
    first = api.post(move_url(member, move), body, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["status"] == status
    again = api.post(move_url(member, move), body, format="json")
    assert again.status_code == 200 and again.json()["status"] == status
    member.refresh_from_db()
    assert member.status == status
    assert audit_trail(member).filter(action=action).count() == 1


def test_organiser_approves_and_sees_the_organiser_shape(api, cast, applicant):
    response = as_user(api, cast.organiser).post(move_url(applicant, "approve"), format="json")
    assert response.status_code == 200
    assert set(response.json()) == ORGANISER_FIELDS and response.json()["status"] == "active"


def test_suspending_without_a_reason_is_refused_with_the_reason_asked_for(api, cast):
    before = snapshot(cast.member_row)
    response = as_user(api, cast.admin).post(
        move_url(cast.member_row, "suspend"), {"reason": "  "}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Please say why the member is suspended.",
        "code": "refused",
    }
    assert snapshot(cast.member_row) == before


@pytest.mark.parametrize(
    "move, message",
    [
        ("lapse", "This membership is applied. It cannot become lapsed."),
        ("suspend", "This membership is applied. It cannot become suspended."),
        ("reinstate", "This is an application. Approve it instead."),
    ],
)
def test_illegal_move_is_a_conflict_and_changes_nothing(api, cast, applicant, move, message):
    before = snapshot(applicant)
    response = as_user(api, cast.admin).post(
        move_url(applicant, move), {"reason": "Because"}, format="json"
    )
    assert response.status_code == 409
    assert response.json() == {"detail": message, "code": "not_possible_now"}
    assert snapshot(applicant) == before
    assert not audit_trail(applicant).exclude(action="member.added").exists()


def test_approving_a_lapsed_member_is_a_conflict(api, cast):
    member = lapsed(cast, cast.member_row)
    response = as_user(api, cast.admin).post(move_url(member, "approve"), format="json")
    assert response.status_code == 409
    assert (
        response.json()["detail"] == "Only an application can be approved. This member is lapsed."
    )
    member.refresh_from_db()
    assert member.status == "lapsed"


def test_unknown_move_is_not_found(api, cast, applicant):
    response = as_user(api, cast.admin).post(move_url(applicant, "promote"), format="json")
    assert response.status_code == 404
    applicant.refresh_from_db()
    assert applicant.status == "applied"


def test_unknown_move_is_not_found_for_an_organiser_too(api, cast, applicant):
    response = as_user(api, cast.organiser).post(move_url(applicant, "promote"), format="json")
    assert response.status_code == 404


# Own data


def test_my_data_is_the_members_own_data_only(api, cast, applicant):
    response = as_user(api, cast.member).get(reverse("members_api:my-data"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    membership = data["membership"]["membership"]
    assert membership["membership_number"] == cast.member_row.membership_number
    assert membership["phone"] == "07700 900001"
    assert data["membership"]["account"]["username"] == "member"
    assert "Lovelace" not in response.content.decode()
    assert "exported_at" in data


def test_my_data_matches_the_pages_json_download(api, client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("my-data-json")).json()
    api_data = as_user(api, cast.member).get(reverse("members_api:my-data")).json()
    del page["exported_at"], api_data["exported_at"]
    assert api_data == page


def test_my_data_for_someone_not_on_the_roll_has_no_membership(api, cast):
    data = as_user(api, cast.outsider).get(reverse("members_api:my-data")).json()
    assert data["membership"]["membership"] is None
    assert data["membership"]["account"]["username"] == "outsider"
    assert "Okafor" not in str(data)


# Documentation


def test_openapi_schema_lists_the_roll_endpoints(client, cast):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/members/",
        "/api/v1/members/{id}/",
        "/api/v1/members/{id}/{move}/",
        "/api/v1/me/data/",
    ]:
        assert path in paths, path
    assert set(paths["/api/v1/members/{id}/"]) == {"get", "patch"}
    move = next(
        p
        for p in paths["/api/v1/members/{id}/{move}/"]["post"]["parameters"]
        if p["name"] == "move"
    )
    assert move["schema"]["enum"] == ["approve", "lapse", "reinstate", "resign", "suspend"]
