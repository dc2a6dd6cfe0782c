"""The evaluation lead's pages: who answered, and one member's answers in words, the first
time beside the latest. Nobody else reads one person's answers here (the board,
organisers and administrators see totals in the report); every read is written down."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from coop.paging import page_of
from members.models import Member
from members.views.common import role_required
from wellbeing import reading, services
from wellbeing.permissions import can_read_answers

ANSWERED_PER_PAGE = 50


@role_required(can_read_answers)
def who_answered(request: HttpRequest) -> HttpResponse:
    page, query = page_of(request, reading.who_answered(), ANSWERED_PER_PAGE)
    return render(
        request,
        "wellbeing/evaluation_list.html",
        {"answered": reading.answered_rows(page), "page": page, "query": query},
    )


@role_required(can_read_answers)
def member_answers(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.select_related("branch"), pk=pk)
    sent = reading.sent_rounds(member)
    if not sent:
        raise Http404
    first, latest = sent[0], (sent[-1] if len(sent) > 1 else None)
    services.answers_read(
        member=member, actor=request.user, times=[r.number for r in sent], helping=False
    )
    return render(
        request,
        "wellbeing/evaluation_member.html",
        {
            "member": member,
            "sent": sent,
            "first": first,
            "latest": latest,
            "rows": reading.side_by_side(first, latest),
            "helped": [r.number for r in sent if reading.helped(r)],
        },
    )
