"""Issue 20: only the co-chairs and whoever the board names to write the papers edit board
meetings; every other board member reads them, on the pages and over the API alike. Sending
the papers and cancelling a meeting each ask first, in plain words, without JavaScript."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from board.meetings import permissions, services
from board.models import Action, BoardMembership, Meeting
from coop.audit import audit_trail
from members.models import Role
from members.services import role_grant
from tests.board.conftest import add_member
from tests.board.meeting_helpers import editor, hold, make_board, plan, written_paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(cast):
    """Make_board's three, October held (an open action, notes), November planned with a
    written paper."""
    board = make_board(cast)
    october = hold(cast, plan(cast, days=-30, title="October"), board)
    services.action_add(
        meeting=october,
        what="Book the minibus",
        owner=board[0],
        due_on=timezone.localdate() + dt.timedelta(days=5),
        actor=cast.board,
    )
    november = plan(cast, days=10, title="November")
    paper = written_paper(cast, november)
    return october, november, paper


def _read_urls(october, november, paper) -> list[str]:
    return [
        reverse("meeting-list"),
        reverse("meeting-detail", args=[november.pk]),
        reverse("meeting-detail", args=[october.pk]),
        reverse("meeting-pack", args=[november.pk]),
        reverse("meeting-pack-pdf", args=[november.pk]),
        reverse("paper-detail", args=[paper.pk]),
        reverse("paper-pdf", args=[paper.pk]),
        reverse("meeting-actions"),
        reverse("meeting-minutes", args=[october.pk]),
        reverse("minutes-list"),
        reverse("board-terms"),
        reverse("sitting-fees"),
    ]


def _edit_urls(october, november, paper) -> list[str]:
    part = paper.parts.first()
    return [
        reverse("meeting-new"),
        reverse("meeting-edit", args=[november.pk]),
        reverse("meeting-cancel", args=[november.pk]),
        reverse("meeting-send", args=[november.pk]),
        reverse("meeting-item-new", args=[november.pk]),
        reverse("meeting-item", args=[paper.item_id]),
        reverse("meeting-item-notes", args=[paper.item_id]),
        reverse("paper-new", args=[paper.item_id]),
        reverse("paper-edit", args=[paper.pk]),
        reverse("paper-part-new", args=[paper.pk]),
        reverse("paper-part", args=[paper.pk, part.pk]),
        reverse("meeting-attendance", args=[october.pk]),
        reverse("meeting-record", args=[october.pk]),
        reverse("meeting-packs-to-do"),
    ]


def test_an_ordinary_board_member_reads_every_meeting_page(cast, meetings, client):
    client.force_login(cast.board)
    for url in _read_urls(*meetings):
        assert client.get(url).status_code == 200, url


def test_an_ordinary_board_member_gets_no_editing_page(cast, meetings, client):
    client.force_login(cast.board)
    for url in _edit_urls(*meetings):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "<h1>You cannot see this page</h1>" in response.content.decode(), url


def test_an_ordinary_board_member_changes_nothing_by_posting(cast, meetings, client):
    october, november, paper = meetings
    part = paper.parts.first()
    term = BoardMembership.objects.filter(member__user=cast.member).get()
    action = Action.objects.get()
    client.force_login(cast.board)
    posts = [
        (reverse("meeting-send", args=[november.pk]), {}),
        (reverse("meeting-cancel", args=[november.pk]), {"reason": "No reason."}),
        (reverse("meeting-refresh", args=[november.pk]), {}),
        (reverse("meeting-new"), {"title": "Mine", "starts_at": "2030-01-01T10:00"}),
        (reverse("meeting-item-new", args=[november.pk]), {"title": "X", "summary": "Y."}),
        (reverse("paper-part-delete", args=[paper.pk, part.pk]), {}),
        (reverse("meeting-action-done", args=[action.pk]), {}),
        (reverse("meeting-approve-minutes", args=[october.pk]), {}),
        (reverse("board-terms"), {"form": "end", "term": term.pk}),
        (reverse("board-terms"), {"form": "papers", "term": term.pk, "writes_papers": "yes"}),
        (reverse("sitting-fees"), {"amount": "25", "starts_on": "2030-01-01"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    november.refresh_from_db()
    term.refresh_from_db()
    assert november.status == Meeting.Status.PLANNED and november.papers_sent_at is None
    assert Meeting.objects.count() == 2 and november.items.count() == 5
    assert paper.parts.count() == 2 and Action.objects.get().done_at is None
    assert term.ends_on is None and not term.writes_papers
    assert not november.deliveries.exists()


def test_the_reading_page_has_the_papers_first_and_no_editing_controls(cast, meetings, client):
    october, november, paper = meetings
    client.force_login(cast.board)
    page = client.get(reverse("meeting-detail", args=[november.pk])).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    pack = reverse("meeting-pack", args=[november.pk])
    assert f'<a class="button" href="{pack}">Read the papers</a>' in main
    assert reverse("meeting-pack-pdf", args=[november.pk]) in main
    assert "The Hub" in main and "Hiring a minibus" in main
    assert main.index("Read the papers") < main.index("Agenda")
    assert "The papers are still being written." in main
    held = client.get(reverse("meeting-detail", args=[october.pk])).content.decode()
    assert "still being written" not in held and "Read the papers" in held
    for editing in (
        "Send the papers",
        "Cancel",
        "Change",
        "Add to the agenda",
        "<form",
        reverse("meeting-edit", args=[november.pk]),
        reverse("meeting-record", args=[november.pk]),
    ):
        assert editing not in main, editing
    listing = client.get(reverse("meeting-list")).content.decode()
    assert "Plan a meeting" not in listing and "Papers to post" not in listing
    paper_page = client.get(reverse("paper-detail", args=[paper.pk])).content.decode()
    assert "Change part" not in paper_page and "Add a part" not in paper_page
    actions = client.get(reverse("meeting-actions")).content.decode()
    assert "Book the minibus" in actions and "Mark done" not in actions
    terms = client.get(reverse("board-terms")).content.decode()
    assert "Add to the board" not in terms and "End today" not in terms


def test_the_api_lets_every_board_member_read_and_only_editors_change(cast, meetings, client):
    october, november, paper = meetings
    client.force_login(cast.board)
    listed = client.get(reverse("board_api:meeting-list")).json()
    assert {m["id"] for m in listed} == {october.pk, november.pk}
    detail = client.get(reverse("board_api:meeting-detail", args=[november.pk])).json()
    assert "Hiring a minibus" in [i["title"] for i in detail["items"]]
    for name in ("board_api:meeting-items", "board_api:meeting-actions"):
        assert client.get(reverse(name, args=[november.pk])).status_code == 200
    assert client.get(reverse("board_api:action-list")).status_code == 200
    assert client.get(reverse("board_api:paper-pdf", args=[paper.pk])).status_code == 200
    refused = [
        (reverse("board_api:meeting-list"), {"title": "Mine", "starts_at": "2030-01-01T10:00Z"}),
        (reverse("board_api:meeting-items", args=[november.pk]), {"title": "X", "summary": "Y"}),
        (
            reverse("board_api:meeting-actions", args=[october.pk]),
            {"what": "Do it", "owner": cast.member_row.pk, "due_on": "2030-01-01"},
        ),
        (reverse("board_api:action-done", args=[Action.objects.get().pk]), {}),
    ]
    for url, body in refused:
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 403, url
        assert "Only the co-chairs and the people who write the papers" in response.json()["detail"]
    assert Meeting.objects.count() == 2 and november.items.count() == 5
    assert Action.objects.count() == 1 and Action.objects.get().done_at is None


def test_the_papers_writer_edits_like_a_co_chair(cast, meetings, client):
    october, november, paper = meetings
    writer = editor(cast, writes_papers=True)
    assert permissions.can_manage_meetings(writer)
    assert not permissions.can_manage_terms(writer)
    client.force_login(writer)
    for url in _edit_urls(*meetings):
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("meeting-item-new", args=[november.pk]),
        {"title": "The garden", "summary": "We talk about the garden."},
    )
    assert response.status_code == 302
    assert november.items.filter(title="The garden").exists()
    api = client.post(
        reverse("board_api:meeting-items", args=[november.pk]),
        {"title": "Budget", "summary": "We look at the budget."},
        content_type="application/json",
    )
    assert api.status_code == 201
    # Naming who is on the board is the co-chairs' job.
    term = BoardMembership.objects.filter(member__user=cast.member).get()
    assert client.post(reverse("board-terms"), {"form": "end", "term": term.pk}).status_code == 403


def test_a_co_chair_names_who_writes_the_papers_on_the_terms_page(cast, meetings, client):
    client.force_login(editor(cast))
    pat = BoardMembership.objects.get(member__user__username="bphone")
    role_grant(user=pat.member.user, role=Role.BOARD, actor=cast.admin)
    assert not permissions.can_manage_meetings(pat.member.user)
    page = client.get(reverse("board-terms")).content.decode()
    assert "Name to write the papers<span" in page
    done = client.post(
        reverse("board-terms"),
        {"form": "papers", "term": pat.pk, "writes_papers": "yes"},
        follow=True,
    )
    assert "Pat Phone writes the papers now." in done.content.decode()
    pat.refresh_from_db()
    assert pat.writes_papers
    assert audit_trail(pat).filter(action="board.term_papers_set").count() == 1
    assert permissions.can_manage_meetings(pat.member.user)
    client.post(reverse("board-terms"), {"form": "papers", "term": pat.pk, "writes_papers": "no"})
    pat.refresh_from_db()
    assert not pat.writes_papers
    assert not permissions.can_manage_meetings(pat.member.user)


def test_a_term_change_sent_without_a_term_says_so_and_changes_nothing(cast, meetings, client):
    """An odd page (no term, or words where its number goes) gets a plain message, not an
    error page."""
    client.force_login(editor(cast))
    before = list(BoardMembership.objects.values_list("pk", "ends_on", "writes_papers"))
    for sent in ({"form": "end"}, {"form": "end", "term": "x"}, {"form": "papers", "term": "1.5"}):
        done = client.post(reverse("board-terms"), sent, follow=True)
        assert done.status_code == 200
        assert "Please choose whose term to change." in done.content.decode()
    assert list(BoardMembership.objects.values_list("pk", "ends_on", "writes_papers")) == before


def test_a_new_term_can_write_the_papers_and_an_ended_one_edits_no_more(cast, meetings, client):
    chair = editor(cast)
    client.force_login(chair)
    newcomer = add_member(cast.admin, "newcomer", "Nia", "Jones")
    response = client.get(reverse("board-terms"))
    token = response.context["form"]["token"].value()
    client.post(
        reverse("board-terms"),
        {
            "form": "add",
            "token": token,
            "member": newcomer.pk,
            "role": "co_opted",
            "starts_on": timezone.localdate().isoformat(),
            "writes_papers": "on",
        },
    )
    assert BoardMembership.objects.get(member=newcomer).writes_papers
    # A co-chair whose term has ended reads, like the rest of the board.
    BoardMembership.objects.filter(member__user=chair).update(
        ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not permissions.can_manage_meetings(chair)
    assert permissions.can_read_meetings(chair)


def test_sending_the_papers_asks_first_and_the_answer_no_changes_nothing(cast, meetings, client):
    october, november, paper = meetings
    client.force_login(editor(cast))
    detail = client.get(reverse("meeting-detail", args=[november.pk])).content.decode()
    send = reverse("meeting-send", args=[november.pk])
    # Apart from the everyday actions, in its own panel, a link to the question (no form).
    panel = detail[detail.index('aria-labelledby="send-heading"') :]
    assert f'<a class="button button-warning" href="{send}">Send the papers now</a>' in panel
    assert f'action="{send}"' not in detail
    assert 'aria-labelledby="cancel-heading"' in detail
    question = client.get(send).content.decode()
    assert "Are you sure you want to send the papers now?" in question
    assert "Yes, send the papers" in question and "No, go back" in question
    assert reverse("meeting-detail", args=[november.pk]) in question
    november.refresh_from_db()
    assert november.status == Meeting.Status.PLANNED and not november.deliveries.exists()
    done = client.post(send, follow=True).content.decode()
    assert "The papers are sent to 4 board members." in done
    november.refresh_from_db()
    assert november.status == Meeting.Status.PAPERS_SENT
    again = client.get(send, follow=True).content.decode()
    assert "The papers for this meeting have gone out already." in again


def test_cancelling_a_meeting_asks_first_in_plain_words(cast, meetings, client):
    october, november, paper = meetings
    client.force_login(editor(cast))
    url = reverse("meeting-cancel", args=[november.pk])
    question = client.get(url).content.decode()
    assert "Are you sure you want to cancel November?" in question
    assert "Yes, cancel the meeting" in question and "No, go back" in question
    refused = client.post(url, {"reason": "  "}).content.decode()
    assert "Please say why the meeting is cancelled." in refused
    november.refresh_from_db()
    assert november.status == Meeting.Status.PLANNED
    client.post(url, {"reason": "Too few people can come."})
    november.refresh_from_db()
    assert november.status == Meeting.Status.CANCELLED


def test_only_those_who_edit_see_the_packs_to_do_and_set_the_fee(cast, meetings, client):
    client.force_login(cast.board)
    fees = client.get(reverse("sitting-fees")).content.decode()
    assert "Set the fee" not in fees
    client.force_login(editor(cast))
    assert "Set the fee" in client.get(reverse("sitting-fees")).content.decode()
    assert client.get(reverse("meeting-packs-to-do")).status_code == 200
