"""Issue 22: a member's proposal goes on the next board meeting's agenda with its facts;
the board answers at the held meeting (yes, yes with changes, not now) with a reason; a
yes becomes a draft activity co-led by the member; answering twice does it once."""

import pytest
from django.urls import reverse

from board.meetings import services
from board.models import AgendaItem, Decision, Meeting
from coop.audit import audit_trail
from coop.errors import CoopError
from events import services as events
from events.models import Activity, ActivityLeader, Suggestion
from members.models import User
from members.outbox.models import Message
from tests.board.meeting_helpers import editor, make_board, plan
from tests.board.proposal_helpers import day_ahead, held_with_proposal, item_for, propose
from tests.events.conftest import make_members

pytestmark = pytest.mark.django_db
S = Suggestion.Status


def chair() -> User:
    return User.objects.get(username="chair")


def test_a_proposal_goes_on_the_next_meeting_whose_agenda_can_change(cast):
    make_board(cast)
    plan(cast, days=-5, title="Last week")
    later = plan(cast, days=40, title="Later")
    upcoming = plan(cast, days=10, title="Next")
    suggestion = propose(cast)
    item = item_for(suggestion)
    assert item.meeting == upcoming and item.decision_needed
    assert item.title == "An idea from May: A trip to the zoo"
    assert suggestion.status == S.AGENDA and suggestion.to_board and suggestion.wants_to_lead
    assert not AgendaItem.objects.filter(meeting=later, suggestion=suggestion).exists()
    assert sorted(e.action for e in audit_trail(suggestion)) == [
        "suggestion.agenda",
        "suggestion.made",
        "suggestion.proposed",
    ]


def test_proposing_the_same_idea_twice_gives_one(cast):
    make_board(cast)
    plan(cast, days=10)
    first = propose(cast)
    again = propose(cast, what="a trip to the ZOO")
    assert again == first
    assert AgendaItem.objects.filter(suggestion__isnull=False).count() == 1


def test_a_proposal_waits_for_the_next_meeting_planned(cast):
    suggestion = propose(cast)
    assert suggestion.status == S.OPEN
    make_board(cast)
    meeting = plan(cast, days=10)
    assert item_for(suggestion).meeting == meeting
    suggestion.refresh_from_db()
    assert suggestion.status == S.AGENDA


