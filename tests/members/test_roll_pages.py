import pytest
from django.urls import reverse

from members import services
from members.models import Member
from members.views.roll import MEMBERS_PER_PAGE
from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(cast) -> Member:
    return services.member_add(
        actor=cast.admin,
        branch=BranchFactory(name="Riverside"),
        first_name="Ada",
        last_name="Lovelace",
        staff_notes="Secret",
    )


@pytest.mark.parametrize("role", ["organiser", "admin"])
def test_staff_search_the_roll_by_name(client, cast, applicant, role):
    client.force_login(cast.by_role(role))
    html = client.get(reverse("member-list"), {"q": "lovelace"}).content.decode()
    assert "Ada Lovelace" in html and "May Okafor" not in html


def test_filters_by_status_access_need_and_guidelines(client, cast, applicant):
    client.force_login(cast.admin)
    url = reverse("member-list")
    assert "Ada Lovelace" in client.get(url, {"status": "applied"}).content.decode()
    assert "Ada Lovelace" not in client.get(url, {"status": "active"}).content.decode()
    wheel = client.get(url, {"access_need": "wheelchair"}).content.decode()
    assert "May Okafor" in wheel and "Ada Lovelace" not in wheel
    not_agreed = client.get(url, {"not_agreed": "on"}).content.decode()
    assert "Ada Lovelace" in not_agreed and "May Okafor" not in not_agreed


def test_unknown_filter_value_is_explained_and_shows_nobody_wrong(client, cast, applicant):
    client.force_login(cast.admin)
    html = client.get(reverse("member-list"), {"status": "wizard"}).content.decode()
    assert "Select a valid choice" in html


