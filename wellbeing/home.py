"""Home-page panels (coop.home_panels): the member's when questions wait for them, the
supporter's for each member they help who has questions waiting, and the evaluation
lead's links to the answers."""

from coop.home_panels import Panel
from members.models import Member
from members.permissions import is_evaluator, is_member, is_supporter
from members.selectors import member_for_user, supported_members
from wellbeing import reading, selectors
from wellbeing.models import Consent, Round


def _waiting(member: Member) -> Round | None:
    """The latest time the member was asked and has not sent, unless they said no."""
    rounds = selectors.open_rounds(member)
    if not rounds:
        return None
    # The consent read once: not asked yet (None) or agreed; a "no" or a stop hides it.
    consent = selectors.consent_of(member)
    if consent is not None and consent.status != Consent.Status.GIVEN:
        return None
    return rounds[0]


def questions_panel(user) -> Panel | None:
    if not is_member(user):
        return None
    member = member_for_user(user)
    if member is None:
        return None
    waiting = _waiting(member)
    if waiting is not None:
        return Panel("wellbeing/_home_questions.html", {"started": waiting.status == "started"})
    if Round.objects.filter(member=member, status=Round.Status.FINISHED).exists():
        # Nothing waits: a line to what she said, which she may read again at any time.
        return Panel("wellbeing/_home_said.html")
    return None


def supporter_panels(user) -> list[Panel]:
    """One line for each member the supporter helps who has questions waiting."""
    if not is_supporter(user):
        return []
    members = supported_members(user).filter(status=Member.Status.ACTIVE)
    return [
        Panel("wellbeing/_supporter_questions.html", {"member": member, "round": waiting})
        for member in members.order_by("first_name", "last_name", "pk")
        if (waiting := _waiting(member)) is not None
    ]


def evaluator_panel(user) -> Panel | None:
    if not is_evaluator(user):
        return None
    return Panel(
        "wellbeing/_evaluator_panel.html",
        {"answered": reading.answered_count()},
    )
