"""The page of who is on the board. Every board member reads it; the co-chairs add a term,
end one today and name who writes the papers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from board.meetings import forms, permissions
from board.meetings.views.board_people import board_page_extras
from board.meetings.views.common import read
from board.terms import services as term_services
from board.terms.models import BoardMembership
from board.terms.selectors import term_list
from coop.errors import CoopError
from coop.once import once_or_error


def _change_term(request: HttpRequest, kind: str) -> HttpResponse:
    """End a term today, or start or stop its holder writing the papers."""
    wanted = request.POST.get("term", "")
    if not wanted.isdigit():  # a page sent without its term, or with words in it
        messages.error(request, "Please choose whose term to change.")
        return redirect("board-terms")
    term = get_object_or_404(BoardMembership, pk=wanted)
    name = term.member.display_name
    try:
        if kind == "end":
            term_services.term_end(term=term, ends_on=timezone.localdate(), actor=request.user)
            done = f"{name}'s term ends today."
        else:
            writes = request.POST.get("writes_papers") == "yes"
            term_services.term_papers_set(term=term, writes_papers=writes, actor=request.user)
            done = f"{name} {'writes' if writes else 'does not write'} the papers now."
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("board-terms")


@read
@require_http_methods(["GET", "POST"])
def board_terms(request: HttpRequest) -> HttpResponse:
    editor = permissions.can_manage_terms(request.user)
    if request.method == "POST" and not editor:
        raise PermissionDenied
    kind = request.POST.get("form")
    if request.method == "POST" and kind in ("end", "papers"):
        return _change_term(request, kind)
    form = forms.TermForm(
        request.POST if kind == "add" else None,
        initial={"starts_on": timezone.localdate()},
    )
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
        {
            "form": form if editor else None,
            "current": current,
            "other": other,
            "on_board": on_board,
            "manage_people": editor,
            **board_page_extras(today),
        },
    )
