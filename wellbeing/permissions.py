"""Pure predicates for the well-being questions. Answers are sensitive: one person's
answers are for the member, the supporters helping them and the evaluation lead; an
organiser can type in a paper questionnaire for a member but does not read anyone's
answers back; the board, organisers and administrators see only totals."""

from members.models import Member, User
from members.permissions import (
    is_administrator,
    is_board,
    is_evaluator,
    is_member,
    is_organiser,
    is_supporter,
)
from members.selectors import member_for_user, supported_members


def can_answer(user: User) -> bool:
    """Members answer; supporters help the members they support."""
    return is_member(user) or is_supporter(user)


def can_answer_for(user: User, member: Member) -> bool:
    if member.status != Member.Status.ACTIVE:
        return False
    own = member_for_user(user)
    if own is not None and own.pk == member.pk:
        return is_member(user)
    return supported_members(user).filter(pk=member.pk).exists()


def can_enter_paper(user: User) -> bool:
    return is_organiser(user)


def can_see_report(user: User) -> bool:
    """Totals only (never one person's answers): the board, organisers, administrators,
    and the evaluation lead."""
    return is_board(user) or is_organiser(user) or is_administrator(user) or is_evaluator(user)


def can_read_answers(user: User) -> bool:
    """One person's answers, in words: only the evaluation lead (a member reads their own,
    and a supporter the ones they help with, through can_answer_for)."""
    return is_evaluator(user)


def can_set_timing(user: User) -> bool:
    """The board decides when members are asked again."""
    return is_board(user) or is_administrator(user)
