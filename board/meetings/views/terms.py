"""The page of who is on the board: add a term, end one today."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from board.meetings import forms
from board.meetings.views.common import manage
from board.terms import services as term_services
from board.terms.models import BoardMembership
from board.terms.selectors import term_list
from coop.errors import CoopError
from coop.once import once_or_error


@manage
@require_http_methods(["GET", "POST"])
def board_terms(request: HttpRequest) -> HttpResponse:
    form = forms.TermForm(
        request.POST if request.POST.get("form") == "add" else None,
        initial={"starts_on": timezone.localdate()},
    )
    if request.method == "POST" and request.POST.get("form") == "end":
        term = get_object_or_404(BoardMembership, pk=request.POST.get("term"))
        try:
            term_services.term_end(term=term, ends_on=timezone.localdate(), actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{term.member.display_name}'s term ends today.")
        return redirect("board-terms")
    if request.method == "POST" and form.is_valid():

        def add() -> str:
            term = term_services.term_add(actor=request.user, **form.cleaned_data)
            messages.success(request, f"{term.member.display_name} is on the board.")
            return reverse("board-terms")

        if done := once_or_error(request, form, add):
            return done
    today = timezone.localdate()
    current, other = term_list(today)
    # People, not terms: an elected co-chair has two terms and is one person on the board.
    on_board = len({term.member_id for term in current})
    return render(
        request,
        "board/meetings/terms.html",
        {"form": form, "current": current, "other": other, "on_board": on_board},
    )
