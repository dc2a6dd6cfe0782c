"""The demo co-operative's activities: ten across the two branches, past and to come,
with bookings in every state a member can meet — all made through the services, as an
organiser, a member or a supporter would. Cash only: the demo runs without Stripe, so no
booking waits for a card payment (awaiting_payment needs one).

Deterministic (the same activities, members and states every time, with dates counted
from today) and safe to run again: an activity already there (same title and branch) is
left as it is, with its bookings."""

import datetime as dt
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q
from django.test.utils import override_settings
from django.utils import timezone

from events import services
from events.forms import PICTURES
from events.models import Activity, Booking
from finance.models import Payment, Refund
from finance.services import refund_cash_handed_back, refund_start
from members.models import Branch, Member, User
from members.selectors import member_has_agreed_current_guidelines

B = Booking.Status
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


@dataclass
class Plan:
    title: str
    branch: str
    days: int  # from today; below 0 is in the past
    hours: tuple[int, int]  # starts, ends (local time)
    picture: str  # one of events.forms.PICTURES
    summary: str
    meeting_point: str
    places: int
    cost_pence: int = 0
    fee_pence: int = 0
    publish: bool = True
    extra: dict = field(default_factory=dict)
    # Who books, in this order, and how they pay (see _book).
    bookings: tuple[tuple[Who, str], ...] = ()
    # More to do once the bookings are made (and before a past activity is moved back).
    then: Callable[[Demo, Activity], None] | None = None
    # A past activity: who did not come. Everyone else who booked came.
    absent: tuple[Who, ...] = ()


