"""A mail failure never turns saved work into an error page.

With the SMTP server stopped and the text provider answering 500, each action answers as
it always does, the change is saved and the messages wait. The test settings run tasks at
once, so in these transactional tests the outbox's worker runs at commit inside each
request, tries to send, fails, and the page is still the normal one. When the servers come
back, the worker (twice, and from two threads at once) sends each message exactly once."""

import datetime as dt
import re
import threading
from collections import Counter

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from events.models import Activity, Booking
from members import services
from members.models import Member
from members.outbox.models import Message
from members.outbox.sending import send_due
from members.selectors import guidelines_current
from tests.events.conftest import make_activity
from tests.factories import UserFactory
from tests.outbox_helpers import active_member, add_supporter

pytestmark = pytest.mark.django_db(transaction=True)

S = Message.Status
# The messages the actions below write (email and text).
KINDS = {
    "welcome_link": 3,  # approved, by email: a link to sign in
    "welcome": 2,  # approved, by text
    "booking_booked": 6,  # Tom (text), his supporter's copy, Nia (email); two activities
    "booking_cancelled": 1,  # Nia cancels
    "booking_activity_cancelled": 3,  # Tom, the copy, Nia
    "signin_link": 1,  # the known address only
}


def person(cast, name: str, ways: list[str], **details) -> Member:
    """An active member with an account, who agreed the guidelines."""
    user = UserFactory(username=name.lower(), first_name=name, email=f"{name.lower()}@login.org")
    member = active_member(cast, name, ways, user=user, **details)
    services.guidelines_agree(member=member, guidelines=guidelines_current(), actor=user)
    return member


def walk_wizard(client, activity, member, steps):
    url = reverse("book", kwargs={"pk": activity.pk}) + f"?member={member.pk}"
    assert client.get(url).status_code == 200
    prefix = f"book_{activity.pk}_{member.pk}"
    response = None
    for step, data in steps:
        answers = {f"{step}-{k}": v for k, v in data.items()}
        response = client.post(url, {f"{prefix}-current_step": step, **answers})
        assert response.status_code < 500, step
    return response


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def waiting_since_the_request(message: Message) -> None:
    """The worker ran inside the request, tried once, and kept the message."""
    assert message.status == S.QUEUED and message.attempts == 1, message
    if message.way == "email":
        assert "Connection refused" in message.last_error
    else:
        assert "500" in message.last_error


