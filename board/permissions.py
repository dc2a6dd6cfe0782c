"""Pure predicates for elections: may this user do this? Pages and the API ask the same."""

from board.models import Election, PaperBatch
from members.models import User
from members.permissions import (
    is_administrator,
    is_board,
    is_member,
    is_returning_officer,
)
from members.selectors import user_roles


def can_see_elections(user: User) -> bool:
    """Members, supporters and everyone with a role: an election is the co-operative's
    business. People with no role at all see nothing."""
    return bool(user_roles(user))


def can_call_election(user: User) -> bool:
    return is_board(user) or is_administrator(user)


def can_run_election(user: User, election: Election) -> bool:
    """The election's own returning officer, while they hold the role."""
    return is_returning_officer(user) and election.returning_officer_id == user.pk


def can_see_election(user: User, election: Election) -> bool:
    if not can_see_elections(user):
        return False
    if election.status == Election.Status.DRAFT:
        return can_call_election(user) or can_run_election(user, election)
    return True


def can_cancel_election(user: User, election: Election) -> bool:
    return can_call_election(user) or can_run_election(user, election)


def can_stand(user: User) -> bool:
    return is_member(user)


def can_vote(user: User) -> bool:
    """Only the member themself votes: a supporter may help, but not vote for them. Being
    on the electorate is checked by the service."""
    return is_member(user)


def can_confirm_paper_batch(user: User, batch: PaperBatch) -> bool:
    """A second person: another returning officer or an administrator, never the person
    who typed the batch in."""
    return (is_returning_officer(user) or is_administrator(user)) and (
        batch.entered_by_id != user.pk
    )


def can_see_confirm_list(user: User) -> bool:
    return is_returning_officer(user) or is_administrator(user)
