"""Role checks are DRF permissions made from the apps' predicates
(members/api/permissions.py `allowed_if`): a refusal says who may, in plain words, with the
one code for "not allowed"; a view whose reading is open to more people than its writing
checks only the writing; HEAD is checked as GET."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_role_refusal_says_who_may_with_the_not_allowed_code(api, cast):
    api.force_authenticate(cast.member)
    response = api.post(reverse("events_api:activity-list"), {}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only organisers can make activities.",
        "code": "not_allowed",
    }


@pytest.mark.django_db
def test_reading_stays_open_where_only_writing_is_guarded(api, cast):
    api.force_authenticate(cast.member)
    assert api.get(reverse("events_api:activity-list")).status_code == 200


@pytest.mark.django_db
def test_head_is_refused_where_get_is(api, cast):
    api.force_authenticate(cast.member)
    url = reverse("events_api:evaluation", args=[999999])
    assert api.get(url).json()["detail"] == "Only organisers can see evaluations here."
    assert api.head(url).status_code == 403


@pytest.mark.django_db
def test_a_wrong_method_stays_a_405_where_the_one_method_is_guarded(api, cast):
    api.force_authenticate(cast.member)
    url = reverse("events_api:attendance", args=[999999])
    assert api.get(url).status_code == 405
    assert api.options(url).status_code == 200
    assert api.post(url, {}, format="json").status_code == 403
