"""Messages to deal with: the organisers' page for the outbox (calls, letters, messages
that could not be sent or had no way), the day's letters as one accessible PDF with the
full postal address, the outbox_letters command, and members who chose letters but have
no address we can post to."""

import datetime as dt
import io

import pdfplumber
import pdfua
import pikepdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from reportlab.lib.units import mm

from coop.models import AuditEntry
from members.models import Member
from members.outbox.letters import letters_pdf
from members.outbox.models import Message
from members.outbox.services import Words, tell
from members.outbox.work import letter_batch, members_without_postal_address, plain_error
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
S = Message.Status

WORDS = Words("A place is free for you: Bowling", ["Hello.", "A place is free for you."])


def _member(cast, first: str, ways: list[str], **details) -> Member:
    fields = {"email": "", "phone": "", "address": "", "postcode": ""}
    fields.update(details)
    return MemberFactory(
        user=None,
        first_name=first,
        last_name="Patel",
        branch=cast.member_row.branch,
        contact_preferences=ways,
        **fields,
    )


def _tell(member: Member) -> Message:
    (message,) = tell(member, "test_news", WORDS)
    return message


@pytest.fixture
def work(cast):
    """One message of each kind an organiser deals with, and the members they go to."""
    caller = _member(cast, "Carl", ["phone"], phone="07700 900222")
    writer = _member(
        cast,
        "Uma",
        ["letter"],
        address="12 Long Lane\nNorthfield\nBirmingham",
        postcode="b312ab",
    )
    emailer = _member(cast, "Emma", ["email"], email="emma@example.org")
    nowhere = _member(cast, "Nina", ["letter"], address="3 Short Street")
    messages = {
        "call": _tell(caller),
        "letter": _tell(writer),
        "failed": _tell(emailer),
        "no_way": _tell(nowhere),
    }
    Message.objects.filter(pk=messages["failed"].pk).update(
        status=S.FAILED, attempts=6, last_error="[Errno 111] Connection refused", next_try_at=None
    )
    for message in messages.values():
        message.refresh_from_db()
    assert [m.status for m in messages.values()] == [S.TO_CALL, S.LETTER_READY, S.FAILED, S.NO_WAY]
    members = {"caller": caller, "writer": writer, "emailer": emailer, "nowhere": nowhere}
    return members, messages


def _page(client) -> str:
    return " ".join(client.get(reverse("outbox")).content.decode().split())


# Who sees it ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["organiser", "admin"])
def test_organisers_and_administrators_see_the_page(client, cast, work, role):
    client.force_login(cast.by_role(role))
    response = client.get(reverse("outbox"))
    assert response.status_code == 200
    assert "Messages to deal with" in response.content.decode()


@pytest.mark.parametrize("role", ["member", "supporter", "board", "finance", "returning"])
def test_everyone_else_gets_403_and_nothing_changes(client, cast, work, role):
    _, messages = work
    client.force_login(cast.by_role(role))
    for url, method, data in [
        (reverse("outbox"), "get", {}),
        (reverse("outbox-letters"), "get", {}),
        (reverse("outbox-call", args=[messages["call"].pk]), "post", {"outcome": "called"}),
        (reverse("outbox-retry", args=[messages["failed"].pk]), "post", {}),
        (reverse("outbox-printed"), "post", {"upto": messages["letter"].pk}),
        (reverse("member-contact-details", args=[messages["no_way"].member_id]), "get", {}),
        (
            reverse("member-contact-details", args=[messages["no_way"].member_id]),
            "post",
            {"address": "1 A Road", "postcode": "NF1 1AA"},
        ),
    ]:
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, url
        assert "Patel" not in response.content.decode()
    statuses = [Message.objects.get(pk=m.pk).status for m in messages.values()]
    assert statuses == [S.TO_CALL, S.LETTER_READY, S.FAILED, S.NO_WAY]
    assert Member.objects.get(pk=messages["no_way"].member_id).postcode == ""


def test_signed_out_visitor_is_sent_to_sign_in(client, work):
    response = client.get(reverse("outbox"))
    assert response.status_code == 302 and "/signin/" in response["Location"]


def test_the_organiser_home_links_to_it_with_a_count(client, cast, work):
    client.force_login(cast.organiser)
    page = " ".join(client.get(reverse("organiser-home")).content.decode().split())
    assert reverse("outbox") in page
    assert "messages we could not send (4)" in page


# What the page shows ----------------------------------------------------------------------


