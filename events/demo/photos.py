"""Photos for members in the demo (issue 22): three photos from Riverside's past Bowling,
shared with members. One is of a member who later said no to photos, so it is not shown.
Northfield's Bowling still to come shows the other two (May is booked on it)."""

import io

from django.utils import timezone
from PIL import Image, ImageDraw

from events import services
from events.demo.cast import Demo
from events.models import Activity, EvaluationPhoto
from members import services as member_services

# (background colour, what the photo shows)
PHOTOS = (
    ("#1d4f91", "A member throws a blue bowling ball down the lane."),
    ("#2e7d32", "Two members smile next to the bowling pins."),
    ("#6a1b9a", "A member holds up the score card."),
)


def _bowling_picture(colour: str) -> bytes:
    """A simple drawing made with Pillow: a ball and pins. The same bytes every time, so
    loading twice keeps one of each."""
    image = Image.new("RGB", (480, 320), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 160, 160, 280), fill="#0b0c0c", outline="white", width=4)
    for x in range(240, 440, 50):
        draw.ellipse((x, 80, x + 34, 280), fill="white", outline="#c62828", width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _add(demo: Demo, activity: Activity, index: int, members: list) -> EvaluationPhoto:
    colour, alt = PHOTOS[index]
    photo = services.evaluation_photo_add(
        activity=activity, actor=demo.organiser, data=_bowling_picture(colour), alt=alt,
        members=members,
    )  # fmt: skip
    return services.photo_share_set(photo=photo, actor=demo.organiser, shared=True)


def load_shared_photos(demo: Demo) -> None:
    """Safe to run again: a photo already kept is not added again, and the member who
    said no is asked only once."""
    activity = Activity.objects.filter(title="Bowling", branch=demo.branches["riverside"]).first()
    if activity is None or activity.starts_at > timezone.now():
        return
    came = [b.member for b in activity.bookings.filter(status="attended").select_related("member")]
    if len(came) < 3:
        return
    first, second, later_no = came[:3]
    organiser = demo.organiser
    if not EvaluationPhoto.objects.filter(activity=activity).exists():
        # They agreed to photos on the day; the third said no a week later.
        for member in (first, second, later_no):
            member_services.member_update(
                member=member, actor=organiser, changes={"photo_consent": True}
            )
        _add(demo, activity, 2, [later_no])
        member_services.member_update(
            member=later_no, actor=later_no.user, changes={"photo_consent": False}
        )
    _add(demo, activity, 0, [first])
    _add(demo, activity, 1, [first, second])
