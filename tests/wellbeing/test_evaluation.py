"""Who reads one person's well-being answers: the member, the supporters helping them and
the evaluation lead, nobody else; every read by someone else is written down. The member
reads back what they said; the supporter's page offers to help with waiting questions."""

import pytest
from django.urls import reverse

from coop.models import AuditEntry
from members import services as member_services
from members.models import Role
from members.selectors import user_roles
from tests.factories import UserFactory
from wellbeing import services
from wellbeing.models import Round

pytestmark = pytest.mark.django_db

OWN_WORDS = "I go to the café with Jo now"


def evaluator(cast):
    lead = UserFactory(username="evaluator", first_name="Eve", last_name="Lane")
    member_services.role_grant(user=lead, role=Role.EVALUATOR, actor=cast.admin)
    return lead


def sent_twice(cast) -> None:
    """May answers the first time on the website with Sue helping, and a later time on
    paper with an organiser."""
    services.ask_due()
    first = Round.objects.get(member=cast.member_row, number=1)
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    services.answer_save(round=first, question="life", actor=cast.supporter, choice="unhappy")
    services.answer_save(round=first, question="lonely", actor=cast.member, choice="often")
    services.round_finish(round=first, actor=cast.member)
    services.paper_enter(
        member=cast.member_row,
        number=2,
        answers={
            "life": {"choice": "happy"},
            "lonely": {"choice": "not_say"},
            "what_changed": {"words": OWN_WORDS},
            "hard": {"ticked": ["cost", "times"]},
        },
        actor=cast.organiser,
    )


def test_an_administrator_makes_someone_the_evaluation_lead_and_they_get_a_home(client, cast):
    lead = UserFactory(username="evaluator")
    client.force_login(cast.admin)
    page = client.get(reverse("administrator-home")).content.decode()
    assert "Evaluation lead" in page
    done = client.post(
        reverse("administrator-home"), {"user": lead.pk, "role": "evaluator", "action": "grant"}
    )
    assert done.status_code == 302
    assert user_roles(lead) == ["evaluator"]
    client.force_login(lead)
    assert client.get(reverse("home"))["Location"] == reverse("evaluator-home")
    home = client.get(reverse("evaluator-home")).content.decode()
    assert reverse("wellbeing-answers") in home and reverse("wellbeing-report") in home
    assert "0 members sent their answers." in home
    assert client.get(reverse("wellbeing-report")).status_code == 200


@pytest.mark.parametrize(
    "who",
    ["member", "supporter", "organiser", "board", "finance", "returning", "admin", "outsider"],
)
def test_nobody_but_the_evaluation_lead_reads_the_list_or_one_persons_answers(client, cast, who):
    sent_twice(cast)
    client.force_login(cast.by_role(who))
    assert client.get(reverse("wellbeing-answers")).status_code == 403
    one = reverse("wellbeing-answers-member", args=[cast.member_row.pk])
    assert client.get(one).status_code == 403
    assert client.get(reverse("evaluator-home")).status_code == 403
    assert not AuditEntry.objects.filter(action="wellbeing.answers_read").exists()


def test_the_evaluation_lead_reads_who_answered_and_how(client, cast):
    sent_twice(cast)
    client.force_login(evaluator(cast))
    page = client.get(reverse("wellbeing-answers")).content.decode()
    assert "1 member answered" in page
    assert "1 member sent their answers." in client.get(reverse("evaluator-home")).text
    assert "May Okafor" in page and "Northfield" in page
    assert "The first time" in page and "The second time" in page
    assert "On paper, Helped by a supporter" in page
    assert OWN_WORDS not in page  # only on the member's own page
    assert not AuditEntry.objects.filter(action="wellbeing.answers_read").exists()


def test_the_evaluation_lead_reads_the_first_answers_beside_the_latest_and_it_is_written_down(
    client, cast
):
    sent_twice(cast)
    lead = evaluator(cast)
    client.force_login(lead)
    page = client.get(reverse("wellbeing-answers-member", args=[cast.member_row.pk]))
    text = page.content.decode()
    assert "<h1>May Okafor's answers</h1>" in text
    life = text[text.index("How happy are you with your life?") :]
    assert life.index("Unhappy") < life.index("Happy</span>")  # first, then latest
    assert "wellbeing/pictures/face-2.svg" in text and "wellbeing/pictures/face-4.svg" in text
    assert "I would rather not say" in text
    assert OWN_WORDS in text
    assert "The times of activities</span>" in text and "It cost too much</span>" in text
    assert "Not asked" in text  # the first time has no "what has changed"
    assert "(a supporter helped)</li>" in text and "(on paper)</li>" in text
    entry = AuditEntry.objects.get(action="wellbeing.answers_read")
    assert entry.actor == lead and entry.target_id == str(cast.member_row.pk)
    assert entry.on_behalf_of is None and entry.data == {"times": [1, 2]}
    assert OWN_WORDS not in str(entry.data) and "happy" not in str(entry.data)
    # The lead reads; they do not answer for the member.
    start = client.get(reverse("wellbeing-start"), {"member": cast.member_row.pk})
    assert start.status_code == 403


