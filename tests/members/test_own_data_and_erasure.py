import json

import pytest
from django.urls import reverse

from coop.errors import CoopError
from coop.models import AuditEntry
from members import services
from members.models import Member, SignInLink, SupportLink

pytestmark = pytest.mark.django_db


def test_member_downloads_everything_held_about_them(client, cast):
    services.signin_link_create(user=cast.member, actor=cast.organiser, channel="letter")
    client.force_login(cast.member)
    response = client.get(reverse("my-data-json"))
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)["membership"]
    m = data["membership"]
    assert m["membership_number"] == cast.member_row.membership_number
    assert m["address"] == cast.member_row.address and m["phone"] == "07700 900001"
    assert m["access_needs"] == ["easy_read", "wheelchair"]
    assert data["account"]["roles"] == ["member"]
    assert data["guidelines_agreed"][0]["version"] == 1
    assert data["supporters"][0]["who"] == "Sue Okafor"
    assert data["signin_links"][0]["channel"] == "letter"
    assert "token_hash" not in response.content.decode()


def test_export_covers_every_member_field_that_holds_personal_data(cast):
    from members.personal_data import export_member

    exported = set(export_member(cast.member)["membership"])
    skip = {"id", "user", "branch", "created_at", "erased_at"}
    fields = {f.name for f in Member._meta.concrete_fields} - skip
    assert fields - exported == set()


def test_my_data_page_reads_in_plain_words(client, cast):
    client.force_login(cast.member)
    html = client.get(reverse("my-data")).content.decode()
    assert "What we know about you" in html and "07700 900001" in html
    assert "Sue Okafor" in html


def test_supporter_sees_only_their_own_data(client, cast):
    client.force_login(cast.supporter)
    data = json.loads(client.get(reverse("my-data-json")).content)["membership"]
    assert data["membership"] is None
    assert data["supporting"][0]["who"].startswith("May Okafor")
    assert "07700 900001" not in json.dumps(data)


def test_signed_out_visitor_gets_no_data(client, cast):
    assert client.get(reverse("my-data-json")).status_code == 302


def test_erasure_removes_personal_data_everywhere_and_keeps_the_row(cast):
    member = cast.member_row
    member.staff_notes = "Likes window seats"
    member.save()
    services.signin_link_create(user=cast.member, actor=None, channel="email")
    erased = services.member_erase(member=member, actor=cast.admin, reason="Asked on 3 March")
    assert erased.pk == member.pk and erased.membership_number == member.membership_number
    assert erased.first_name == "Erased" and erased.address == "" and erased.phone == ""
    assert erased.staff_notes == "" and erased.access_needs == []
    assert erased.status == Member.Status.RESIGNED and erased.admitted_on is not None
    # No earlier version in the history still holds the old values.
    assert not member.history.filter(phone="07700 900001").exists()
    assert not member.history.filter(last_name="Okafor").exists()
    user = erased.user
    user.refresh_from_db()
    assert not user.is_active and user.email == "" and user.username.startswith("erased-")
    assert not user.history.filter(last_name="Okafor").exists()
    assert not SignInLink.objects.filter(user=user).exists()
    assert not SupportLink.objects.filter(member=member, withdrawn_at=None).exists()
    assert not AuditEntry.objects.filter(target_repr__contains="Okafor").exists()


def test_erasing_twice_changes_nothing_more(cast):
    services.member_erase(member=cast.member_row, actor=cast.admin, reason="Asked")
    services.member_erase(member=cast.member_row, actor=cast.admin, reason="Again")
    assert AuditEntry.objects.filter(action="member.erased").count() == 1


def test_erasure_needs_a_reason(cast):
    with pytest.raises(CoopError, match="who asked"):
        services.member_erase(member=cast.member_row, actor=cast.admin, reason=" ")
    cast.member_row.refresh_from_db()
    assert cast.member_row.erased_at is None


def test_erased_member_can_no_longer_sign_in(client, cast):
    services.member_erase(member=cast.member_row, actor=cast.admin, reason="Asked")
    response = client.post(reverse("signin"), {"username": "member", "password": "coop-demo"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_administrator_erases_from_the_member_page(client, cast):
    client.force_login(cast.admin)
    url = reverse("member-erase", kwargs={"pk": cast.member_row.pk})
    html = client.post(url, {"reason": ""}).content.decode()
    assert "Please say who asked for this and when." in html
    cast.member_row.refresh_from_db()
    assert cast.member_row.erased_at is None
    client.post(url, {"reason": "Asked by letter"})
    cast.member_row.refresh_from_db()
    assert cast.member_row.erased_at is not None


@pytest.mark.parametrize("role", ["member", "organiser", "board", "finance", "outsider"])
def test_only_administrators_erase(client, cast, role):
    client.force_login(cast.by_role(role))
    url = reverse("member-erase", kwargs={"pk": cast.member_row.pk})
    assert client.post(url, {"reason": "x"}).status_code == 403
    cast.member_row.refresh_from_db()
    assert cast.member_row.erased_at is None


def test_staff_notes_are_in_the_members_own_data_page_file_and_api(client, cast):
    Member.objects.filter(pk=cast.member_row.pk).update(staff_notes="Prefers mornings")
    client.force_login(cast.member)

    page = client.get(reverse("my-data")).content.decode()
    assert "Staff notes" in page and "Prefers mornings" in page
    download = json.loads(client.get(reverse("my-data-json")).content)
    assert download["membership"]["membership"]["staff_notes"] == "Prefers mornings"
    api = client.get(reverse("members_api:my-data")).json()
    assert api["membership"]["membership"]["staff_notes"] == "Prefers mornings"


def test_staff_are_told_the_member_can_read_their_notes(client, cast):
    notice = "The member can read what you write here."
    # The administrator of the demo is also staff of the Django admin.
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(cast.admin)
    # Where staff write notes: the admin's member form, and the API's documented field.
    form = client.get(reverse("admin:members_member_change", args=[cast.member_row.pk]))
    assert form.status_code == 200
    assert notice in form.content.decode()
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    fields = schema["components"]["schemas"]["MemberForAdministrator"]["properties"]
    assert fields["staff_notes"]["description"].startswith(notice)
    # Where they read them: the member's page.
    detail = client.get(reverse("member-detail", args=[cast.member_row.pk])).content.decode()
    assert notice in detail
