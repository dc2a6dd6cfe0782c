"""Organisers write to a group — everyone booked, a waiting list, a branch, the board —
from a saved easy-read template; each person hears their own way through the outbox."""

import datetime as dt
import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from board.models import BoardMembership
from coop.errors import CoopError, NotAllowed
from coop.models import AuditEntry
from events.group_forms import new_token
from events.models import Booking, GroupMessage, MessageTemplate
from events.services.group_messages import (
    KIND,
    Group,
    counts_list,
    group_message_send,
    group_preview,
    template_advice,
)
from members.models import Member, SupportLink
from members.outbox.models import Message
from tests.events.after_helpers import book
from tests.events.conftest import make_activity, make_members
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

B = Booking.Status
TEMPLATES = importlib.import_module("events.migrations.0006_message_templates").TEMPLATES


@pytest.fixture(autouse=True)
def templates(db):
    """The three saved templates (made by the data migration; a flushed database in a
    transaction test has lost them, so they are made again here)."""
    for fields in TEMPLATES:
        MessageTemplate.objects.update_or_create(slug=fields["slug"], defaults=fields)
    return {t.slug: t for t in MessageTemplate.objects.all()}


def set_way(member: Member, way: str) -> Member:
    """Give a member one way to hear from us, with the details it needs."""
    details = {
        "email": {"email": f"{member.first_name.lower()}@example.org"},
        "text": {"phone": "07700 900123"},
        "phone": {"phone": "020 7946 0123"},
        "letter": {"address": "1 High Street\nNorthfield", "postcode": "rv1 1aa"},
        "none": {"email": "", "phone": "", "address": "", "postcode": ""},
    }[way]
    Member.objects.filter(pk=member.pk).update(
        contact_preferences=[] if way == "none" else [way], **details
    )
    member.refresh_from_db()
    return member


def one_of_each_way(cast) -> list[Member]:
    people = make_members(cast, 5)
    for person, way in zip(people, ["email", "text", "phone", "letter", "none"], strict=True):
        set_way(person, way)
    return people


def sent_to(group_message: GroupMessage):
    return Message.objects.filter(kind=KIND, data__group_message=group_message.pk)


def send(cast, group, template, fields=None, token=None, actor=None):
    return group_message_send(
        actor=actor or cast.organiser,
        group=group,
        template=template,
        fields=fields or {},
        token=token or new_token(),
    )


# -- the templates ----------------------------------------------------------------------------
def test_the_three_templates_are_saved_and_easy_read(templates):
    assert set(templates) == {"meeting-point", "activity-cancelled", "weather"}
    for template in templates.values():
        template.full_clean()
        assert template_advice(template) == []
    assert templates["meeting-point"].places >= {"new_meeting_point", "activity", "note"}


def test_a_template_with_a_place_we_cannot_fill_is_refused(templates):
    template = templates["weather"]
    template.lines += "\nSee you, {name}."
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "We cannot fill in {name}" in str(error.value)
    template.lines = "A { on its own."
    with pytest.raises(ValidationError, match="on its own"):
        template.full_clean()


def test_easy_read_advice_is_given_for_a_templates_words(templates):
    template = templates["weather"]
    template.lines = "We will meet at 10am, e.g. by the gate. It costs 50% less."
    codes = {problem.code for problem in template_advice(template)}
    assert {"abbreviation", "percentage"} <= codes


# -- each group resolves right ----------------------------------------------------------------
def test_booked_is_everyone_holding_a_place_and_waiting_is_the_waiting_list(cast):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    confirmed, offered, paying, waiting, cancelled = make_members(cast, 5)
    book(activity, confirmed, B.CONFIRMED)
    book(activity, offered, B.OFFERED)
    book(activity, paying, B.AWAITING_PAYMENT)
    book(activity, waiting, B.WAITING)
    book(activity, cancelled, B.CANCELLED)
    other = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, title="Other")
    book(other, cast.member_row, B.CONFIRMED)
    assert set(Group.booked(activity).members()) == {confirmed, offered, paying}
    assert list(Group.waiting(activity).members()) == [waiting]


def test_a_branch_is_its_active_members_and_the_board_is_who_has_a_term_today(cast):
    branch = cast.member_row.branch
    active, lapsed, erased = make_members(cast, 3)
    Member.objects.filter(pk=lapsed.pk).update(status=Member.Status.LAPSED)
    Member.objects.filter(pk=erased.pk).update(erased_at=timezone.now())
    elsewhere = make_members(cast, 1)[0]
    Member.objects.filter(pk=elsewhere.pk).update(branch=BranchFactory(name="Southgate"))
    assert set(Group.of_branch(branch).members()) == {cast.member_row, active}

    today = timezone.localdate()
    on, ended, later = make_members(cast, 3)
    BoardMembership.objects.create(member=on, starts_on=today - dt.timedelta(days=30))
    BoardMembership.objects.create(
        member=on, starts_on=today - dt.timedelta(days=400), ends_on=today - dt.timedelta(days=31)
    )
    BoardMembership.objects.create(
        member=ended, starts_on=today - dt.timedelta(days=400), ends_on=today
    )
    BoardMembership.objects.create(member=later, starts_on=today + dt.timedelta(days=1))
    assert list(Group.board().members()) == [on]


