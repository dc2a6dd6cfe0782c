"""May answers the well-being questions from her own page: she agrees, answers by the
pictures, stops, carries on and sends; later she is asked what has changed, with ticks and
her own words. At 1,280 and 320 px with JavaScript on and off: every page axe clean with
no sideways scroll."""

import pytest
from django.urls import reverse

from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.factories import BranchFactory
from tests.wellbeing.test_report import NORTH, answered
from wellbeing import services
from wellbeing.models import Answer, Round
from wellbeing.questions import for_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_may_answers_stops_carries_on_and_sends(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    services.ask_due()
    sign_in(page, live_server, client, cast.member)
    look = Looks(page)

    page.goto(live_server.url + reverse("me"))
    assert "Some questions about how you are" in page.locator("main").inner_text()
    submit(page, "Find out more")
    look("start")
    page.get_by_label("Yes, I want to answer").check()
    submit(page, "Continue")
    submit(page, "Start the questions")
    look("question-1")
    page.get_by_label("Yes, a lot").check()
    submit(page, "Next question")
    look("question-2")
    submit(page, "Next question")  # nothing chosen
    assert page.title().startswith("Error: ")
    look("question-2-error")
    page.get_by_label("I would rather not say").check()
    submit(page, "Stop for now")
    assert "You have answered 2 of 16 questions." in page.locator("main").inner_text()
    submit(page, "Carry on")
    assert "Question 3 of 16" in page.locator("main").inner_text()

    round_ = Round.objects.get(member=cast.member_row, number=1)
    page.goto(live_server.url + reverse("wellbeing-question", args=[round_.pk, 16]))
    page.get_by_label("Very happy").check()
    submit(page, "Finish")
    look("send")
    submit(page, "Send the answers")
    assert "Thank you. Your answers are sent." in page.locator("main").inner_text()
    look("sent")
    assert Answer.objects.filter(round=round_).count() == 3

    later_day = services.months_later(cast.member_row.admitted_on, 600)
    services.ask_due(today=later_day)
    later = Round.objects.get(member=cast.member_row, number=2)
    words = [q.key for q in for_round(2)].index("what_changed") + 1
    page.goto(live_server.url + reverse("wellbeing-question", args=[later.pk, words]))
    look("own-words")
    page.get_by_label("What has changed in your life because of the co-operative?").fill(
        "I go out more. I have friends 😊"
    )
    submit(page, "Next question")
    look("ticks")
    page.get_by_label("It cost too much").check()
    page.get_by_label("The times of activities").check()
    submit(page, "Next question")
    assert Answer.objects.get(round=later, question="hard").ticked == ["times", "cost"]
    assert Answer.objects.get(round=later, question="what_changed").words.endswith("😊")
    page.goto(live_server.url + reverse("wellbeing-stop"))
    look("stop")
    assert look.failures == {}


def test_an_organiser_types_in_a_paper_and_the_board_reads_the_report(
    any_page, live_server, client
):
    page = any_page
    cast = make_cast()
    answered(BranchFactory(name="North"), NORTH, cast)
    sign_in(page, live_server, client, cast.organiser)
    look = Looks(page)
    page.goto(live_server.url + reverse("member-detail", args=[cast.member_row.pk]))
    submit(page, "Type in May Okafor")
    look("paper")
    page.get_by_label("The first time (when they joined)").check()
    page.get_by_label("The member said yes to answering on the paper").check()
    page.get_by_label("How happy are you with your life?").select_option("happy")
    submit(page, "Save and send the answers")
    assert "Saved 1 answer for May Okafor." in page.locator("main").inner_text()
    submit(page, "Print the paper questions for May Okafor")
    look("print-choice")
    printed = reverse("wellbeing-paper-print", args=[cast.member_row.pk])
    later = page.get_by_role("link", name="The questions for a later time")
    assert later.get_attribute("href") == f"{printed}?time=later"
    page.goto(live_server.url + printed + "?time=third")
    assert page.title().startswith("Error: ")
    look("print-wrong-time")

    sign_in(page, live_server, client, cast.board)
    page.goto(live_server.url + reverse("board-home"))
    submit(page, "How members are: what changed")
    assert "Of 5 people, 2 got better" in page.locator("main").inner_text()
    look("report")
    assert look.failures == {}


def test_every_question_page_both_times(any_page, live_server, client):
    """Each question of the first and a later time, as May reads it: axe clean (with
    JavaScript on) and no sideways scroll, four ways."""
    page = any_page
    cast = make_cast()
    services.ask_due()
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    services.ask_due(today=services.months_later(cast.member_row.admitted_on, 600))
    sign_in(page, live_server, client, cast.member)
    look = Looks(page)
    for round_ in Round.objects.filter(member=cast.member_row):
        for number, question in enumerate(for_round(round_.number), start=1):
            page.goto(live_server.url + reverse("wellbeing-question", args=[round_.pk, number]))
            assert question.text in page.locator("h1").inner_text()
            look(f"time {round_.number}, question {number}")
    assert look.failures == {}


# Stands in for the browser's speech (not ours): keeps what would be said.
SPEECH = """
window.__said = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", {
  value: { speak: function (u) { window.__said.push(u.text); }, cancel: function () {} },
});
"""


def test_read_it_to_me_says_the_question_and_every_answer(page, live_server, client):
    cast = make_cast()
    services.ask_due()
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    round_ = Round.objects.get(member=cast.member_row, number=1)
    page.add_init_script(SPEECH)
    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("wellbeing-question", args=[round_.pk, 16]))
    page.get_by_role("button", name="Read it to me").click()
    said = page.evaluate("window.__said")
    assert said == [
        "How happy are you with your life? Very unhappy. Unhappy. OK. Happy. Very happy. "
        "I would rather not say."
    ]
