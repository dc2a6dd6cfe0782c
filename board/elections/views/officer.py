"""Pages for the people who call and run elections: call one (board, administrators);
run it (its returning officer): nominations, the ballot box and its key, opening and
closing, paper envelopes and ballots, opening the box and the count; confirm paper batches
(a second person)."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from board.elections import permissions, selectors, services
from board.elections.forms import (
    BoxKeyForm,
    ElectionCallForm,
    PaperBatchForm,
    PaperEnvelopesForm,
    ReasonForm,
)
from board.elections.models import Candidate, Election, PaperBatch
from board.elections.views.common import election_for
from board.elections.views.pages import with_pictures
from coop.easyread import easy_read_problems
from coop.errors import CoopError
from coop.once import once, once_claimed
from members.models import Member, User
from members.permissions import is_returning_officer
from members.views.common import role_required

MOVES = {
    "open-nominations": (services.election_nominations_open, "Nominations are open."),
    "open-voting": (services.election_voting_open, "Voting is open."),
    "close": (
        services.election_close,
        "Voting is closed. Type in any paper ballots, then open the ballot box with its key.",
    ),
    "count": (services.election_count, "The votes are counted."),
}


def _run(request: HttpRequest, pk: int) -> Election:
    election = election_for(request, pk)
    if not permissions.can_run_election(request.user, election):
        raise Http404
    return election


@role_required(permissions.can_call_election)
@require_http_methods(["GET", "POST"])
def election_call(request: HttpRequest) -> HttpResponse:
    form = ElectionCallForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        form.initial_dates()
    if request.method == "POST" and form.is_valid():

        def call() -> str:
            election = services.election_call(actor=request.user, **form.cleaned_data)
            messages.success(request, f"{election.title} is called.")
            return reverse("election-detail", args=[election.pk])

        try:
            return redirect(once(request, form, call))
        except services.ElectionInvalid as error:
            form.add_error(error.field, error.message)
    return render(request, "board/election_call.html", {"form": form})


@role_required(is_returning_officer)
def election_run(request: HttpRequest, pk: int) -> HttpResponse:
    election = _run(request, pk)
    nominations = list(
        election.candidates.select_related("member", "seconder").order_by(
            "status", "member__last_name"
        )
    )
    for candidate in nominations:
        candidate.advice = easy_read_problems(candidate.statement)
    return render(
        request,
        "board/election_run.html",
        {
            "election": election,
            "nominations": nominations,
            "turnout": selectors.turnout(election),
            "box": selectors.ballot_box(election),
            "batches": election.paper_batches.select_related("entered_by", "confirmed_by"),
        },
    )


@role_required(is_returning_officer)
@require_POST
def election_move(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    election = _run(request, pk)
    if move not in MOVES:
        raise Http404
    service, done = MOVES[move]
    try:
        service(election=election, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("election-run", pk=election.pk)


@role_required(is_returning_officer)
@require_http_methods(["GET", "POST"])
def ballot_box_make(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the ballot box: its opening key is shown once, on this answer to the POST,
    and kept nowhere else."""
    election = _run(request, pk)
    box = selectors.ballot_box(election)
    can_make = election.status in {Election.Status.DRAFT, Election.Status.NOMINATIONS}
    if request.method == "POST" and can_make:
        try:
            key = services.ballot_box_make(election=election, actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
            return redirect("election-run", pk=election.pk)
        response = render(request, "board/box_key.html", {"election": election, "key": key})
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request, "board/box_make.html", {"election": election, "box": box, "can_make": can_make}
    )