def test_the_page_shows_counts_and_each_piece_of_work(client, cast, work):
    client.force_login(cast.organiser)
    page = _page(client)
    for line in [
        "Calls to make: 1",
        "Letters to print: 1",
        "Could not be sent: 1",
        "No way to reach them: 1",
        "Calls to make (1)",
        # the call: the number and the words to say
        "Carl Patel",
        "Call 07700 900222",
        'href="tel:07700900222"',
        "About: A place is free for you: Bowling.",
        "Hello.<br>A place is free for you.",
        # the letter: the full address with its postcode
        "Uma Patel, 12 Long Lane, Northfield, Birmingham, B31 2AB",
        f"?upto={work[1]['letter'].pk}",
        # could not be sent: plain words, and what the server said
        "Email to emma@example.org. Tried 6 times.",
        "The mail server did not answer. It may be down. Try again later.",
        "What the mail server said: [Errno 111] Connection refused",
        # no way
        "Nina Patel",
        "Add details for Nina Patel",
    ]:
        assert line in page, line


def test_an_empty_page_says_there_is_nothing_to_do(client, cast):
    client.force_login(cast.organiser)
    page = _page(client)
    for line in [
        "No calls to make.",
        "No letters to print.",
        "Every message was sent.",
        "Everyone who wants letters has an address we can use.",
    ]:
        assert line in page


# Calls ------------------------------------------------------------------------------------


def test_no_answer_keeps_the_call_and_called_takes_it_off(client, cast, work):
    _, messages = work
    call = messages["call"]
    client.force_login(cast.organiser)
    url = reverse("outbox-call", args=[call.pk])
    page = client.post(url, {"outcome": "no_answer"}, follow=True).content.decode()
    assert "Carl Patel: no answer. Try again later." in page
    assert "No answer 1 time." in page
    call.refresh_from_db()
    assert (call.status, call.attempts, call.handled_by) == (S.NO_ANSWER, 1, cast.organiser)
    page = client.post(url, {"outcome": "called"}, follow=True).content.decode()
    assert "Carl Patel: called." in page
    assert "Calls to make (0)" in page
    call.refresh_from_db()
    assert (call.status, call.attempts) == (S.CALLED, 2)
    assert AuditEntry.objects.filter(action="message.called", actor=cast.organiser).exists()
    client.post(url, {"outcome": "called"})
    call.refresh_from_db()
    assert call.attempts == 2  # pressing twice records once


def test_a_call_needs_an_outcome(client, cast, work):
    _, messages = work
    client.force_login(cast.organiser)
    url = reverse("outbox-call", args=[messages["call"].pk])
    page = client.post(url, {"outcome": "maybe"}, follow=True).content.decode()
    assert "Please press Called or No answer." in page
    assert client.get(url).status_code == 405
    messages["call"].refresh_from_db()
    assert messages["call"].status == S.TO_CALL


def test_only_phone_messages_are_calls(client, cast, work):
    _, messages = work
    client.force_login(cast.organiser)
    url = reverse("outbox-call", args=[messages["letter"].pk])
    assert client.post(url, {"outcome": "called"}).status_code == 404


# Try again --------------------------------------------------------------------------------


def test_try_again_queues_a_message_that_could_not_be_sent(client, cast, work):
    _, messages = work
    failed = messages["failed"]
    client.force_login(cast.organiser)
    page = client.post(reverse("outbox-retry", args=[failed.pk]), follow=True).content.decode()
    assert "Emma Patel: We will send it again now." in page
    assert "Could not be sent (0)" in " ".join(page.split())
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (S.QUEUED, 0)


def test_try_again_with_still_no_way_says_so_and_then_works(client, cast, work):
    members, messages = work
    message = messages["no_way"]
    client.force_login(cast.organiser)
    url = reverse("outbox-retry", args=[message.pk])
    page = client.post(url, follow=True).content.decode()
    assert "We still have no way to reach Nina Patel." in page
    message.refresh_from_db()
    assert message.status == S.NO_WAY
    Member.objects.filter(pk=members["nowhere"].pk).update(postcode="NF1 1AA")
    page = client.post(url, follow=True).content.decode()
    assert "Nina Patel: It is on the list of letters to print." in page
    message.refresh_from_db()
    assert message.status == S.LETTER_READY
    assert message.to == "Nina Patel\n3 Short Street\nNF1 1AA"


def test_try_again_refuses_a_message_that_was_sent(client, cast, work):
    _, messages = work
    client.force_login(cast.organiser)
    url = reverse("outbox-retry", args=[messages["call"].pk])
    page = client.post(url, follow=True).content.decode()
    assert "This message is not waiting to be tried again." in page


# Letters ----------------------------------------------------------------------------------


def _text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join(page.extract_text().split()) for page in document.pages]


