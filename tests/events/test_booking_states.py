"""The booking's two tables of allowed moves and the one function that makes a move: every
(state, move) pair, allowed or not; the import graph of events/services; partial refunds
made in Stripe; "Here" before the start; nobody waives their own fee."""

import ast
import itertools
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from coop.errors import CoopError, InvalidTransition
from coop.models import AuditEntry
from events import services
from events.errors import BookingError
from events.models import Booking
from events.services.booking_states import BOOKING_MOVES, FEE_MOVES, NEW, fee_held_pence, move
from finance import stripe_client
from finance.models import Payment, Refund
from finance.selectors import account_balance
from tests.finance.helpers import closed_port_url, make_event, post_event
from tests.finance.stripe_helpers import confirm_card_payment

B = Booking.Status
F = Booking.FeeStatus
ROOT = Path(__file__).resolve().parents[2]


def _row(cast, activity, status: str, fee: str) -> Booking:
    return Booking.objects.create(
        activity=activity, member=cast.member_row, status=status, fee_status=fee, fee_pence=500
    )


def _audits(booking: Booking) -> int:
    return AuditEntry.objects.filter(
        target_type="events.booking", target_id=str(booking.pk)
    ).count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("before", "after"), list(itertools.product([*B.values], B.values)), ids=lambda v: v
)
def test_each_booking_move_happens_only_when_the_table_allows_it(cast, activity, before, after):
    booking = _row(cast, activity, before, F.NONE)
    if after in BOOKING_MOVES[before]:
        with transaction.atomic():
            move(booking, actor=cast.organiser, action="test.move", status=after)
        booking.refresh_from_db()
        assert booking.status == after and _audits(booking) == 1
    else:
        with pytest.raises(InvalidTransition) as refused:
            move(booking, actor=cast.organiser, action="test.move", status=after)
        assert "It cannot become" in refused.value.message
        booking.refresh_from_db()
        assert booking.status == before and _audits(booking) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("before", "after"), list(itertools.product(F.values, F.values)), ids=lambda v: v
)
def test_each_fee_move_happens_only_when_the_table_allows_it(cast, activity, before, after):
    booking = _row(cast, activity, B.CONFIRMED, before)
    if after in FEE_MOVES[before]:
        move(booking, actor=None, action="test.move", fee=after, fee_note="moved")
        booking.refresh_from_db()
        assert (booking.fee_status, booking.fee_note) == (after, "moved") and _audits(booking) == 1
    else:
        with pytest.raises(InvalidTransition):
            move(booking, actor=None, action="test.move", fee=after, fee_note="moved")
        booking.refresh_from_db()
        assert (booking.fee_status, booking.fee_note) == (before, "") and _audits(booking) == 0


def test_every_state_has_a_row_in_its_table():
    assert set(BOOKING_MOVES) == {NEW, *B.values}
    assert set(FEE_MOVES) == set(F.values)
    for table in (BOOKING_MOVES, FEE_MOVES):
        assert all(to in table for moves in table.values() for to in moves)


def _service_imports(path: Path) -> set[str]:
    """The events.services modules a module imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("events.services."):
            found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {
                a.name.split(".")[2] for a in node.names if a.name.startswith("events.services.")
            }
    return found


def test_events_services_import_each_other_without_a_cycle():
    folder = ROOT / "events" / "services"
    graph = {p.stem: _service_imports(p) for p in folder.glob("*.py") if p.stem != "__init__"}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle: {' -> '.join((*path, name))}"
        if name in done:
            return
        for other in sorted(graph.get(name, ())):
            visit(other, (*path, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())
    private = [
        (name, line)
        for name, path in ((p.stem, p) for p in folder.glob("*.py"))
        for line in path.read_text().splitlines()
        if "from events.services." in line and " import _" in line
    ]
    assert private == []


# --- Partial refunds made in Stripe's dashboard -------------------------------------------


def paid_booking(cast, activity) -> Booking:
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.member, payment="card"
    )
    confirm_card_payment(Payment.objects.get(pk=booking.payment_id))
    booking.refresh_from_db()
    assert booking.fee_status == F.HELD
    return booking


def refund_in_stripe(client, booking: Booking, amount: int) -> None:
    """Someone pays part back in Stripe's dashboard; coop hears by the refund webhook."""
    payment = Payment.objects.get(pk=booking.payment_id)
    made = stripe_client.client().v1.refunds.create(
        params={"payment_intent": payment.stripe_payment_intent_id, "amount": amount}
    )
    refund = stripe_client.client().v1.refunds.retrieve(made.id).to_dict(for_json=True)
    event = make_event("refund.created", refund, f"evt_{made.id}")
    assert post_event(client, event).status_code == 200


