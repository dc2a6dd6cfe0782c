"""After an activity: the organiser's evaluation and the member's own say (one question a
page, by the member or a supporter on their behalf)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from coop.wizard import CheckAnswersForm, OneQuestionWizard
from events import permissions, selectors, services
from events.after_forms import (
    AgainForm,
    CommentForm,
    EvaluationForm,
    EvaluationPhotoForm,
    FaceForm,
)
from events.models import Activity, Booking, Evaluation, EvaluationPhoto, Feedback
from members.views.common import not_for_former_members, role_required

manage = role_required(permissions.can_manage_activities)


def _held(activity: Activity) -> bool:
    return activity.status == Activity.Status.PUBLISHED and activity.starts_at <= timezone.now()


@manage
@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("branch"), pk=pk)
    existing = Evaluation.objects.filter(activity=activity).first()
    # Two forms on the page: the words, and one photo at a time (its own button).
    adding_photo = request.method == "POST" and "add_photo" in request.POST
    writing = request.method == "POST" and not adding_photo
    form = EvaluationForm(request.POST if writing else None, initial=_initial(existing))
    photo_form = EvaluationPhotoForm(
        request.POST if adding_photo else None,
        request.FILES if adding_photo else None,
        people=services.evaluation_photo_people(activity),
        prefix="photo",
    )
    if writing and _held(activity) and form.is_valid() and _saved(request, activity, form):
        messages.success(request, "Thank you. The evaluation is saved for the board.")
        return redirect("evaluation", pk=pk)
    if (
        adding_photo
        and _held(activity)
        and photo_form.is_valid()
        and _photo_added(request, activity, photo_form)
    ):
        messages.success(request, "The photo is saved with the evaluation.")
        return redirect("evaluation", pk=pk)
    return render(
        request,
        "events/evaluation.html",
        {
            "activity": activity,
            "form": form,
            "photo_form": photo_form,
            "held": _held(activity),
            "evaluation": existing,
            **selectors.evaluation_people(activity),
        },
    )


def _initial(existing: Evaluation | None) -> dict:
    if existing is None:
        return {}
    return {
        "went_well": existing.went_well,
        "went_badly": existing.went_badly,
        "incidents": existing.incidents,
        "incident_for_board": existing.incident_for_board,
        "actual_cost_pence": existing.actual_cost_pence,
    }


def _saved(request: HttpRequest, activity: Activity, form: EvaluationForm) -> bool:
    """Save the evaluation; a refusal goes on the form."""
    try:
        services.evaluation_save(activity=activity, actor=request.user, **form.cleaned_data)
    except CoopError as error:
        form.add_error(None, error.message)
        return False
    return True


def _photo_added(request: HttpRequest, activity: Activity, photo_form: EvaluationPhotoForm) -> bool:
    """Add the photo; a refusal goes on the form (by the members chosen when one of them
    did not agree to photos)."""
    data = photo_form.cleaned_data
    try:
        services.evaluation_photo_add(
            activity=activity,
            actor=request.user,
            data=data["image"].read(),
            alt=data["alt"],
            members=data["members"],
        )
    except CoopError as error:
        field = "members" if error.code == "no_photo_consent" else None
        photo_form.add_error(field, error.message)
        return False
    return True


@role_required(permissions.can_see_evaluations)
def evaluation_photo(request: HttpRequest, pk: int) -> FileResponse:
    """The photo file itself: photos of members are personal data, so they are served only
    to the people who read evaluations, never from a public folder."""
    photo = get_object_or_404(EvaluationPhoto, pk=pk)
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle)
    response["Cache-Control"] = "private, no-store"
    return response


@manage
@require_POST
def evaluation_photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_object_or_404(EvaluationPhoto, pk=pk)
    services.evaluation_photo_remove(photo=photo, actor=request.user)
    messages.success(request, "The photo is deleted.")
    return redirect("evaluation", pk=photo.activity_id)


class FeedbackWizard(OneQuestionWizard):
    form_list = [
        ("face", FaceForm),
        ("again", AgainForm),
        ("comment", CommentForm),
        ("check", CheckAnswersForm),
    ]
    questions = {
        "face": "How was it?",
        "again": "Would you go again?",
        "comment": "Anything else you want to tell us?",
    }
    submit_text = "Send my answers"
    cancel_url_name = "my-bookings"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        booking = get_object_or_404(
            Booking.objects.select_related("activity", "member"), pk=kwargs["pk"]
        )
        if not permissions.can_see_booking(request.user, booking):
            raise Http404  # another member's booking: as if it did not exist
        if not permissions.can_give_feedback(request.user, booking):
            raise PermissionDenied  # an organiser sees the booking but speaks for nobody
        if booking.status != Booking.Status.ATTENDED:
            messages.error(request, "You can say how it went after you came to the activity.")
            return redirect("booking-detail", pk=booking.pk)
        if Feedback.objects.filter(booking=booking).exists():
            messages.info(request, "You have already said how it went. Thank you.")
            return redirect("booking-detail", pk=booking.pk)
        self.booking = booking
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs) -> str:
        return f"feedback_{kwargs['pk']}"

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        activity, member = self.booking.activity, self.booking.member
        if self.steps.current == "face":
            context["question"] = f"How was {activity.title}?"
        if member.user_id != self.request.user.pk:
            context["hint"] = f"You are answering for {member.called}."
        return context

    def done(self, form_list, **kwargs) -> HttpResponse:
        data = self.get_all_cleaned_data()
        try:
            services.feedback_give(
                booking=self.booking,
                actor=self.request.user,
                face=data["face"],
                again=data["again"],
                comment=data.get("comment", ""),
            )
        except CoopError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, "Thank you for telling us how it went.")
        return redirect("booking-detail", pk=self.booking.pk)


feedback = not_for_former_members(FeedbackWizard.as_view())
