"""Issue 22 in the demo: a proposal waits on the next meeting's agenda; at last month's
meeting the board said yes to May's boat trip (a draft she helps to lead with Olu) and
not now to a weekend in London, each with a reason."""

import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from board.models import AgendaItem, Meeting
from events.models import Activity, ActivityLeader, Suggestion
from members.models import User
from members.outbox.models import Message

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_proposal_waiting_one_agreed_and_one_not_now(client):
    started = time.monotonic()
    call_command("load_demo")
    print(f"load_demo took {time.monotonic() - started:.1f} s")
    upcoming = Meeting.objects.get(starts_at__gte=timezone.now())
    waiting = AgendaItem.objects.get(meeting=upcoming, suggestion__isnull=False).suggestion
    assert (waiting.what, waiting.status) == ("A day at the zoo", Suggestion.Status.AGENDA)
    boat = Suggestion.objects.get(what="A boat trip on the river")
    assert (boat.answer, boat.member.user.username) == ("yes", "member")
    assert boat.activity.status == Activity.Status.DRAFT
    lead = ActivityLeader.objects.get(activity=boat.activity)
    assert (lead.member, lead.organiser.username) == (boat.member, "organiser")
    london = Suggestion.objects.get(what="A weekend in London")
    assert london.answer == "not_now" and "costs too much" in london.reason
    told = Message.objects.filter(kind="proposal_answer", recipient="member")
    assert told.count() == 2
    client.force_login(User.objects.get(username="member"))
    page = client.get(reverse("me")).content.decode()
    assert "You are helping to lead A boat trip on the river." in page
    ideas = client.get(reverse("my-ideas")).content.decode()
    assert "The board said yes." in ideas
    client.force_login(User.objects.get(username="organiser"))
    draft = client.get(reverse("organiser-activity", args=[boat.activity_id])).content.decode()
    assert "Led by May with Olu." in draft
    agenda = client.get(reverse("meeting-detail", args=[upcoming.pk])).content.decode()
    assert "A day at the zoo" in agenda and "Northfield Zoo" in agenda
