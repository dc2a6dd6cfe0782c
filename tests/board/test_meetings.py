"""Board meetings: agenda, papers written by people and by coop, the pack in three tagged
versions, sending it each board member's way, the record of the meeting, minutes, actions
carried over, and sitting fees (once per attendance, paid through the ledger)."""

import datetime as dt
import io
import re

import pdfplumber
import pikepdf
import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pdfua import validate

from board.meetings import services
from board.meetings.papers.pack import pack_pdf
from board.meetings.services.packs import delivery_record, packs_send_due, papers_send
from board.models import (
    Action,
    AgendaItem,
    Attendance,
    BoardMembership,
    Meeting,
    PackDelivery,
    Paper,
    SittingFee,
)
from board.terms import services as term_services
from board.terms.selectors import board_members_on
from coop.audit import audit_trail
from coop.easyread import sentence_checks
from coop.errors import CoopError
from finance.models import Entry
from members.outbox.models import Message
from members.outbox.sending import send_due
from tests.board.conftest import add_member
from tests.board.meeting_helpers import at as _at
from tests.board.meeting_helpers import editor, hold, make_board, plan, written_paper
from tests.coop.test_documents import struct_elements
from tests.outbox_helpers import supporter_wants_copies


@pytest.fixture
def board(cast):
    return make_board(cast)


@pytest.fixture
def chair(cast):
    """A co-chair: they edit meetings (cast.board only reads)."""
    return editor(cast)


# --- Planning and papers -----------------------------------------------------------------


def test_a_new_meeting_has_the_standard_items_in_order_and_is_audited(cast):
    meeting = plan(cast)
    assert [i.source for i in meeting.items.all()] == ["minutes", "actions", "activities", "money"]
    assert meeting.status == Meeting.Status.PLANNED
    assert audit_trail(meeting).filter(action="meeting.created").count() == 1


@pytest.mark.parametrize(
    "details, message",
    [
        ({"title": " "}, "Please give the meeting a name."),
        ({"place": "", "call_link": ""}, "Please say where the meeting is"),
    ],
)
def test_bad_meeting_details_are_refused_and_nothing_is_saved(cast, details, message):
    base = {"title": "Board", "starts_at": _at(5), "place": "The Hub", "call_link": ""}
    base.update(details)
    with pytest.raises(CoopError, match=message):
        services.meeting_create(actor=cast.board, **base)
    assert not Meeting.objects.exists()


def test_coop_writes_its_own_papers_and_leaves_written_ones_alone(cast, board, chair, client):
    earlier = plan(cast, days=-30, title="Last month")
    hold(cast, earlier, board)
    services.action_add(
        meeting=earlier,
        what="Phone the bowling alley",
        owner=board[1],
        due_on=timezone.localdate() + dt.timedelta(days=3),
        actor=cast.board,
    )
    meeting = plan(cast)
    paper = written_paper(cast, meeting)
    refreshed = services.papers_refresh(meeting=meeting, actor=cast.board)
    assert refreshed == [
        "Minutes of the last meeting",
        "Actions from last time",
        "How our activities went",
        "Money",
    ]
    titles = {p.item.source: p.title for p in Paper.objects.filter(item__meeting=meeting)}
    assert titles["minutes"] == "Minutes: Last month"
    assert titles["written"] == "Hiring a minibus"
    actions_paper = Paper.objects.get(item__meeting=meeting, source="actions")
    assert "Phone the bowling alley" in " ".join(p.words for p in actions_paper.parts.all())
    # Refreshing again replaces coop's papers, never a person's.
    services.papers_refresh(meeting=meeting, actor=cast.board)
    assert Paper.objects.filter(item__meeting=meeting, source="actions").count() == 1
    assert Paper.objects.get(pk=paper.pk).parts.count() == 2
    with pytest.raises(CoopError, match="The website writes this paper"):
        services.part_save(paper=actions_paper, words="Changed", actor=cast.board)
    # The software's name is not a word people read: the pages say "the website".
    client.force_login(chair)
    html = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    main = re.sub(r"<[^>]+>", " ", html[html.index("<main") : html.index("</main>")])
    assert "The website" in main and not re.search(r"\bcoop\b", main)


