"""Pure predicates: may this user do this? Every page and endpoint asks one of these."""

from members.models import Member, Role, User
from members.selectors import MEMBER, SUPPORTER, user_roles


def has_role(user: User, role: str) -> bool:
    return role in user_roles(user)


def is_former_member(user: User) -> bool:
    """Their membership has ended (resigned, lapsed) or is paused (suspended), and they hold
    no other role. Member access ends with membership: the member role lasts only while
    the membership is active (members/selectors.py decides the roles), and a former
    member sees no more than someone who never joined."""
    if not getattr(user, "is_authenticated", False) or user_roles(user):
        return False
    return Member.objects.filter(user=user).exists()


def not_a_former_member(user: User) -> bool:
    return not is_former_member(user)


def is_member(user: User) -> bool:
    return has_role(user, MEMBER)


def is_supporter(user: User) -> bool:
    return has_role(user, SUPPORTER)


def is_organiser(user: User) -> bool:
    return has_role(user, Role.ORGANISER)


def is_board(user: User) -> bool:
    return has_role(user, Role.BOARD)


def is_finance(user: User) -> bool:
    return has_role(user, Role.FINANCE)


def is_returning_officer(user: User) -> bool:
    return has_role(user, Role.RETURNING_OFFICER)


def is_evaluator(user: User) -> bool:
    """The evaluation lead: the one role, besides the member and their supporters, that
    reads one person's well-being answers."""
    return has_role(user, Role.EVALUATOR)


def is_administrator(user: User) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def can_see_member_list(user: User) -> bool:
    return is_organiser(user) or is_administrator(user)


def can_make_signin_letter(user: User, member: Member) -> bool:
    """Organisers print sign-in letters for members who find passwords hard."""
    return (
        (is_organiser(user) or is_administrator(user))
        and member.user_id is not None
        and member.user.is_active
    )


def can_manage_roles(user: User) -> bool:
    return is_administrator(user)


def can_see_staff_notes(user: User) -> bool:
    return is_administrator(user)


def can_see_member_history(user: User) -> bool:
    return is_administrator(user)


def can_add_member(user: User) -> bool:
    return is_organiser(user) or is_administrator(user)


def can_move_member(user: User, move: str) -> bool:
    """Organisers approve applications; only administrators change other statuses."""
    if move == "approve":
        return is_organiser(user) or is_administrator(user)
    return is_administrator(user)


def can_see_register(user: User) -> bool:
    return is_administrator(user)


def can_erase_member(user: User) -> bool:
    return is_administrator(user)


def can_manage_subscriptions(user: User) -> bool:
    """The board decides subscriptions and waivers; administrators record them."""
    return is_board(user) or is_administrator(user)


def can_publish_guidelines(user: User) -> bool:
    return is_administrator(user)
