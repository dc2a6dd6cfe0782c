"""Which shared photos members may see, checked at the moment of showing (issue 22).

A shared photo is shown only while every member in it still agrees to photos, is an
active member and has not been erased. A photo with nobody named is never shown: nobody
said yes to it, and an empty list is the easiest mistake to make when adding one.

"Similar" activity: the same title (capitals and spaces at the ends aside), in any branch.
Organisers repeat a trip under the same name ("Bowling"), so the next one shows the
photos from the times before, with nothing more for the organiser to set; members of
both branches are members of one co-operative and read one What's on."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from events.models import Activity, Booking, EvaluationPhoto, PhotoShare
from events.permissions import can_book_for, can_see_evaluations
from members.models import Member, User
from members.permissions import not_a_former_member

# A member who may be shown in a photo today.
SHOWABLE = Q(
    photo_consent=True,
    erased_at__isnull=True,
    left_on__isnull=True,
    status=Member.Status.ACTIVE,
)
# How many photos from the times before an activity's page shows.
LAST_TIME_COUNT = 3


def shown_photos() -> QuerySet[EvaluationPhoto]:
    """Shared photos whose members all may be shown today (at least one member named)."""
    members = Member.objects.filter(evaluation_photos=OuterRef("pk"))
    return (
        EvaluationPhoto.objects.filter(
            Exists(PhotoShare.objects.filter(photo=OuterRef("pk"))), Exists(members)
        )
        .exclude(Exists(members.exclude(SHOWABLE)))
        .select_related("activity")
        .order_by("created_at", "id")
    )


def photo_is_shown(photo: EvaluationPhoto) -> bool:
    return shown_photos().filter(pk=photo.pk).exists()


def trip_photos(activity: Activity) -> list[EvaluationPhoto]:
    """The photos from this activity that members may see."""
    return list(shown_photos().filter(activity=activity))


def last_time_photos(activity: Activity) -> list[EvaluationPhoto]:
    """For an activity still to come: a few photos from the times before with the same
    title, newest first. None for an activity that started or is not
    published."""
    if activity.status != Activity.Status.PUBLISHED or activity.starts_at <= timezone.now():
        return []
    photos = shown_photos().filter(
        activity__title__iexact=activity.title.strip(), activity__starts_at__lt=activity.starts_at
    )
    return list(photos.order_by("-activity__starts_at", "id")[:LAST_TIME_COUNT])


def is_advertised(photo: EvaluationPhoto) -> bool:
    """The photo is on the page of an activity still to come (see last_time_photos)."""
    activity = photo.activity
    return Activity.objects.filter(
        title__iexact=activity.title.strip(),
        status=Activity.Status.PUBLISHED,
        starts_at__gt=max(activity.starts_at, timezone.now()),
    ).exists()


def came(user: User, activity: Activity) -> bool:
    """This person came to the activity, or supports (or organises for) a member who did."""
    attended = activity.bookings.filter(status=Booking.Status.ATTENDED).select_related("member")
    return any(can_book_for(user, booking.member) for booking in attended)


def may_see_trip_photos(user: User, activity: Activity) -> bool:
    """The "photos from your trip" page: those who came, and the people who read
    evaluations."""
    return came(user, activity) or can_see_evaluations(user)


def may_see_photo(user: User, photo: EvaluationPhoto) -> bool:
    """The photo file: shown today, and either from this person's trip or on the page of
    an activity still to come (which anyone signed in, but not a former member, reads)."""
    if not getattr(user, "is_authenticated", False) or not photo_is_shown(photo):
        return False
    if may_see_trip_photos(user, photo.activity):
        return True
    return not_a_former_member(user) and is_advertised(photo)
