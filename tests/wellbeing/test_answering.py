"""Agreeing, being asked, answering one question a page, stopping and carrying on, a
supporter helping, sending, and stopping for good."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coop.models import AuditEntry
from members.models import Member
from members.outbox.models import Message
from tests.factories import MemberFactory
from wellbeing import report, services
from wellbeing.models import Answer, Consent, Round, Timing
from wellbeing.questions import QUESTIONS, for_round

pytestmark = pytest.mark.django_db


def asked(cast) -> Round:
    assert services.ask_due() >= 1
    return Round.objects.get(member=cast.member_row, number=1)


def agreed_round(cast) -> Round:
    round_ = asked(cast)
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    return round_


def test_a_member_is_asked_once_when_they_join_their_way(cast):
    assert services.ask_due() == Member.objects.filter(status="active").count()
    assert services.ask_due() == 0  # nobody twice
    round_ = Round.objects.get(member=cast.member_row)
    assert round_.number == 1 and round_.due_on == cast.member_row.admitted_on
    told = Message.objects.get(member=cast.member_row, kind="wellbeing_asked", recipient="member")
    assert "You do not have to answer." in told.body


def test_the_second_time_comes_the_boards_months_after_the_first_then_yearly(cast):
    first = asked(cast)
    services.timing_set(later_after_months=3, then_every_months=12, actor=cast.board)
    three_months = services.months_later(timezone.localdate(first.asked_at), 3)
    assert services.ask_due(today=three_months - dt.timedelta(days=1)) == 0
    assert services.ask_due(today=three_months) >= 1
    second = Round.objects.get(member=cast.member_row, number=2)
    year_on = services.months_later(timezone.localdate(second.asked_at), 12)
    assert services.ask_due(today=year_on - dt.timedelta(days=1)) == 0
    assert services.ask_due(today=year_on) >= 1
    assert Round.objects.filter(member=cast.member_row).count() == 3


def test_months_later_keeps_to_the_months_last_day():
    assert services.months_later(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert services.months_later(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert services.months_later(dt.date(2026, 11, 15), 2) == dt.date(2027, 1, 15)


def test_the_timing_refuses_silly_numbers_and_changes_nothing(cast):
    from wellbeing.services import WellbeingError

    with pytest.raises(WellbeingError, match="between 1 and 60 months"):
        services.timing_set(later_after_months=0, then_every_months=12, actor=cast.board)
    assert not Timing.objects.exists()


def test_members_who_said_no_or_left_are_not_asked(cast):
    services.consent_set(member=cast.member_row, agree=False, actor=cast.member)
    MemberFactory(status=Member.Status.RESIGNED)
    services.ask_due()
    assert not Round.objects.filter(member=cast.member_row).exists()
    assert not Round.objects.filter(member__status=Member.Status.RESIGNED).exists()


def test_the_first_time_asks_no_what_has_changed_questions():
    first, later = for_round(1), for_round(2)
    assert len(first) == 16 and len(later) == len(QUESTIONS)
    assert not any(q.later_only for q in first)


def test_may_agrees_answers_stops_and_carries_on(client, cast):
    round_ = asked(cast)
    client.force_login(cast.member)
    start = reverse("wellbeing-start")
    page = client.get(start).content.decode()
    assert "Do you want to answer the questions?" in page
    client.post(start, {"agree": "yes"})
    assert Consent.objects.get(member=cast.member_row).status == Consent.Status.GIVEN

    page = client.get(start).content.decode()
    first = reverse("wellbeing-question", args=[round_.pk, 1])
    assert first in page and "Start the questions" in page
    response = client.post(first, {"answer": "agree_a_lot", "next": ""})
    assert response.url == reverse("wellbeing-question", args=[round_.pk, 2])
    response = client.post(
        reverse("wellbeing-question", args=[round_.pk, 2]), {"answer": "not_say", "stop": ""}
    )
    assert response.url == start
    answers = dict(Answer.objects.values_list("question", "choice"))
    assert answers == {"right_support": "agree_a_lot", "choose_support": "not_say"}
    assert Round.objects.get(pk=round_.pk).status == Round.Status.STARTED

    page = client.get(start).content.decode()
    assert "You have answered 2 of 16 questions." in page
    assert reverse("wellbeing-question", args=[round_.pk, 3]) in page
    # Going back shows the answer given, chosen.
    back = client.get(first).content.decode()
    chosen = [line for line in back.splitlines() if 'value="agree_a_lot"' in line]
    assert len(chosen) == 1 and "checked" in chosen[0]
    assert not any("checked" in line for line in back.splitlines() if 'value="agree"' in line)


def test_no_answer_gets_a_clear_message_and_changes_nothing(client, cast):
    round_ = agreed_round(cast)
    client.force_login(cast.member)
    page = client.post(reverse("wellbeing-question", args=[round_.pk, 1]), {"next": ""})
    text = page.content.decode()
    assert page.status_code == 200 and "<title>Error: " in text
    assert "Please choose an answer, or &#x27;I would rather not say&#x27;." in text
    assert not Answer.objects.exists()
    bad = client.post(reverse("wellbeing-question", args=[round_.pk, 1]), {"answer": "maybe"})
    assert bad.status_code == 200 and not Answer.objects.exists()


def test_stop_for_now_with_nothing_chosen_keeps_what_was_there(client, cast):
    round_ = agreed_round(cast)
    client.force_login(cast.member)
    response = client.post(reverse("wellbeing-question", args=[round_.pk, 1]), {"stop": ""})
    assert response.status_code == 302 and not Answer.objects.exists()


def test_sending_finishes_and_answers_cannot_change_after(client, cast):
    round_ = agreed_round(cast)
    client.force_login(cast.member)
    last = len(for_round(1))
    client.post(reverse("wellbeing-question", args=[round_.pk, last]), {"answer": "happy"})
    send = reverse("wellbeing-send", args=[round_.pk])
    assert "You answered 1 of 16 questions." in client.get(send).content.decode()
    page = client.post(send, follow=True).content.decode()
    assert "Thank you. Your answers are sent." in page
    assert Round.objects.get(pk=round_.pk).status == Round.Status.FINISHED
    again = client.post(reverse("wellbeing-question", args=[round_.pk, 1]), {"answer": "agree"})
    assert again.status_code == 302
    assert Answer.objects.count() == 1
    assert client.post(send, follow=True).status_code == 200  # sent twice: no error


def test_a_supporter_helps_and_the_answer_says_so(client, cast):
    round_ = asked(cast)
    client.force_login(cast.supporter)
    member = cast.member_row.pk
    page = client.get(reverse("wellbeing-start")).content.decode()
    assert f"?member={member}" in page and "Help May answer" in page
    start = reverse("wellbeing-start") + f"?member={member}"
    client.post(start, {"agree": "yes", "member": member})
    url = reverse("wellbeing-question", args=[round_.pk, 1]) + f"?member={member}"
    page = client.get(url).content.decode()
    assert "You are helping May answer." in page
    client.post(url, {"answer": "agree"})
    answer = Answer.objects.get()
    assert answer.helped_by == cast.supporter


def test_nobody_else_reaches_a_members_questions(client, cast):
    round_ = agreed_round(cast)
    url = reverse("wellbeing-question", args=[round_.pk, 1])
    for user in (cast.organiser, cast.board, cast.finance):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"answer": "agree"}).status_code in (403, 404)
    other = MemberFactory()
    client.force_login(other.user)
    assert client.get(url).status_code == 404
    assert not Answer.objects.exists()


def test_stopping_for_good_deletes_every_answer_and_no_more_asking(client, cast):
    round_ = agreed_round(cast)
    services.answer_save(round=round_, question="life", choice="happy", actor=cast.member)
    client.force_login(cast.member)
    stop = reverse("wellbeing-stop")
    assert "We will delete all your answers." in client.get(stop).content.decode()
    client.post(stop)
    assert not Answer.objects.exists()
    assert Consent.objects.get(member=cast.member_row).status == Consent.Status.WITHDRAWN
    page = client.get(reverse("wellbeing-start")).content.decode()
    assert "You stopped answering." in page


def test_the_member_home_shows_the_questions_until_she_says_no(client, cast):
    asked(cast)
    client.force_login(cast.member)
    assert "Some questions about how you are" in client.get(reverse("me")).content.decode()
    services.consent_set(member=cast.member_row, agree=False, actor=cast.member)
    assert "Some questions about how you are" not in client.get(reverse("me")).content.decode()


def test_the_daily_command_asks_and_says_how_many(cast):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("ask_wellbeing", stdout=out)
    active = Member.objects.filter(status="active").count()
    assert out.getvalue().strip() == f"{active} member{'s' if active != 1 else ''} asked."
    out = StringIO()
    call_command("ask_wellbeing", stdout=out)
    assert out.getvalue().strip() == "0 members asked."


@pytest.mark.parametrize(
    "details, way, status",
    [
        ({"email": "pat@example.org", "contact_preferences": ["email"]}, "email", "queued"),
        ({"phone": "07700 900123", "contact_preferences": ["text"]}, "text", "queued"),
        (
            {"address": "3 Park Lane", "postcode": "NF3 3AB", "contact_preferences": ["letter"]},
            "letter",
            "letter_ready",
        ),
        ({"phone": "020 7946 0001", "contact_preferences": ["phone"]}, "phone", "to_call"),
    ],
)
def test_each_member_is_asked_their_own_way(cast, details, way, status):
    from tests.board.conftest import add_member

    member = add_member(cast.admin, "pat", "Pat", "Way", **details)
    services.ask_due()
    told = Message.objects.get(member=member, kind="wellbeing_asked", recipient="member")
    assert (told.way, told.status) == (way, status)
    assert "Some questions about how you feel" in told.subject


def test_stopping_for_good_takes_her_out_of_the_report_too(cast):
    services.paper_enter(
        member=cast.member_row, number=1, answers={"life": {"choice": "ok"}}, actor=cast.organiser
    )
    services.consent_set(member=cast.member_row, agree=False, actor=cast.member)
    assert not Round.objects.filter(member=cast.member_row).exists()
    assert report.build().first == 0  # "we deleted the answers": she is not counted


def test_own_words_left_with_rather_not_say_show_the_tick_not_a_code(client, cast):
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    later = Round.objects.create(
        member=cast.member_row, number=2, due_on=timezone.localdate(), asked_at=timezone.now()
    )
    services.answer_save(round=later, question="what_changed", choice="not_say", actor=cast.member)
    number = [q.key for q in for_round(2)].index("what_changed") + 1
    client.force_login(cast.member)
    page = client.get(reverse("wellbeing-question", args=[later.pk, number])).content.decode()
    assert 'aria-describedby="answer-hint"></textarea>' in page  # empty, not "not_say"
    assert 'name="not_say" id="id_not_say" checked' in page


def test_sending_twice_says_thank_you_both_times_and_finishes_once(client, cast):
    round_ = agreed_round(cast)
    client.force_login(cast.member)
    send = reverse("wellbeing-send", args=[round_.pk])
    client.post(send)
    page = client.post(send, follow=True).content.decode()  # a second tap, or another tab
    assert "Thank you. Your answers are sent." in page and "sent already" not in page
    assert AuditEntry.objects.filter(action="wellbeing.round_finished").count() == 1


def test_a_member_who_says_stop_while_the_asking_runs_is_not_asked(cast):
    # ask_due chose her, then she said stop before her turn came.
    services.consent_set(member=cast.member_row, agree=False, actor=cast.member)
    assert services.ask_member(cast.member_row, 1, timezone.localdate()) == 0
    assert not Round.objects.exists()
    assert not Message.objects.filter(kind="wellbeing_asked").exists()


def test_own_words_and_rather_not_say_together_get_a_message_and_change_nothing(client, cast):
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    later = Round.objects.create(
        member=cast.member_row, number=2, due_on=timezone.localdate(), asked_at=timezone.now()
    )
    number = [q.key for q in for_round(2)].index("what_changed") + 1
    client.force_login(cast.member)
    url = reverse("wellbeing-question", args=[later.pk, number])
    page = client.post(url, {"answer": "New friends 😊", "not_say": "on", "next": ""})
    text = page.content.decode()
    assert page.status_code == 200 and "<title>Error: " in text
    assert "You wrote some words and chose &#x27;I would rather not say&#x27;." in text
    assert not Answer.objects.exists()


def test_a_no_from_an_old_page_after_agreeing_asks_before_deleting_anything(client, cast):
    round_ = agreed_round(cast)
    services.answer_save(round=round_, question="life", choice="happy", actor=cast.member)
    client.force_login(cast.member)
    response = client.post(reverse("wellbeing-start"), {"agree": "no"})  # a tab left open
    assert response.url == reverse("wellbeing-stop")
    assert Answer.objects.count() == 1
    assert Consent.objects.get(member=cast.member_row).status == Consent.Status.GIVEN


def test_after_sending_her_page_links_to_what_she_said(client, cast):
    round_ = agreed_round(cast)
    services.answer_save(round=round_, question="life", choice="happy", actor=cast.member)
    client.force_login(cast.member)
    assert "See what you said about how you are" not in client.get(reverse("me")).text
    services.round_finish(round=round_, actor=cast.member)
    page = client.get(reverse("me")).text
    assert "Some questions about how you are" not in page
    assert "See what you said about how you are" in page
