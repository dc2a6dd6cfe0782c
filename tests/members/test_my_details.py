import pytest
from django.urls import reverse

from coop.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_member_puts_their_contact_ways_in_order(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("my-contact"), {"first": "phone", "second": "email"})
    assert response.status_code == 302
    cast.member_row.refresh_from_db()
    assert cast.member_row.contact_preferences == ["phone", "email"]
    assert AuditEntry.objects.filter(action="member.updated").exists()


def test_choosing_a_way_twice_is_explained_and_changes_nothing(client, cast):
    client.force_login(cast.member)
    html = client.post(
        reverse("my-contact"), {"first": "phone", "second": "phone"}
    ).content.decode()
    assert "Please choose each way only once." in html and "<title>Error: " in html
    cast.member_row.refresh_from_db()
    assert cast.member_row.contact_preferences == ["email", "phone"]


def test_a_way_without_its_details_is_explained(client, cast):
    client.force_login(cast.member)
    html = client.post(reverse("my-contact"), {"first": "letter"}).content.decode()
    assert "We do not have your address, so we cannot use letter." in html
    cast.member_row.refresh_from_db()
    assert cast.member_row.contact_preferences == ["email", "phone"]


def test_member_changes_what_helps_them(client, cast):
    client.force_login(cast.member)
    client.post(
        reverse("my-access"),
        {"access_needs": ["large_print"], "access_needs_other": "Sits near the door"},
    )
    cast.member_row.refresh_from_db()
    assert cast.member_row.access_needs == ["large_print"]
    assert cast.member_row.access_need_labels() == ["Large print", "Sits near the door"]


def test_member_withdraws_photo_consent(client, cast):
    cast.member_row.photo_consent = True
    cast.member_row.save()
    client.force_login(cast.member)
    client.post(reverse("my-photos"), {"photo_consent": "no"})
    cast.member_row.refresh_from_db()
    assert cast.member_row.photo_consent is False


def test_photo_question_without_an_answer_is_explained(client, cast):
    client.force_login(cast.member)
    html = client.post(reverse("my-photos"), {}).content.decode()
    assert "Please choose yes or no." in html


@pytest.mark.parametrize("name", ["my-contact", "my-access", "my-photos"])
def test_detail_pages_are_for_members_only(client, cast, name):
    client.force_login(cast.supporter)
    assert client.get(reverse(name)).status_code == 403