def stripe_says_it_failed(client, refund: Refund, event_id: str, *, then_down=False) -> dict:
    """Stripe's refund.updated: the refund it said succeeded has failed (card closed).
    `then_down`: Stripe is out of reach while coop handles it."""
    made = stripe_client.client().v1.refunds.retrieve(refund.stripe_refund_id)
    failed = {
        **made.to_dict(for_json=True),
        "status": "failed",
        "failure_reason": "expired_or_canceled_card",
    }
    down = override_settings(STRIPE_API_BASE=closed_port_url()) if then_down else nullcontext()
    with down:
        answer = post_event(client, make_event("refund.updated", failed, event_id))
    assert answer.status_code == 200
    return failed


def part_back_then_no_show(client, cast, activity) -> Booking:
    """£1 of a £5 fee given back in Stripe's dashboard, then "Not here"."""
    booking = paid_booking(cast, activity)
    refund_in_stripe(client, booking, 100)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=False, early=True)
    booking.refresh_from_db()
    return booking


def books_agree(booking: Booking) -> None:
    booking.refresh_from_db()
    assert account_balance("fees_held") == fee_held_pence(booking)


@pytest.mark.django_db(transaction=True)
def test_a_part_refund_in_stripe_leaves_the_rest_to_come_back_when_they_come(
    client, cast, activity
):
    booking = paid_booking(cast, activity)
    refund_in_stripe(client, booking, 100)
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.PART_REFUNDED, 100)
    books_agree(booking)
    assert account_balance("fees_held") == 400
    # Finance sees it for what it is; the member's cancel page offers only what is held.
    client.force_login(cast.finance)
    assert "Part given back: £1 of £5" in client.get(reverse("finance-payments")).content.decode()
    client.force_login(cast.member)
    page = client.get(reverse("booking-cancel", kwargs={"pk": booking.pk})).content.decode()
    assert "Your fee of £4 comes back to you." in page
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUNDED, 500)
    ours = Refund.objects.get(payment_id=booking.payment_id, external=False)
    assert ours.amount_pence == 400 and ours.status == Refund.Status.SUCCEEDED
    books_agree(booking)


@pytest.mark.django_db(transaction=True)
def test_a_part_refund_then_a_no_show_keeps_only_the_rest(client, cast, activity):
    booking = part_back_then_no_show(client, cast, activity)
    assert booking.fee_status == F.KEPT
    assert account_balance("fees_held") == 0 and account_balance("fees_kept") == 400
    # Undone: the 400p is held again, and the booking says so.
    services.attendance_undo(booking=booking, actor=cast.organiser)
    booking.refresh_from_db()
    assert booking.fee_status == F.PART_REFUNDED
    books_agree(booking)


@pytest.mark.django_db(transaction=True)
def test_a_part_refund_then_a_timely_cancel_gives_back_the_rest(client, cast, activity):
    booking = paid_booking(cast, activity)
    refund_in_stripe(client, booking, 100)
    services.booking_cancel(booking=booking, actor=cast.member)
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUNDED, 500)
    books_agree(booking)


@pytest.mark.django_db(transaction=True)
def test_a_part_given_back_through_coop_then_here_gives_back_the_rest(cast, activity):
    """Finance gives back part through coop; "Here" then gives back the rest as its own
    refund (there used to be room for only one coop refund per payment)."""
    from finance.services import refund_start

    booking = paid_booking(cast, activity)
    payment = Payment.objects.get(pk=booking.payment_id)
    part = refund_start(
        payment=payment, reason="one lane shut", actor=cast.finance, amount_pence=100
    )
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.PART_REFUNDED, 100)
    books_agree(booking)
    services.attendance_mark(booking=booking, actor=cast.organiser, attended=True, early=True)
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUNDED, 500)
    rest = Refund.objects.filter(payment=payment, external=False).exclude(pk=part.pk).get()
    assert rest.amount_pence == 400 and rest.status == Refund.Status.SUCCEEDED
    assert sorted(
        r["amount"]
        for r in stripe_client.refund_list(payment_intent_id=payment.stripe_payment_intent_id)
    ) == [100, 400]
    books_agree(booking)


