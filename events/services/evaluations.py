"""After an activity: the organiser's short evaluation, its photos, and each member's own
say."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from coop.actors import Actor, user_id
from coop.audit import audit
from coop.errors import CoopError
from coop.images import TOO_MANY_PIXELS, image_too_large
from events.models import Activity, Booking, Evaluation, EvaluationPhoto, Feedback
from events.services.support import real_cost_pence
from members.models import Member

__all__ = [
    "evaluation_photo_add",
    "evaluation_photo_people",
    "evaluation_photo_remove",
    "evaluation_save",
    "feedback_give",
]

BookingStatus = Booking.Status


def _check_held(activity: Activity) -> None:
    if activity.status != Activity.Status.PUBLISHED:
        raise CoopError(
            "Only an activity that happened can be evaluated.", code="activity_not_held"
        )
    if activity.starts_at > timezone.now():
        raise CoopError(
            "This activity has not happened yet. Write about it afterwards.",
            code="activity_not_started",
        )


def evaluation_save(
    *,
    activity: Activity,
    actor: Actor,
    went_well: str = "",
    went_badly: str = "",
    incidents: str = "",
    incident_for_board: bool = False,
    actual_cost_pence: int | None = None,
) -> Evaluation:
    """Write or change the organiser's evaluation of an activity that happened. How many
    came and did not come are counted from the attendance marks. Saving the same words
    again changes nothing."""
    incidents = incidents.strip()
    if incident_for_board and not incidents:
        raise CoopError(
            "Please say what happened, so the board knows about the incident.",
            code="incident_needed",
        )
    if actual_cost_pence is not None and actual_cost_pence < 0:
        raise CoopError("The cost cannot be less than £0.", code="bad_cost")
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        _check_held(activity)
        # Once costs are paid (events.services.costs, support), the real cost is their sum.
        actual_cost_pence = real_cost_pence(activity) or actual_cost_pence
        counts = {
            "came": activity.bookings.filter(status=BookingStatus.ATTENDED).count(),
            "no_shows": activity.bookings.filter(status=BookingStatus.NO_SHOW).count(),
        }
        fields = {
            "went_well": went_well.strip(),
            "went_badly": went_badly.strip(),
            "incidents": incidents,
            "incident_for_board": incident_for_board,
            "actual_cost_pence": actual_cost_pence,
            **counts,
        }
        evaluation = Evaluation.objects.filter(activity=activity).first()
        if evaluation is None:
            evaluation = Evaluation.objects.create(activity=activity, written_by=actor, **fields)
            audit(actor=actor, action="evaluation.written", target=evaluation, data=counts)
            return evaluation
        changed = [name for name, value in fields.items() if getattr(evaluation, name) != value]
        if changed:
            for name in changed:
                setattr(evaluation, name, fields[name])
            evaluation.written_by = actor
            evaluation.save()
            audit(
                actor=actor,
                action="evaluation.changed",
                target=evaluation,
                data={"fields": changed},
            )
    return evaluation


def feedback_give(
    *, booking: Booking, actor: Actor, face: str, again: bool, comment: str = ""
) -> Feedback:
    """A member says how the activity was (three faces) and if they would go again. One
    say per booking: sending the same answers again changes nothing."""
    if face not in Feedback.Face.values:
        raise CoopError("Please choose a face.", code="face_needed")
    comment = comment.strip()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("member").get(pk=booking.pk)
        if booking.status != BookingStatus.ATTENDED:
            raise CoopError(
                "You can say how it went after you came to the activity.", code="not_attended"
            )
        existing = Feedback.objects.filter(booking=booking).first()
        if existing is not None:
            if (existing.face, existing.again, existing.comment) == (face, again, comment):
                return existing
            raise CoopError("You have already said how it went. Thank you.", code="feedback_given")
        on_behalf = booking.member.user_id != user_id(actor)
        feedback = Feedback.objects.create(
            booking=booking,
            face=face,
            again=again,
            comment=comment,
            written_by=actor,
            on_behalf=on_behalf,
        )
        audit(
            actor=actor,
            action="feedback.given",
            target=feedback,
            on_behalf_of=booking.member.user if on_behalf else None,
            data={"face": face, "again": again},
        )
    return feedback


# Photos ----------------------------------------------------------------------------------

PHOTO_MAX_BYTES = 10 * 1024 * 1024
# Big enough for the board's papers and a screen; smaller files, and no camera detail.
PHOTO_MAX_SIDE = 2000
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png"}
# The members who may appear in an activity's photos: those who came, or who were booked
# when attendance is not marked yet.
PHOTO_BOOKINGS = (BookingStatus.ATTENDED, BookingStatus.CONFIRMED)


def evaluation_photo_people(activity: Activity) -> QuerySet[Member]:
    """The booked members who can be named in the activity's photos, in name order."""
    return Member.objects.filter(
        bookings__activity=activity, bookings__status__in=PHOTO_BOOKINGS
    ).order_by("last_name", "first_name", "id")


