import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from coop.errors import CoopError, NotAllowed
from members import services
from members.models import SupportLink
from members.outbox.models import Message
from members.outbox.sending import send_due
from members.selectors import is_supporting, user_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(cast, email="helper@example.org"):
    return services.support_invite(
        member=cast.member_row,
        actor=cast.member,
        first_name="Hal",
        last_name="Per",
        email=email,
        relationship="carer",
    )


def test_invited_supporter_has_no_access_until_they_accept(cast):
    link = invite(cast)
    assert not is_supporting(link.supporter, cast.member_row)
    assert "supporter" not in user_roles(link.supporter)
    assert Message.objects.get(kind="support_invitation").to == "helper@example.org"
    assert send_due()["sent"] == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["helper@example.org"]
    services.support_accept(link=link, actor=link.supporter)
    link.supporter._coop_roles = None
    assert is_supporting(link.supporter, cast.member_row)
    assert link.consent_confirmed_by == cast.member


def test_inviting_twice_keeps_one_link(cast):
    first, second = invite(cast), invite(cast)
    assert first.pk == second.pk
    assert SupportLink.objects.filter(member=cast.member_row, withdrawn_at=None).count() == 2
    # One invitation waits to be sent; once it went, asking again sends another.
    assert Message.objects.filter(kind="support_invitation").count() == 1
    send_due()
    invite(cast)
    send_due()
    assert [m.to for m in mail.outbox] == [["helper@example.org"]] * 2


def test_only_the_invited_person_can_accept(cast):
    link = invite(cast)
    with pytest.raises(NotAllowed):
        services.support_accept(link=link, actor=cast.outsider)
    link.refresh_from_db()
    assert link.accepted_at is None


def test_withdrawn_consent_removes_access_at_once(client, cast):
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    client.force_login(cast.supporter)
    assert client.get(reverse("supporter-home")).status_code == 200
    services.support_withdraw(link=link, actor=cast.member)
    assert not is_supporting(cast.supporter, cast.member_row)
    assert client.get(reverse("supporter-home")).status_code == 403


def test_withdrawing_twice_changes_nothing_more(cast):
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    first = services.support_withdraw(link=link, actor=cast.member)
    again = services.support_withdraw(link=link, actor=cast.admin)
    assert again.withdrawn_at == first.withdrawn_at and again.withdrawn_by == cast.member


def test_a_withdrawn_invitation_cannot_be_accepted(cast):
    link = invite(cast)
    services.support_withdraw(link=link, actor=cast.member)
    with pytest.raises(CoopError, match="taken back"):
        services.support_accept(link=link, actor=link.supporter)


def test_member_cannot_invite_themself(cast):
    with pytest.raises(CoopError, match="your own email"):
        invite(cast, email=cast.member.email)


def test_member_invites_a_supporter_one_question_a_page(client, cast):
    client.force_login(cast.member)
    url = reverse("invite-supporter")
    page = client.get(url).content.decode()
    assert "What is your supporter" in page
    steps = [
        ("name", {"name-first_name": "Hal", "name-last_name": "Per"}),
        ("email", {"email-email": "hal@example.org"}),
        ("relationship", {"relationship-relationship": "support_worker"}),
        ("copies", {"copies-wants_copies": "yes"}),
    ]
    for step, data in steps:
        response = client.post(url, {"invite_supporter_wizard-current_step": step, **data})
        assert response.status_code == 200, step
    check = response.content.decode()
    assert "Check your answers" in check and "hal@example.org" in check
    assert "Support worker" in check and "Yes, send them a copy" in check
    done = client.post(url, {"invite_supporter_wizard-current_step": "check"})
    assert "We asked Hal Per" in done.content.decode()
    link = SupportLink.objects.get(supporter__email="hal@example.org")
    assert link.wants_copies and link.relationship == "support_worker"

    # The outbox's worker sends the invitation; the supporter signs in with its link.
    assert send_due()["sent"] == 1
    url_in_mail = re.search(r"http\S+", mail.outbox[0].body).group(0)
    client.logout()
    parsed = urlparse(url_in_mail)
    response = client.post(parsed.path, {"next": parsed.query.removeprefix("next=")})
    assert response.url == reverse("support-invitations")
    client.post(reverse("support-accept", kwargs={"pk": link.pk}))
    assert is_supporting(link.supporter, cast.member_row)


