"""The member's page: a panel when questions wait for them (coop.home_panels)."""

from coop.home_panels import Panel
from members.permissions import is_member
from members.selectors import member_for_user
from wellbeing import selectors, services


def questions_panel(user) -> Panel | None:
    if not is_member(user):
        return None
    member = member_for_user(user)
    if member is None:
        return None
    rounds = selectors.open_rounds(member)
    consent = selectors.consent_of(member)
    if not rounds or (consent is not None and not services.has_agreed(member)):
        return None
    return Panel("wellbeing/_home_questions.html", {"started": rounds[0].status == "started"})
