"""Issue 22: the board's answer to a proposal goes to the member their own way (email,
text, letter, a call), in easy read, with a copy to a supporter who asked for copies."""

import pytest

from board.meetings import services
from coop.easyread import sentence_checks
from members.models import Member, User
from members.outbox.models import Message
from tests.board.meeting_helpers import editor, hold, make_board, plan
from tests.board.proposal_helpers import day_ahead, item_for, propose
from tests.events.conftest import make_members
from tests.outbox_helpers import WAY_DETAILS, add_supporter, check_told

pytestmark = pytest.mark.django_db
WAYS = ["email", "text", "letter", "phone"]
ANSWERS = {
    "yes": ("The board said yes.", "You will help to lead it with Wendy."),
    "changes": ("The board said yes, with some changes.", "The changes: We go in June."),
    "not_now": ("The board said not now.", "You can ask the board again another time."),
}


def wren(cast, way: str) -> Member:
    (member,) = make_members(cast, 1)
    Member.objects.filter(pk=member.pk).update(first_name="Wren", **WAY_DETAILS[way])
    member.refresh_from_db()
    add_supporter(member, f"hana-{member.pk}", f"hana{member.pk}@example.org")
    return member


@pytest.mark.parametrize("answer", list(ANSWERS))
@pytest.mark.parametrize("way", WAYS)
def test_the_answer_reaches_the_member_their_way_with_a_copy(cast, way, answer):
    board = make_board(cast)
    chair = editor(cast)
    User.objects.filter(pk=cast.organiser.pk).update(first_name="Wendy")
    cast.organiser.refresh_from_db()
    meeting = plan(cast, days=10)
    member = wren(cast, way)
    suggestion = propose(cast, member=member)
    hold(cast, meeting, board)
    services.proposal_decide(
        item=item_for(suggestion),
        actor=chair,
        answer=answer,
        reason="Lots of people want to go.",
        changes="We go in June." if answer == "changes" else "",
        organiser=cast.organiser,
        starts_on=day_ahead(),
    )
    mine = check_told(
        member,
        "proposal_answer",
        way,
        "You asked the board about your idea: A trip to the zoo.",
        "This is why: Lots of people want to go.",
        *ANSWERS[answer],
    )
    assert mine.subject == "The board answered your idea: A trip to the zoo"
    assert not [c for c in sentence_checks(mine.body) if c.problems], mine.body


def test_a_supporter_who_wants_no_copies_gets_none(cast):
    board = make_board(cast)
    chair = editor(cast)
    meeting = plan(cast, days=10)
    (member,) = make_members(cast, 1)
    add_supporter(member, "quiet", "quiet@example.org", wants_copies=False)
    suggestion = propose(cast, member=member)
    hold(cast, meeting, board)
    services.proposal_decide(
        item=item_for(suggestion), actor=chair, answer="not_now", reason="No money this year."
    )
    written = Message.objects.filter(kind="proposal_answer")
    assert [m.recipient for m in written] == ["member"]