def test_bad_email_in_the_invitation_is_explained(client, cast):
    client.force_login(cast.member)
    url = reverse("invite-supporter")
    client.post(
        url,
        {
            "invite_supporter_wizard-current_step": "name",
            "name-first_name": "Hal",
            "name-last_name": "Per",
        },
    )
    response = client.post(
        url, {"invite_supporter_wizard-current_step": "email", "email-email": "hal at home"}
    )
    html = response.content.decode()
    assert "Please type an email address like name@example.com." in html
    assert "<title>Error: " in html
    assert not SupportLink.objects.filter(supporter__first_name="Hal").exists()


def test_member_removes_a_supporter_from_the_page(client, cast):
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    client.force_login(cast.member)
    url = reverse("remove-supporter", kwargs={"pk": link.pk})
    assert "Stop Sue Okafor helping you?" in client.get(url).content.decode()
    client.post(url)
    link.refresh_from_db()
    assert link.withdrawn_at is not None and link.withdrawn_by == cast.member


def test_another_members_supporter_link_is_404(client, cast):
    other = UserFactory()
    from members.models import Member
    from tests.factories import MemberFactory

    other_member = MemberFactory(user=other)
    link = services.support_link_create(
        supporter=cast.outsider, member=other_member, relationship="carer", actor=other
    )
    client.force_login(cast.member)
    assert client.get(reverse("remove-supporter", kwargs={"pk": link.pk})).status_code == 404
    assert client.post(reverse("remove-supporter", kwargs={"pk": link.pk})).status_code == 404
    assert Member.objects.filter(pk=other_member.pk).exists()


def test_supporter_steps_back(client, cast):
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    client.force_login(cast.supporter)
    client.post(reverse("support-step-back", kwargs={"pk": link.pk}))
    assert not is_supporting(cast.supporter, cast.member_row)


def test_nobody_else_can_accept_or_step_back_for_a_link(client, cast):
    link = invite(cast)
    client.force_login(cast.outsider)
    assert client.post(reverse("support-accept", kwargs={"pk": link.pk})).status_code == 404
    assert client.post(reverse("support-step-back", kwargs={"pk": link.pk})).status_code == 404


@pytest.mark.parametrize("name", ["my-supporters", "invite-supporter"])
def test_supporter_pages_are_for_members_only(client, cast, name):
    client.force_login(cast.outsider)
    assert client.get(reverse(name)).status_code == 403


def test_staff_link_a_supporter_only_with_the_members_consent(client, cast):
    client.force_login(cast.organiser)
    url = reverse("staff-link-supporter", kwargs={"pk": cast.member_row.pk})
    data = {
        "first_name": "Kim",
        "last_name": "Lee",
        "email": "kim@example.org",
        "relationship": "support_worker",
    }
    html = client.post(url, data).content.decode()
    assert "Please confirm the member agreed. We need their consent." in html
    assert not SupportLink.objects.filter(supporter__email="kim@example.org").exists()
    client.post(url, {**data, "member_agreed": "on"})
    link = SupportLink.objects.get(supporter__email="kim@example.org")
    assert link.consent_confirmed_by == cast.organiser and link.accepted_at is None


def test_staff_remove_a_supporter(client, cast):
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    client.force_login(cast.admin)
    client.post(
        reverse("staff-remove-supporter", kwargs={"pk": cast.member_row.pk, "link_pk": link.pk})
    )
    assert not is_supporting(cast.supporter, cast.member_row)


@pytest.mark.parametrize("role", ["member", "supporter", "board", "finance", "outsider"])
def test_only_staff_link_or_remove_supporters_for_others(client, cast, role):
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    client.force_login(cast.by_role(role))
    assert (
        client.get(reverse("staff-link-supporter", kwargs={"pk": cast.member_row.pk})).status_code
        == 403
    )
    assert (
        client.post(
            reverse("staff-remove-supporter", kwargs={"pk": cast.member_row.pk, "link_pk": link.pk})
        ).status_code
        == 403
    )
    assert is_supporting(cast.supporter, cast.member_row)