def _book(
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


def _start_refund(demo: Demo, booking: Booking, reason: str) -> Refund:
    """Start the cash refund now (the service starts it after commit; starting it here too
    is safe, it is made once): the organiser has the cash in an envelope."""
    booking.refresh_from_db()
    return refund_start(
        payment=Payment.objects.get(pk=booking.payment_id), reason=reason, actor=demo.organiser
    )


def _hand_back(demo: Demo, booking: Booking, reason: str) -> None:
    """Start the cash refund and hand the cash back."""
    refund = _start_refund(demo, booking, reason)
    refund_cash_handed_back(refund=refund, actor=demo.organiser)


def _attendance(demo: Demo, plan: Plan, activity: Activity) -> None:
    """Mark who came. The fee held for each who came is handed back; the fee of a
    paid booking whose member did not come is kept."""
    bookings = {b.member_id: b for b in activity.bookings.all()}
    for who, payment in plan.bookings:
        came = who not in plan.absent
        booking = services.attendance_mark(
            booking=bookings[demo.who(who).pk], actor=demo.organiser, attended=came
        )
        if came and payment == "cash_received":
            _hand_back(demo, booking, "came to the activity")


# What else happens at some activities


def _pizza(demo: Demo, activity: Activity) -> None:
    # Sue books for May, with a carer; May pays the organiser on the night.
    _book(demo, activity, demo.may, "cash", actor=demo.supporter, guests=[{"kind": "carer"}])


def _seaside(demo: Demo, activity: Activity) -> None:
    # Two cancel in time. One has had the cash back; the other's is still to hand back.
    first, second = (activity.bookings.get(member=demo.who(i)) for i in (5, 6))
    services.booking_cancel(booking=first, actor=first.member.user)
    _hand_back(demo, first, "cancelled in time")
    services.booking_cancel(booking=second, actor=second.member.user)
    _start_refund(demo, second, "cancelled in time")
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
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _times(plan: Plan, today: dt.date) -> dict[str, dt.datetime]:
    """The activity's times. A past activity gets the same shape of times starting
    tomorrow (booking is open now), to be moved back after its bookings are made."""
    day = today + dt.timedelta(days=plan.days if plan.days > 0 else 1)
    starts, ends = _at(day, plan.hours[0]), _at(day, plan.hours[1])
    return {
        "starts_at": starts,
        "ends_at": ends,
        "booking_opens_at": _at(today - dt.timedelta(days=14), 9),
        "booking_closes_at": starts - dt.timedelta(hours=2),
        "cancel_by": starts - dt.timedelta(days=2),
    }


def _move_into_the_past(activity: Activity, days: int, today: dt.date) -> None:
    """The services will not make an activity in the past, nor book one (booking has
    closed), so a past activity is made to come and then moved back here, every time
    by the same amount. A queryset update is the only way to backdate: the services
    rightly refuse to, and it skips history, which is right for made-up data."""
    shift = _at(today + dt.timedelta(days=1), 0) - _at(today + dt.timedelta(days=days), 0)
    Activity.objects.filter(pk=activity.pk).update(
        **{
            name: F(name) - shift
            for name in (
                "starts_at",
                "ends_at",
                "booking_opens_at",
                "booking_closes_at",
                "cancel_by",
            )
        }
    )
    activity.refresh_from_db()


def _cast() -> Demo:
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


def _load(demo: Demo, plan: Plan, today: dt.date) -> Activity:
    activity = services.activity_create(
        actor=demo.organiser,
        title=plan.title,
        summary=plan.summary,
        picture=plan.picture,
        picture_alt=dict(PICTURES)[plan.picture],
        branch=demo.branches[plan.branch],
        meeting_point=plan.meeting_point,
        places=plan.places,
        cost_pence=plan.cost_pence,
        fee_pence=plan.fee_pence,
        **_times(plan, today),
        **plan.extra,
    )
    if plan.publish:
        activity = services.activity_publish(activity=activity, actor=demo.organiser)
    for who, payment in plan.bookings:
        _book(demo, activity, demo.who(who), payment)
    if plan.then:
        plan.then(demo, activity)
    if plan.days < 0:
        _move_into_the_past(activity, plan.days, today)
        _attendance(demo, plan, activity)
    return activity


def load_activities() -> dict[str, int]:
    """Make the demo activities that are missing. Returns how many there are, and how
    many bookings."""
    demo = _cast()
    today = timezone.localdate()
    # Pretend bookings: nobody is emailed about them.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for plan in PLANS:
            branch = demo.branches[plan.branch]
            if Activity.objects.filter(title=plan.title, branch=branch).exists():
                continue
            # All of an activity or none of it, so a second run never finds half of one.
            # The services' after-commit work (refunds, offers) is also done in the plan,
            # so the demo is whole even when the caller holds a transaction open.
            with transaction.atomic():
                _load(demo, plan, today)
    ours = functools.reduce(
        operator.or_, (Q(title=plan.title, branch=demo.branches[plan.branch]) for plan in PLANS)
    )
    return {
        "activities": Activity.objects.filter(ours).count(),
        "bookings": Booking.objects.filter(activity__in=Activity.objects.filter(ours)).count(),
    }


# After the activities: evaluations, members' say and ideas -------------------------------
# Separate from load_activities (call it after): safe to run again, through the services.

EVALUATIONS = {
    ("Bowling", "riverside"): dict(
        went_well="Everyone played two games. Three people came for the first time.",
        went_badly="One lane broke. We waited 20 minutes.",
        actual_cost_pence=5600,
    ),
    ("Meal out: fish and chips", "northfield"): dict(
        went_well="The food was good and the cafe was quiet.",
        went_badly="Two people did not come and did not tell us.",
        incidents="A member felt faint in the heat. A first aider helped. She was fine.",
        incident_for_board=True,
        actual_cost_pence=2700,
    ),
}
IDEAS = [
    # (who: "may" or an index into the other members, what, where, when, cost guess)
    ("may", "Go to the zoo", "City Zoo", "In the summer", 1500),
    (2, "A trip to the cinema", "The Roxy", "On a Saturday afternoon", 800),
    (5, "Learn to cook pasta", "The community kitchen", "Any evening", None),
]


def _demo_photo() -> bytes:
    """A simple drawing made with Pillow: a plate of fish and chips on a blue table.
    The same bytes every time, so loading twice keeps one photo."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), "#1d4f91")
    draw = ImageDraw.Draw(image)
    draw.ellipse((120, 60, 520, 380), fill="white", outline="#0b0c0c", width=6)
    draw.ellipse((180, 150, 380, 260), fill="#c8691c", outline="#0b0c0c", width=4)
    for x in range(330, 470, 22):
        draw.rectangle((x, 200, x + 14, 320), fill="#f2b705", outline="#0b0c0c")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _fish_and_chips_photo(demo: Demo) -> None:
    activity = Activity.objects.filter(
        title="Meal out: fish and chips", branch=demo.branches["northfield"]
    ).first()
    if activity is None or activity.starts_at > timezone.now():
        return
    agreed = [m for m in services.evaluation_photo_people(activity) if m.photo_consent][:1]
    services.evaluation_photo_add(
        activity=activity,
        actor=demo.organiser,
        data=_demo_photo(),
        alt="A plate of fish and chips on a blue table at the cafe.",
        members=agreed,
    )


def load_after() -> dict[str, int]:
    """The organiser's evaluations of two past activities (fish and chips with a photo of a
    member who agreed to photos), May's say about fish and chips
    (her picnic is left for her to answer), and three ideas with people who would go. The
    cinema idea is planned, with a reason in easy words."""
    from events.models import Evaluation, EvaluationPhoto, Feedback, Suggestion

    demo = _cast()
    for (title, branch), fields in EVALUATIONS.items():
        activity = Activity.objects.filter(title=title, branch=demo.branches[branch]).first()
        if activity is not None and activity.starts_at <= timezone.now():
            services.evaluation_save(activity=activity, actor=demo.organiser, **fields)
    _fish_and_chips_photo(demo)
    fish = Booking.objects.filter(
        activity__title="Meal out: fish and chips", member=demo.may, status=B.ATTENDED
    ).first()
    if fish is not None and not Feedback.objects.filter(booking=fish).exists():
        services.feedback_give(
            booking=fish,
            actor=demo.may.user,
            face="good",
            again=True,
            comment="The chips were hot. I liked the river.",
        )
    for who, what, where, when, cost in IDEAS:
        member = demo.who(who)
        idea = Suggestion.objects.filter(member=member, what=what).first()
        if idea is None:
            idea = services.suggestion_create(
                member=member,
                actor=member.user,
                what=what,
                where=where,
                when=when,
                cost_guess_pence=cost,
            )
        for fan in (demo.who(i) for i in range(3) if demo.who(i) != member):
            services.suggestion_interest_add(suggestion=idea, member=fan, actor=fan.user)
    cinema = Suggestion.objects.filter(what="A trip to the cinema").first()
    if cinema is not None:
        services.suggestion_decide(
            suggestion=cinema,
            actor=demo.organiser,
            status=Suggestion.Status.PLANNED,
            reason="Lots of people want to go. We are planning it for next month.",
        )
    return {
        "evaluations": Evaluation.objects.count(),
        "evaluation_photos": EvaluationPhoto.objects.count(),
        "feedback": Feedback.objects.count(),
        "suggestions": Suggestion.objects.count(),
    }
