"""Bea, on the board but not one of those who edit meetings, finds the papers for the next
board meeting from her own page, at 1,280 and 320 px with JavaScript on and off: every page
axe clean with no sideways scroll, and no editing controls on her way (issue 20)."""

import pytest
from django.urls import reverse

from board.meetings.services.packs import papers_send
from tests.board.meeting_helpers import make_board, plan, written_paper
from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_member_reads_the_papers_for_the_next_meeting(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    make_board(cast)
    meeting = plan(cast, days=5, title="December meeting")
    written_paper(cast, meeting)
    papers_send(meeting=meeting, actor=cast.admin)
    sign_in(page, live_server, client, cast.board)
    look = Looks(page)

    page.goto(live_server.url + reverse("home"))
    assert page.url.endswith(reverse("board-home"))
    look("board-home")
    main = page.locator("main").inner_text()
    assert "Our next board meeting" in main and "December meeting" in main
    submit(page, "Read the papers")
    assert page.url.endswith(reverse("meeting-pack", args=[meeting.pk]))
    assert page.locator("h1").inner_text() == "Papers: December meeting"
    assert "Hiring a minibus" in page.locator("main").inner_text()
    look("papers")

    # The meeting itself: the papers first, and nothing to change.
    page.goto(live_server.url + reverse("board-home"))
    submit(page, "December meeting")
    assert page.url.endswith(reverse("meeting-detail", args=[meeting.pk]))
    main = page.locator("main").inner_text()
    assert "Send the papers" not in main and "Cancel" not in main and "Change" not in main
    assert page.locator("main form").count() == 0
    look("meeting")
    submit(page, "Read the papers")
    assert page.url.endswith(reverse("meeting-pack", args=[meeting.pk]))
    assert look.failures == {}
