"""Before an activity: the organiser's phone call list and the printed reminder letters."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coop.errors import CoopError
from events import permissions, selectors, services
from events.letters import reminder_letter_bookings, reminder_letters_pdf
from events.models import Activity, Reminder
from events.services.reminders import REMINDED
from members.views.common import role_required

manage = role_required(permissions.can_manage_activities)


@manage
def calls(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    reminders = list(selectors.reminder_call_list(activity))
    return render(
        request,
        "events/calls.html",
        {
            "activity": activity,
            "to_call": [
                r
                for r in reminders
                if r.status in Reminder.CALLS_TO_MAKE and r.booking.status in REMINDED
            ],
            "done": [r for r in reminders if r.status == Reminder.Status.CALLED],
            "letters": len(reminder_letter_bookings(activity)),
        },
    )


@manage
@require_POST
def call_record(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = get_object_or_404(
        Reminder.objects.select_related("booking__member"), pk=pk, way=Reminder.Way.PHONE
    )
    outcome = request.POST.get("outcome")
    name = reminder.booking.member.display_name
    if outcome not in ("called", "no_answer"):
        messages.error(request, "Please press Called or No answer.")
    else:
        try:
            services.reminder_call_record(
                reminder=reminder, actor=request.user, answered=outcome == "called"
            )
        except CoopError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"{name}: called."
                if outcome == "called"
                else f"{name}: no answer. Try again later.",
            )
    return redirect("reminder-calls", pk=reminder.booking.activity_id)


@manage
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    bookings = reminder_letter_bookings(activity)
    if not bookings:
        messages.error(request, "There are no reminder letters to print yet.")
        return redirect("reminder-calls", pk=pk)
    response = HttpResponse(
        reminder_letters_pdf(activity, bookings), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="reminder-letters-{activity.pk}.pdf"'
    return response
