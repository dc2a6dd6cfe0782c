"""axe over "Messages to deal with" (full and empty, at 1280 and 320 px), and its buttons
pressed in a browser with JavaScript off: a call recorded, "Try again"."""

import pytest
from django.urls import reverse

from coop.dates import easy_date
from members.models import Member
from members.outbox.models import Message
from members.outbox.services import Words, tell
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Message.Status
WORDS = Words("A place is free for you: Bowling", ["Hello.", "A place is free for you."])


def _message(cast, first: str, ways: list[str], **details) -> Message:
    fields = {"email": "", "phone": "", "address": "", "postcode": ""}
    fields.update(details)
    member = MemberFactory(
        user=None,
        first_name=first,
        last_name="Patel",
        branch=cast.member_row.branch,
        contact_preferences=ways,
        **fields,
    )
    (message,) = tell(member, "test_news", WORDS)
    return message


def _work(cast) -> dict[str, Message]:
    messages = {
        "call": _message(cast, "Carl", ["phone"], phone="07700 900222"),
        "letter": _message(
            cast, "Uma", ["letter"], address="12 Long Lane\nNorthfield", postcode="B31 2AB"
        ),
        "failed": _message(cast, "Emma", ["email"], email="emma@example.org"),
        "no_way": _message(cast, "Nina", ["letter"], address="3 Short Street"),
    }
    Message.objects.filter(pk=messages["failed"].pk).update(
        status=S.FAILED, attempts=6, last_error="[Errno 111] Connection refused", next_try_at=None
    )
    return messages


@pytest.fixture
def no_script(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_messages_page_passes_axe_full_and_empty(page, live_server, client):
    cast = make_cast()
    sign_in(page, live_server, client, cast.organiser)
    url = live_server.url + reverse("outbox")
    failures = {"empty": check_page(page, url)}
    assert "No calls to make." in page.content()
    _work(cast)
    failures["full"] = check_page(page, url)
    assert "Call 07700 900222" in page.content()
    failures["home"] = check_page(page, live_server.url + reverse("organiser-home"))
    assert "1 member wants letters" in page.content()
    nina = Message.objects.get(name="Nina Patel").member_id
    details = live_server.url + reverse("member-contact-details", args=[nina])
    failures["details"] = check_page(page, details)
    page.fill("#id_postcode", "not one")
    submit(page, "Save")
    assert page.title().startswith("Error: ")
    assert "Please type a UK postcode" in page.content()
    failures["details-error"] = axe_violations(page)
    # With "What to say" open, and after a button is pressed (the notice shows).
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(url)
    page.click("summary:has-text('What to say')")
    failures["open"] = axe_violations(page)
    submit(page, "No answer")
    assert "Carl Patel: no answer. Try again later." in page.content()
    failures["notice"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_call_and_try_again_work_with_javascript_off(no_script, live_server, client):
    cast = make_cast()
    messages = _work(cast)
    page = no_script
    sign_in(page, live_server, client, cast.organiser)
    page.goto(live_server.url + reverse("outbox"))
    submit(page, "Called")
    assert "Carl Patel: called." in page.content()
    assert Message.objects.get(pk=messages["call"].pk).status == S.CALLED
    assert "Calls to make (0)" in page.content()
    # "Try again" for someone we still cannot reach: it says why, and nothing changes.
    with page.expect_navigation():
        page.click(f"#message-{messages['no_way'].pk} button:has-text('Try again')")
    assert "We still have no way to reach Nina Patel." in page.content()
    assert Message.objects.get(pk=messages["no_way"].pk).status == S.NO_WAY
    # "Printed" after the letters.
    submit(page, "Printed")
    assert "1 letter printed. Please post them today." in page.content()
    assert Message.objects.get(pk=messages["letter"].pk).status == S.PRINTED


def test_try_again_sends_again_with_javascript_off(no_script, live_server, client):
    cast = make_cast()
    messages = _work(cast)
    Member.objects.filter(pk=messages["no_way"].member_id).update(postcode="NF1 1AA")
    page = no_script
    sign_in(page, live_server, client, cast.organiser)
    page.goto(live_server.url + reverse("outbox"))
    with page.expect_navigation():
        page.click(f"#message-{messages['failed'].pk} button:has-text('Try again')")
    assert "Emma Patel: We will send it again now." in page.content()
    # Queued again, and sent by the worker (the tests run tasks at once).
    assert Message.objects.get(pk=messages["failed"].pk).status in (S.QUEUED, S.SENT)
    with page.expect_navigation():
        page.click(f"#message-{messages['no_way'].pk} button:has-text('Try again')")
    assert "Nina Patel: It is on the list of letters to print." in page.content()
    assert Message.objects.get(pk=messages["no_way"].pk).status == S.LETTER_READY


def _day(cast):
    """A phone member and a letter member booked on Bowling in 2 days and reminded (a
    call and a letter on the activity's lists), and a call in the outbox."""
    from events.models import Booking
    from events.services.reminders import reminders_send
    from tests.events.after_helpers import book
    from tests.events.conftest import make_activity

    messages = _work(cast)
    bowling = make_activity(cast.organiser, cast.member_row.branch, days=2)
    for message in (messages["call"], messages["letter"]):
        book(bowling, message.member, Booking.Status.CONFIRMED)
    reminders_send()
    return bowling


def test_todays_work_opens_the_page_passes_axe_and_its_links_work_without_javascript(
    page, no_script, live_server, client
):
    cast = make_cast()
    bowling = _day(cast)
    sign_in(page, live_server, client, cast.organiser)
    url = live_server.url + reverse("outbox")
    assert check_page(page, url) == {}  # at 1280 and 320 px
    headings = page.locator("main h2").all_inner_texts()
    # Publishing Bowling sent "what's on" too (tasks run at once here): Carl by phone,
    # Uma by letter, and Nina (no way) on the call list.
    assert headings[:2] == ["Calls to make today: 4", "Letters to print today: 3"]

    browser_page = no_script
    sign_in(browser_page, live_server, client, cast.organiser)
    browser_page.goto(url)
    today = browser_page.locator("section[aria-labelledby='calls-today']")
    assert today.locator("a").all_inner_texts() == [
        "Messages to tell by phone: 1 call",
        f"Reminders for Bowling, {easy_date(bowling.starts_at)}: 1 call",
        "What's on: new activities: 2 calls",
    ]
    with browser_page.expect_navigation():
        today.locator("a", has_text="Reminders for Bowling").click()
    assert browser_page.url.endswith(reverse("reminder-calls", args=[bowling.pk]))
    assert "Carl Patel" in browser_page.content()
    browser_page.goto(url)
    browser_page.locator("section[aria-labelledby='letters-today'] a").first.click()
    assert browser_page.url.endswith(reverse("outbox") + "#letters")
