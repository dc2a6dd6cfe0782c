"""The demo board meetings: a held meeting's papers were written on its day, as things
were then, and the sitting fees paid at the next meeting are in the books on that day."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from board.models import Meeting, Paper
from coop.dates import easy_date
from finance.models import Transaction

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
