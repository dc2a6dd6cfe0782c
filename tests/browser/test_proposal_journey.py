"""Issue 22, the whole way in a real browser (1,280 and 320 px, JavaScript on and off):
May proposes a trip one question a page; it is on the next board meeting's agenda with
its facts; at the held meeting a co-chair records yes; May's message is queued her way
(email); the draft activity exists with May as its co-leader, and her page says so."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from board.models import AgendaItem
from events.models import ActivityLeader, Suggestion
from members.models import User
from members.outbox.models import Message
from tests.board.meeting_helpers import editor, hold, make_board, plan
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _propose(page, look) -> None:
    """May answers one question a page, checks her answers and sends them."""
    for field, value in (
        ("#id_what-what", "A trip to the zoo"),
        ("#id_where-where", "Northfield Zoo"),
        ("#id_when-when", "In the spring"),
        ("#id_cost-cost_guess_pence", "12"),
    ):
        page.fill(field, value)
        submit(page, "Continue")
    look("propose-lead")
    submit(page, "Continue")  # no answer: the page says what to do
    assert "Please choose Yes or No." in page.locator("main").inner_text()
    look("propose-lead-error")
    page.check("#id_lead-wants_to_lead_0")
    submit(page, "Continue")
    main = page.locator("main").inner_text()
    assert "Check your idea" in main and "About £12" in main
    look("propose-check")
    submit(page, "Send my idea to the board")


def test_a_members_proposal_becomes_an_activity_she_helps_to_lead(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    board = make_board(cast)
    chair = editor(cast)
    User.objects.filter(pk=cast.organiser.pk).update(first_name="Olu")
    meeting = plan(cast, days=5, title="December meeting")
    look = Looks(page)

    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("suggestions"))
    submit(page, "Ask the board to agree an activity")
    look("my-ideas-empty")
    submit(page, "Send an idea to the board")
    _propose(page, look)
    assert page.url.endswith(reverse("my-ideas"))
    assert "The board talks about it on" in page.locator("main").inner_text()
    look("my-ideas-waiting")

    idea = Suggestion.objects.get(what="A trip to the zoo")
    item = AgendaItem.objects.get(suggestion=idea)
    assert item.meeting == meeting and idea.wants_to_lead
    hold(cast, meeting, board)

    sign_in(page, live_server, client, chair)
    page.goto(live_server.url + reverse("meeting-detail", args=[meeting.pk]))
    main = page.locator("main").inner_text()
    assert "An idea from May: A trip to the zoo" in main and "Northfield Zoo" in main
    look("meeting-with-proposal")
    submit(page, "Record the board")
    look("proposal-answer")
    page.check("#id_answer_0")
    page.fill("#id_reason", "Lots of members want to go.")
    page.select_option("#id_organiser", str(cast.organiser.pk))
    page.fill("#id_starts_on", (timezone.localdate() + dt.timedelta(days=40)).isoformat())
    submit(page, "Save the answer and tell May")
    assert page.url.endswith(reverse("meeting-detail", args=[meeting.pk]))

    idea.refresh_from_db()
    assert (idea.status, idea.answer) == (Suggestion.Status.PLANNED, "yes")
    told = Message.objects.get(kind="proposal_answer", recipient="member")
    # Queued her way; the live server's outbox worker may have sent it already.
    assert (told.member, told.way, told.to) == (cast.member_row, "email", "maya@example.org")
    assert told.status in ("queued", "sent")
    assert "The board said yes." in told.body
    lead = ActivityLeader.objects.get(activity=idea.activity)
    assert idea.activity.status == "draft"
    assert (lead.member, lead.organiser) == (cast.member_row, cast.organiser)

    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("me"))
    assert "You are helping to lead A trip to the zoo." in page.locator("main").inner_text()
    look("me-leading")
    assert look.failures == {}
