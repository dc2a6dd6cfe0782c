"""Issue 22, the member's side: propose an activity one question a page (or a supporter
for them, ?member=), see what happened to it on "your ideas", and see the activities they
help to lead on their page and on the activity's page."""

import pytest
from django.urls import reverse

from board.meetings import services as meetings
from coop.dates import easy_date
from events import services
from events.models import Suggestion
from members.models import User
from tests.board.meeting_helpers import editor, hold, make_board, plan
from tests.board.proposal_helpers import day_ahead, item_for, propose
from tests.events.conftest import make_members

pytestmark = pytest.mark.django_db
STEPS = [
    ("what", {"what": "A trip to the zoo"}),
    ("where", {"where": "Northfield Zoo"}),
    ("when", {"when": "In the spring"}),
    ("cost", {"cost_guess_pence": "12"}),
    ("lead", {"wants_to_lead": "yes"}),
]


def walk(client, steps, member=None):
    url = reverse("propose") + (f"?member={member.pk}" if member else "")
    member = member or User.objects.get(pk=client.session["_auth_user_id"]).member
    client.get(url)
    response = None
    for step, data in steps:
        answers = {f"{step}-{k}": v for k, v in data.items()}
        response = client.post(url, {f"propose_{member.pk}-current_step": step, **answers})
    return response


def test_a_member_proposes_one_question_a_page(client, cast):
    client.force_login(cast.member)
    first = client.get(reverse("propose")).content.decode()
    assert "What would you like to do?" in first and "<h1>" in first
    check = walk(client, STEPS).content.decode()
    for words in ("Check your idea", "Northfield Zoo", "About £12", "Send my idea to the board"):
        assert words in check
    done = walk(client, [*STEPS, ("check", {})])
    assert done.url == reverse("my-ideas")
    idea = Suggestion.objects.get()
    assert (idea.what, idea.where, idea.when, idea.cost_guess_pence) == (
        "A trip to the zoo",
        "Northfield Zoo",
        "In the spring",
        1200,
    )
    assert idea.to_board and idea.wants_to_lead and idea.member == cast.member_row
    page = client.get(done.url).content.decode()
    assert "It is waiting for the next board meeting." in page


def test_the_member_sees_when_the_board_talks_about_it(client, cast):
    make_board(cast)
    meeting = plan(cast, days=10)
    propose(cast)
    client.force_login(cast.member)
    page = client.get(reverse("my-ideas")).content.decode()
    assert f"The board talks about it on {easy_date(meeting.starts_at)}." in page


def test_a_supporter_proposes_for_the_member(client, cast):
    client.force_login(cast.supporter)
    first = client.get(reverse("propose") + f"?member={cast.member_row.pk}").content.decode()
    assert "What would May like to do?" in first
    lead = walk(client, STEPS[:4], member=cast.member_row).content.decode()
    assert "Does May want to help lead it?" in lead
    done = walk(client, [*STEPS, ("check", {})], member=cast.member_row)
    assert done.url == reverse("my-ideas") + f"?member={cast.member_row.pk}"
    idea = Suggestion.objects.get()
    assert idea.member == cast.member_row and idea.created_by == cast.supporter
    page = client.get(done.url).content.decode()
    assert "May's ideas for the board" in page


@pytest.mark.parametrize("who", ["supporter", "organiser", "board", "outsider"])
def test_no_one_proposes_without_a_member_to_speak_for(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("propose")).status_code == 403
    assert client.get(reverse("my-ideas")).status_code == 403


def test_a_supporter_cannot_propose_for_someone_they_do_not_support(client, cast):
    (other,) = make_members(cast, 1)
    client.force_login(cast.supporter)
    assert client.get(reverse("propose") + f"?member={other.pk}").status_code == 403
    assert client.get(reverse("my-ideas") + f"?member={other.pk}").status_code == 403


@pytest.mark.parametrize(
    "steps, error",
    [
        ([("what", {"what": ""})], "Please say what you would like to do."),
        ([*STEPS[:3], ("cost", {"cost_guess_pence": "lots"})], "Please type an amount in pounds"),
        ([*STEPS[:4], ("lead", {})], "Please choose Yes or No."),
    ],
)
def test_bad_answers_say_what_to_do_and_save_nothing(client, cast, steps, error):
    client.force_login(cast.member)
    page = walk(client, steps).content.decode()
    assert error in page and "<title>Error:" in page
    assert not Suggestion.objects.exists()


def _answered_yes(cast) -> Suggestion:
    board = make_board(cast)
    chair = editor(cast)
    User.objects.filter(pk=cast.organiser.pk).update(first_name="Wendy")
    cast.organiser.refresh_from_db()
    meeting = plan(cast, days=10)
    suggestion = propose(cast)
    hold(cast, meeting, board)
    return meetings.proposal_decide(
        item=item_for(suggestion),
        actor=chair,
        answer="yes",
        reason="Lots of people want to go.",
        organiser=cast.organiser,
        starts_on=day_ahead(),
    )


def test_after_a_yes_the_member_sees_they_help_to_lead_it(client, cast):
    idea = _answered_yes(cast)
    client.force_login(cast.member)
    ideas = client.get(reverse("my-ideas")).content.decode()
    for words in ("The board said yes.", "This is why: Lots of people want to go."):
        assert words in ideas
    assert "You are helping to lead it." in ideas
    home = client.get(reverse("me")).content.decode()
    assert "You are helping to lead A trip to the zoo." in home
    assert "You lead it with Wendy." in home
    client.force_login(cast.organiser)
    draft = client.get(reverse("organiser-activity", args=[idea.activity_id])).content.decode()
    assert "Led by May with Wendy." in draft and "From a member's idea" in draft
    services.activity_publish(activity=idea.activity, actor=cast.organiser)
    client.force_login(cast.member)
    page = client.get(reverse("activity-detail", args=[idea.activity_id])).content.decode()
    assert "You are helping to lead this, with Wendy." in page
    (other,) = make_members(cast, 1)
    client.force_login(other.user)
    page = client.get(reverse("activity-detail", args=[idea.activity_id])).content.decode()
    assert "Led by May with Wendy." in page


def test_not_now_says_why(client, cast):
    board = make_board(cast)
    chair = editor(cast)
    meeting = plan(cast, days=10)
    suggestion = propose(cast)
    hold(cast, meeting, board)
    meetings.proposal_decide(
        item=item_for(suggestion), actor=chair, answer="not_now", reason="We have no money left."
    )
    client.force_login(cast.member)
    page = client.get(reverse("my-ideas")).content.decode()
    assert "The board said not now." in page and "This is why: We have no money left." in page


def test_organisers_see_a_proposal_waits_for_the_board_and_cannot_answer_it(client, cast):
    make_board(cast)
    plan(cast, days=10)
    idea = propose(cast)
    client.force_login(cast.organiser)
    page = client.get(reverse("suggestions")).content.decode()
    assert "Waiting for the board" in page
    assert reverse("suggestion-decide", args=[idea.pk]) not in page
    refused = client.post(
        reverse("suggestion-decide", args=[idea.pk]), {"status": "planned", "reason": "Yes."}
    )
    assert "The board answers this idea at its meeting." in refused.content.decode()
    idea.refresh_from_db()
    assert idea.status == Suggestion.Status.AGENDA
