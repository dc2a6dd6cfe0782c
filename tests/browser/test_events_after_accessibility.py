"""axe over the pages before and after an activity: the board's numbers, the organiser's
call list and evaluation, the member's say, and ideas for activities — error states
included."""

import pytest
from django.urls import reverse

from events import services
from events.models import Booking
from members.models import Member
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_activity, make_members

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

B = Booking.Status


def _errors(page) -> list:
    assert page.title().startswith("Error: "), page.title()
    return axe_violations(page)


def test_board_numbers_pass_axe(page, live_server, client):
    cast = make_cast()
    held = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    (other,) = make_members(cast, 1)
    book(held, cast.member_row, B.ATTENDED)
    book(held, other, B.NO_SHOW)
    sign_in(page, live_server, client, cast.board)
    url = live_server.url + reverse("activity-summary")
    failures = {"summary": check_page(page, url)}
    # Issue 19: the rate is said of the people whose attendance is known.
    assert "Of these 2 people, 1 in 2 did not come." in page.content()
    failures["summary-error"] = check_page(page, url + "?date_from=soon", expect_error_title=True)
    assert "Please give the first day as a date" in page.content()
    assert {k: v for k, v in failures.items() if v} == {}


def test_organiser_calls_and_evaluation_pass_axe(page, live_server, client):
    cast = make_cast()
    soon = make_activity(cast.organiser, cast.member_row.branch, days=2)
    caller, writer = make_members(cast, 2)
    Member.objects.filter(pk=caller.pk).update(contact_preferences=["phone"], phone="07700 900222")
    Member.objects.filter(pk=writer.pk).update(
        contact_preferences=["letter"], address="1 High Street\nNorthfield", postcode="NF1 1AA"
    )
    book(soon, caller, B.CONFIRMED)
    book(soon, writer, B.CONFIRMED)
    services.reminders_send()
    held = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    book(held, cast.member_row, B.ATTENDED)
    sign_in(page, live_server, client, cast.organiser)
    failures = {
        "calls": check_page(page, live_server.url + reverse("reminder-calls", args=[soon.pk])),
        "evaluation": check_page(page, live_server.url + reverse("evaluation", args=[held.pk])),
        "evaluation-future": check_page(
            page, live_server.url + reverse("evaluation", args=[soon.pk])
        ),
    }
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("reminder-calls", args=[soon.pk]))
    submit(page, "No answer")
    assert "Try again later." in page.content()
    failures["calls-no-answer"] = axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("evaluation", args=[held.pk]))
    page.fill("#id_actual_cost_pence", "lots")
    submit(page, "Save the evaluation")
    failures["evaluation-error"] = _errors(page)
    page.fill("#id_actual_cost_pence", "12.50")
    page.fill("#id_went_well", "Everyone had fun.")
    submit(page, "Save the evaluation")
    assert "The evaluation is saved" in page.content()
    failures["evaluation-saved"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_member_feedback_and_ideas_pass_axe(page, live_server, client):
    cast = make_cast()
    held = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    booking = book(held, cast.member_row, B.ATTENDED)
    sign_in(page, live_server, client, cast.member)
    failures = {
        "booking": check_page(page, live_server.url + reverse("booking-detail", args=[booking.pk])),
        "ideas-empty": check_page(page, live_server.url + reverse("suggestions")),
        "idea-new": check_page(page, live_server.url + reverse("suggestion-new")),
    }
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("booking-detail", args=[booking.pk]))
    submit(page, "Say how it was")
    failures["face"] = axe_violations(page)
    submit(page, "Continue")
    failures["face-error"] = _errors(page)
    page.check("input[value=good]")
    submit(page, "Continue")
    failures["again"] = axe_violations(page)
    page.check("input[value=yes]")
    submit(page, "Continue")
    failures["comment"] = axe_violations(page)
    page.fill("textarea", "The pins were loud.")
    submit(page, "Continue")
    assert page.locator("h1").inner_text() == "Check your answers"
    failures["check"] = axe_violations(page)
    submit(page, "Send my answers")
    assert "You said it was good." in page.content()
    failures["thanks"] = axe_violations(page)

    page.goto(live_server.url + reverse("suggestion-new"))
    submit(page, "Send my idea")
    failures["idea-error"] = _errors(page)
    page.fill("#id_what", "Go to the zoo")
    page.fill("#id_cost_guess_pence", "15")
    submit(page, "Send my idea")
    assert "Go to the zoo" in page.content()
    failures["ideas"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_deciding_on_an_idea_passes_axe(page, live_server, client):
    cast = make_cast()
    idea = services.suggestion_create(
        member=cast.member_row, actor=cast.member, what="Go to the zoo", where="City Zoo"
    )
    sign_in(page, live_server, client, cast.board)
    url = live_server.url + reverse("suggestion-decide", args=[idea.pk])
    failures = {
        "ideas": check_page(page, live_server.url + reverse("suggestions")),
        "decide": check_page(page, url),
    }
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.fill("#id_reason", "")
    submit(page, "Save")
    failures["decide-error"] = _errors(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_what_is_on_page_and_evaluation_photos_pass_axe(
    page, live_server, client, settings, tmp_path
):
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path / "media"
    cast = make_cast()
    caller, writer, shy = make_members(cast, 3)
    Member.objects.filter(pk=caller.pk).update(contact_preferences=["phone"], phone="07700 900222")
    Member.objects.filter(pk=writer.pk).update(
        contact_preferences=["letter"], address="1 High Street\nNorthfield", postcode="NF1 1AA"
    )
    Member.objects.filter(pk=cast.member_row.pk).update(photo_consent=True)
    # Publishing queues the "what is on" message; the test task backend sends it at once.
    make_activity(cast.organiser, cast.member_row.branch, days=9)
    held = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    book(held, cast.member_row, B.ATTENDED)
    book(held, shy, B.ATTENDED)
    out = io.BytesIO()
    Image.new("RGB", (600, 400), "#1d4f91").save(out, "JPEG")
    services.evaluation_photo_add(
        activity=held,
        actor=cast.organiser,
        data=out.getvalue(),
        alt="May holds a bowling ball.",
        members=[cast.member_row],
    )
    photo_file = tmp_path / "bowling.jpg"
    photo_file.write_bytes(out.getvalue())
    sign_in(page, live_server, client, cast.organiser)
    whats_on = live_server.url + reverse("whats-on")
    evaluation = live_server.url + reverse("evaluation", args=[held.pk])
    failures = {
        "whats-on": check_page(page, whats_on),
        "evaluation-with-photo": check_page(page, evaluation),
    }
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(whats_on)
    assert "Print the letters" in page.content()  # the letter member's message
    submit(page, "No answer")
    assert "Try again later." in page.content()
    failures["whats-on-no-answer"] = axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(evaluation)
    page.set_input_files("#id_photo-image", str(photo_file))
    page.fill("#id_photo-alt", "Two people bowling.")
    page.check("#id_photo-members_0")
    page.check("#id_photo-members_1")
    page.check("#id_photo-everyone_ticked")
    submit(page, "Add the photo")
    failures["photo-refused"] = _errors(page)
    assert "did not agree to photos" in page.content()
    assert {k: v for k, v in failures.items() if v} == {}