def test_a_cancelled_meetings_proposals_move_to_the_next_meeting(cast):
    make_board(cast)
    first = plan(cast, days=10, title="First")
    suggestion = propose(cast)
    second = plan(cast, days=30, title="Second")
    services.meeting_cancel(meeting=first, actor=cast.admin, reason="The hall flooded")
    assert AgendaItem.objects.get(meeting=second, suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.status == S.AGENDA


def test_yes_makes_a_draft_activity_co_led_by_the_member(cast):
    meeting, item, suggestion = held_with_proposal(cast)
    fan = make_members(cast, 1)[0]
    events.suggestion_interest_add(suggestion=suggestion, member=fan, actor=fan.user)
    done = services.proposal_decide(
        item=item,
        actor=chair(),
        answer="yes",
        reason="Lots of people want to go.",
        organiser=cast.organiser,
        starts_on=day_ahead(),
    )
    assert (done.status, done.answer, done.decided_by) == (S.PLANNED, "yes", chair())
    activity = done.activity
    assert (activity.status, activity.title, activity.cost_pence) == (
        Activity.Status.DRAFT,
        "A trip to the zoo",
        1200,
    )
    assert activity.meeting_point == "Northfield Zoo"
    assert activity.branch == cast.member_row.branch
    lead = ActivityLeader.objects.get(activity=activity)
    assert (lead.member, lead.organiser) == (cast.member_row, cast.organiser)
    decision = Decision.objects.get(meeting=meeting)
    assert decision.item == item and decision.wording.startswith("Yes to A trip to the zoo")
    assert "suggestion.answered" in {e.action for e in audit_trail(done)}


def test_yes_for_a_member_who_does_not_want_to_lead_has_no_co_leader(cast):
    _, item, _ = held_with_proposal(cast, wants_to_lead=False)
    done = services.proposal_decide(
        item=item,
        actor=chair(),
        answer="yes",
        reason="Good idea.",
        organiser=cast.organiser,
        starts_on=day_ahead(),
    )
    assert done.activity is not None and not ActivityLeader.objects.exists()


def test_yes_with_changes_keeps_the_changes(cast):
    _, item, _ = held_with_proposal(cast)
    done = services.proposal_decide(
        item=item,
        actor=chair(),
        answer="changes",
        reason="It is a good idea.",
        changes="We go in the summer, when it is warm.",
        organiser=cast.organiser,
        starts_on=day_ahead(60),
    )
    assert done.changes == "We go in the summer, when it is warm."
    assert "Changes the board asked for" in done.activity.description


def test_not_now_makes_no_activity(cast):
    meeting, item, _ = held_with_proposal(cast)
    done = services.proposal_decide(
        item=item, actor=chair(), answer="not_now", reason="We have no money left this year."
    )
    assert (done.status, done.activity) == (S.NOT_NOW, None)
    assert not Activity.objects.exists()
    assert Decision.objects.get(meeting=meeting).wording.startswith("Not now to")


def test_answering_twice_does_it_once(cast):
    meeting, item, _ = held_with_proposal(cast)
    for _ in range(2):
        services.proposal_decide(
            item=item,
            actor=chair(),
            answer="yes",
            reason="Good idea.",
            organiser=cast.organiser,
            starts_on=day_ahead(),
        )
    assert Activity.objects.count() == 1 and ActivityLeader.objects.count() == 1
    assert Decision.objects.filter(meeting=meeting).count() == 1
    assert Message.objects.filter(kind="proposal_answer", recipient="member").count() == 1


def test_a_different_answer_after_one_is_refused(cast):
    _, item, suggestion = held_with_proposal(cast)
    services.proposal_decide(item=item, actor=chair(), answer="not_now", reason="No money.")
    with pytest.raises(CoopError, match="answered this idea already"):
        services.proposal_decide(
            item=item,
            actor=chair(),
            answer="yes",
            reason="Yes after all.",
            organiser=cast.organiser,
            starts_on=day_ahead(),
        )
    suggestion.refresh_from_db()
    assert suggestion.status == S.NOT_NOW and not Activity.objects.exists()


@pytest.mark.parametrize(
    "extra, words",
    [
        ({"answer": "maybe", "reason": "x"}, "Please choose yes"),
        ({"answer": "not_now", "reason": "  "}, "tell the member why"),
        ({"answer": "changes", "reason": "Good."}, "say what the changes are"),
        ({"answer": "yes", "reason": "Good.", "starts_on": "soon"}, "choose the organiser"),
        ({"answer": "yes", "reason": "Good.", "organiser": "organiser"}, "at least 7 days"),
    ],
)
def test_bad_answers_are_refused_in_plain_words_and_change_nothing(cast, extra, words):
    _, item, suggestion = held_with_proposal(cast)
    if extra.get("organiser"):
        extra["organiser"] = cast.organiser
    extra["starts_on"] = day_ahead(2) if extra.get("organiser") else day_ahead()
    with pytest.raises(CoopError, match=words):
        services.proposal_decide(item=item, actor=chair(), **extra)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.answer) == (S.AGENDA, "")
    assert not Decision.objects.exists() and not Message.objects.filter(kind="proposal_answer")


def test_the_answer_waits_until_the_meeting_is_held(cast):
    make_board(cast)
    editor(cast)
    plan(cast, days=10)
    suggestion = propose(cast)
    with pytest.raises(CoopError, match="Record who came"):
        services.proposal_decide(
            item=item_for(suggestion), actor=chair(), answer="not_now", reason="No."
        )


