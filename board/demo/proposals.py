"""Demo proposals (issue 22), made through the real services while the meetings are made:
May's boat trip and a weekend in London go on last month's agenda before it is held; at
it Olu, a co-chair, records yes to the boat trip (a draft activity May helps to lead with
Olu) and not now to London, with reasons; a day at the zoo waits on next month's agenda."""

import datetime as dt

from django.utils import timezone

from board.meetings import services
from board.models import Meeting
from events import services as events
from events.models import Suggestion
from members.models import Member, User

# key -> (who: "may" or an index into the other members, what, where, when, cost, leads)
IDEAS = {
    "yes": ("may", "A boat trip on the river", "Riverside Quay", "In the summer", 1500, True),
    "not_now": (0, "A weekend in London", "London", "In the spring", 12000, False),
    "waiting": (1, "A day at the zoo", "Northfield Zoo", "On a Saturday", 1200, True),
}
REASONS = {
    "yes": "Lots of members want to go. It does not cost too much.",
    "not_now": "It costs too much this year. We can talk about it again next year.",
}


def _members() -> tuple[Member, list[Member]]:
    may = Member.objects.get(user__username="member")
    others = list(
        Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=False)
        .exclude(user__username__in=["member", "organiser", "board"])
        .order_by("membership_number")[:6]
    )
    return may, others


def _propose(key: str) -> Suggestion:
    may, others = _members()
    who, what, where, when, cost, leads = IDEAS[key]
    member = may if who == "may" else others[who]
    idea = events.proposal_make(
        member=member,
        actor=member.user,
        what=what,
        where=where,
        when=when,
        cost_guess_pence=cost,
        wants_to_lead=leads,
    )
    for fan in others[2 : 4 + len(key) % 3]:
        events.suggestion_interest_add(suggestion=idea, member=fan, actor=fan.user)
    return idea


def proposals_before_meeting(meeting: Meeting) -> None:
    """Before last month's meeting: two proposals go on its agenda."""
    for key in ("yes", "not_now"):
        _propose(key)


def proposals_answered(meeting: Meeting) -> None:
    """At last month's meeting Olu (a co-chair) records the board's answers."""
    olu = User.objects.get(username="organiser")
    for key in ("yes", "not_now"):
        idea = Suggestion.objects.get(what=IDEAS[key][1], to_board=True)
        services.proposal_decide(
            item=meeting.items.get(suggestion=idea),
            actor=olu,
            answer=key,
            reason=REASONS[key],
            organiser=olu,
            starts_on=timezone.localdate() + dt.timedelta(days=35),
        )


def proposal_waiting() -> None:
    """After next month's meeting is planned: the zoo trip goes on its agenda."""
    _propose("waiting")
