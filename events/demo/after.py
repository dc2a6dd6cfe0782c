"""After the demo activities: evaluations, members' say and ideas. Separate from
load_activities (run it after): safe to run again, through the services."""

import io

from django.utils import timezone
from PIL import Image, ImageDraw

from coop.demo import Loaded
from events import services
from events.demo.cast import Demo, cast
from events.demo.photos import load_shared_photos
from events.models import Activity, Booking, Evaluation, EvaluationPhoto, Feedback, Suggestion

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

    demo = cast()
    for (title, branch), fields in EVALUATIONS.items():
        activity = Activity.objects.filter(title=title, branch=demo.branches[branch]).first()
        if activity is not None and activity.starts_at <= timezone.now():
            services.evaluation_save(activity=activity, actor=demo.organiser, **fields)
    _fish_and_chips_photo(demo)
    load_shared_photos(demo)
    fish = Booking.objects.filter(
        activity__title="Meal out: fish and chips", member=demo.may, status=Booking.Status.ATTENDED
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


def loaded_after() -> Loaded:
    """The demo loader (coop.demo): evaluations, feedback and ideas (load_demo prints no
    count of them)."""
    load_after()
    return Loaded()
