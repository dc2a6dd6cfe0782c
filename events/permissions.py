"""May this person do this with activities and bookings?"""

from events.models import Booking
from members.models import Member, User
from members.permissions import (
    is_administrator,
    is_board,
    is_member,
    is_organiser,
    is_supporter,
)
from members.selectors import is_supporting


def can_manage_activities(user: User) -> bool:
    return is_organiser(user) or is_administrator(user)


def can_book_for(user: User, member: Member) -> bool:
    """The member themself, a supporter they chose, or an organiser (on the phone, say)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        (member.user_id == user.pk and is_member(user))
        or is_supporting(user, member)
        or is_organiser(user)
    )


def can_see_booking(user: User, booking: Booking) -> bool:
    return can_book_for(user, booking.member) or can_manage_activities(user)


def can_waive_fee(user: User) -> bool:
    """Organisers and the board may waive a fee for a member in hardship."""
    return is_organiser(user) or is_board(user)


def can_give_feedback(user: User, booking: Booking) -> bool:
    """The member themself, or a supporter they chose (writing on their behalf)."""
    if not getattr(user, "is_authenticated", False):
        return False
    member = booking.member
    return (member.user_id == user.pk and is_member(user)) or is_supporting(user, member)


def can_see_summary(user: User) -> bool:
    """The board and organisers read the activity numbers (page and API)."""
    return is_board(user) or is_organiser(user)


def can_see_evaluations(user: User) -> bool:
    """Organisers write evaluations; the board reads them (and their photos)."""
    return can_manage_activities(user) or is_board(user)


def can_write_to_group(user: User) -> bool:
    """Organisers and administrators write to everyone booked, a waiting list, a branch or
    the board."""
    return can_manage_activities(user)


def can_decide_suggestions(user: User) -> bool:
    return is_organiser(user) or is_board(user)


def can_see_suggestions(user: User) -> bool:
    return can_suggest(user) or can_decide_suggestions(user) or is_administrator(user)


def can_suggest(user: User) -> bool:
    """Members, and supporters for a member they support (named on the page)."""
    return is_member(user) or is_supporter(user)