def test_the_evaluation_lead_finds_nothing_for_a_member_who_sent_nothing(client, cast):
    client.force_login(evaluator(cast))
    one = reverse("wellbeing-answers-member", args=[cast.member_row.pk])
    assert client.get(one).status_code == 404
    assert client.get(reverse("wellbeing-answers-member", args=[999999])).status_code == 404
    assert "Nobody has sent their answers yet." in client.get(reverse("wellbeing-answers")).text


def test_may_reads_what_she_said_each_time_in_words_with_the_pictures(client, cast):
    sent_twice(cast)
    client.force_login(cast.member)
    page = client.get(reverse("wellbeing-start")).content.decode()
    assert "What you said" in page
    assert "The first time: sent on" in page and "The second time: sent on" in page
    assert OWN_WORDS in page and "Unhappy" in page and "wellbeing/pictures/face-2.svg" in page
    # Her own reading is not written down; only other people's.
    assert not AuditEntry.objects.filter(action="wellbeing.answers_read").exists()


def test_sue_reads_what_may_said_and_it_is_written_down_for_may(client, cast):
    sent_twice(cast)
    client.force_login(cast.supporter)
    page = client.get(reverse("wellbeing-start"), {"member": cast.member_row.pk}).text
    assert "What May said" in page and OWN_WORDS in page
    entry = AuditEntry.objects.get(action="wellbeing.answers_read")
    assert entry.actor == cast.supporter and entry.on_behalf_of == cast.member
    client.force_login(cast.organiser)
    asked = client.get(reverse("wellbeing-start"), {"member": cast.member_row.pk})
    assert asked.status_code == 403


def test_nothing_sent_shows_no_what_you_said(client, cast):
    services.ask_due()
    client.force_login(cast.member)
    assert "What you said" not in client.get(reverse("wellbeing-start")).text


def test_sues_page_offers_to_help_may_with_waiting_questions_until_she_says_no(client, cast):
    client.force_login(cast.supporter)
    home = reverse("supporter-home")
    assert "Help May answer the questions" not in client.get(home).text  # not asked yet
    services.ask_due()
    page = client.get(home).text
    assert "Help May answer the questions" in page
    assert f'href="{reverse("wellbeing-start")}?member={cast.member_row.pk}"' in page
    services.consent_set(member=cast.member_row, agree=False, actor=cast.member)
    assert "Help May answer the questions" not in client.get(home).text
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    first = Round.objects.get(member=cast.member_row, number=1)
    services.round_finish(round=first, actor=cast.member)
    assert "Help May answer the questions" not in client.get(home).text  # sent


def test_answers_deleted_when_may_stops_answering_are_gone_for_the_evaluation_lead(client, cast):
    sent_twice(cast)
    services.consent_set(member=cast.member_row, agree=False, actor=cast.member)
    client.force_login(evaluator(cast))
    assert "Nobody has sent their answers yet." in client.get(reverse("wellbeing-answers")).text
    assert "0 members sent their answers." in client.get(reverse("evaluator-home")).text
    one = reverse("wellbeing-answers-member", args=[cast.member_row.pk])
    assert client.get(one).status_code == 404


def test_the_evaluation_lead_reads_the_list_a_page_at_a_time(client, cast):
    from tests.factories import MemberFactory
    from wellbeing.views_evaluation import ANSWERED_PER_PAGE

    for _ in range(ANSWERED_PER_PAGE + 1):
        services.paper_enter(
            member=MemberFactory(), number=1, answers={"life": {"choice": "ok"}},
            actor=cast.organiser,
        )  # fmt: skip
    client.force_login(evaluator(cast))
    url = reverse("wellbeing-answers")
    first = client.get(url).content.decode()
    assert f"{ANSWERED_PER_PAGE + 1} members answered, page 1 of 2" in first
    assert "Later in the list" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "page 2 of 2" in second and "Earlier in the list" in second
    assert client.get(url, {"page": "lots"}).status_code == 200  # the nearest page
