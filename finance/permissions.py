"""Pure predicates for money pages."""

from finance.models import Payment
from members.models import User
from members.permissions import is_finance, is_member
from members.selectors import is_supporting

__all__ = ["can_pay", "is_finance"]


def can_pay(user: User, payment: Payment) -> bool:
    """The member who owes it, or someone supporting that member now."""
    if not getattr(user, "is_authenticated", False):
        return False
    member = payment.member
    return (member.user_id == user.pk and is_member(user)) or is_supporting(user, member)
