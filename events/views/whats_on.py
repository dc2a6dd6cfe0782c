"""The organiser's "what is on" page: each message round, the members to phone about it,
and the letters to print."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coop.errors import CoopError
from events import permissions, services
from events.letters import whats_on_letter_messages, whats_on_letters_pdf
from events.models import Reminder, WhatsOnMessage, WhatsOnRound
from members.views.common import role_required

manage = role_required(permissions.can_manage_activities)
ReminderStatus = Reminder.Status
ReminderWay = Reminder.Way
# Rounds shown on the page, newest first: older ones are done and in the audit log.
ROUNDS_SHOWN = 10


@manage
def whats_on(request: HttpRequest) -> HttpResponse:
    rounds = list(
        WhatsOnRound.objects.annotate(
            sent=Count(
                "messages",
                filter=Q(messages__status__in=(ReminderStatus.QUEUED, ReminderStatus.SENT)),
            ),
            letters=Count(
                "messages",
                filter=Q(
                    messages__way=ReminderWay.LETTER,
                    messages__status=ReminderStatus.LETTER_READY,
                    messages__recipient="member",
                ),
            ),
            calls=Count("messages", filter=Q(messages__way=ReminderWay.PHONE)),
        )
        .prefetch_related("activities")
        .order_by("-created_at", "-id")[:ROUNDS_SHOWN]
    )
    to_call = (
        WhatsOnMessage.objects.filter(
            way=ReminderWay.PHONE, status__in=(ReminderStatus.TO_CALL, ReminderStatus.NO_ANSWER)
        )
        .select_related("member", "round")
        .order_by("round__created_at", "member__last_name", "member__first_name", "id")
    )
    return render(
        request,
        "events/whats_on.html",
        {"rounds": rounds, "to_call": to_call},
    )


@manage
@require_POST
def whats_on_call(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(
        WhatsOnMessage.objects.select_related("member"), pk=pk, way=ReminderWay.PHONE
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
