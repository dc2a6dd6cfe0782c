import pytest
from django.core import mail
from django.urls import reverse

from members import services
from members.models import GuidelinesAgreement, Member
from members.outbox.models import Message
from members.outbox.sending import send_due
from members.selectors import member_has_agreed_current_guidelines
from tests.outbox_helpers import ada_applies

pytestmark = pytest.mark.django_db

P = "join_wizard-current_step"


def answer(client, step, data):
    return client.post(reverse("join"), {P: step, **{f"{step}-{k}": v for k, v in data.items()}})


def fill_in(client, branch, *, helper=True, email="ada@example.org"):
    client.get(reverse("join"))
    answer(client, "helping", {"helping": "yes" if helper else "no"})
    if helper:
        answer(client, "helper", {"helper_name": "Sue Okafor"})
    answer(client, "name", {"first_name": "Ada", "last_name": "Lovelace"})
    answer(client, "known_as", {"known_as": "Addie"})
    answer(client, "branch", {"branch": branch.pk})
    answer(client, "address", {"address": "1 Mill Way", "postcode": "n1 2ab"})
    answer(client, "phone", {"phone": "07700 900123"})
    answer(client, "email", {"email": email})
    answer(client, "contact", {"contact": "phone"})
    answer(client, "access", {"access_needs": ["easy_read", "bsl"]})
    answer(client, "photos", {"photo_consent": "no"})
    return answer(client, "guidelines", {"agree": "on"})


def test_a_person_applies_with_a_supporter_beside_them(client, cast):
    check = fill_in(client, cast.member_row.branch).content.decode()
    assert "Check your answers" in check
    for shown in [
        "Sue Okafor",
        "Addie",
        "1 Mill Way",
        "Phone call",
        "Easy read",
        "No photos of me, please",
        "Northfield",
    ]:
        assert shown in check, shown
    done = client.post(reverse("join"), {P: "check"})
    assert "We got your application" in done.content.decode()
    member = Member.objects.get(last_name="Lovelace")
    assert member.status == Member.Status.APPLIED and member.user is None
    assert member.postcode == "N1 2AB" and member.contact_preferences == ["phone"]
    assert member.access_needs == ["easy_read", "bsl"] and not member.photo_consent
    assert member_has_agreed_current_guidelines(member)
    assert GuidelinesAgreement.objects.get(member=member).helped_by == "Sue Okafor"


def test_no_helper_question_when_nobody_is_helping(client, cast):
    response = answer(client, "helping", {"helping": "no"})
    assert "What is your name?" in response.content.decode()


def test_contact_choices_follow_the_details_given(client, cast):
    client.get(reverse("join"))
    answer(client, "helping", {"helping": "no"})
    answer(client, "name", {"first_name": "A", "last_name": "B"})
    answer(client, "known_as", {})
    answer(client, "branch", {"branch": cast.member_row.branch.pk})
    answer(client, "address", {"address": "1 Road", "postcode": "N1 1AA"})
    answer(client, "phone", {"phone": ""})
    page = answer(client, "email", {"email": ""}).content.decode()
    assert "Letter" in page and "Email" not in page and "Text message" not in page
    refused = answer(client, "contact", {"contact": "email"}).content.decode()
    assert "Select a valid choice" in refused


def test_joining_needs_the_guidelines_agreed(client, cast):
    fill_in(client, cast.member_row.branch)
    response = answer(client, "guidelines", {})
    html = response.content.decode()
    assert "You need to agree the guidelines to join." in html
    assert "<title>Error: " in html
    assert not Member.objects.filter(last_name="Lovelace").exists()


def test_bad_phone_number_is_explained(client, cast):
    client.get(reverse("join"))
    response = answer(client, "phone", {"phone": "call me"})
    assert "Please type a phone number like 07700 900123." in response.content.decode()


def test_empty_name_is_explained(client, cast):
    answer(client, "helping", {"helping": "no"})
    html = answer(client, "name", {"first_name": "", "last_name": ""}).content.decode()
    assert "Please type your first name." in html and "Please type your last name." in html


def test_approval_gives_an_account_and_emails_a_signin_link(cast):
    applicant = ada_applies(cast)
    member = services.member_approve(member=applicant, actor=cast.organiser)
    assert member.user is not None and member.user.email == "ada@example.org"
    assert not member.user.has_usable_password()
    # The welcome waits in the outbox (its link is made when the worker sends it).
    welcome = Message.objects.get(kind="welcome_link", user=member.user)
    assert welcome.to == "ada@example.org" and welcome.status == Message.Status.QUEUED
    assert send_due()["sent"] == 1
    assert len(mail.outbox) == 1 and "/signin/link/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["ada@example.org"]
    again = services.member_account_ensure(member=member, actor=cast.organiser)
    assert again == member.user


def test_approval_without_email_still_gives_an_account_for_a_printed_letter(cast):
    applicant = services.member_apply(
        actor=None,
        branch=cast.member_row.branch,
        first_name="Bo",
        last_name="Diddley",
        agrees_guidelines=True,
    )
    member = services.member_approve(member=applicant, actor=cast.organiser)
    assert member.user is not None
    # No way to reach them: nothing is sent, and organisers are shown the welcome to give.
    welcome = Message.objects.get(kind="welcome", member=member)
    assert welcome.status == Message.Status.NO_WAY
    send_due()
    assert mail.outbox == []
