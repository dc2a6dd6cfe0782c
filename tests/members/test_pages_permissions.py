"""Every page: the right people see it, everyone else gets a 403 (or a 404) and no data."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLE_PAGES = {
    "me": "member",
    "guidelines": "member",
    "supporter-home": "supporter",
    "organiser-home": "organiser",
    "board-home": "board",
    "finance-home": "finance",
    "returning-home": "returning",
    "administrator-home": "admin",
}


@pytest.mark.parametrize("name,role", ROLE_PAGES.items())
def test_role_page_opens_for_its_role(client, cast, name, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ROLE_PAGES)
def test_outsider_gets_403_and_no_member_data(client, cast, name):
    client.force_login(cast.outsider)
    response = client.get(reverse(name))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Okafor" not in html and "M0000" not in html


@pytest.mark.parametrize("name", ROLE_PAGES)
def test_signed_out_visitor_is_sent_to_sign_in(client, cast, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("signin"))


@pytest.mark.parametrize("role", ["member", "supporter", "board", "finance", "returning"])
def test_only_organisers_and_administrators_print_signin_letters(client, cast, role):
    client.force_login(cast.by_role(role))
    url = reverse("signin-letter", kwargs={"pk": cast.member_row.pk})
    assert client.get(url).status_code == 403


def test_organiser_prints_a_signin_letter_pdf(client, cast):
    client.force_login(cast.organiser)
    response = client.get(reverse("signin-letter", kwargs={"pk": cast.member_row.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert cast.member.signin_links.filter(channel="letter", created_by=cast.organiser).exists()


def test_signin_letter_for_missing_member_is_404(client, cast):
    client.force_login(cast.organiser)
    assert client.get(reverse("signin-letter", kwargs={"pk": 999999})).status_code == 404


def test_home_sends_each_person_to_their_own_page(client, cast):
    client.force_login(cast.finance)
    assert client.get(reverse("home")).url == reverse("finance-home")
    client.force_login(cast.member)
    assert client.get(reverse("home")).url == reverse("me")


def test_outsider_with_no_roles_is_told_to_call(client, cast):
    client.force_login(cast.outsider)
    assert "Please call us" in client.get(reverse("home")).content.decode()


def test_my_page_shows_my_details_and_my_supporter(client, cast):
    client.force_login(cast.member)
    html = client.get(reverse("me")).content.decode()
    assert "Hello May" in html
    assert cast.member_row.membership_number in html
    assert "Email, then Phone call" in html
    assert "Sue Okafor" in html
    assert "You agreed our guidelines" in html


def test_supporter_sees_only_members_they_support(client, cast):
    client.force_login(cast.supporter)
    html = client.get(reverse("supporter-home")).content.decode()
    assert "May Okafor" in html


def test_administrator_gives_and_takes_a_role(client, cast):
    client.force_login(cast.admin)
    url = reverse("administrator-home")
    client.post(url, {"user": cast.outsider.pk, "role": "finance", "action": "grant"})
    assert cast.outsider.role_assignments.filter(role="finance").exists()
    client.post(url, {"user": cast.outsider.pk, "role": "finance", "action": "revoke"})
    assert not cast.outsider.role_assignments.exists()


def test_role_form_without_a_choice_explains_and_changes_nothing(client, cast):
    client.force_login(cast.admin)
    response = client.post(reverse("administrator-home"), {"user": cast.outsider.pk})
    html = response.content.decode()
    assert "Please choose a role." in html
    assert "<title>Error: " in html
    assert not cast.outsider.role_assignments.exists()


def test_member_agrees_new_guidelines_from_the_page(client, cast):
    from members import services
    from members.demo import GUIDELINES_POINTS
    from members.selectors import member_has_agreed_current_guidelines

    services.guidelines_publish(title="Version 2", points=GUIDELINES_POINTS, actor=cast.admin)
    assert not member_has_agreed_current_guidelines(cast.member_row)
    client.force_login(cast.member)
    assert "Please read our guidelines" in client.get(reverse("me")).content.decode()
    client.post(reverse("guidelines"))
    assert member_has_agreed_current_guidelines(cast.member_row)


def test_unknown_page_is_a_friendly_404(client, cast):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
