"""The board's answer to a member's proposal on its agenda: recorded at the held meeting
by a co-chair, the papers writer or an administrator."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from board.meetings import services
from board.meetings.models import AgendaItem
from board.meetings.proposal_forms import ProposalAnswerForm
from board.meetings.views.common import manage
from coop.once import once_or_error
from events.selectors import suggestions_counted


@manage
@require_http_methods(["GET", "POST"])
def proposal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting").filter(suggestion__isnull=False), pk=pk
    )
    idea = suggestions_counted().get(pk=item.suggestion_id)
    form = ProposalAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def answer() -> str:
            services.proposal_decide(
                item=item,
                actor=request.user,
                answer=data["answer"],
                reason=data["reason"],
                changes=data.get("changes", ""),
                organiser=data.get("organiser"),
                starts_on=data.get("starts_on"),
            )
            messages.success(request, f"Saved. We are telling {idea.member.called} their way.")
            return reverse("meeting-detail", kwargs={"pk": item.meeting_id})

        if done := once_or_error(request, form, answer):
            return done
    return render(
        request,
        "board/meetings/proposal_answer.html",
        {"form": form, "item": item, "idea": idea, "meeting": item.meeting},
    )