@pytest.mark.django_db(transaction=True)
def test_a_refund_stripe_fails_after_success_is_given_back_again(client, cast, activity):
    """Stripe says the refund went through, then (refund.updated) that it failed: the
    books take it back, the booking stops counting it and its fee is on its way back
    again, as a new refund, so the books and the booking agree at every step."""
    from finance.services import refund_retry

    booking = paid_booking(cast, activity)
    services.booking_cancel(booking=booking, actor=cast.member)
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUNDED, 500)
    first = Refund.objects.get(payment_id=booking.payment_id)
    failed = stripe_says_it_failed(client, first, "evt_fail", then_down=True)  # a new try waits
    first.refresh_from_db()
    booking.refresh_from_db()
    assert first.status == Refund.Status.FAILED
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUND_PENDING, 0)
    books_agree(booking)
    assert account_balance("fees_held") == 500
    again = Refund.objects.exclude(pk=first.pk).get(payment_id=booking.payment_id)
    assert (again.status, again.amount_pence) == (Refund.Status.PENDING, 500)
    # The same event again changes nothing; once Stripe answers, the fee is back.
    post_event(client, make_event("refund.updated", failed, "evt_fail_again"))
    assert Refund.objects.filter(payment_id=booking.payment_id).count() == 2
    assert refund_retry(refund=again, actor=cast.finance).status == Refund.Status.SUCCEEDED
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUNDED, 500)
    books_agree(booking)


@pytest.mark.django_db(transaction=True)
def test_a_part_refund_that_fails_after_a_no_show_is_kept_with_the_rest(client, cast, activity):
    booking = part_back_then_no_show(client, cast, activity)
    assert account_balance("fees_kept") == 400
    stripe_says_it_failed(client, Refund.objects.get(payment_id=booking.payment_id), "evt_f")
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.KEPT, 0)
    assert account_balance("fees_kept") == 500
    books_agree(booking)


@pytest.mark.django_db(transaction=True)
def test_a_full_refund_in_stripe_marks_the_fee_given_back(client, cast, activity):
    booking = paid_booking(cast, activity)
    refund_in_stripe(client, booking, 500)
    booking.refresh_from_db()
    assert (booking.fee_status, booking.refunded_pence) == (F.REFUNDED, 500)
    books_agree(booking)


# --- "Here" before the activity starts --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_here_before_the_start_is_refused_without_saying_so_and_nothing_moves(cast, activity):
    booking = paid_booking(cast, activity)
    with pytest.raises(BookingError) as refused:
        services.attendance_mark(booking=booking, actor=cast.organiser, attended=True)
    assert refused.value.code == "too_early"
    assert "Bowling has not started yet" in refused.value.message
    booking.refresh_from_db()
    assert booking.status == B.CONFIRMED and booking.fee_status == F.HELD
    assert not Refund.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_attendance_page_asks_to_confirm_an_early_mark_and_says_what_happened(
    client, cast, activity
):
    booking = services.booking_create(
        activity=activity, member=cast.member_row, actor=cast.organiser, payment="cash_received"
    )
    client.force_login(cast.organiser)
    url = reverse("attendance", kwargs={"pk": activity.pk})
    page = client.get(url).content.decode()
    assert "Bowling has not started yet." in page
    assert "It has not started yet. I want to mark May Okafor now." in page
    mark = reverse("attendance-mark", kwargs={"pk": booking.pk})
    told = client.post(mark, {"mark": "not_here", "back": url}, follow=True).content.decode()
    assert "Please say that you want to mark it now." in told
    booking.refresh_from_db()
    assert booking.status == B.CONFIRMED
    told = client.post(
        mark, {"mark": "not_here", "early": "yes", "back": url}, follow=True
    ).content.decode()
    assert "May Okafor is marked not here. We keep their fee of £5." in told
    told = client.post(mark, {"mark": "undo", "back": url}, follow=True)
    told = client.post(
        mark, {"mark": "here", "early": "yes", "back": url}, follow=True
    ).content.decode()
    assert "May Okafor is marked here. Their fee of £5 goes back in cash: please give it" in told


