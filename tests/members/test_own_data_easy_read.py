""" "What we know about you" is the page the law gives a member the right to read: it is
easy read too. Every field is named as a person would name it, dates are days, money is
pounds, and no code, raw date or field name shows through."""

import re

import pytest
from django.urls import reverse

from coop.dates import easy_date
from events import services
from tests.events.conftest import make_activity
from tests.members.member_world import ids_start_high, make_world

pytestmark = pytest.mark.django_db

RAW = {
    "a raw date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "a code": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "pence": re.compile(r"\bpence\b", re.IGNORECASE),
    "a time zone": re.compile(r"\+00:00|UTC"),
}


def main_text(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_may_reads_her_data_in_plain_words(client, cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=400)
    services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="cash"
    )
    client.force_login(cast.member)
    text = main_text(client.get(reverse("my-data")).content.decode())
    found = {name: pattern.findall(text) for name, pattern in RAW.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}
    assert "£4" in text
    day = activity.starts_at.astimezone().strftime("%A")
    assert day in text


# A coded value read as its code: "Status: attended", "Fee status: none", "How: paper".
# (Values that are not codes, like a username, may start with a small letter.)
CODE_SHOWING = re.compile(
    r"\b(What happened|The fee|How|Way|Role|Roles|Channel|Relationship|Payment): [a-z]"
)


def came_to_a_free_activity(cast):
    """May came to a free activity: her booking's status is "attended", its fee "none"."""
    free = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, title="Picnic")
    booking = services.booking_create(activity=free, member=cast.member_row, actor=cast.member)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    return booking


def test_one_word_codes_are_read_as_their_words(client, cast):
    came_to_a_free_activity(cast)
    client.force_login(cast.member)
    text = main_text(client.get(reverse("my-data")).content.decode())
    # The record of things she did names each in words; what each changed is kept as it
    # was written down (not checked here).
    assert "Action: Booking created" in text and "booking.created" not in text
    text = text[: text.index("Things you did here")]
    assert "What happened: Came" in text and "The fee: No fee" in text
    assert "Membership Active" in text  # the membership, a section of its own
    assert "Status" not in text
    assert CODE_SHOWING.findall(text) == []
    assert not re.search(r"\b(attended|none)\b", text)


def test_the_download_keeps_what_a_machine_reads(client, cast):
    came_to_a_free_activity(cast)
    client.force_login(cast.member)
    response = client.get(reverse("my-data-json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    # Each code stays for a machine to rely on; its words stand beside it for the person.
    data = response.json()
    (booking,) = data["activities"]["bookings"]
    assert booking["status"] == "attended" and booking["status_label"] == "Came"
    assert booking["fee_status"] == "none" and booking["fee_status_label"] == "No fee"
    membership = data["membership"]["membership"]
    assert membership["status"] == "active" and membership["status_label"] == "Active"


def test_what_she_did_names_the_payment_and_her_supporter(
    client, django_capture_on_commit_callbacks
):
    """The record of what May did says what a card payment was for and who her supporter
    is, not the payment's reference or the supporter's id; the download keeps both."""
    with ids_start_high():
        world = make_world(django_capture_on_commit_callbacks)
    client.force_login(world.cast.member)
    text = main_text(client.get(reverse("my-data")).content.decode())
    done = text[text.index("Things you did here") :]
    cinema = world.payment.reference
    day = easy_date(world.activities[1].starts_at, with_year=True)
    assert f"What it was for: Booking fee for Cinema on {day}" in done
    assert "Supporter: Sue Okafor Relationship: Family member" in done
    assert "Payment: Cash" in done and "Method: Card" in done
    assert "Action: Suggestion made Details: Nothing" in done
    assert "After: Booked, Not paid yet Before: Not booked yet, No fee" in done
    assert cinema not in text and str(world.cast.supporter.pk) not in text
    (started,) = [
        entry
        for entry in client.get(reverse("my-data-json")).json()["membership"]["actions_recorded"]
        if entry["action"] == "payment.started"
    ]
    assert started["data"]["reference"] == cinema
    assert started["data_label"]["reference"].startswith("Booking fee for Cinema on ")
