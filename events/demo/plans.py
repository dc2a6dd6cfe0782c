"""The demo activities, one plan each: when and where, who books and how they pay, what
else happens, and (for a past one) who did not come."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from coop.demo import clock_at
from events import services
from events.demo.cast import Demo, Who, book, hand_back, start_refund
from events.models import Activity
from finance.models import Payment
from finance.quarters import Quarter
from finance.services import refund_cash_handed_back, refund_start


@dataclass
class Plan:
    title: str
    branch: str
    days: int  # from today (below 0 is in the past); with quarters_ago, from its first day
    hours: tuple[int, int]  # starts, ends (local time)
    picture: str  # one of events.forms.PICTURES
    summary: str
    meeting_point: str
    places: int
    cost_pence: int = 0
    fee_pence: int = 0
    publish: bool = True
    extra: dict = field(default_factory=dict)
    # Who books, in this order, and how they pay (see cast.book).
    bookings: tuple[tuple[Who, str], ...] = ()
    # More to do once the bookings are made (for a past one, on the day it was booked).
    then: Callable[[Demo, Activity], None] | None = None
    # A past activity: who did not come. Everyone else who booked came.
    absent: tuple[Who, ...] = ()
    # In a quarter before today's (1: the last one): `days` counts from its first day.
    quarters_ago: int = 0

    def day(self, today: dt.date) -> dt.date:
        """The day it happens, loaded `today`."""
        if not self.quarters_ago:
            return today + dt.timedelta(days=self.days)
        quarter = Quarter.of(today)
        for _ in range(self.quarters_ago):
            quarter = quarter.previous()
        return quarter.start + dt.timedelta(days=self.days)


# What else happens at some activities


def _pizza(demo: Demo, activity: Activity) -> None:
    # Sue books for May, with a carer; May pays the organiser on the night.
    book(demo, activity, demo.may, "cash", actor=demo.supporter, guests=[{"kind": "carer"}])


def _seaside(demo: Demo, activity: Activity) -> None:
    # Two cancel in time. One has had the cash back; the other's is still to hand back.
    first, second = (activity.bookings.get(member=demo.who(i)) for i in (5, 6))
    services.booking_cancel(booking=first, actor=first.member.user)
    hand_back(demo, first, "cancelled in time")
    services.booking_cancel(booking=second, actor=second.member.user)
    start_refund(demo, second, "cancelled in time")
    # The freed seats go to May and the next person waiting (the service offers them
    # after commit; offering here too is safe: a seat is offered once).
    services.offer_next(activity)


def _bowling(demo: Demo, activity: Activity) -> None:
    # One lane is shut for the first game: the organiser gives back half of one fee now;
    # the other half comes back when they come, like any fee.
    booking = activity.bookings.get(member=demo.who(4))
    refund = refund_start(
        payment=Payment.objects.get(pk=booking.payment_id),
        reason="one lane shut for the first game",
        actor=demo.organiser,
        amount_pence=booking.fee_pence // 2,
    )
    refund_cash_handed_back(refund=refund, actor=demo.organiser)


def _curry(demo: Demo, activity: Activity) -> None:
    # The last day to cancel has passed: the fee is kept.
    late = activity.bookings.get(member=demo.who(14))
    services.booking_cancel(booking=late, actor=late.member.user)


def _cancel_in_time(who: Who) -> Callable[[Demo, Activity], None]:
    """`who` cancels when the activity is booked, well in time: the cash is handed back."""

    def then(demo: Demo, activity: Activity) -> None:
        booking = activity.bookings.get(member=demo.who(who))
        services.booking_cancel(booking=booking, actor=booking.member.user)
        hand_back(demo, booking, "cancelled in time")

    return then


def _cancel_late(who: Who) -> Callable[[Demo, Activity], None]:
    """`who` cancels the day before the activity, after the last day to cancel: the fee is
    kept."""

    def then(demo: Demo, activity: Activity) -> None:
        booking = activity.bookings.get(member=demo.who(who))
        with clock_at(activity.starts_at - dt.timedelta(days=1)):
            services.booking_cancel(booking=booking, actor=booking.member.user)

    return then


BOWLING = "We play two games of bowling. Bring money for a drink."
PLANS = [
    Plan(
        title="Walk in the park",
        branch="northfield",
        days=4,
        hours=(11, 13),
        picture="events/pictures/park.svg",
        summary="We walk round the park. Then we have a drink in the cafe.",
        meeting_point="The park gates on Mill Way",
        places=12,
        bookings=(("may", "cash"), (0, "cash"), (1, "cash")),
    ),
    Plan(
        title="Bowling",
        branch="northfield",
        days=9,
        hours=(14, 16),
        picture="events/pictures/bowling.svg",
        summary=BOWLING,
        meeting_point="Lucky Strike bowling, High Street",
        places=8,
        cost_pence=700,
        fee_pence=200,
        # May paid the organiser at the drop-in: the fee is held until she comes.
        bookings=(("may", "cash_received"), (2, "waived"), (3, "cash"), (4, "cash_received")),
        then=_bowling,
    ),
    Plan(
        title="Seaside trip by minibus",
        branch="riverside",
        days=16,
        hours=(9, 17),
        picture="events/pictures/minibus.svg",
        summary="We go to the seaside in our minibus. Bring a packed lunch.",
        meeting_point="The car park behind the library",
        places=4,
        cost_pence=500,
        fee_pence=300,
        extra={"guests_take_place": True, "step_free": True, "accessible_toilet": True},
        # The minibus is full after four: the next three (May first) wait.
        bookings=(
            (5, "cash_received"),
            (6, "cash_received"),
            (7, "waived"),
            (8, "cash_received"),
            ("may", "cash"),
            (9, "cash"),
            (10, "cash"),
        ),
        then=_seaside,
    ),
    Plan(
        title="Meal out: pizza",
        branch="northfield",
        days=23,
        hours=(18, 20),
        picture="events/pictures/meal.svg",
        summary="We eat pizza together at Luigi's.",
        meeting_point="Luigi's, Station Road",
        places=10,
        cost_pence=1200,
        fee_pence=200,
        extra={"step_free": True, "accessible_toilet": True},
        bookings=((11, "cash_received"),),
        then=_pizza,
    ),
    Plan(
        title="Shopping at the market",
        branch="riverside",
        days=30,
        hours=(10, 12),
        picture="events/pictures/shopping.svg",
        summary="We look round the market. You can buy things if you want.",
        meeting_point="The clock tower in the market square",
        places=6,
        bookings=((12, "cash"), (13, "cash")),
    ),
    # Tomorrow, and the last day to cancel was yesterday: cancelling now is late.
    Plan(
        title="Curry night",
        branch="riverside",
        days=1,
        hours=(18, 20),
        picture="events/pictures/meal.svg",
        summary="We have a curry at the Spice House.",
        meeting_point="The Spice House, Church Road",
        places=8,
        cost_pence=1000,
        fee_pence=200,
        bookings=((14, "cash_received"), (15, "cash_received")),
        then=_curry,
    ),
    Plan(
        title="Games afternoon",
        branch="northfield",
        days=40,
        hours=(13, 16),
        picture="coop/pictures/people.svg",
        summary="Board games and card games. Tea and biscuits.",
        meeting_point="The community centre, Green Walk",
        places=15,
        publish=False,
        extra={"quiet_space": True},
    ),
    Plan(
        title="Bowling",
        branch="riverside",
        days=-12,
        hours=(14, 16),
        picture="events/pictures/bowling.svg",
        summary=BOWLING,
        meeting_point="Superbowl, Riverside retail park",
        places=8,
        cost_pence=700,
        fee_pence=200,
        # 17's fee is kept; 18 came before paying: nothing to pay.
        bookings=((16, "cash_received"), (17, "cash_received"), (18, "cash"), (19, "waived")),
        absent=(17,),
    ),
    Plan(
        title="Meal out: fish and chips",
        branch="northfield",
        days=-20,
        hours=(12, 14),
        picture="events/pictures/meal.svg",
        summary="We have fish and chips by the river.",
        meeting_point="The Golden Fry, High Street",
        places=10,
        cost_pence=900,
        fee_pence=200,
        # 21 did not pay and did not come.
        bookings=(("may", "cash_received"), (20, "cash_received"), (21, "cash")),
        absent=(20, 21),
    ),
    Plan(
        title="Picnic in the park",
        branch="riverside",
        days=-30,
        hours=(12, 15),
        picture="events/pictures/park.svg",
        summary="A picnic in the sunshine. Bring your own lunch.",
        meeting_point="The bandstand in Riverside Park",
        places=20,
        bookings=(("may", "cash"), (22, "cash"), (23, "cash")),
        absent=(23,),
    ),
    # The quarter before last: every fee is given back or kept.
    Plan(
        title="Cinema afternoon",
        branch="northfield",
        quarters_ago=2,
        days=20,
        hours=(14, 17),
        picture="coop/pictures/people.svg",
        summary="We watch a film at the Roxy. Then we have a cup of tea.",
        meeting_point="The Roxy cinema, Queen Street",
        places=10,
        cost_pence=600,
        fee_pence=200,
        # 2's fee is kept; 4 came before paying: nothing to pay.
        bookings=(
            (0, "cash_received"),
            (1, "cash_received"),
            (2, "cash_received"),
            (3, "waived"),
            (4, "cash"),
        ),
        absent=(2,),
    ),
    Plan(
        title="Boat trip on the lake",
        branch="riverside",
        quarters_ago=2,
        days=45,
        hours=(10, 15),
        picture="events/pictures/seaside.svg",
        summary="We take a boat round the lake. Bring a packed lunch.",
        meeting_point="The jetty at Riverside Lake",
        places=8,
        cost_pence=800,
        fee_pence=300,
        extra={"step_free": True},
        bookings=tuple((i, "cash_received") for i in range(5, 10)),
        then=_cancel_in_time(9),
        absent=(8,),
    ),
    Plan(
        title="Meal out: Sunday lunch",
        branch="northfield",
        quarters_ago=2,
        days=70,
        hours=(12, 14),
        picture="events/pictures/meal.svg",
        summary="We have a Sunday roast at the Red Lion.",
        meeting_point="The Red Lion, Church Street",
        places=10,
        cost_pence=1100,
        fee_pence=200,
        extra={"step_free": True, "accessible_toilet": True},
        # 12 cancels too late: the fee is kept. 13 did not pay and did not come.
        bookings=(
            (10, "cash_received"),
            (11, "cash_received"),
            (12, "cash_received"),
            (13, "cash"),
        ),
        then=_cancel_late(12),
        absent=(13,),
    ),
    # The last quarter.
    Plan(
        title="Museum trip",
        branch="riverside",
        quarters_ago=1,
        days=15,
        hours=(10, 15),
        picture="events/pictures/minibus.svg",
        summary="We go to the city museum in our minibus.",
        meeting_point="The car park behind the library",
        places=6,
        cost_pence=500,
        fee_pence=300,
        extra={"step_free": True, "accessible_toilet": True},
        bookings=(
            (14, "cash_received"),
            (15, "cash_received"),
            (16, "cash_received"),
            (17, "cash_received"),
            (18, "waived"),
        ),
        absent=(17,),
    ),
    Plan(
        title="Bowling night",
        branch="northfield",
        quarters_ago=1,
        days=40,
        hours=(18, 20),
        picture="events/pictures/bowling.svg",
        summary=BOWLING,
        meeting_point="Lucky Strike bowling, High Street",
        places=8,
        cost_pence=700,
        fee_pence=200,
        bookings=(
            (19, "cash_received"),
            (20, "cash_received"),
            (21, "cash_received"),
            (22, "cash"),
        ),
        then=_cancel_in_time(21),
    ),
    Plan(
        title="Market and cafe",
        branch="riverside",
        quarters_ago=1,
        days=75,
        hours=(10, 12),
        picture="events/pictures/shopping.svg",
        summary="We look round the market. Then we have a drink in the cafe.",
        meeting_point="The clock tower in the market square",
        places=6,
        bookings=((23, "cash"), (0, "cash"), (1, "cash")),
        absent=(0,),
    ),
]