def test_every_action_answers_as_normal_with_the_servers_down_and_all_arrive_once_later(
    client, cast, smtp_server, text_fake
):
    smtp_server.stop()
    text_fake.failing = True
    tom = person(cast, "Tom", ["text"], phone="07700 900123")
    add_supporter(tom, "sam", "sam@example.org", first_name="Sam")
    nia = person(cast, "Nia", ["email"], email="nia@example.org")
    client.force_login(cast.organiser)

    # An organiser approves five applications (by email, by text).
    applicants = [
        services.member_apply(
            actor=None,
            branch=cast.member_row.branch,
            first_name=f"Applicant{i}",
            last_name="New",
            agrees_guidelines=True,
            **(
                {"email": f"new{i}@example.org", "contact_preferences": ["email"]}
                if i % 2 == 0
                else {"phone": f"07700 90050{i}", "contact_preferences": ["text"]}
            ),
        )
        for i in range(5)
    ]
    for applicant in applicants:
        url = reverse("member-move", kwargs={"pk": applicant.pk, "move": "approve"})
        response = client.post(url, {"reason": ""})
        assert response.status_code == 302
        assert response.url == reverse("member-detail", kwargs={"pk": applicant.pk})
        applicant.refresh_from_db()
        assert applicant.status == Member.Status.ACTIVE and applicant.user_id
    welcomes = Message.objects.filter(kind__in=["welcome", "welcome_link"])
    assert welcomes.count() == 5
    assert sorted(welcomes.values_list("way", flat=True)) == ["email"] * 3 + ["text"] * 2

    # An organiser books Tom and Nia onto an activity.
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, title="Park")
    for member in (tom, nia):
        done = walk_wizard(client, activity, member, [("bring", {"bring": "no"}), ("check", {})])
        booking = Booking.objects.get(activity=activity, member=member)
        assert booking.status == Booking.Status.CONFIRMED
        assert done.status_code == 302 and done.url.startswith(
            reverse("booking-detail", kwargs={"pk": booking.pk})
        )
    # Tom's booking news goes by text, and a copy to Sam by email.
    assert Message.objects.filter(kind="booking_booked").count() == 3

    # Nia cancels her booking.
    client.force_login(nia.user)
    nia_booking = Booking.objects.get(activity=activity, member=nia)
    response = client.post(reverse("booking-cancel", kwargs={"pk": nia_booking.pk}))
    assert response.status_code == 302
    nia_booking.refresh_from_db()
    assert nia_booking.status == Booking.Status.CANCELLED
    assert Message.objects.filter(kind="booking_cancelled", member=nia).count() == 1

    # An organiser cancels another activity that Tom and Nia are booked on.
    other = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, title="Zoo")
    client.force_login(cast.organiser)
    for member in (tom, nia):
        walk_wizard(client, other, member, [("bring", {"bring": "no"}), ("check", {})])
    url = reverse("activity-cancel", kwargs={"pk": other.pk})
    response = client.post(url, {"reason": "The zoo is shut"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Activity.Status.CANCELLED
    assert set(other.bookings.values_list("status", flat=True)) == {Booking.Status.CANCELLED}
    assert Message.objects.filter(kind="booking_activity_cancelled").count() == 3
    assert Message.objects.filter(kind="booking_booked").count() == 6  # both activities

    # Asking for a sign-in link: the same answer for a known and an unknown address.
    client.logout()
    answers = []
    for address in ("nia@example.org", "nobody@example.org"):
        response = client.post(reverse("signin-link-request"), {"email": address})
        assert response.status_code == 302
        page = client.get(response.url)
        answers.append((response.url, page.status_code, without_csrf(page.content.decode())))
    assert answers[0] == answers[1]
    assert Message.objects.filter(kind="signin_link").count() == 1

    # Everything waits: each message was tried once, inside its request, and kept.
    waiting = list(Message.objects.filter(way__in=["email", "text"]))
    assert Counter(m.kind for m in waiting if m.kind in KINDS) == KINDS
    for message in waiting:
        waiting_since_the_request(message)
    assert smtp_server.received == [] and text_fake.received == []

    # The servers come back. Two workers at once, then another run: each arrives once.
    smtp_server.start()
    text_fake.failing = False
    later = timezone.now() + dt.timedelta(minutes=2)
    results, errors = [], []
    barrier = threading.Barrier(2)

    def worker() -> None:
        try:
            barrier.wait()
            results.append(send_due(now=later))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and sum(r["sent"] for r in results) == len(waiting)
    assert send_due(now=later + dt.timedelta(hours=1))["sent"] == 0
    assert send_due(now=later + dt.timedelta(hours=1))["sent"] == 0

    sent = list(Message.objects.filter(way__in=["email", "text"]))
    assert all(m.status == S.SENT and m.attempts == 2 for m in sent)
    emails = [m for m in sent if m.way == "email"]
    texts = [m for m in sent if m.way == "text"]
    assert Counter(m["To"] for m in smtp_server.received) == Counter(m.to for m in emails)
    assert Counter((t.to, t.body) for t in text_fake.received) == Counter(
        (m.to, m.body) for m in texts
    )
    # Each email carries its own words (the made-when-sent kinds with their fresh link).
    expected = Counter((m.to, m.subject) for m in emails if m.subject)
    got = Counter((m["To"], m["Subject"]) for m in smtp_server.received)
    assert {key: got[key] for key in expected} == expected
    for message in emails:
        if message.kind in ("welcome_link", "signin_link"):
            mails = [m for m in smtp_server.to(message.to) if "/signin/link/" in m.get_content()]
            assert len(mails) == 1