@pytest.mark.parametrize(
    "role", ["member", "supporter", "board", "finance", "returning", "outsider"]
)
def test_roll_pages_refuse_everyone_else(client, cast, applicant, role):
    client.force_login(cast.by_role(role))
    for url in [
        reverse("member-list"),
        reverse("member-add"),
        reverse("member-detail", kwargs={"pk": applicant.pk}),
        reverse("member-move", kwargs={"pk": applicant.pk, "move": "approve"}),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Lovelace" not in response.content.decode()


def test_organiser_does_not_see_staff_notes_or_history(client, cast, applicant):
    client.force_login(cast.organiser)
    html = client.get(reverse("member-detail", kwargs={"pk": applicant.pk})).content.decode()
    assert "Secret" not in html and "Who changed what" not in html


def test_administrator_sees_notes_and_who_changed_what(client, cast, applicant):
    services.member_approve(member=applicant, actor=cast.organiser)
    client.force_login(cast.admin)
    html = client.get(reverse("member-detail", kwargs={"pk": applicant.pk})).content.decode()
    assert "Secret" in html and "Who changed what" in html
    assert "member.approved" in html


def test_organiser_approves_an_application(client, cast, applicant):
    client.force_login(cast.organiser)
    url = reverse("member-move", kwargs={"pk": applicant.pk, "move": "approve"})
    response = client.post(url)
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.ACTIVE


def test_organiser_cannot_suspend(client, cast):
    client.force_login(cast.organiser)
    url = reverse("member-move", kwargs={"pk": cast.member_row.pk, "move": "suspend"})
    assert client.post(url, {"reason": "x"}).status_code == 403
    cast.member_row.refresh_from_db()
    assert cast.member_row.status == Member.Status.ACTIVE


def test_suspending_without_a_reason_is_explained_and_changes_nothing(client, cast):
    client.force_login(cast.admin)
    url = reverse("member-move", kwargs={"pk": cast.member_row.pk, "move": "suspend"})
    html = client.post(url, {"reason": ""}).content.decode()
    assert "Please say why the member is suspended." in html
    assert "<title>Error: " in html
    cast.member_row.refresh_from_db()
    assert cast.member_row.status == Member.Status.ACTIVE


def test_illegal_move_from_the_page_is_explained(client, cast, applicant):
    client.force_login(cast.admin)
    url = reverse("member-move", kwargs={"pk": applicant.pk, "move": "lapse"})
    html = client.post(url, {"reason": "x"}).content.decode()
    assert "It cannot become lapsed" in html
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.APPLIED


def test_unknown_move_is_refused(client, cast):
    client.force_login(cast.admin)
    url = reverse("member-move", kwargs={"pk": cast.member_row.pk, "move": "promote"})
    assert client.get(url).status_code == 403


def test_staff_add_a_paper_application(client, cast):
    branch = BranchFactory(name="Riverside")
    client.force_login(cast.organiser)
    response = client.post(
        reverse("member-add"),
        {
            "first_name": "Paper",
            "last_name": "Person",
            "branch": branch.pk,
            "contact_preferences": ["letter", "phone"],
            "access_needs": ["large_print"],
            "phone": "020 7946 0001",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(last_name="Person")
    assert member.status == Member.Status.APPLIED
    assert member.contact_preferences == ["letter", "phone"]


def test_add_member_without_names_is_explained_and_adds_nobody(client, cast):
    client.force_login(cast.organiser)
    before = Member.objects.count()
    html = client.post(reverse("member-add"), {"branch": ""}).content.decode()
    for message in [
        "Please type their first name.",
        "Please type their last name.",
        "Please choose their branch.",
    ]:
        assert message in html
    assert Member.objects.count() == before


def test_missing_member_is_404(client, cast):
    client.force_login(cast.admin)
    assert client.get(reverse("member-detail", kwargs={"pk": 99999})).status_code == 404


def test_history_shows_supporter_and_role_changes_too(client, cast):
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    services.support_withdraw(link=link, actor=cast.member)
    services.role_grant(user=cast.member, role="board", actor=cast.admin)
    services.role_revoke(user=cast.member, role="board", actor=cast.admin)
    client.force_login(cast.admin)
    html = client.get(reverse("member-detail", kwargs={"pk": cast.member_row.pk})).content.decode()
    assert "Supporter Sue Okafor: withdrawn" in html
    assert "Role board member: given" in html and "Role board member: taken away" in html
    assert "Added to the roll" in html


def test_the_organiser_sees_active_members_a_page_at_a_time(client, cast):
    branch = BranchFactory()
    MemberFactory.create_batch(MEMBERS_PER_PAGE + 2, branch=branch, status="active")
    MemberFactory(branch=branch, status="applied")
    client.force_login(cast.organiser)
    url = reverse("member-list")
    query = {"branch": branch.pk, "status": "active"}
    first = client.get(url, query).content.decode()
    assert f"{MEMBERS_PER_PAGE + 2} members, page 1 of 2" in first
    assert first.count('<th scope="row">') == MEMBERS_PER_PAGE
    assert f"branch={branch.pk}&amp;status=active&amp;page=2" in first
    assert "Later members" in first
    second = client.get(url, {**query, "page": 2}).content.decode()
    assert second.count('<th scope="row">') == 2 and "Earlier members" in second


def test_the_members_list_has_each_members_phone_and_sign_in_letter(client, cast):
    client.force_login(cast.organiser)
    html = client.get(reverse("member-list"), {"q": "okafor"}).content.decode()
    member = cast.member_row
    assert reverse("signin-letter", args=[member.pk]) in html
    assert 'href="tel:07700900001"' in html


def test_the_choices_show_open_once_one_is_made_so_a_phone_sees_the_list_is_found(client, cast):
    """On a phone the choices fold behind "Find members"; after a search they stay open,
    so the organiser sees which members the list is (it read as the whole roll)."""
    client.force_login(cast.organiser)
    url = reverse("member-list")
    closed = '<details class="filters-box wide-open">'
    assert closed in client.get(url).content.decode()
    assert closed in client.get(url, {"page": "2"}).content.decode()
    found = client.get(url, {"q": "okafor"}).content.decode()
    assert '<details class="filters-box wide-open" open>' in found
