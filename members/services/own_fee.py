"""Nobody waives their own fee, whatever their role (issue 17): a booking's fee
(events) or a yearly subscription (members)."""

from coop.actors import Actor, user_id
from coop.errors import CoopError
from members.models import Member

__all__ = ["check_not_own_fee"]


def check_not_own_fee(
    member: Member, actor: Actor, *, ask: str, error: type[CoopError] = CoopError
) -> None:
    """Refuse (with `error`, code "own_fee") when `actor` is `member`'s own user. `ask`
    names who can do it instead ("organiser", "board member")."""
    if member.user_id is not None and member.user_id == user_id(actor):
        raise error(f"You cannot waive your own fee. Ask another {ask}.", code="own_fee")
