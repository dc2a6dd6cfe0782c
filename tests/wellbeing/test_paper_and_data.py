"""A paper questionnaire typed in, the member's own data, and forgetting."""

import pytest
from django.urls import reverse

from coop import personal_data
from wellbeing import services
from wellbeing.models import Answer, Consent, Round
from wellbeing.services import WellbeingError

pytestmark = pytest.mark.django_db


def test_a_paper_questionnaire_is_typed_in_and_marked(cast):
    round_ = services.paper_enter(
        member=cast.member_row,
        number=1,
        answers={"life": {"choice": "very_happy"}, "lonely": {"choice": "never"}},
        actor=cast.organiser,
    )
    assert round_.on_paper and round_.status == Round.Status.FINISHED
    assert set(Answer.objects.values_list("helped_by", flat=True)) == {cast.organiser.pk}
    assert Consent.objects.get(member=cast.member_row).status == Consent.Status.GIVEN


def test_a_paper_answer_that_is_not_a_choice_changes_nothing(cast):
    with pytest.raises(WellbeingError):
        services.paper_enter(
            member=cast.member_row,
            number=1,
            answers={"life": {"choice": "ecstatic"}},
            actor=cast.organiser,
        )
    with pytest.raises(WellbeingError):
        services.paper_enter(
            member=cast.member_row,
            number=1,
            answers={"what_changed": {"words": "More friends"}},  # not asked the first time
            actor=cast.organiser,
        )
    assert not Round.objects.exists() and not Consent.objects.exists()


def test_ticks_and_own_words_are_checked(cast):
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    services.ask_due()
    services.ask_due(today=services.months_later(cast.member_row.admitted_on, 600))
    later = Round.objects.get(member=cast.member_row, number=2)
    services.answer_save(round=later, question="hard", ticked=["cost", "times"], actor=cast.member)
    with pytest.raises(WellbeingError, match="rather not say"):
        services.answer_save(
            round=later, question="hard", ticked=["cost", "not_say"], actor=cast.member
        )
    with pytest.raises(WellbeingError, match="fewer than"):
        services.answer_save(
            round=later, question="what_changed", words="x" * 2001, actor=cast.member
        )
    services.answer_save(
        round=later, question="what_changed", words="I have friends 😊", actor=cast.member
    )
    assert Answer.objects.get(question="what_changed").words == "I have friends 😊"
    assert Answer.objects.get(question="hard").ticked == ["times", "cost"]


def test_answers_are_in_her_own_data_in_words_and_go_when_she_is_forgotten(client, cast):
    services.paper_enter(
        member=cast.member_row,
        number=1,
        answers={"life": {"choice": "very_happy"}},
        actor=cast.organiser,
    )
    client.force_login(cast.member)
    page = client.get(reverse("my-data")).content.decode()
    assert "Your answers about how you are" in page
    assert "How happy are you with your life?" in page and "Very happy" in page
    data = personal_data.export_for(cast.member)["wellbeing"]
    assert data["wellbeing_answers"][0]["answers"][0]["answer"] == "Very happy"

    personal_data.erase_for(cast.member)
    assert not Round.objects.exists() and not Answer.objects.exists()
    assert not Consent.objects.exists() and not Consent.history.exists()


def test_an_organiser_types_in_the_paper_from_the_members_page(client, cast):
    client.force_login(cast.organiser)
    detail = client.get(reverse("member-detail", args=[cast.member_row.pk])).content.decode()
    url = reverse("wellbeing-paper", args=[cast.member_row.pk])
    assert url in detail
    page = client.post(url, {"which": "first", "life": "happy"})
    assert "Please check the member said yes to answering." in page.content.decode()
    assert not Round.objects.exists()
    wrong = client.post(
        url, {"which": "first", "agreed": "on", "what_changed": "Friends"}
    ).content.decode()
    assert "This question is not asked this time." in wrong and not Round.objects.exists()
    done = client.post(
        url,
        {"which": "first", "agreed": "on", "life": "happy", "lonely": "never"},
        follow=True,
    ).content.decode()
    assert "Saved 2 answers for May Okafor." in done
    round_ = Round.objects.get()
    assert round_.on_paper and round_.number == 1
    later = client.post(
        url, {"which": "later", "agreed": "on", "hard": ["cost"], "what_changed": "Friends"}
    )
    assert later.status_code == 302
    assert Round.objects.get(number=2).answers.count() == 2


def test_only_organisers_type_in_paper(client, cast):
    url = reverse("wellbeing-paper", args=[cast.member_row.pk])
    for who in ("member", "supporter", "board", "finance"):
        client.force_login(cast.by_role(who))
        assert client.post(url, {"which": "first", "agreed": "on"}).status_code == 403
    assert not Round.objects.exists()


def test_paper_for_a_time_already_sent_leaves_her_stop_as_it_was(cast):
    # A round sent before she stopped (kept by older versions), then she stopped.
    services.paper_enter(
        member=cast.member_row, number=1, answers={"life": {"choice": "ok"}}, actor=cast.organiser
    )
    Consent.objects.filter(member=cast.member_row).update(status=Consent.Status.WITHDRAWN)
    with pytest.raises(WellbeingError, match="sent already"):
        services.paper_enter(
            member=cast.member_row,
            number=1,
            answers={"life": {"choice": "happy"}},
            actor=cast.organiser,
        )
    assert Consent.objects.get(member=cast.member_row).status == Consent.Status.WITHDRAWN
    assert Answer.objects.get().choice == "ok"