def test_pictures_must_come_from_the_library_and_words_are_needed(cast, board):
    paper = written_paper(cast, plan(cast))
    with pytest.raises(CoopError, match="choose one of the pictures"):
        services.part_save(
            paper=paper, words="Hello.", picture="../../etc/passwd", actor=cast.board
        )
    with pytest.raises(CoopError, match="write some words"):
        services.part_save(paper=paper, words="  ", actor=cast.board)
    assert paper.parts.count() == 2


def test_the_easy_read_checker_names_each_sentence_that_breaks_a_rule():
    good = "We want a minibus. It has room for a wheelchair."
    assert [c for c in sentence_checks(good) if c.problems] == []
    bad = (
        "The board, having considered the representations received from members and staff, "
        "resolved to proceed with the procurement. It costs fifty pounds. "
        "Around 50% of members agreed, e.g. in Northfield."
    )
    checks = {c.sentence: {p.code for p in c.problems} for c in sentence_checks(bad) if c.problems}
    long_one = next(s for s in checks if s.startswith("The board"))
    assert "long_sentence" in checks[long_one] and "hard_words" in checks[long_one]
    assert checks["It costs fifty pounds."] == {"number_in_words"}
    assert {"percentage", "abbreviation"} <= checks[next(s for s in checks if "50%" in s)]


def test_the_part_page_shows_which_sentences_to_change(cast, board, chair, client):
    paper = written_paper(cast, plan(cast))
    client.force_login(chair)
    response = client.post(
        reverse("paper-part-new", args=[paper.pk]),
        {"words": "It costs fifty pounds.", "picture": "coop/pictures/money.svg"},
        follow=True,
    )
    page = response.content.decode()
    assert "“It costs fifty pounds.”" in page
    assert "Write numbers as digits." in page
    assert paper.parts.count() == 3  # saved: advice never refuses


def test_a_part_with_a_picture_not_shown_says_so_to_a_screen_reader(cast, board, chair, client):
    paper = written_paper(cast, plan(cast))
    client.force_login(chair)
    page = client.post(
        reverse("paper-part-new", args=[paper.pk]), {"words": "We met.", "picture": "nonsense.svg"}
    ).content.decode()
    # The picture question's fieldset is described by its error, which has that id.
    assert re.search(r'<fieldset class="fieldset" aria-describedby="id_picture_error">', page)
    assert re.search(r'<div id="id_picture_error"><p class="error-message">', page)


# --- The pack ----------------------------------------------------------------------------


def _text_and_sizes(pdf: bytes) -> tuple[str, set[int]]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)
        sizes = {round(c["size"]) for page in document.pages for c in page.chars}
    return text, sizes


