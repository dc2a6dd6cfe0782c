"""The evaluation lead reads who answered and one member's answers, first beside latest;
May reads back what she said; Sue's page offers to help May with waiting questions. At
1,280 and 320 px, with JavaScript on and off (conftest's any_page): no sideways scroll
either way, and every page axe clean with JavaScript on (axe never finishes on a page with
JavaScript off; Looks skips it there)."""

import pytest
from django.urls import reverse

from tests.browser.conftest import Looks, sign_in, submit
from tests.conftest import make_cast
from tests.wellbeing.test_evaluation import OWN_WORDS, evaluator, sent_twice
from wellbeing import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_evaluation_lead_reads_mays_answers(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    sent_twice(cast)
    sign_in(page, live_server, client, evaluator(cast))
    look = Looks(page)

    page.goto(live_server.url + reverse("home"))
    look("evaluator-home")
    submit(page, "Members who answered, and their answers")
    look("who-answered")
    submit(page, "May Okafor")
    main = page.locator("main").inner_text()
    assert "May Okafor's answers" in main and OWN_WORDS in main
    look("one-member")
    submit(page, "Back to members who answered")
    submit(page, "How members are: the totals")
    look("report")
    assert look.failures == {}


def test_may_reads_what_she_said_and_sue_is_offered_to_help(any_page, live_server, client):
    page = any_page
    cast = make_cast()
    sent_twice(cast)
    sign_in(page, live_server, client, cast.member)
    look = Looks(page)
    page.goto(live_server.url + reverse("wellbeing-start"))
    main = page.locator("main").inner_text()
    assert "What you said" in main and OWN_WORDS in main
    look("what-you-said")

    first = cast.member_row.admitted_on
    services.ask_due(today=services.months_later(first, 600))
    sign_in(page, live_server, client, cast.supporter)
    page.goto(live_server.url + reverse("supporter-home"))
    look("supporter-home")
    submit(page, "Help May answer the questions")
    assert "Questions about how May is" in page.locator("main").inner_text()
    assert look.failures == {}
