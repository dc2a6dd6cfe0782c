"""axe over every board meeting page, for a co-chair (who edits), a board member (who
reads), finance and members, with error states; the pack page and a paper written without
JavaScript."""

import pytest
from django.urls import reverse

from board.meetings import services
from board.meetings.services.packs import papers_send
from board.models import Paper, SittingFee
from tests.board.meeting_helpers import editor, hold, make_board, plan, written_paper
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def problems(failures: dict) -> dict:
    return {name: found for name, found in failures.items() if found}


def setting():
    cast = make_cast()
    board = make_board(cast)
    october = plan(cast, days=-30, title="October")
    paper = written_paper(cast, october, confidential=True, title="A complaint")
    hold(cast, october, board)
    services.decision_record(
        meeting=october, item=paper.item, wording="Write to the member.", actor=cast.board
    )
    services.action_add(
        meeting=october,
        what="Write the letter",
        owner=board[0],
        due_on=october.starts_at.date(),
        actor=cast.board,
    )
    november = hold(cast, plan(cast, days=0, title="November"), board)
    upcoming = plan(cast, days=5, title="December")
    written_paper(cast, upcoming)
    papers_send(meeting=upcoming, actor=cast.board)
    return cast, october, november, upcoming, paper


def test_board_meeting_pages_pass_axe(page, live_server, client):
    cast, october, november, upcoming, paper = setting()
    later = plan(cast, days=20, title="January")
    sign_in(page, live_server, client, editor(cast))
    part = paper.parts.first()
    failures = {}
    for name, url in [
        ("list", reverse("meeting-list")),
        ("new", reverse("meeting-new")),
        ("detail-sent", reverse("meeting-detail", args=[upcoming.pk])),
        ("detail-held", reverse("meeting-detail", args=[november.pk])),
        ("edit", reverse("meeting-edit", args=[upcoming.pk])),
        ("cancel", reverse("meeting-cancel", args=[upcoming.pk])),
        ("detail-planned", reverse("meeting-detail", args=[later.pk])),
        ("send", reverse("meeting-send", args=[later.pk])),
        ("item-new", reverse("meeting-item-new", args=[upcoming.pk])),
        ("item", reverse("meeting-item", args=[paper.item_id])),
        ("notes", reverse("meeting-item-notes", args=[paper.item_id])),
        ("paper", reverse("paper-detail", args=[paper.pk])),
        ("paper-edit", reverse("paper-edit", args=[paper.pk])),
        ("part", reverse("paper-part", args=[paper.pk, part.pk])),
        ("part-new", reverse("paper-part-new", args=[paper.pk])),
        ("pack-easy", reverse("meeting-pack", args=[upcoming.pk])),
        ("pack-standard", reverse("meeting-pack", args=[upcoming.pk]) + "?version=standard"),
        ("attendance", reverse("meeting-attendance", args=[november.pk])),
        ("record", reverse("meeting-record", args=[november.pk])),
        ("minutes", reverse("meeting-minutes", args=[october.pk])),
        ("actions", reverse("meeting-actions")),
        ("to-do", reverse("meeting-packs-to-do")),
        ("fees", reverse("sitting-fees")),
        ("minutes-list", reverse("minutes-list")),
        ("terms", reverse("board-terms")),
    ]:
        failures[name] = check_page(page, live_server.url + url)
    # An error state: a vote with no numbers.
    page.goto(live_server.url + reverse("meeting-record", args=[november.pk]))
    page.check("input[name='decision-outcome'][value='vote']")
    submit(page, "Save the decision")
    assert page.title().startswith("Error: ")
    assert "Please type a number, 0 if nobody." in page.content()
    failures["record-error"] = axe_violations(page)
    # A board member who does not edit reads the same meetings.
    sign_in(page, live_server, client, cast.board)
    for name, url in [
        ("read-list", reverse("meeting-list")),
        ("read-detail-sent", reverse("meeting-detail", args=[upcoming.pk])),
        ("read-detail-planned", reverse("meeting-detail", args=[later.pk])),
        ("read-detail-held", reverse("meeting-detail", args=[november.pk])),
        ("read-paper", reverse("paper-detail", args=[paper.pk])),
        ("read-actions", reverse("meeting-actions")),
        ("read-terms", reverse("board-terms")),
    ]:
        failures[name] = check_page(page, live_server.url + url)
    assert problems(failures) == {}


def test_error_pages_pass_axe(page, live_server, client):
    cast, october, november, upcoming, paper = setting()
    sign_in(page, live_server, client, editor(cast))
    failures = {}
    page.goto(live_server.url + reverse("meeting-new"))
    submit(page, "Plan the meeting")
    assert page.title().startswith("Error: ")
    failures["new-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("paper-part-new", args=[paper.pk]))
    submit(page, "Save and check the words")
    failures["part-error"] = axe_violations(page)
    assert problems(failures) == {}


def test_finance_and_member_pages_pass_axe(page, live_server, client):
    cast, october, november, upcoming, paper = setting()
    services.minutes_approve(meeting=october, at_meeting=november, actor=cast.board)
    assert SittingFee.objects.filter(status="owed").exists()
    sign_in(page, live_server, client, cast.finance)
    failures = {"fees-finance": check_page(page, live_server.url + reverse("sitting-fees"))}
    sign_in(page, live_server, client, cast.member)
    failures["minutes-list"] = check_page(page, live_server.url + reverse("minutes-list"))
    failures["minutes"] = check_page(
        page, live_server.url + reverse("meeting-minutes", args=[october.pk])
    )
    assert "A complaint" in page.content() and "Write to the member" not in page.content()
    assert problems(failures) == {}


@pytest.mark.parametrize("javascript", [False])
def test_a_paper_part_is_written_and_checked_without_javascript(
    browser, live_server, client, javascript
):
    cast = make_cast()
    make_board(cast)
    meeting = plan(cast, days=10)
    paper = written_paper(cast, meeting)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    try:
        sign_in(page, live_server, client, editor(cast, writes_papers=True))
        page.goto(live_server.url + reverse("paper-part-new", args=[paper.pk]))
        page.fill("textarea[name='words']", "It costs fifty pounds.")
        page.check("input[name='picture'][value='coop/pictures/money.svg']")
        submit(page, "Save and check the words")
        assert "Write numbers as digits." in page.content()
        assert Paper.objects.get(pk=paper.pk).parts.count() == 3
    finally:
        context.close()
