"""axe over writing to a group (choose, fill in, check, sent, and the error states) at 1280
and 320 px, and the whole walk with JavaScript off."""

import importlib

import pytest
from django.urls import reverse

from events.models import Booking, GroupMessage, MessageTemplate
from members.models import Member
from members.outbox.models import Message
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.events.after_helpers import book
from tests.events.conftest import make_activity, make_members

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
TEMPLATES = importlib.import_module("events.migrations.0006_message_templates").TEMPLATES


def _templates() -> None:
    # A transaction test's flushed database has lost what the data migration made.
    for fields in TEMPLATES:
        MessageTemplate.objects.update_or_create(slug=fields["slug"], defaults=fields)


def _setting_up():
    _templates()
    cast = make_cast()
    activity = make_activity(
        cast.organiser, cast.member_row.branch, fee_pence=0, title="Walk in Victoria Park"
    )
    caller, writer = make_members(cast, 2)
    Member.objects.filter(pk=caller.pk).update(contact_preferences=["phone"], phone="07700 900222")
    Member.objects.filter(pk=writer.pk).update(
        contact_preferences=["letter"], address="1 High Street", postcode="RV1 1AA"
    )
    for person in (cast.member_row, caller, writer):
        book(activity, person, Booking.Status.CONFIRMED)
    return cast, activity


def test_writing_to_a_group_passes_axe(page, live_server, client):
    cast, activity = _setting_up()
    sign_in(page, live_server, client, cast.organiser)
    url = live_server.url + reverse("write-booked", args=[activity.pk])
    failures = {
        "activity": check_page(
            page, live_server.url + reverse("organiser-activity", args=[activity.pk])
        ),
        "choose": check_page(page, url),
        "choose-error": check_page(page, url + "?template=nope", expect_error_title=True),
        "words": check_page(page, url + "?template=meeting-point"),
        "general": check_page(page, live_server.url + reverse("group-write")),
        "general-words": check_page(
            page, live_server.url + reverse("group-write") + "?whom=board&template=weather"
        ),
    }
    # The rest are answers to a form: walked at 320 px, where sideways scrolling shows.
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(url + "?template=meeting-point")
    submit(page, "See what people will get")
    assert page.title().startswith("Error: ")
    assert "Please type the new meeting point." in page.content()
    failures["words-error"] = axe_violations(page)
    page.fill("#id_new_meeting_point", "The café by the lake, next to the big gates")
    page.fill("#id_note", "Please bring water.")
    submit(page, "See what people will get")
    text = page.content()
    assert "1 by email" in text and "1 call to make" in text and "1 letter to print" in text
    failures["check"] = axe_violations(page)
    assert not page.evaluate(SIDEWAYS)
    page.screenshot(path="/tmp/wte-check-320.png", full_page=True)
    submit(page, "Send to 3 people")
    assert "Your message is on its way" in page.content()
    failures["sent"] = axe_violations(page)
    assert not page.evaluate(SIDEWAYS)
    sent = GroupMessage.objects.get()
    failures["sent-pages"] = check_page(
        page, live_server.url + reverse("group-message-sent", args=[sent.pk])
    )
    assert {k: v for k, v in failures.items() if v} == {}


def test_writing_to_a_group_works_with_javascript_off(browser, live_server, client):
    cast, activity = _setting_up()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server, client, cast.organiser)
        page.goto(live_server.url + reverse("organiser-activity", args=[activity.pk]))
        submit(page, "Write to everyone booked")
        page.check("text=Weather")
        submit(page, "Next")
        page.fill("#id_note", "It may rain.")
        submit(page, "See what people will get")
        submit(page, "Change the words")
        assert page.input_value("#id_note") == "It may rain."
        page.fill("#id_note", "It may rain a lot.")
        submit(page, "See what people will get")
        assert "It may rain a lot." in page.content()
        submit(page, "Send to 3 people")
        assert "Your message is on its way" in page.content()
        page.go_back()
        submit(page, "Send to 3 people")
        assert "We did not send it again." in page.content()
    finally:
        context.close()
    assert Message.objects.filter(kind="group_message").count() == 3
    assert GroupMessage.objects.count() == 1