@role_required(is_returning_officer)
@require_http_methods(["GET", "POST"])
def ballot_box_open(request: HttpRequest, pk: int) -> HttpResponse:
    election = _run(request, pk)
    box = selectors.ballot_box(election)
    if election.status != Election.Status.CLOSED or box is None or box.is_open:
        return redirect("election-run", pk=election.pk)
    form = BoxKeyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_box_open(
                election=election, actor=request.user, key=form.cleaned_data["key"]
            )
        except services.BoxKeyWrong as error:
            form.add_error("key", error.message)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The ballot box is open. The votes are being counted.")
            return redirect("election-run", pk=election.pk)
    response = render(
        request,
        "board/box_open.html",
        {"election": election, "form": form, "turnout": selectors.turnout(election)},
    )
    response["Cache-Control"] = "no-store"
    return response


@role_required(permissions.can_see_elections)
@require_http_methods(["GET", "POST"])
def election_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    election = election_for(request, pk)
    if not permissions.can_cancel_election(request.user, election):
        raise PermissionDenied
    form = ReasonForm(request.POST if request.method == "POST" else None)
    form.fields["reason"].help_text = "Say why in plain words. Members see it."
    if request.method == "POST" and form.is_valid():
        try:
            services.election_cancel(
                election=election, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except CoopError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, f"{election.title} is cancelled.")
            return redirect("election-detail", pk=election.pk)
    return render(request, "board/election_cancel.html", {"election": election, "form": form})


