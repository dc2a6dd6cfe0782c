"""Election pages everyone with a role can read: the list, one election, a candidate, the
published ballots, the results, the count sheet and the BLT file."""

from decimal import Decimal

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from board.elections import permissions, selectors, services
from board.elections.forms import ReceiptForm
from board.elections.models import Candidate, Election
from board.elections.pictures import photo_content_type
from board.elections.views.common import candidate_for, election_for
from board.elections.vote_words import PICTURES_LINE, how_your_vote_counts
from coop.errors import CoopError
from members.selectors import member_for_user
from members.views.common import role_required

OPEN_NOW = {Election.Status.NOMINATIONS, Election.Status.VOTING}
FINISHED = {Election.Status.CLOSED, Election.Status.COUNTED, Election.Status.CANCELLED}


def with_pictures(candidates: list[Candidate]) -> list[Candidate]:
    for candidate in candidates:
        candidate.pic = selectors.candidate_picture(candidate)
    return candidates


@role_required(permissions.can_see_elections)
def election_list(request: HttpRequest) -> HttpResponse:
    elections = list(selectors.election_list_for(request.user))
    return render(
        request,
        "board/election_list.html",
        {
            "now_open": [e for e in elections if e.status in OPEN_NOW],
            "coming": [e for e in elections if e.status == Election.Status.DRAFT],
            "finished": [e for e in elections if e.status in FINISHED],
            "can_call": permissions.can_call_election(request.user),
            "can_check": permissions.can_see_confirm_list(request.user),
        },
    )


@role_required(permissions.can_see_elections)
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = election_for(request, pk)
    member = member_for_user(request.user)
    state = selectors.voter_state(election, member)
    mine = selectors.candidate_for(election, member)
    voting_open = selectors.voting_open(election)
    return render(
        request,
        "board/election_detail.html",
        {
            "election": election,
            "candidates": with_pictures(selectors.candidates_on_ballot(election)),
            "member": member,
            "state": state,
            "mine": mine,
            "can_stand": selectors.taking_nominations(election)
            and member is not None
            and member.status == member.Status.ACTIVE
            and (mine is None or mine.status == Candidate.Status.WITHDRAWN),
            "can_withdraw": mine is not None
            and mine.status in {Candidate.Status.NOMINATED, Candidate.Status.ACCEPTED}
            and election.status in {Election.Status.DRAFT, Election.Status.NOMINATIONS},
            "can_vote": voting_open and state.is_elector and not state.has_voted,
            "voting_open": voting_open,
            "box_opened": selectors.box_opened(election),
            "how_it_counts": how_your_vote_counts(election),
            "pictures_line": PICTURES_LINE,
            "can_run": permissions.can_run_election(request.user, election),
            "can_cancel": permissions.can_cancel_election(request.user, election)
            and election.status not in {Election.Status.COUNTED, Election.Status.CANCELLED},
        },
    )


@role_required(permissions.can_see_elections)
def candidate_detail(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    election = election_for(request, pk)
    candidate = candidate_for(request, election, candidate_pk)
    with_pictures([candidate])
    return render(
        request, "board/candidate_detail.html", {"election": election, "candidate": candidate}
    )


@role_required(permissions.can_see_elections)
def candidate_photo(request: HttpRequest, pk: int, candidate_pk: int) -> FileResponse:
    election = election_for(request, pk)
    candidate = candidate_for(request, election, candidate_pk)
    if not candidate.photo:
        raise Http404
    response = FileResponse(
        candidate.photo.open("rb"), content_type=photo_content_type(candidate.photo.name)
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@role_required(permissions.can_stand)
@require_http_methods(["GET", "POST"])
def election_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    election = election_for(request, pk)
    mine = selectors.candidate_for(election, member_for_user(request.user))
    if mine is None:
        raise Http404
    if request.method == "POST":
        try:
            services.candidate_withdraw(candidate=mine, actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "You are not standing any more.")
        return redirect("election-detail", pk=election.pk)
    return render(request, "board/withdraw.html", {"election": election, "candidate": mine})


def _opened(request: HttpRequest, pk: int) -> Election:
    election = election_for(request, pk)
    if not selectors.box_opened(election):
        raise Http404
    return election


@role_required(permissions.can_see_elections)
def election_ballots(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymised ballots, once the box is opened: what each chose, in a random order,
    with nothing that says whose or how it was cast. Receipt codes are on their own page."""
    election = _opened(request, pk)
    return render(
        request,
        "board/ballots.html",
        {"election": election, "ballots": selectors.published_ballots(election)},
    )


@role_required(permissions.can_see_elections)
def election_receipts(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt codes of the online votes that were in the box, and a way to look for
    yours. A code shows a vote was counted; it never shows the vote."""
    election = _opened(request, pk)
    receipts = selectors.published_receipts(election)
    form = ReceiptForm(request.GET if "receipt" in request.GET else None)
    receipt = form.cleaned_data["receipt"] if form.is_valid() else None
    return render(
        request,
        "board/receipts.html",
        {
            "election": election,
            "receipts": receipts,
            "form": form,
            "receipt": receipt,
            "found": receipt in receipts if receipt else False,
        },
    )


def _whole(amount: str | None) -> str:
    """A count's quota as easy read: "13", or "about 13" when it has a fraction."""
    if not amount:
        return ""
    value = Decimal(amount)
    return str(int(value)) if value == value.to_integral_value() else f"about {round(value)}"


def _counted(request: HttpRequest, pk: int) -> Election:
    election = election_for(request, pk)
    if election.status != Election.Status.COUNTED:
        raise Http404
    return election


@role_required(permissions.can_see_elections)
def election_results(request: HttpRequest, pk: int) -> HttpResponse:
    election = _counted(request, pk)
    result = election.result
    elected = with_pictures(selectors.elected_candidates(election))
    elected_ids = {c.pk for c in elected}
    others = [c for c in selectors.candidates_on_ballot(election) if c.pk not in elected_ids]
    data = result.result
    return render(
        request,
        "board/results.html",
        {
            "election": election,
            "result": result,
            "elected": elected,
            "others": others,
            "ballots": data.get("ballots", 0),
            "stages": len(data.get("stages", [])),
            "quota": _whole(data.get("quota")),
            "tie_breaks": data.get("tie_breaks", []),
            "terms": election.terms.select_related("member").order_by("member__last_name"),
        },
    )


@role_required(permissions.can_see_elections)
def election_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    election = _counted(request, pk)
    return render(request, "board/sheet.html", {"election": election, "result": election.result})


@role_required(permissions.can_see_elections)
def election_sheet_text(request: HttpRequest, pk: int) -> HttpResponse:
    election = _counted(request, pk)
    response = HttpResponse(election.result.sheet, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="election-{election.pk}-count.txt"'
    return response


@role_required(permissions.can_see_elections)
def election_blt(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballots as BLT, for anyone to recount with other software."""
    election = _counted(request, pk)
    response = HttpResponse(election.result.blt, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="election-{election.pk}.blt"'
    return response