# -- each way gets its message ----------------------------------------------------------------
def test_each_person_gets_the_message_their_way_with_their_name(cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    people = one_of_each_way(cast)
    for person in people:
        book(activity, person, B.CONFIRMED)
    fields = {"new_meeting_point": "The front door of the library.", "note": ""}
    sent = send(cast, Group.booked(activity), templates["meeting-point"], fields)

    assert sent.counts == {
        "email": 1,
        "text": 1,
        "phone": 1,
        "letter": 1,
        "none": 1,
        "copies": 0,
    }
    assert counts_list(sent.counts) == [
        "1 by email",
        "1 by text",
        "1 letter to print",
        "1 call to make",
        "1 we cannot reach",
    ]
    messages = {m.member_id: m for m in sent_to(sent)}
    by_way = {
        way: messages[p.pk]
        for p, way in zip(people, ["email", "text", "phone", "letter", "none"], strict=True)
    }
    assert by_way["email"].status == Message.Status.QUEUED
    assert by_way["email"].to == "m0@example.org"
    assert by_way["text"].status == Message.Status.QUEUED and by_way["text"].to == "+447700900123"
    assert by_way["phone"].status == Message.Status.TO_CALL
    assert by_way["letter"].status == Message.Status.LETTER_READY
    assert by_way["letter"].to.endswith("RV1 1AA")
    assert by_way["none"].status == Message.Status.NO_WAY
    body = by_way["email"].body
    assert body.startswith("Hello M0,\n")
    assert "Please meet us here: The front door of the library." in body
    assert "We will not meet at The bowling alley." in body
    assert "{" not in body and "None" not in body
    assert by_way["email"].subject == "New meeting point: Bowling"
    assert by_way["text"].body.startswith("Hello M1,")
    record = GroupMessage.objects.get()
    assert record.sent_by == cast.organiser and record.group == "booked"
    assert record.template == templates["meeting-point"]
    assert record.fields == {"new_meeting_point": "The front door of the library"}
    entry = AuditEntry.objects.get(action="group_message.sent")
    assert entry.actor == cast.organiser and entry.data["counts"] == sent.counts


def test_the_preview_counts_what_sending_will_do_and_writes_nothing(cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    for person in one_of_each_way(cast):
        book(activity, person, B.WAITING)
    preview = group_preview(
        Group.waiting(activity), templates["weather"], {"note": "Bring a coat."}
    )
    assert preview.people == 5
    assert preview.counts["letter"] == 1 and preview.counts["none"] == 1
    assert "Bring a coat." in preview.lines
    assert not Message.objects.filter(kind=KIND).exists()
    sent = send(cast, Group.waiting(activity), templates["weather"], {"note": "Bring a coat."})
    assert sent.counts == preview.counts


def test_supporters_who_asked_for_copies_get_one_by_email(cast, templates):
    SupportLink.objects.filter(member=cast.member_row, supporter=cast.supporter).update(
        wants_copies=True
    )
    cast.supporter.email = "sue@example.org"
    cast.supporter.save()
    BoardMembership.objects.create(
        member=cast.member_row, starts_on=timezone.localdate() - dt.timedelta(days=5)
    )
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    sent = send(cast, Group.board(activity), templates["activity-cancelled"], {"note": ""})
    assert sent.counts["email"] == 1 and sent.counts["copies"] == 1
    copy = sent_to(sent).get(recipient=Message.Recipient.SUPPORTER)
    assert copy.to == "sue@example.org" and copy.way == "email"
    assert copy.subject == "A copy for you: Cancelled: Bowling"
    assert "This is a copy of what we told May:" in copy.body
    assert "Bowling on " in copy.body and "is cancelled." in copy.body


def test_a_branch_message_about_no_activity_needs_no_activity_places(cast, templates):
    template = MessageTemplate.objects.create(
        slug="hall-closed",
        name="Hall closed",
        subject="The hall is closed",
        lines="The hall is closed this week.\n{note}",
    )
    sent = send(cast, Group.of_branch(cast.member_row.branch), template, {"note": "Sorry."})
    assert sent.counts["email"] == 1
    assert "The hall is closed this week.\nSorry.\n" in sent_to(sent).get().body
    with pytest.raises(CoopError, match="Please choose the activity"):
        send(cast, Group.of_branch(cast.member_row.branch), templates["weather"])


# -- once only --------------------------------------------------------------------------------
def test_a_double_submit_sends_once(cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    book(activity, cast.member_row, B.CONFIRMED)
    token = new_token()
    group = Group.booked(activity)
    first = send(cast, group, templates["weather"], token=token)
    again = send(cast, group, templates["weather"], token=token)
    assert not first.repeated and again.repeated and again.pk == first.pk
    assert GroupMessage.objects.count() == 1
    assert sent_to(first).count() == 1
    # A new form (a new token) is a new message.
    send(cast, group, templates["weather"])
    assert Message.objects.filter(kind=KIND).count() == 2


def test_pressing_send_twice_on_the_page_sends_once(client, cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    book(activity, cast.member_row, B.CONFIRMED)
    client.force_login(cast.organiser)
    url = reverse("write-booked", args=[activity.pk])
    data = {"template": "weather", "token": new_token(), "note": "", "action": "send"}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Message.objects.filter(kind=KIND).count() == 1
    page = client.get(second.url).content.decode()
    assert "This message was sent already. We did not send it again." in page


# -- permissions ------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["member", "supporter", "board", "finance", "outsider"])
def test_only_organisers_and_administrators_write_to_groups(client, cast, templates, role):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    book(activity, cast.member_row, B.CONFIRMED)
    user = getattr(cast, role)
    with pytest.raises(NotAllowed):
        send(cast, Group.booked(activity), templates["weather"], actor=user)
    client.force_login(user)
    for url in (
        reverse("write-booked", args=[activity.pk]),
        reverse("write-waiting", args=[activity.pk]),
        reverse("group-write"),
    ):
        assert client.get(url).status_code == 403
        data = {"template": "weather", "token": new_token(), "action": "send"}
        assert client.post(url, data).status_code == 403
    assert not Message.objects.filter(kind=KIND).exists()
    assert not GroupMessage.objects.exists()


def test_an_administrator_can_write_to_the_board(client, cast, templates):
    BoardMembership.objects.create(
        member=cast.member_row, starts_on=timezone.localdate() - dt.timedelta(days=5)
    )
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    client.force_login(cast.admin)
    url = reverse("group-write")
    data = {"whom": "board", "template": "weather", "token": new_token(), "about": activity.pk}
    check = client.post(url, {**data, "action": "preview"})
    assert check.status_code == 200
    assert "It goes to the board: 1 person." in check.content.decode()
    done = client.post(url, {**data, "action": "send"})
    assert done.status_code == 302
    assert GroupMessage.objects.get().sent_by == cast.admin


# -- bad input --------------------------------------------------------------------------------
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    book(activity, cast.member_row, B.CONFIRMED)
    client.force_login(cast.organiser)
    url = reverse("write-booked", args=[activity.pk])
    token = new_token()
    cases = [
        ({"template": "no-such"}, "Please choose a message from the list."),
        (
            {"template": "meeting-point", "token": token, "new_meeting_point": " "},
            "Please type the new meeting point.",
        ),
        (
            {"template": "weather", "token": token, "note": "x" * 301},
            "Please use 300 letters or fewer.",
        ),
        ({"template": "weather", "token": "short"}, "This form is out of date"),
    ]
    for data, words in cases:
        response = client.post(url, {**data, "action": "send"})
        assert response.status_code == 200, data
        page = response.content.decode()
        assert words in page, data
        assert "<title>Error: " in page
    general = reverse("group-write")
    for data, words in [
        ({"template": "weather"}, "Please choose who gets it."),
        ({"template": "weather", "whom": "branch-999999"}, "Please choose who gets it from"),
        (
            {"template": "weather", "whom": "board", "token": token},
            "Please choose the activity.",
        ),
    ]:
        page = client.post(general, {**data, "action": "send"}).content.decode()
        assert words in page, data
    assert not Message.objects.filter(kind=KIND).exists()
    assert not GroupMessage.objects.exists()
    assert not AuditEntry.objects.filter(action="group_message.sent").exists()


def test_an_empty_group_says_so_and_sends_nothing(client, cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    client.force_login(cast.organiser)
    url = reverse("write-waiting", args=[activity.pk])
    data = {"template": "weather", "token": new_token(), "action": "preview"}
    page = client.post(url, data).content.decode()
    assert "There is nobody in the waiting list for Bowling to write to." in page
    with pytest.raises(CoopError, match="nobody"):
        send(cast, Group.waiting(activity), templates["weather"])
    assert not GroupMessage.objects.exists()


def test_a_template_no_longer_in_use_cannot_be_sent(cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    book(activity, cast.member_row, B.CONFIRMED)
    template = templates["weather"]
    template.active = False
    template.save()
    with pytest.raises(CoopError, match="no longer in use"):
        send(cast, Group.booked(activity), template)


# -- the pages --------------------------------------------------------------------------------
def test_the_pages_walk_choose_fill_check_send(client, cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    people = one_of_each_way(cast)
    for person in [*people, cast.member_row]:
        book(activity, person, B.CONFIRMED)
    client.force_login(cast.organiser)
    page = client.get(reverse("organiser-activity", args=[activity.pk])).content.decode()
    url = reverse("write-booked", args=[activity.pk])
    assert url in page

    choose = client.get(url).content.decode()
    assert "Write to everyone booked on Bowling" in choose
    assert "Change of meeting point" in choose
    words = client.get(url, {"template": "meeting-point"}).content.decode()
    assert "Where is the new meeting point?" in words
    token = words.split('name="token" value="')[1].split('"')[0]

    data = {"template": "meeting-point", "token": token, "new_meeting_point": "The library"}
    check = client.post(
        url, {**data, "note": "We are sorry, e.g. for the change.", "action": "preview"}
    )
    text = check.content.decode()
    assert "Check the message before you send it" in text
    assert "2 by email" in text and "1 by text" in text
    assert "1 letter to print" in text and "1 call to make" in text
    assert "1 we cannot reach" in text
    assert "Please meet us here: The library." in text
    assert "Hello (their name)," in text
    assert "for example" in text  # easy-read advice on the typed note
    assert "Send to 6 people" in text
    assert not Message.objects.filter(kind=KIND).exists()

    back = client.post(url, {**data, "note": "Sorry.", "action": "change"}).content.decode()
    assert 'value="The library"' in back

    done = client.post(url, {**data, "note": "Sorry.", "action": "send"})
    assert done.status_code == 302
    sent = GroupMessage.objects.get()
    assert done.url == reverse("group-message-sent", args=[sent.pk])
    page = client.get(done.url).content.decode()
    assert "Your message is on its way" in page
    assert "Emails and texts go in the next few minutes." in page
    assert "1 letter to print." in page and "1 call to make." in page
    assert "on the messages page for organisers" in page
    assert Message.objects.filter(kind=KIND).count() == 6


def test_writing_to_a_branch_from_its_page(client, cast, templates):
    (other,) = make_members(cast, 1)
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    client.force_login(cast.organiser)
    url = reverse("group-write")
    branch = cast.member_row.branch
    choose = client.get(url).content.decode()
    assert f"Members in {branch.name}" in choose and "The board" in choose
    words = client.get(url, {"whom": f"branch-{branch.pk}", "template": "activity-cancelled"})
    assert "Which activity is it about?" in words.content.decode()
    data = {
        "whom": f"branch-{branch.pk}",
        "template": "activity-cancelled",
        "token": new_token(),
        "about": activity.pk,
        "note": "The bus company let us down.",
    }
    check = client.post(url, {**data, "action": "preview"}).content.decode()
    assert f"It goes to members in {branch.name}: 2 people." in check
    client.post(url, {**data, "action": "send"})
    sent = GroupMessage.objects.get()
    assert sent.group == "branch" and sent.branch == branch and sent.activity == activity
    bodies = [m.body for m in sent_to(sent)]
    assert len(bodies) == 2
    assert all("The bus company let us down." in b for b in bodies)
    assert {b.splitlines()[0] for b in bodies} == {"Hello May,", f"Hello {other.first_name},"}


# -- the admin --------------------------------------------------------------------------------
def test_administrators_change_templates_in_the_admin_with_easy_read_advice(
    admin_client, templates
):
    template = templates["weather"]
    url = reverse("admin:events_messagetemplate_change", args=[template.pk])
    page = admin_client.get(url).content.decode()
    assert "Nothing to change" in page
    form = {
        "name": template.name,
        "slug": template.slug,
        "description": template.description,
        "subject": template.subject,
        "active": "on",
    }
    refused = admin_client.post(url, {**form, "lines": "Hello {name}."})
    assert refused.status_code == 200
    assert "We cannot fill in {name}" in refused.content.decode()
    template.refresh_from_db()
    assert "{name}" not in template.lines

    saved = admin_client.post(
        url, {**form, "lines": "Bring a coat, e.g. a warm one.\n{note}"}, follow=True
    )
    assert "Easy read: Please write “for example” instead of “e.g.”." in saved.content.decode()
    template.refresh_from_db()
    assert template.lines.startswith("Bring a coat")
    assert template.history.count() >= 2


def test_the_group_message_record_cannot_be_changed_in_the_admin(admin_client, cast, templates):
    activity = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0)
    book(activity, cast.member_row, B.CONFIRMED)
    sent = send(cast, Group.booked(activity), templates["weather"])
    assert admin_client.get(reverse("admin:events_groupmessage_changelist")).status_code == 200
    change = admin_client.get(reverse("admin:events_groupmessage_change", args=[sent.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    delete = reverse("admin:events_groupmessage_delete", args=[sent.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert GroupMessage.objects.filter(pk=sent.pk).exists()
