"""New rows written in one plain statement (coop.sql.insert): a booking with its history
record (events.services.booking_states.move), its audit entry and its messages. The same
rows as Django's save() or bulk_create and django-simple-history write, and no signal
anyone else relies on skipped."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coop.models import AuditEntry
from coop.sql import insert
from events import services
from events.models import Booking
from members.outbox.models import Message
from tests.events.conftest import make_members

pytestmark = pytest.mark.django_db

# Set by the database or by the writing itself, so they differ between two bookings.
OWN = {"id", "member_id", "created_at"}
HISTORY_OWN = {"history_id", "history_date", "history_user_id"}


def _row(booking: Booking) -> dict:
    return {f.attname: getattr(booking, f.attname) for f in Booking._meta.concrete_fields}


def _history(booking: Booking) -> dict:
    record = Booking.history.model.objects.get(id=booking.pk)
    return {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}


WAITING_SINCE = timezone.now()


def _new_booking(activity, member, by) -> Booking:
    return Booking(
        activity=activity,
        member=member,
        guests=[{"kind": "friend"}],
        places_used=2,
        fee_pence=500,
        booked_by=by,
        on_behalf=True,
        status=Booking.Status.WAITING,
        fee_status=Booking.FeeStatus.AWAITING,
        waiting_since=WAITING_SINCE,
    )


def test_the_rows_are_those_save_writes(cast, activity):
    one, two = make_members(cast, 2)
    by_save = _new_booking(activity, one, cast.organiser)
    by_save._history_user = cast.organiser
    by_save.save()
    started = timezone.now()
    written = _new_booking(activity, two, cast.organiser)
    with CaptureQueriesContext(connection) as queries:
        insert([written], history_user=cast.organiser)
    assert len(queries) == 1
    assert written.pk and not written._state.adding and written._state.db == "default"
    fresh = Booking.objects.get(pk=written.pk)
    assert _row(fresh) == _row(written)  # what the instance says is what was written
    assert {k: v for k, v in _row(fresh).items() if k not in OWN} == {
        k: v for k, v in _row(by_save).items() if k not in OWN
    }
    assert fresh.created_at >= started
    saved_history, history = _history(by_save), _history(fresh)
    assert {k: v for k, v in history.items() if k not in OWN | HISTORY_OWN} == {
        k: v for k, v in saved_history.items() if k not in OWN | HISTORY_OWN
    }
    assert history["id"] == fresh.pk and history["member_id"] == two.pk
    assert history["created_at"] == fresh.created_at
    assert history["history_type"] == "+" and history["history_user_id"] == cast.organiser.pk
    assert started <= history["history_date"] <= timezone.now()
    assert Booking.history.model.objects.filter(id=fresh.pk).count() == 1


def test_a_booking_made_by_the_service_has_one_history_record_by_its_booker(cast, activity):
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.supporter, payment="cash"
    )
    records = list(booking.history.all())
    assert [(r.history_type, r.history_user_id, r.status) for r in records] == [
        ("+", cast.supporter.pk, booking.status)
    ]


def test_a_broken_rule_writes_neither_row(cast, activity):
    member = make_members(cast, 1)[0]
    insert([_new_booking(activity, member, None)])
    before = Booking.history.model.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        insert([_new_booking(activity, member, None)])  # one live each
    assert Booking.objects.filter(member=member).count() == 1
    assert Booking.history.model.objects.count() == before


def test_a_change_reason_is_left_to_save(cast, activity):
    member = make_members(cast, 1)[0]
    booking = _new_booking(activity, member, None)
    booking._change_reason = "moved from the old system"
    booking._history_date = timezone.now() - dt.timedelta(days=1)
    insert([booking], history_user=cast.admin)
    record = booking.history.get()
    assert record.history_change_reason == "moved from the old system"
    assert (record.history_user_id, record.history_date) == (cast.admin.pk, booking._history_date)


def _message(member, subject: str) -> Message:
    return Message(
        kind="booking_waiting",
        member=member,
        recipient=Message.Recipient.MEMBER,
        name="May",
        way="email",
        to="may@example.org",
        subject=subject,
        body="You are on the waiting list.",
        data={"n": 1},
    )


def test_rows_without_history_are_those_bulk_create_writes(cast):
    member = cast.member_row
    by_orm = Message.objects.bulk_create([_message(member, "One"), _message(member, "Two")])
    written = [_message(member, "One"), _message(member, "Two"), _message(member, "Three")]
    insert(written)
    assert [m.pk for m in written] == sorted(m.pk for m in written)  # in order
    fresh = {m.pk: m for m in Message.objects.filter(pk__in=[m.pk for m in written])}
    assert [fresh[m.pk].subject for m in written] == ["One", "Two", "Three"]

    def row(message):
        own = {"id", "subject", "created_at"}
        return {
            f.attname: getattr(message, f.attname)
            for f in Message._meta.concrete_fields
            if f.attname not in own
        }

    assert row(fresh[written[0].pk]) == row(Message.objects.get(pk=by_orm[0].pk))
    assert fresh[written[0].pk].created_at == written[0].created_at


def test_an_audit_entry_is_one_insert(cast, activity):
    from coop.audit import audit

    with CaptureQueriesContext(connection) as queries:
        entry = audit(actor=cast.organiser, action="activity.looked", target=activity)
    assert len(queries) == 1
    saved = AuditEntry.objects.get(pk=entry.pk)
    assert (saved.actor, saved.action, saved.target_id, saved.data) == (
        cast.organiser,
        "activity.looked",
        str(activity.pk),
        {},
    )
    assert saved.created_at == entry.created_at


@pytest.mark.parametrize("model", [Booking, AuditEntry, Message])
def test_no_save_signal_is_skipped(model):
    # coop.sql.insert sends no pre_save or post_save signal: a receiver added for these
    # models would be skipped for every new row. django-simple-history's own (bookings)
    # is the one its single statement stands in for.
    assert not pre_save.has_listeners(model)
    receivers = list(post_save._live_receivers(model)[0])
    expected = [("simple_history.models", "post_save")] if model is Booking else []
    assert [(r.__self__.__class__.__module__, r.__name__) for r in receivers] == expected


def test_first_raw_reads_as_raw_does(cast):
    from django.core.exceptions import FieldDoesNotExist

    from coop.sql import first_raw
    from members.models import User

    sql = "SELECT id, username, date_joined, 1 AS extra FROM members_user WHERE date_joined <= %s"
    user = first_raw(User, sql + " ORDER BY id", [timezone.now()])  # an aware time adapted
    raw = next(iter(User.objects.raw(sql + " ORDER BY id", [timezone.now()])))
    assert (user.pk, user.username, user.date_joined, user.extra) == (
        raw.pk,
        raw.username,
        raw.date_joined,
        raw.extra,
    )
    assert user.get_deferred_fields() == raw.get_deferred_fields()
    with pytest.raises(FieldDoesNotExist):
        first_raw(User, "SELECT username FROM members_user", [])


def test_a_booking_with_its_key_given_is_saved_by_the_orm(cast, activity):
    member = make_members(cast, 1)[0]
    booking = _new_booking(activity, member, None)
    booking.pk = 10**9
    insert([booking], history_user=cast.admin)
    assert Booking.objects.get(pk=10**9).member == member
    assert booking.history.get().history_user == cast.admin
    assert not hasattr(booking, "_history_user")