def test_the_letters_pdf_has_the_full_address_for_a_window_envelope(client, cast, work, tmp_path):
    _, messages = work
    client.force_login(cast.organiser)
    response = client.get(reverse("outbox-letters"), {"upto": messages["letter"].pk})
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    pdf = response.content
    (text,) = _text(pdf)
    assert text.startswith("Uma Patel 12 Long Lane Northfield Birmingham B31 2AB")
    assert "A place is free for you: Bowling" in text
    assert "Hello. A place is free for you." in text
    assert "Need help? Call us on 020 7946 0000." in text
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        words = page.extract_words()
        name, postcode = words[0], next(w for w in words if w["text"] == "2AB")
        # In the window: from 45 mm down, 20 mm in, five lines within 45 mm.
        assert 44 * mm <= name["top"] <= 50 * mm
        assert 19 * mm <= name["x0"] <= 21 * mm
        assert postcode["bottom"] <= 90 * mm
        assert min(round(c["size"]) for c in page.chars) >= 14
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/StructTreeRoot" in document.Root
        assert document.Root.MarkInfo.Marked
    out = tmp_path / "letters.pdf"
    out.write_bytes(pdf)
    report = pdfua.validate(str(out))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert not report.skipped


def test_a_letter_goes_to_the_address_the_member_has_now(cast, work):
    members, messages = work
    Member.objects.filter(pk=members["writer"].pk).update(
        address="1 New Road\nKings Heath", postcode="B14 7AA"
    )
    (text,) = _text(letters_pdf(letter_batch()))
    assert text.startswith("Uma Patel 1 New Road Kings Heath B14 7AA")


def test_one_letter_a_member_in_name_order(cast, work):
    other = _member(cast, "Abe", ["letter"], address="9 Hill Road\nNorthfield", postcode="NF1 2BB")
    Member.objects.filter(pk=other.pk).update(last_name="Adams")
    other.refresh_from_db()
    _tell(other)
    pages = _text(letters_pdf(letter_batch()))
    assert len(pages) == 2
    assert pages[0].startswith("Abe Adams 9 Hill Road Northfield NF1 2BB")
    assert pages[1].startswith("Uma Patel 12 Long Lane")


def test_printed_takes_the_letters_seen_off_the_list(client, cast, work):
    members, messages = work
    letter = messages["letter"]
    later = _tell(
        _member(cast, "Lee", ["letter"], address="5 Low Road\nNorthfield", postcode="NF1 3DD")
    )
    client.force_login(cast.organiser)
    page = client.post(reverse("outbox-printed"), {"upto": letter.pk}, follow=True)
    assert "1 letter printed. Please post them today." in page.content.decode()
    letter.refresh_from_db()
    later.refresh_from_db()
    assert (letter.status, letter.handled_by) == (S.PRINTED, cast.organiser)
    assert later.status == S.LETTER_READY  # written after the page was shown
    page = client.post(reverse("outbox-printed"), {}, follow=True).content.decode()
    assert "Please print the letters first, then press Printed." in page
    page = client.post(reverse("outbox-printed"), {"upto": letter.pk}, follow=True)
    assert "There were no letters waiting to be marked printed." in page.content.decode()


def test_no_letters_to_print(client, cast):
    client.force_login(cast.organiser)
    page = client.get(reverse("outbox-letters"), follow=True).content.decode()
    assert "There are no letters to print." in page
    with pytest.raises(ValueError, match="no letters"):
        letters_pdf([])


def test_the_command_writes_the_days_batch_and_marks_only_when_asked(cast, work, tmp_path):
    _, messages = work
    letter = messages["letter"]
    out = tmp_path / "letters.pdf"
    stdout = io.StringIO()
    call_command("outbox_letters", "--out", str(out), stdout=stdout)
    assert "Wrote 1 letter to" in stdout.getvalue()
    (text,) = _text(out.read_bytes())
    assert "B31 2AB" in text
    letter.refresh_from_db()
    assert letter.status == S.LETTER_READY
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(CommandError, match="no letters to print for"):
        call_command("outbox_letters", "--out", str(out), "--date", yesterday.isoformat())
    with pytest.raises(CommandError, match="not a date"):
        call_command("outbox_letters", "--out", str(out), "--date", "tomorrow")
    stdout = io.StringIO()
    today = timezone.localdate().isoformat()
    call_command(
        "outbox_letters", "--out", str(out), "--date", today, "--mark-printed", stdout=stdout
    )
    assert "and marked 1 printed" in stdout.getvalue()
    letter.refresh_from_db()
    assert letter.status == S.PRINTED
    with pytest.raises(CommandError, match="no letters to print"):
        call_command("outbox_letters", "--out", str(out))


# Members who chose letters but have no address we can post to -------------------------------


