"""Who acts in the demo activities, and the acts the plans share: booking as a member,
a supporter or the organiser would, and handing cash back."""

from dataclasses import dataclass

from events import services
from events.models import Activity, Booking
from finance.models import Payment, Refund
from finance.services import refund_cash_handed_back, refund_start
from members.models import Branch, Member, User
from members.selectors import member_has_agreed_current_guidelines

DEMO_MEMBER = "member"  # May Okafor's sign-in
HARDSHIP = "Hardship: agreed with the co-chair."


Who = str | int  # "may", or an index into Demo.others


@dataclass
class Demo:
    """Who acts in the demo, and the members who book (May first)."""

    organiser: User
    supporter: User
    may: Member
    others: list[Member]
    branches: dict[str, Branch]

    def who(self, who: Who) -> Member:
        return self.may if who == "may" else self.others[who]


def book(
    demo: Demo,
    activity: Activity,
    member: Member,
    payment: str,
    *,
    actor: User | None = None,
    guests: list[dict] | None = None,
) -> Booking:
    """Book as the member would when they will pay cash ("cash"), or as the organiser
    taking the cash ("cash_received") or agreeing not to ("waived"); or as `actor`."""
    if actor is None:
        actor = member.user if payment == "cash" else demo.organiser
    waive_reason = HARDSHIP if payment == "waived" else ""
    return services.booking_create(
        activity=activity,
        member=member,
        actor=actor,
        guests=guests,
        payment=payment,
        waive_reason=waive_reason,
    )


def start_refund(demo: Demo, booking: Booking, reason: str) -> Refund:
    """Start the cash refund now (the service starts it after commit; starting it here too
    is safe, it is made once): the organiser has the cash in an envelope."""
    booking.refresh_from_db()
    return refund_start(
        payment=Payment.objects.get(pk=booking.payment_id), reason=reason, actor=demo.organiser
    )


def hand_back(demo: Demo, booking: Booking, reason: str) -> None:
    """Start the cash refund and hand the cash back."""
    refund = start_refund(demo, booking, reason)
    refund_cash_handed_back(refund=refund, actor=demo.organiser)


def cast() -> Demo:
    """Who acts, found among the demo people. Raises RuntimeError when they are missing."""
    try:
        organiser = User.objects.get(username="organiser")
        supporter = User.objects.get(username="supporter")
        may = Member.objects.get(user__username=DEMO_MEMBER)
        branches = {b.slug: b for b in Branch.objects.filter(slug__in=["northfield", "riverside"])}
    except (User.DoesNotExist, Member.DoesNotExist) as error:
        raise RuntimeError("Load the demo people first (members.demo.load_people).") from error
    staff_members = {"organiser", "board"}
    others = [
        m
        for m in Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=False)
        .exclude(pk=may.pk)
        .exclude(user__username__in=staff_members)
        .select_related("user")
        .order_by("membership_number")
        if member_has_agreed_current_guidelines(m)
    ]
    if len(branches) != 2 or len(others) < 24:
        raise RuntimeError("The demo activities need the demo people: run load_people first.")
    return Demo(organiser=organiser, supporter=supporter, may=may, others=others, branches=branches)
