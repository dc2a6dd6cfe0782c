"""My bookings with a booking in every state and fee state: what each says, and that the
page still reads its members and bookings in two queries (My bookings loads only the fields
it shows, so a sentence reading one more field would cost a query per booking), and that
each panel is what format_html wrote before the panels were written with html.escape."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from events import selectors
from events.models import Booking
from events.views.booking import _panel, my_booking_row
from tests.events.conftest import make_activity

pytestmark = pytest.mark.django_db

S, F, P = Booking.Status, Booking.FeeStatus, Booking.PaymentMethod

# status, fee status, how paid, pence given back, minutes the card hold has left, days to go
STATES = [
    (S.CONFIRMED, F.HELD, P.CARD, 0, None, 7),
    (S.CONFIRMED, F.HELD, P.CASH, 0, None, 7),
    (S.CONFIRMED, F.HELD, P.CARD, 0, None, 1),  # too late to cancel and get it back
    (S.CONFIRMED, F.PART_REFUNDED, P.CARD, 200, None, 7),
    (S.AWAITING_PAYMENT, F.AWAITING, P.CARD, 0, 10, 7),
    (S.AWAITING_PAYMENT, F.AWAITING, P.CARD, 0, -10, 7),  # the hold ran out
    (S.CONFIRMED, F.AWAITING, P.CASH, 0, None, 7),
    (S.WAITING, F.AWAITING, P.NONE, 0, None, 7),
    (S.OFFERED, F.AWAITING, P.NONE, 0, None, 7),
    (S.CANCELLED, F.KEPT, P.CARD, 0, None, 7),
    (S.CANCELLED, F.REFUNDED, P.CARD, 500, None, 7),
    (S.CANCELLED, F.REFUND_PENDING, P.CASH, 0, None, 7),
    (S.ATTENDED, F.REFUND_PENDING, P.CARD, 0, None, -3),
    (S.NO_SHOW, F.KEPT, P.CARD, 100, None, -3),
    (S.CONFIRMED, F.WAIVED, P.WAIVED, 0, None, 7),
]


def _book_every_state(cast) -> None:
    now = timezone.now()
    for i, (status, fee, paid, back, hold, days) in enumerate(STATES):
        activity = make_activity(
            cast.organiser,
            cast.member_row.branch,
            days=days,
            title=f"Trip {i} <&>",
            booking_opens_at=now + dt.timedelta(days=days - 10),
        )
        Booking.objects.create(
            activity=activity,
            member=cast.member_row,
            status=status,
            fee_status=fee,
            fee_pence=500,
            payment_method=paid,
            refunded_pence=back,
            hold_expires_at=None if hold is None else now + dt.timedelta(minutes=hold),
            waiting_since=now if status == S.WAITING else None,
        )
    free = make_activity(cast.organiser, cast.member_row.branch, fee_pence=0, title="Free")
    Booking.objects.create(activity=free, member=cast.member_row, status=S.CONFIRMED)


@pytest.mark.parametrize("who", ["member", "supporter"])
def test_my_bookings_says_every_state_in_two_queries(client, cast, who):
    _book_every_state(cast)
    client.force_login(getattr(cast, who))
    client.get(reverse("my-bookings"))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("my-bookings")).content.decode()
    # The user and their roles, then the members, then their bookings.
    assert len(queries) == 4, [q["sql"][:80] for q in queries.captured_queries]
    assert html.count("Trip ") == len(STATES)
    assert "Trip 0 &lt;&amp;&gt;" in html and "<&>" not in html
    for words in [
        "You paid the booking fee of £5 by card"
        if who == "member"
        else "The booking fee of £5 is paid by card",
        "You paid the booking fee of £5 in cash."
        if who == "member"
        else "The booking fee of £5 is paid in cash.",
        "It is too late to cancel and get the booking fee back now.",
        "We gave £2 of it back",
        "Pay the booking fee by card to finish booking.",
        "The time to pay ran out.",
        "Please pay the booking fee of £5 in cash.",
        "Give it to the organiser at The bowling alley",
        "the booking fee of £5 then.",
        "cancelled late.",
        "did not come.",
        "You do not need to pay a booking fee"
        if who == "member"
        else "May does not need to pay a booking fee",
        "This can take up to 10 days.",
        "We will give it back to you in cash."
        if who == "member"
        else "We will give it back to May in cash.",
        "ill, or was there an emergency?",
    ]:
        assert words in html, words


def _panel_as_format_html_wrote(row: dict, *, show_for: bool) -> str:
    """The panel as My bookings wrote it with format_html, before html.escape."""
    lines = [format_html('<h3><a href="{}">{}</a></h3>', row["url"], row["title"])]
    if show_for and row["for"]:
        lines.append(format_html("<p>For {}.</p>", row["for"]))
    lines.append(format_html("<p>{}, {}.</p>", row["day"], row["time"]))
    lines += [format_html("<p>{}</p>", line) for line in [row["state"], *row["fee_lines"]]]
    return '<div class="panel">\n  ' + "\n  ".join(lines) + "\n</div>"


@pytest.mark.parametrize("who", ["member", "supporter"])
def test_each_panel_is_what_format_html_wrote(cast, who):
    _book_every_state(cast)
    user = getattr(cast, who)
    members = selectors.members_i_book_for(user)
    now = timezone.now()
    rows = [
        my_booking_row(b, user.pk, now, lambda pk: f"/bookings/{pk}/")
        for b in selectors.bookings_of(members)
    ]
    assert len(rows) == len(STATES) + 1
    for row in rows:
        for show_for in (True, False):
            assert _panel(row, show_for=show_for) == _panel_as_format_html_wrote(
                row, show_for=show_for
            )