@role_required(is_returning_officer)
@require_http_methods(["GET", "POST"])
def nomination_decide(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    election = _run(request, pk)
    candidate = get_object_or_404(
        Candidate.objects.select_related("member", "seconder"), pk=candidate_pk, election=election
    )
    form = ReasonForm(request.POST if request.POST.get("decision") == "reject" else None)
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                services.candidate_accept(candidate=candidate, actor=request.user)
                messages.success(request, f"{candidate.name} is standing.")
                return redirect("election-run", pk=election.pk)
            if decision == "reject" and form.is_valid():
                services.candidate_reject(
                    candidate=candidate, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, f"{candidate.name}'s nomination is not accepted.")
                return redirect("election-run", pk=election.pk)
        except CoopError as error:
            messages.error(request, error.message)
            return redirect("election-run", pk=election.pk)
    with_pictures([candidate])
    return render(
        request,
        "board/nomination_decide.html",
        {
            "election": election,
            "candidate": candidate,
            "advice": easy_read_problems(candidate.statement),
            "form": form,
            "can_decide": election.status == Election.Status.NOMINATIONS
            and candidate.status == Candidate.Status.NOMINATED,
        },
    )


def _paper_stage(election: Election) -> str:
    """Envelopes come in while voting is open; papers are typed in after the close until
    the box is opened; then it is done."""
    if election.status == Election.Status.VOTING:
        return "envelopes"
    box = selectors.ballot_box(election)
    if election.status == Election.Status.CLOSED and box is not None and not box.is_open:
        return "papers"
    return "done"


def _envelopes_posted(
    request: HttpRequest, election: Election, envelopes: PaperEnvelopesForm
) -> HttpResponse | None:
    """Take one envelope off (undo), or mark the ticked ones as in."""
    if request.POST.get("undo"):
        member = get_object_or_404(Member, pk=request.POST["undo"])
        services.paper_envelope_remove(election=election, actor=request.user, member=member)
        messages.success(request, f"{member.display_name}'s envelope is taken off.")
        return redirect("election-paper", pk=election.pk)
    if not envelopes.is_valid():
        return None
    marked = services.paper_envelopes_record(
        election=election, actor=request.user, voters=list(envelopes.cleaned_data["voters"])
    )
    messages.success(
        request,
        f"{len(marked)} envelope{'s' if len(marked) != 1 else ''} marked as in. "
        "Keep them closed until voting has closed.",
    )
    return redirect("election-paper", pk=election.pk)


def _papers_posted(
    request: HttpRequest, election: Election, papers: PaperBatchForm
) -> HttpResponse | None:
    """Save a batch of typed papers, once, for a second person to confirm."""
    if not papers.is_valid():
        return None
    typed = papers.cleaned_data["papers"]

    def enter() -> HttpResponse:
        batch = services.paper_batch_enter(
            election=election,
            actor=request.user,
            rankings=typed["rankings"],
            spoilt=typed["spoilt"],
        )
        messages.success(
            request, f"Batch {batch.number} is saved. A second person must now confirm it."
        )
        return redirect("election-paper-batch", pk=election.pk, number=batch.number)

    # Typed papers reach the ballot box, which keeps its own transactions.
    return once_claimed(request, papers, enter)


@role_required(is_returning_officer)
@require_http_methods(["GET", "POST"])
def paper_batches(request: HttpRequest, pk: int) -> HttpResponse:
    """Paper votes: while voting is open, the envelopes that came in (still closed); after
    the close, the papers of all the envelopes, opened together, typed in batches."""
    election = _run(request, pk)
    candidates = selectors.candidates_on_ballot(election)
    stage = _paper_stage(election)
    data = request.POST if request.method == "POST" else None
    envelopes = PaperEnvelopesForm(data if stage == "envelopes" else None, election=election)
    papers = PaperBatchForm(
        data if stage == "papers" else None, election=election, candidates=candidates
    )
    form = envelopes if stage == "envelopes" else papers
    if request.method == "POST" and stage != "done":
        try:
            if stage == "envelopes":
                response = _envelopes_posted(request, election, envelopes)
            else:
                response = _papers_posted(request, election, papers)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            if response is not None:
                return response
    return render(
        request,
        "board/paper_batches.html",
        {
            "election": election,
            "candidates": candidates,
            "stage": stage,
            "form": form,
            "turnout": selectors.turnout(election),
            "paper_voters": selectors.paper_voters(election),
            "batches": election.paper_batches.select_related("entered_by", "confirmed_by"),
        },
    )


def _batch_papers(batch: PaperBatch) -> list[dict]:
    """The batch's papers grouped by what they say, to check against the pile of papers
    sorted the same way."""
    names = {c.pk: c.name for c in batch.election.candidates.select_related("member")}
    counts = Counter(tuple(ranking) for ranking in batch.rankings)
    return [
        {"choices": [names.get(pk, "?") for pk in ranking], "count": count}
        for ranking, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


@role_required(permissions.can_see_confirm_list)
@require_http_methods(["GET", "POST"])
def paper_batch(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    batch = get_object_or_404(
        PaperBatch.objects.select_related("election", "entered_by", "confirmed_by"),
        election=election,
        number=number,
    )
    is_runner = permissions.can_run_election(request.user, election)
    can_confirm = permissions.can_confirm_paper_batch(request.user, batch)
    if not (is_runner or can_confirm):
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm" and can_confirm:
                services.paper_batch_confirm(batch=batch, actor=request.user)
                messages.success(request, f"Batch {batch.number} is confirmed. Its votes count.")
            elif action == "discard" and is_runner:
                services.paper_batch_discard(batch=batch, actor=request.user)
                messages.success(request, f"Batch {batch.number} is thrown away.")
            else:
                raise PermissionDenied
        except CoopError as error:
            messages.error(request, error.message)
        return redirect("election-paper-batch", pk=election.pk, number=batch.number)
    return render(
        request,
        "board/paper_batch.html",
        {
            "election": election,
            "batch": batch,
            "papers": _batch_papers(batch),
            "can_confirm": can_confirm and batch.status == PaperBatch.Status.PENDING,
            "can_discard": is_runner and batch.status == PaperBatch.Status.PENDING,
            "entered_by_me": batch.entered_by_id == request.user.pk,
        },
    )


@role_required(permissions.can_see_confirm_list)
def paper_checks(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    batches = (
        PaperBatch.objects.filter(status=PaperBatch.Status.PENDING)
        .exclude(entered_by=user)
        .select_related("election", "entered_by")
        .order_by("election__title", "number")
    )
    return render(request, "board/paper_checks.html", {"batches": batches})
