"""Reads about board meetings: the meetings before and after now, the open actions, the
packs still to post or call about, the approved minutes and the sitting fees."""

import datetime as dt

from django.db.models import QuerySet

from board.meetings.models import Action, Meeting, PackDelivery, SittingFee

# Deliveries someone still has to do by hand: a call to make (again) or a pack to post.
BY_HAND = (
    PackDelivery.Status.TO_CALL,
    PackDelivery.Status.NO_ANSWER,
    PackDelivery.Status.TO_PRINT,
)


def meetings_around(now: dt.datetime) -> tuple[list[Meeting], list[Meeting]]:
    """The meetings to come (soonest first) and those past (latest first)."""
    meetings = Meeting.objects.order_by("-starts_at")
    return [m for m in meetings if m.starts_at >= now][::-1], [
        m for m in meetings if m.starts_at < now
    ]


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting before this one, leaving out cancelled meetings."""
    return (
        Meeting.objects.filter(starts_at__lt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )


def minutes_approved_list() -> QuerySet[Meeting]:
    """The meetings whose minutes members may read, latest first."""
    return Meeting.objects.filter(status=Meeting.Status.MINUTES_APPROVED).order_by("-starts_at")


def open_action_count() -> int:
    return Action.objects.filter(done_at__isnull=True).count()


def open_actions_before(meeting: Meeting) -> QuerySet[Action]:
    """Actions from earlier meetings not done yet, by when they are due."""
    return (
        Action.objects.filter(done_at__isnull=True, meeting__starts_at__lt=meeting.starts_at)
        .exclude(meeting=meeting)
        .select_related("owner", "meeting")
        .order_by("due_on", "pk")
    )


def action_list() -> tuple[list[Action], list[Action]]:
    """The open actions, and the last 50 done, by when they are due."""
    actions = Action.objects.select_related("owner", "meeting").order_by("done_at", "due_on")
    return (
        [a for a in actions if a.done_at is None],
        [a for a in actions if a.done_at is not None][:50],
    )


def packs_by_hand_count() -> int:
    return PackDelivery.objects.filter(status__in=BY_HAND).count()


def packs_by_hand() -> QuerySet[PackDelivery]:
    """The calls to make and the packs to print and post."""
    return PackDelivery.objects.select_related("member", "meeting").filter(status__in=BY_HAND)


def packs_no_way() -> QuerySet[PackDelivery]:
    """Board members we have no way to reach with papers that have gone out."""
    return PackDelivery.objects.select_related("member", "meeting").filter(
        way=PackDelivery.Way.NONE, meeting__status=Meeting.Status.PAPERS_SENT
    )


def sitting_fees_owed() -> QuerySet[SittingFee]:
    """The fees owed and not yet paid (the finance home counts them)."""
    return SittingFee.objects.filter(status=SittingFee.Status.OWED)


def sitting_fee_list() -> tuple[list[SittingFee], list[SittingFee]]:
    """The fees owed, and the last 100 paid."""
    fees = SittingFee.objects.select_related("member", "meeting", "paid_by")
    return (
        [f for f in fees if f.status == SittingFee.Status.OWED],
        [f for f in fees if f.status == SittingFee.Status.PAID][:100],
    )