def test_a_written_item_is_not_a_proposal(cast):
    meeting, _, _ = held_with_proposal(cast)
    written = meeting.items.filter(suggestion__isnull=True).first()
    with pytest.raises(CoopError, match="not a member's idea"):
        services.proposal_decide(item=written, actor=chair(), answer="not_now", reason="No.")


def test_organisers_cannot_answer_a_proposal_for_the_board(cast):
    make_board(cast)
    plan(cast, days=10)
    suggestion = propose(cast)
    with pytest.raises(CoopError, match="board answers this idea"):
        events.suggestion_decide(
            suggestion=suggestion, actor=cast.organiser, status="planned", reason="Yes."
        )


def test_members_can_still_say_they_would_like_to_go_while_it_waits(cast):
    make_board(cast)
    plan(cast, days=10)
    suggestion = propose(cast)
    fan = make_members(cast, 1)[0]
    events.suggestion_interest_add(suggestion=suggestion, member=fan, actor=fan.user)
    events.suggestion_interest_add(suggestion=suggestion, member=fan, actor=fan.user)
    assert suggestion.interests.count() == 1


# -- pages and who may answer ---------------------------------------------------------------
ANSWER = {
    "answer": "yes",
    "reason": "Lots of people want to go.",
    "changes": "",
    "starts_on": "",
}


def _post(client, item, cast, **extra):
    data = {**ANSWER, "organiser": cast.organiser.pk, "starts_on": day_ahead().isoformat()}
    data.update(extra)
    return client.post(reverse("proposal-answer", args=[item.pk]), data)


@pytest.mark.parametrize("who", ["board", "member", "supporter", "organiser", "outsider"])
def test_only_meeting_editors_may_answer(client, cast, who):
    _, item, suggestion = held_with_proposal(cast)
    client.force_login(getattr(cast, who))
    assert client.get(reverse("proposal-answer", args=[item.pk])).status_code == 403
    assert _post(client, item, cast).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == S.AGENDA


def test_a_co_chair_answers_on_the_page(client, cast):
    meeting, item, suggestion = held_with_proposal(cast)
    client.force_login(chair())
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "Record the board's answer" in page and "Northfield Zoo" in page
    response = _post(client, item, cast)
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.answer == "yes" and suggestion.activity.status == "draft"


def test_an_administrator_answers_too(client, cast):
    _, item, suggestion = held_with_proposal(cast)
    client.force_login(cast.admin)
    assert _post(client, item, cast, answer="not_now").status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.answer == "not_now"


def test_the_answer_form_says_what_is_missing(client, cast):
    _, item, suggestion = held_with_proposal(cast)
    client.force_login(chair())
    response = _post(client, item, cast, answer="changes", organiser="", starts_on="")
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in page
    for words in (
        "Please say what the changes are.",
        "Please choose the organiser who will plan it.",
        "Please say which day it will be.",
    ):
        assert words in page
    suggestion.refresh_from_db()
    assert suggestion.answer == ""


def test_the_agenda_item_shows_the_facts_to_every_board_member(client, cast):
    meeting, item, suggestion = held_with_proposal(cast)
    fan = make_members(cast, 1)[0]
    events.suggestion_interest_add(suggestion=suggestion, member=fan, actor=fan.user)
    client.force_login(cast.board)
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    for words in (
        "An idea from May: A trip to the zoo",
        "May asks the board to agree this activity.",
        "Where: Northfield Zoo. When: In the spring.",
        "May thinks it costs about £12. May wants to help lead it.",
    ):
        assert words in page
    assert "1 other member<" in page and "Record the board" not in page
    pack = client.get(reverse("meeting-pack", args=[meeting.pk])).content.decode()
    assert "May thinks it costs about £12. May wants to help lead it." in pack
    assert Meeting.objects.get(pk=meeting.pk).status == "held"
