"""After an activity: the organiser's short evaluation and each member's own say."""

from django.db import transaction
from django.utils import timezone

from coop.audit import audit
from coop.errors import CoopError
from events.models import Activity, Booking, Evaluation, Feedback
from members.models import User

__all__ = ["evaluation_save", "feedback_give"]

B = Booking.Status


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
    actor: User,
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
        counts = {
            "came": activity.bookings.filter(status=B.ATTENDED).count(),
            "no_shows": activity.bookings.filter(status=B.NO_SHOW).count(),
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
    *, booking: Booking, actor: User, face: str, again: bool, comment: str = ""
) -> Feedback:
    """A member says how the activity was (three faces) and if they would go again. One
    say per booking: sending the same answers again changes nothing."""
    if face not in Feedback.Face.values:
        raise CoopError("Please choose a face.", code="face_needed")
    comment = comment.strip()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("member").get(pk=booking.pk)
        if booking.status != B.ATTENDED:
            raise CoopError(
                "You can say how it went after you came to the activity.", code="not_attended"
            )
        existing = Feedback.objects.filter(booking=booking).first()
        if existing is not None:
            if (existing.face, existing.again, existing.comment) == (face, again, comment):
                return existing
            raise CoopError("You have already said how it went. Thank you.", code="feedback_given")
        on_behalf = booking.member.user_id != actor.pk
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
