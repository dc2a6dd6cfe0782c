"""Shared by the election pages."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from board.elections import permissions
from board.elections.models import Candidate, Election
from members.selectors import member_for_user


def election_for(request: HttpRequest, pk: int) -> Election:
    """The election, or 404 when this person may not see it (a draft, for members)."""
    election = get_object_or_404(Election.objects.select_related("returning_officer"), pk=pk)
    if not permissions.can_see_election(request.user, election):
        raise Http404
    return election


def candidate_for(request: HttpRequest, election: Election, candidate_pk: int) -> Candidate:
    """A candidate on the ballot for anyone; a nomination not (yet) accepted only for the
    member themself and the returning officer. Anything else is a 404."""
    candidate = get_object_or_404(
        Candidate.objects.select_related("member", "seconder"),
        pk=candidate_pk,
        election=election,
    )
    if candidate.status == Candidate.Status.ACCEPTED:
        return candidate
    member = member_for_user(request.user)
    if permissions.can_run_election(request.user, election) or (
        member is not None and candidate.member_id == member.pk
    ):
        return candidate
    raise Http404