def test_members_who_chose_letters_without_a_usable_address_are_flagged(client, cast, work):
    members, _ = work
    bad_postcode = _member(
        cast,
        "Bea",
        ["letter", "email"],
        address="4 Main Street",
        postcode="NOT ONE",
        email="b@x.org",
    )
    _member(
        cast, "Gus", ["email", "letter"], email="g@x.org", address="8 Elm Road", postcode="NF1 1AA"
    )
    _member(cast, "Ivy", ["email"], email="i@x.org")
    left = _member(cast, "Lou", ["letter"])
    Member.objects.filter(pk=left.pk).update(status=Member.Status.RESIGNED)
    flagged = members_without_postal_address()
    assert [(row.member.first_name, row.meanwhile) for row in flagged] == [
        ("Bea", "Email"),
        ("Nina", ""),
    ]
    client.force_login(cast.organiser)
    home = " ".join(client.get(reverse("organiser-home")).content.decode().split())
    assert "2 members want letters but we have no address we can post to." in home
    page = _page(client)
    assert "Members who want letters but have no address we can use (2)" in page
    assert (
        f'<a href="{reverse("member-detail", args=[bad_postcode.pk])}">Bea Patel</a> '
        "(Northfield): we use their other way for now: email." in page
    )
    assert (
        f'<a href="{reverse("member-detail", args=[members["nowhere"].pk])}">Nina Patel</a> '
        "(Northfield): we cannot reach them at all." in page
    )


def test_nobody_flagged_means_no_warning_on_the_home_page(client, cast):
    client.force_login(cast.organiser)
    home = client.get(reverse("organiser-home")).content.decode()
    assert "no address we can post to" not in home


def test_an_organiser_puts_the_address_right(client, cast, work):
    members, _ = work
    nina = members["nowhere"]
    url = reverse("member-contact-details", args=[nina.pk])
    client.force_login(cast.organiser)
    page = client.get(url).content.decode()
    assert "How we reach Nina Patel" in page and "3 Short Street" in page
    for data, error in [
        ({"address": "3 Short Street", "postcode": "XX 123"}, "Please type a UK postcode"),
        ({"address": "3 Short Street", "postcode": ""}, "Please type the postcode too."),
        ({"address": "", "postcode": "NF1 1AA"}, "Please type the address too."),
        ({"address": "3 Short Street", "postcode": "NF1 1AA", "phone": "12"}, "phone number"),
        ({"address": "3 Short Street", "postcode": "NF1 1AA", "email": "x"}, "email address"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        html = response.content.decode()
        assert error in html and "<title>Error: " in html
    assert Member.objects.get(pk=nina.pk).postcode == ""
    response = client.post(url, {"address": "3 Short Street\nNorthfield", "postcode": "nf11aa"})
    assert response.status_code == 302 and response["Location"] == reverse("outbox")
    nina.refresh_from_db()
    assert (nina.address, nina.postcode) == ("3 Short Street\nNorthfield", "NF1 1AA")
    assert AuditEntry.objects.filter(action="member.updated", actor=cast.organiser).exists()
    page = _page(client)
    assert "Saved how we reach Nina Patel. Now press Try again on their messages." in page
    assert "Members who want letters but have no address we can use (0)" in page
    detail = client.get(reverse("member-detail", args=[nina.pk])).content.decode()
    assert url in detail


# Plain words for errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "way,error,words",
    [
        ("email", "[Errno 111] Connection refused", "The mail server did not answer."),
        ("email", "(550, b'5.1.1 User unknown')", "The mail server says the email is wrong"),
        ("email", "(535, b'Authentication failed')", "did not accept our username or password"),
        ("text", "The text provider cannot be reached: timed out", "The text provider did not"),
        (
            "text",
            "HTTP 400 error: The 'To' number 123 is not a valid phone number.",
            "The text provider says the mobile number is wrong",
        ),
        ("text", "Texts are not set up: TWILIO_ACCOUNT_SID ...", "Texts are not set up"),
        ("email", "something odd", "The mail server said no."),
        ("email", "", "We do not know why."),
    ],
)
def test_errors_in_plain_words(way, error, words):
    assert plain_error(Message(way=way, last_error=error)).startswith(words) or words in (
        plain_error(Message(way=way, last_error=error))
    )


def test_odd_numbers_in_the_letters_forms_get_no_error_page(client, cast):
    client.force_login(cast.organiser)
    assert client.post(reverse("outbox-printed"), {"upto": "²"}).status_code < 500
    assert client.get(reverse("outbox-letters"), {"upto": "²"}).status_code < 500


def test_an_erased_members_contact_details_cannot_be_changed(client, cast):
    from members import services as member_services

    member_services.member_erase(member=cast.member_row, actor=cast.admin, reason="Asked, 1 May")
    client.force_login(cast.organiser)
    url = reverse("member-contact-details", args=[cast.member_row.pk])
    assert client.get(url).status_code == 404