def _figures(pdf: bytes) -> tuple[list[str], pikepdf.Object, str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        alts = [
            str(e.get("/Alt", "")) for e in struct_elements(document) if e.get("/S") == "/Figure"
        ]
        return alts, str(document.Root.Lang), str(document.open_metadata().get("dc:title"))


def test_the_pack_has_the_agenda_then_each_item_with_its_papers_in_order(cast, board):
    meeting = plan(cast)
    written_paper(cast, meeting)
    written_paper(cast, meeting, confidential=True, title="A complaint")
    services.papers_refresh(meeting=meeting, actor=cast.board)
    text, _ = _text_and_sizes(pack_pdf(meeting, "easy-read"))
    order = [
        "What we will talk about",
        "1. Minutes of the last meeting",
        "2. Actions from last time",
        "3. How our activities went",
        "4. Money",
        "5. Hiring a minibus",
        "What is it?",
        "It costs £95 a day.",
        "6. A complaint",
        "Private: only the board sees this paper.",
    ]
    at = 0
    for words in order:  # each found after the one before (the agenda lists titles first)
        at = text.index(words, at) + len(words)
    assert "There are no minutes to agree this time." in text


@pytest.mark.parametrize(
    "version, smallest", [("easy-read", 14), ("standard", 9), ("large-print", 18)]
)
def test_each_pack_version_is_tagged_with_language_title_alt_text_and_its_sizes(
    cast, board, tmp_path, version, smallest
):
    meeting = plan(cast)
    written_paper(cast, meeting)
    services.papers_refresh(meeting=meeting, actor=cast.board)
    out = tmp_path / f"{version}.pdf"
    call_command("meeting_pack", str(meeting.pk), "--version", version, "--out", str(out))
    pdf = out.read_bytes()
    text, sizes = _text_and_sizes(pdf)
    alts, lang, title = _figures(pdf)
    assert lang == "en-GB" and title.startswith("Board meeting pack: Board meeting")
    assert min(sizes) >= smallest
    if version == "easy-read":
        assert 16 in sizes
        assert "A minibus" in alts and "Some money" in alts and all(alts)
    else:
        assert "Hire: £95 a day" in text and alts == []
    report = validate(str(out))
    assert [(f.rule_id, f.message) for f in report.findings] == []


def test_pack_command_refuses_a_missing_meeting(db, tmp_path):
    with pytest.raises(CommandError, match="There is no meeting 999999"):
        call_command("meeting_pack", "999999", "--out", str(tmp_path / "x.pdf"))


def test_papers_go_each_board_members_way_once(cast, board):
    meeting = plan(cast, days=5)
    written_paper(cast, meeting)
    counts = papers_send(meeting=meeting, actor=cast.board)
    assert counts == {"email": 1, "phone": 1, "letter": 1}
    rows = {d.member_id: d for d in meeting.deliveries.all()}
    maya, phone, letter = board
    assert (rows[maya.pk].way, rows[maya.pk].version, rows[maya.pk].status) == (
        "email",
        "easy-read",
        "queued",
    )
    assert (rows[phone.pk].version, rows[phone.pk].status) == ("large-print", "to_call")
    assert rows[letter.pk].status == "to_print"
    assert rows[letter.pk].to == "Lee Letter\n3 Park Lane\nNorthfield\nNF3 3AB"
    # Sending the papers only writes: the email waits in the outbox for the worker.
    assert mail.outbox == []
    message = rows[maya.pk].outbox_message
    assert (message.kind, message.member, message.status, message.to) == (
        "meeting_pack",
        maya,
        Message.Status.QUEUED,
        "maya@example.org",
    )
    assert message.data == {"delivery": rows[maya.pk].pk}
    # The printed pack and the call stay on the packs to-do page, not in the outbox.
    assert Message.objects.count() == 1
    assert rows[phone.pk].outbox_message is None and rows[letter.pk].outbox_message is None
    assert send_due()["sent"] == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert (
        email.to == ["maya@example.org"] and "papers for the board meeting are ready" in email.body
    )
    assert email.subject == "Board papers: Board meeting"
    name, pdf, mimetype = email.attachments[0]
    assert (name, mimetype) == (f"board-pack-{meeting.pk}-easy-read.pdf", "application/pdf")
    assert pdf.startswith(b"%PDF")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "Easy read" in str(document.docinfo["/Title"])
    assert "Hiring a minibus" in _text_and_sizes(pdf)[0]
    with pytest.raises(CoopError, match="gone out already"):
        papers_send(meeting=meeting, actor=cast.board)
    assert packs_send_due() == {}
    assert send_due()["sent"] == 0
    assert len(mail.outbox) == 1
    assert Message.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PAPERS_SENT
    with pytest.raises(CoopError, match="stay as they were sent"):
        services.papers_refresh(meeting=meeting, actor=cast.board)
    # The call list: no answer keeps it there; called takes it off; posted for the letter.
    delivery_record(delivery=rows[phone.pk], outcome="no_answer", actor=cast.board)
    delivery_record(delivery=rows[phone.pk], outcome="called", actor=cast.board)
    delivery_record(delivery=rows[phone.pk], outcome="called", actor=cast.board)
    rows[phone.pk].refresh_from_db()
    assert (rows[phone.pk].status, rows[phone.pk].tries) == ("called", 2)
    with pytest.raises(CoopError, match="not sent that way"):
        delivery_record(delivery=rows[maya.pk], outcome="posted", actor=cast.board)


def test_a_pack_by_text_has_the_link_and_no_attachment(cast, board, settings):
    from members.outbox import backends

    settings.TEXT_BACKEND = "members.outbox.backends.LocmemTextBackend"
    backends.outbox.clear()
    maya = board[0]
    maya.contact_preferences = ["text"]
    maya.phone = "07700 900555"
    maya.save()
    meeting = plan(cast, days=5)
    assert papers_send(meeting=meeting, actor=cast.board)["text"] == 1
    assert backends.outbox == []
    send_due()
    ((to, words),) = backends.outbox
    assert to == "+447700900555"
    assert "Read the papers here:" in words and reverse("meeting-pack", args=[meeting.pk]) in words
    assert mail.outbox == []
    backends.outbox.clear()


def test_a_board_members_supporter_gets_the_pack_by_email_too(cast, board):
    supporter_wants_copies(cast)
    meeting = plan(cast, days=5)
    papers_send(meeting=meeting, actor=cast.board)
    copy = Message.objects.get(recipient="supporter")
    assert (copy.member, copy.user, copy.kind) == (cast.member_row, cast.supporter, "meeting_pack")
    send_due()
    email = next(m for m in mail.outbox if m.to == ["sue@example.org"])
    assert "This is a copy of the message to May." in email.body
    assert email.attachments[0][0] == f"board-pack-{meeting.pk}-easy-read.pdf"
    assert len(mail.outbox) == 2


def test_sending_the_papers_with_the_mail_server_down(cast, board, chair, client):
    """The page answers as usual and records every delivery; the email waits in the
    outbox and goes once when the mail server answers again."""
    meeting = plan(cast, days=5)
    client.force_login(chair)
    with override_settings(EMAIL_BACKEND="tests.events.after_helpers.BrokenEmailBackend"):
        response = client.post(reverse("meeting-send", args=[meeting.pk]), follow=True)
        assert response.status_code == 200
        # The three of make_board and the co-chair (who gave no way to reach them).
        assert "The papers are sent to 4 board members." in response.content.decode()
        assert send_due() == {"sent": 0, "waiting": 1, "failed": 0, "restarted": 0}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PAPERS_SENT
    delivery = meeting.deliveries.get(way="email")
    message = delivery.outbox_message
    assert (delivery.status, message.status, message.attempts) == ("queued", "queued", 1)
    assert message.last_error == "The mail server is down."
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "Waiting to be sent" in page
    later = timezone.now() + dt.timedelta(minutes=2)
    assert send_due(now=later)["sent"] == 1
    assert send_due(now=later + dt.timedelta(hours=1))["sent"] == 0
    assert [m.to for m in mail.outbox] == [["maya@example.org"]]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"


def test_packs_go_out_the_set_number_of_days_before(cast, board):
    soon = plan(cast, days=3)  # 7 days before: due now
    later = plan(cast, days=20, title="Later")
    sent = packs_send_due()
    assert list(sent) == [soon.pk]
    later.refresh_from_db()
    assert later.status == Meeting.Status.PLANNED
    call_command("send_meeting_packs")
    assert PackDelivery.objects.filter(meeting=later).count() == 0


# --- At the meeting: attendance, fees, decisions, actions ---------------------------------


def test_one_sitting_fee_per_attendance_even_when_saved_twice(cast, board):
    meeting = plan(cast, days=0)
    maya, phone, letter = board
    statuses = {maya.pk: "present", phone.pk: "present", letter.pk: "apologies"}
    first = services.attendance_save(meeting=meeting, statuses=statuses, actor=cast.board)
    again = services.attendance_save(meeting=meeting, statuses=statuses, actor=cast.board)
    assert (first["owed"], again["owed"]) == (2, 0)
    assert SittingFee.objects.filter(meeting=meeting).count() == 2
    # Marked not present before it is paid: not owed; present again: owed again, one row.
    services.attendance_save(meeting=meeting, statuses={phone.pk: "absent"}, actor=cast.board)
    assert SittingFee.objects.get(meeting=meeting, member=phone).status == "cancelled"
    services.attendance_save(meeting=meeting, statuses={phone.pk: "present"}, actor=cast.board)
    assert SittingFee.objects.get(meeting=meeting, member=phone).status == "owed"
    assert SittingFee.objects.filter(meeting=meeting).count() == 2
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_finance_pays_a_sitting_fee_once_through_the_ledger(cast, board):
    meeting = plan(cast, days=0)
    services.attendance_save(meeting=meeting, statuses={board[0].pk: "present"}, actor=cast.board)
    fee = SittingFee.objects.get(meeting=meeting)
    services.sitting_fee_pay(fee=fee, method="bank", actor=cast.finance)
    services.sitting_fee_pay(fee=fee, method="bank", actor=cast.finance)
    entries = Entry.objects.filter(transaction__reference=f"sitting-fee:{fee.pk}")
    assert sorted((e.account.code, e.debit_pence, e.credit_pence) for e in entries) == [
        ("bank", 0, 2000),
        ("board_fees", 2000, 0),
    ]
    with pytest.raises(CoopError, match="is paid. Ask finance"):
        services.attendance_save(
            meeting=meeting, statuses={board[0].pk: "absent"}, actor=cast.board
        )


def test_attendance_is_refused_before_the_day_and_for_people_not_on_the_board(cast, board):
    meeting = plan(cast, days=3)
    with pytest.raises(CoopError, match="has not happened yet"):
        services.attendance_save(
            meeting=meeting, statuses={board[0].pk: "present"}, actor=cast.board
        )
    today = plan(cast, days=0, title="Today")
    stranger = add_member(cast.admin, "stranger", "Stan", "Ger")
    with pytest.raises(CoopError, match="Only people on the board"):
        services.attendance_save(meeting=today, statuses={stranger.pk: "present"}, actor=cast.board)
    assert not Attendance.objects.exists() and not SittingFee.objects.exists()


def test_decisions_need_a_held_meeting_and_sensible_votes(cast, board):
    meeting = plan(cast, days=0)
    with pytest.raises(CoopError, match="Record who came first"):
        services.decision_record(meeting=meeting, wording="Hire it.", actor=cast.board)
    hold(cast, meeting, board)
    with pytest.raises(CoopError, match="4 votes is more than the 3 people who came"):
        services.decision_record(
            meeting=meeting,
            wording="Hire it.",
            outcome="vote",
            votes_for=2,
            votes_against=1,
            abstentions=1,
            actor=cast.board,
        )
    decision = services.decision_record(
        meeting=meeting,
        wording="Hire it.",
        outcome="vote",
        votes_for=2,
        votes_against=1,
        abstentions=0,
        actor=cast.board,
    )
    assert decision.carried


def test_open_actions_carry_into_the_next_agenda_until_done(cast, board):
    first = hold(cast, plan(cast, days=-30, title="October"), board)
    action = services.action_add(
        meeting=first,
        what="Book the minibus",
        owner=board[0],
        due_on=timezone.localdate(),
        actor=cast.board,
    )
    second = plan(cast, title="November")
    services.papers_refresh(meeting=second, actor=cast.board)
    text, _ = _text_and_sizes(pack_pdf(second, "standard"))
    assert "Book the minibus (" in text  # in the actions paper, with who and by when

    def actions_paper() -> str:
        return Paper.objects.get(item__meeting=second, source="actions").standard_text

    assert "Book the minibus" in actions_paper()
    services.action_done(action=action, actor=cast.board, note="Booked.")
    services.papers_refresh(meeting=second, actor=cast.board)
    assert actions_paper() == "There are no open actions."
    assert Action.objects.get(pk=action.pk).done_note == "Booked."


# --- Minutes and who sees what ------------------------------------------------------------


@pytest.fixture
def minuted(cast, board):
    """October held with a confidential item, its minutes approved at November."""
    october = plan(cast, days=-30, title="October")
    written_paper(cast, october, confidential=True, title="A complaint")
    hold(cast, october, board)
    secret = october.items.get(title="A complaint")
    services.item_update(
        item=secret, notes="Mr Smith complained about the driver.", actor=cast.board
    )
    services.decision_record(
        meeting=october, item=secret, wording="Write to Mr Smith.", actor=cast.board
    )
    activities = october.items.get(source="activities")
    services.item_update(item=activities, notes="The trips went well.", actor=cast.board)
    november = hold(cast, plan(cast, days=0, title="November"), board)
    return october, november


def test_minutes_are_approved_at_a_later_held_meeting(cast, board, minuted):
    october, november = minuted
    december = plan(cast, days=20, title="December")
    with pytest.raises(CoopError, match="Record who came to December first"):
        services.minutes_approve(meeting=october, at_meeting=december, actor=cast.board)
    services.minutes_approve(meeting=october, at_meeting=november, actor=cast.board)
    services.minutes_approve(meeting=october, at_meeting=november, actor=cast.board)
    october.refresh_from_db()
    assert october.status == Meeting.Status.MINUTES_APPROVED
    assert november.decisions.filter(wording="The minutes of October are right.").count() == 1


def test_members_see_only_approved_minutes_and_never_confidential_matters(
    cast, board, minuted, client
):
    october, november = minuted
    client.force_login(cast.member)
    # Not approved yet: nothing for members.
    assert client.get(reverse("meeting-minutes", args=[october.pk])).status_code == 404
    assert client.get(reverse("board_api:meeting-list")).json() == []
    services.minutes_approve(meeting=october, at_meeting=november, actor=cast.board)
    page = client.get(reverse("meeting-minutes", args=[october.pk])).content.decode()
    assert "The trips went well." in page
    assert "A complaint" in page and "The board talked about this in private." in page
    assert "Mr Smith" not in page
    pdf = client.get(reverse("meeting-minutes-pdf", args=[october.pk])).content
    assert "Mr Smith" not in _text_and_sizes(pdf)[0]
    data = client.get(reverse("board_api:meeting-detail", args=[october.pk])).json()
    assert "items" not in data and "Mr Smith" not in str(data)
    assert [m["id"] for m in client.get(reverse("board_api:meeting-list")).json()] == [october.pk]
    assert client.get(reverse("board_api:meeting-detail", args=[november.pk])).status_code == 404
    paper = Paper.objects.get(item__meeting=october, title="A complaint")
    for url in (
        reverse("board_api:paper-pdf", args=[paper.pk]),
        reverse("paper-detail", args=[paper.pk]),
        reverse("meeting-pack", args=[october.pk]),
        reverse("meeting-pack-pdf", args=[october.pk]),
    ):
        assert client.get(url).status_code == 403, url
    # The board sees the confidential notes.
    client.force_login(cast.board)
    page = client.get(reverse("meeting-minutes", args=[october.pk])).content.decode()
    assert "Mr Smith complained" in page


@pytest.mark.parametrize("who", ["member", "organiser", "finance", "outsider", "supporter"])
def test_only_the_board_and_administrators_manage_meetings(cast, board, client, who):
    meeting = plan(cast)
    client.force_login(getattr(cast, who))
    for url in (
        reverse("meeting-list"),
        reverse("meeting-new"),
        reverse("meeting-detail", args=[meeting.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("meeting-send", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("board_api:meeting-list"), {}).status_code == 403


# --- Pages --------------------------------------------------------------------------------


def test_the_board_plans_a_meeting_on_the_page_and_bad_input_changes_nothing(
    cast, board, chair, client
):
    client.force_login(chair)
    response = client.post(
        reverse("meeting-new"), {"title": "", "starts_at": "soon", "pack_days_before": "0"}
    )
    page = response.content.decode()
    assert "Please give the meeting a name." in page
    assert "Please give a date and time" in page
    assert not Meeting.objects.exists()
    when = timezone.localtime(_at(14)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("meeting-new"),
        {"title": "January", "starts_at": when, "place": "The Hub", "pack_days_before": "7"},
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("meeting-detail", args=[meeting.pk])


def test_every_meeting_page_opens_for_a_co_chair(cast, board, minuted, chair, client):
    october, november = minuted
    paper = Paper.objects.get(item__meeting=october, title="A complaint")
    part = paper.parts.first()
    client.force_login(chair)
    urls = [
        reverse("meeting-list"),
        reverse("meeting-new"),
        reverse("meeting-detail", args=[november.pk]),
        reverse("meeting-edit", args=[november.pk]),
        reverse("meeting-item-new", args=[november.pk]),
        reverse("meeting-pack", args=[october.pk]),
        reverse("meeting-pack", args=[october.pk]) + "?version=standard",
        reverse("meeting-attendance", args=[november.pk]),
        reverse("meeting-record", args=[november.pk]),
        reverse("meeting-minutes", args=[october.pk]),
        reverse("meeting-item-notes", args=[paper.item_id]),
        reverse("paper-detail", args=[paper.pk]),
        reverse("paper-part", args=[paper.pk, part.pk]),
        reverse("meeting-actions"),
        reverse("meeting-packs-to-do"),
        reverse("sitting-fees"),
        reverse("minutes-list"),
        reverse("meeting-cancel", args=[november.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    for version in ("easy-read", "standard", "large-print"):
        response = client.get(reverse("paper-pdf", args=[paper.pk]) + f"?version={version}")
        assert response["Content-Type"] == "application/pdf"


def test_the_api_gives_a_paper_as_the_page_does_in_each_version(cast, minuted, client):
    paper = Paper.objects.get(item__meeting=minuted[0], title="A complaint")
    client.force_login(cast.board)
    for version in ("easy-read", "standard", "large-print"):
        page = client.get(reverse("paper-pdf", args=[paper.pk]) + f"?version={version}")
        api = client.get(reverse("board_api:paper-pdf", args=[paper.pk]) + f"?version={version}")
        assert api.status_code == 200 and api["Content-Type"] == "application/pdf"
        assert api["Content-Disposition"] == page["Content-Disposition"]
    api = client.get(reverse("board_api:paper-pdf", args=[paper.pk]) + "?version=tiny")
    assert api.status_code == 404


def test_finance_pays_on_the_sitting_fees_page_and_the_board_cannot(cast, board, client):
    meeting = plan(cast, days=0)
    services.attendance_save(meeting=meeting, statuses={board[0].pk: "present"}, actor=cast.board)
    fee = SittingFee.objects.get()
    client.force_login(cast.board)
    assert (
        client.post(reverse("sitting-fee-pay", args=[fee.pk]), {"method": "bank"}).status_code
        == 403
    )
    client.force_login(cast.finance)
    page = client.get(reverse("sitting-fees")).content.decode()
    assert "£20" in page and "Paid by bank" in page
    client.post(reverse("sitting-fee-pay", args=[fee.pk]), {"method": "cheque"})
    fee.refresh_from_db()
    assert fee.status == "owed"
    client.post(reverse("sitting-fee-pay", args=[fee.pk]), {"method": "cash"})
    fee.refresh_from_db()
    assert (fee.status, fee.method) == ("paid", "cash")
    # Finance cannot change the rate; the board can.
    assert (
        client.post(
            reverse("sitting-fees"), {"amount": "25", "starts_on": "2026-01-01"}
        ).status_code
        == 403
    )


def test_the_api_plans_meetings_adds_items_and_actions(cast, board, chair, client):
    client.force_login(chair)
    when = _at(10).isoformat()
    response = client.post(
        reverse("board_api:meeting-list"),
        {"title": "API meeting", "starts_at": when, "place": "Online"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.post(
        reverse("board_api:meeting-items", args=[pk]),
        {"title": "Budget", "summary": "We look at the budget."},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["position"] == 5
    response = client.post(
        reverse("board_api:meeting-actions", args=[pk]),
        {"what": "Do it", "owner": board[0].pk, "due_on": "2030-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "meeting_not_held"
    detail = client.get(reverse("board_api:meeting-detail", args=[pk])).json()
    assert [i["title"] for i in detail["items"]][-1] == "Budget"
    assert AgendaItem.objects.filter(meeting_id=pk).count() == 5


def test_terms_on_the_board_do_not_overlap_and_observers_sit_without_a_fee(
    cast, board, chair, client
):
    observer = add_member(cast.admin, "observer", "Obi", "Server")
    today = timezone.localdate()
    term_services.term_add(member=observer, role="observer", starts_on=today, actor=cast.board)
    with pytest.raises(CoopError, match="already on the board then"):
        term_services.term_add(member=observer, role="co_opted", starts_on=today, actor=cast.board)
    with pytest.raises(CoopError, match="must end after it starts"):
        term_services.term_add(
            member=board[0], role="member", starts_on=today, ends_on=today, actor=cast.board
        )
    meeting = plan(cast, days=0)
    services.attendance_save(
        meeting=meeting,
        statuses={observer.pk: "present", board[0].pk: "present"},
        actor=cast.board,
    )
    assert list(SittingFee.objects.values_list("member_id", flat=True)) == [board[0].pk]
    client.force_login(chair)
    page = client.get(reverse("board-terms")).content.decode()
    assert "Obi Server" in page and "Observer" in page
    response = client.post(reverse("board-terms"), {"form": "add", "role": "member"})
    assert "Please choose a member." in response.content.decode()
    started_today = BoardMembership.objects.get(member=observer)
    response = client.post(
        reverse("board-terms"), {"form": "end", "term": started_today.pk}, follow=True
    )
    assert "The term must end after it starts." in response.content.decode()
    started_today.refresh_from_db()
    assert started_today.ends_on is None
    term = BoardMembership.objects.get(member=board[1])
    client.post(reverse("board-terms"), {"form": "end", "term": term.pk})
    term.refresh_from_db()
    assert term.ends_on == today
    assert board[1] not in board_members_on(today)


def test_a_board_members_own_data_has_meetings_actions_and_fees(cast, board):
    from board.personal_data import export_board

    meeting = hold(cast, plan(cast, days=0), board)
    services.action_add(
        meeting=meeting,
        what="Book the hall",
        owner=board[0],
        due_on=timezone.localdate(),
        actor=cast.board,
    )
    data = export_board(cast.member)
    assert [m["status"] for m in data["board_meetings"]] == ["present"]
    assert [a["what"] for a in data["board_actions"]] == ["Book the hall"]
    assert [(f["amount_pence"], f["status"]) for f in data["sitting_fees"]] == [(2000, "owed")]


def test_a_new_meeting_cannot_be_planned_in_the_past(cast, board, chair, client):
    client.force_login(chair)
    when = timezone.localtime(_at(-10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("meeting-new"),
        {"title": "Late", "starts_at": when, "place": "The Hub", "pack_days_before": "7"},
    )
    assert "This date has passed." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_board_count_counts_people_not_terms(cast, board, client):
    """Issue 19: "On the board now: 9" counted terms, so a person with two terms (an elected
    member who is also co-chair) was counted twice."""
    today = timezone.localdate()
    people = len(board_members_on(today))
    twice = BoardMembership.objects.on(today).first()
    BoardMembership.objects.create(
        member=twice.member, role="co_chair", starts_on=today, created_by=cast.board
    )
    assert BoardMembership.objects.on(today).count() == people + 1
    client.force_login(cast.board)
    page = client.get(reverse("board-terms")).content.decode()
    assert f"On the board now: {people} people" in page