def _photo_bytes(data: bytes) -> tuple[bytes, str]:
    """The photo re-saved by Pillow: turned the right way up, at most PHOTO_MAX_SIDE
    pixels, and without its hidden details (where and when it was taken, the camera), which
    can say where a member lives. Returns the bytes and the file extension."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # Pillow: only when a photo comes

    not_a_photo = CoopError(
        "This file is not a photo we can use. Please choose a JPEG or PNG photo.",
        code="not_a_photo",
    )
    if image_too_large(data):
        raise CoopError(TOO_MANY_PIXELS, code="too_many_pixels")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in PHOTO_FORMATS:
                raise not_a_photo
            image = ImageOps.exif_transpose(image)
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            out = io.BytesIO()
            if kind == "JPEG":
                image.convert("RGB").save(out, "JPEG", quality=85)
            else:
                image.save(out, "PNG")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_a_photo from None
    return out.getvalue(), PHOTO_FORMATS[kind]


def names_in_words(members) -> str:
    """ "Sam Test", "Sam Test and Ali Test", "A, B and C"."""
    names = [m.display_name for m in members]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def evaluation_photo_add(
    *, activity: Activity, actor: Actor, data: bytes, alt: str, members: list[Member]
) -> EvaluationPhoto:
    """Keep a photo from an activity that happened, with words saying what it shows and
    the booked members in it. Refuses the photo (CoopError "no_photo_consent") when any
    member in it did not agree to photos, naming them; also raises CoopError when the
    words are missing, the file is not a JPEG or PNG photo, is too big, or names someone
    who was not booked. The same photo sent twice is kept once."""
    alt = alt.strip()
    if not alt:
        raise CoopError(
            "Please say what the photo shows, for people who cannot see it.", code="alt_needed"
        )
    if len(data) > PHOTO_MAX_BYTES:
        raise CoopError("This photo is too big. It must be under 10 MB.", code="photo_too_big")
    digest = hashlib.sha256(data).hexdigest()
    content, extension = _photo_bytes(data)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        _check_held(activity)
        existing = EvaluationPhoto.objects.filter(activity=activity, digest=digest).first()
        if existing is not None:
            return existing
        wanted = {m.pk for m in members}
        people = list(evaluation_photo_people(activity).filter(pk__in=wanted))
        if len(people) != len(wanted):
            raise CoopError(
                "Only members booked for this activity can be named in its photos.",
                code="not_booked",
            )
        refused = [m for m in people if not m.photo_consent]
        if refused:
            raise CoopError(
                f"This photo was not saved. {names_in_words(refused)} did not agree to photos. "
                "Please choose a photo without them.",
                code="no_photo_consent",
            )
        photo = EvaluationPhoto(activity=activity, alt=alt, digest=digest, added_by=actor)
        photo.image.save(f"photo.{extension}", ContentFile(content), save=False)
        photo.save()
        photo.members.set(people)
        audit(
            actor=actor,
            action="evaluation.photo_added",
            target=photo,
            data={"activity": activity.pk, "members": sorted(wanted)},
        )
    return photo


def photo_files_delete(photos) -> None:
    """Delete the photos' rows now and their files once the transaction commits (a file
    deleted before a rollback could not be brought back)."""
    names = [photo.image.name for photo in photos]
    storage = EvaluationPhoto._meta.get_field("image").storage
    EvaluationPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])


def evaluation_photo_remove(*, photo: EvaluationPhoto, actor: Actor) -> None:
    """Take a photo out of the evaluation and delete its file. Removing it twice is
    quietly done once."""
    with transaction.atomic():
        photo = EvaluationPhoto.objects.select_for_update().filter(pk=photo.pk).first()
        if photo is None:
            return
        audit(
            actor=actor,
            action="evaluation.photo_removed",
            target=photo,
            data={"activity": photo.activity_id},
        )
        photo_files_delete([photo])