@pytest.mark.django_db(transaction=True)
def test_the_api_refuses_an_early_mark_unless_asked(client, cast, activity):
    from rest_framework.test import APIClient

    booking = paid_booking(cast, activity)
    api = APIClient()
    api.force_authenticate(cast.organiser)
    url = reverse("events_api:attendance", kwargs={"pk": booking.pk})
    response = api.post(url, {"attended": True}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "too_early"
    response = api.post(url, {"attended": True, "early": True}, format="json")
    assert response.status_code == 200
    assert (
        response.json()["fee_news"]
        == "May Okafor is marked here. Their fee of £5 has gone back to them."
    )


# --- Nobody waives their own fee (issue 17) ---------------------------------------------


def member_of(cast, user):
    """Make the cast's organiser a member too, who can book."""
    import datetime as dt

    from members import services as member_services
    from members.models import Member
    from members.selectors import guidelines_current

    member = member_services.member_add(
        actor=cast.admin,
        user=user,
        branch=cast.member_row.branch,
        first_name="Duncan",
        last_name="Bruce",
        status=Member.Status.ACTIVE,
        admitted_on=dt.date(2025, 1, 1),
        email="duncan@example.org",
        contact_preferences=["email"],
    )
    member_services.guidelines_agree(member=member, guidelines=guidelines_current(), actor=user)
    return member


@pytest.mark.django_db(transaction=True)
def test_an_organiser_cannot_waive_their_own_fee_on_the_page_or_the_api(cast, activity, client):
    from rest_framework.test import APIClient

    organiser_row = member_of(cast, cast.organiser)
    booking = services.booking_create(
        activity=activity, member=organiser_row, actor=cast.organiser, payment="cash"
    )
    with pytest.raises(BookingError) as refused:
        services.booking_fee_waive(booking=booking, actor=cast.organiser, reason="Hardship")
    assert refused.value.message == "You cannot waive your own fee. Ask another organiser."
    client.force_login(cast.organiser)
    told = client.post(
        reverse("waive-fee", kwargs={"pk": booking.pk}), {"reason": "Hardship"}, follow=True
    ).content.decode()
    assert "You cannot waive your own fee. Ask another organiser." in told
    api = APIClient()
    api.force_authenticate(cast.organiser)
    response = api.post(
        reverse("events_api:booking-create", kwargs={"pk": activity.pk}),
        {"member": organiser_row.pk, "payment": "waived", "reason": "Hardship"},
        format="json",
    )
    assert response.status_code in (400, 403)
    assert response.json()["detail"] == "You cannot waive your own fee. Ask another organiser."
    booking.refresh_from_db()
    assert booking.fee_status == F.AWAITING
    # Another organiser may.
    services.booking_fee_waive(booking=booking, actor=cast.board, reason="Hardship")
    booking.refresh_from_db()
    assert booking.fee_status == F.WAIVED


# --- Every service event from every state -----------------------------------------------


def _events(cast):
    def reason(fn):
        return lambda b: fn(booking=b, actor=cast.organiser, reason="Was ill")

    return {
        "cancel": lambda b: services.booking_cancel(booking=b, actor=cast.member),
        "cancel_by_coop": lambda b: services.booking_cancel_by_coop(booking=b, actor=cast.board),
        "here": lambda b: services.attendance_mark(
            booking=b, actor=cast.organiser, attended=True, early=True
        ),
        "not_here": lambda b: services.attendance_mark(
            booking=b, actor=cast.organiser, attended=False, early=True
        ),
        "undo": lambda b: services.attendance_undo(booking=b, actor=cast.organiser),
        "waive": lambda b: services.booking_fee_waive(
            booking=b, actor=cast.board, reason="Hardship"
        ),
        "take_cash": lambda b: services.booking_record_cash(booking=b, actor=cast.organiser),
        "give_kept_fee_back": reason(services.booking_kept_fee_return),
        "take_offer": lambda b: services.offer_accept(booking=b, actor=cast.member, payment="cash"),
        "decline_offer": lambda b: services.offer_decline(booking=b, actor=cast.member),
    }


def _state(booking: Booking) -> tuple:
    booking.refresh_from_db()
    return (booking.status, booking.fee_status, booking.refunded_pence, _audits(booking))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "event",
    [
        "cancel",
        "cancel_by_coop",
        "here",
        "not_here",
        "undo",
        "waive",
        "take_cash",
        "give_kept_fee_back",
        "take_offer",
        "decline_offer",
    ],
)
def test_each_event_from_each_state_moves_once_as_the_tables_allow_or_is_refused(
    cast, activity, event
):
    """For every (status, fee) pair: the event either makes moves the tables allow, once
    (a second go changes nothing and audits nothing), or is refused with a message in
    words and changes nothing."""
    do = _events(cast)[event]
    for status, fee in itertools.product(B.values, F.values):
        booking = Booking.objects.create(
            activity=activity,
            member=cast.member_row,
            status=status,
            fee_status=fee,
            fee_pence=500,
            payment_method="cash",
        )
        before = _state(booking)
        try:
            do(booking)
        except CoopError as refused:
            assert refused.message.endswith(".") and "_" not in refused.message, refused.message
            assert _state(booking) == before, (status, fee)
        else:
            after = _state(booking)
            assert after[0] == status or after[0] in BOOKING_MOVES[status], (status, fee, after)
            assert after[1] == fee or after[1] in FEE_MOVES[fee], (status, fee, after)
            try:
                do(booking)
            except CoopError:
                pass  # e.g. "money has moved": refused the second time, which is once too
            assert _state(booking) == after, (status, fee, "second go changed it")
        Booking.objects.filter(pk=booking.pk).update(status=B.CANCELLED)
