"""The board as the co-operative runs it: Patricia, the second co-chair, joins as a member
(so the meetings loader, which runs next, gives both co-chairs their terms); the council,
the housing association and the charity sit with the board; the co-chairs' paid helper has
hours this month and last; and the board's training is written down. Made through the
real services; safe to run twice."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from board.models import BoardTraining, ChairsHelper, PartnerSeat
from board.terms import people_services as services
from coop.demo import Loaded
from members import services as member_services
from members.models import Branch, ConductGuidelines, Member, User

PARTNERS = [
    ("Riverside Council", "Hannah Price"),
    ("Greenway Housing Association", "Tom Okoro"),
    ("Open Doors Charity", "Gill Ward"),
]
HELPER = ("Jo Baker", 1250)  # £12.50 an hour
# Days ago, hours, what for: this month's work on the newest days, so the board sees it.
HELPER_WORK = [
    (33, 6, "Booking the seaside minibus"),
    (26, 5, "Phoning members about the bowling trip"),
    (5, 4.5, "Writing the board papers with the co-chairs"),
    (2, 6, "Booking the curry house and phoning members"),
    (0, 3, "Getting the room ready for the board meeting"),
]
TRAINING = [
    (40, "Chairing meetings", "Patricia and Olu"),
    (75, "Reading the money reports", "The whole board"),
    (120, "Keeping people safe", "Patricia, Olu and Bea"),
]


def _patricia_a_member(admin: User) -> None:
    """Patricia co-chairs the board, so she is a member: the members loader leaves her out."""
    user = User.objects.get(username="organiser2")
    if Member.objects.filter(user=user).exists():
        return
    member = member_services.member_add(
        actor=admin,
        user=user,
        branch=Branch.objects.order_by("pk").first(),
        first_name=user.first_name,
        last_name=user.last_name,
        status=Member.Status.ACTIVE,
        admitted_on=timezone.localdate() - dt.timedelta(days=700),
        email=user.email,
        contact_preferences=["email"],
    )
    guidelines = ConductGuidelines.objects.order_by("-pk").first()
    if guidelines:
        member_services.guidelines_agree(member=member, guidelines=guidelines, actor=user)


def _helper(admin: User, today: dt.date) -> None:
    if ChairsHelper.objects.exists():
        return
    name, rate = HELPER
    helper = services.helper_add(
        name=name, hourly_rate_pence=rate, starts_on=today - dt.timedelta(days=200), actor=admin
    )
    for days_ago, hours, what_for in HELPER_WORK:
        worked_on = today - dt.timedelta(days=days_ago)
        if days_ago < 10 and worked_on.month != today.month:
            worked_on = today  # early in a month: this month's work is today's
        services.helper_hours_add(
            helper=helper,
            worked_on=worked_on,
            minutes=int(hours * 60),
            what_for=what_for,
            actor=admin,
        )


@transaction.atomic
def load_board_people() -> dict[str, int]:
    admin = User.objects.get(username="admin")
    today = timezone.localdate()
    _patricia_a_member(admin)
    if not PartnerSeat.objects.exists():
        for organisation, person in PARTNERS:
            services.partner_seat_add(
                organisation=organisation,
                person_name=person,
                starts_on=today - dt.timedelta(days=300),
                actor=admin,
            )
    _helper(admin, today)
    if not BoardTraining.objects.exists():
        for days_ago, what, who in TRAINING:
            services.training_add(
                what=what, held_on=today - dt.timedelta(days=days_ago), who=who, actor=admin
            )
    return {"partner seats": PartnerSeat.objects.filter(ends_on=None).count()}


def loaded_board_people() -> Loaded:
    """The demo loader (coop.demo): partner seats, the helper's hours, training."""
    return Loaded(counts=load_board_people())
