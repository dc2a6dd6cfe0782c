"""The demo board meetings: a held meeting's papers were written on its day, as things
were then, and the sitting fees paid at the next meeting are in the books on that day.
The next meeting's papers are sent; a co-chair and a papers writer edit, Bea reads."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from board.meetings.permissions import can_manage_meetings, can_read_meetings
from board.models import BoardMembership, Meeting, Paper
from coop.dates import easy_date
from finance.models import Transaction
from members.models import User

pytestmark = pytest.mark.django_db


def test_a_held_meetings_money_paper_is_as_things_were_on_its_day():
    call_command("load_demo")
    for meeting in Meeting.objects.all():
        paper = Paper.objects.get(item__meeting=meeting, item__source="money", title="Money")
        day = min(timezone.localdate(meeting.starts_at), timezone.localdate())
        assert f"so far, up to {easy_date(day)}" in paper.standard_text, meeting.title


def test_the_first_meetings_sitting_fees_are_paid_on_the_day_of_the_next():
    call_command("load_demo")
    first, last = Meeting.objects.order_by("starts_at")[:2]
    paid = Transaction.objects.filter(description__contains=first.title)
    assert paid.exists()
    assert set(paid.values_list("date", flat=True)) == {timezone.localdate(last.starts_at)}


def test_the_demo_has_editors_a_reader_and_a_next_meeting_with_its_papers_sent(client):
    call_command("load_demo")
    upcoming = Meeting.objects.filter(starts_at__gte=timezone.now()).get()
    assert upcoming.status == Meeting.Status.PAPERS_SENT and upcoming.deliveries.exists()
    writers = BoardMembership.objects.filter(writes_papers=True)
    assert writers.count() == 1
    writer = writers.get().member.user
    assert writer.username not in ("organiser", "board")
    assert can_manage_meetings(writer)
    assert can_manage_meetings(User.objects.get(username="organiser"))
    bea = User.objects.get(username="board")
    assert can_read_meetings(bea) and not can_manage_meetings(bea)
    client.force_login(bea)
    page = client.get(reverse("board-home")).content.decode()
    assert f'href="{reverse("meeting-pack", args=[upcoming.pk])}">Read the papers</a>' in page
    call_command("load_demo")
    assert BoardMembership.objects.filter(writes_papers=True).count() == 1
