"""The organiser's "what is on" page: each message round, the members to phone about it,
and the letters to print."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coop.errors import CoopError
from events import permissions, selectors, services
from events.letters import whats_on_letter_messages, whats_on_letters_pdf
from events.models import Reminder, WhatsOnMessage, WhatsOnRound
from members.views.common import role_required

manage = role_required(permissions.can_manage_activities)
# Rounds shown on the page, newest first: older ones are done and in the audit log.
ROUNDS_SHOWN = 10


@manage
def whats_on(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/whats_on.html",
        {
            "rounds": selectors.whats_on_round_list(limit=ROUNDS_SHOWN),
            "to_call": selectors.whats_on_calls_to_make(),
        },
    )


@manage
@require_POST
def whats_on_call(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(
        WhatsOnMessage.objects.select_related("member"), pk=pk, way=Reminder.Way.PHONE
    )
    outcome = request.POST.get("outcome")
    name = message.member.display_name
    if outcome not in ("called", "no_answer"):
        messages.error(request, "Please press Called or No answer.")
    else:
        try:
            services.whats_on_call_record(
                message=message, actor=request.user, answered=outcome == "called"
            )
        except CoopError as error:
            messages.error(request, error.message)
        else:
            said = "called." if outcome == "called" else "no answer. Try again later."
            messages.success(request, f"{name}: {said}")
    return redirect("whats-on")


@manage
def whats_on_letters(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(WhatsOnRound, pk=pk)
    letters = whats_on_letter_messages(round)
    try:
        pdf = whats_on_letters_pdf(round, letters)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("whats-on")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="what-is-on-{round.pk}.pdf"'
    return response
