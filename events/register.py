"""The rows of the organiser's attendance register, as plain values made once in Python.

The register lists everyone coming to an activity (fifty or more on a busy day) and is
opened on a phone on the day. Built from model instances, each row cost three instances
(booking, member, branch), two URL reversals, two CSRF tags and a dozen localised numbers
in the template; here a row is one dict of ready strings the template only prints, read in
one plain query (the ORM's building of it cost more Python than the rows themselves)."""

import functools
from html import escape

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from coop.links import id_url
from coop.money import format_pence
from coop.sql import column, dict_rows, placeholders, table
from events.models import Booking
from members.models import Member, access_need_labels, display_name_of

# Who is on the register: those booked, and those marked here or not here.
ON_REGISTER = (Booking.Status.CONFIRMED, Booking.Status.ATTENDED, Booking.Status.NO_SHOW)

# What a row reads: (key, model, field), in the SELECT's order.
ROW = (
    ("pk", Booking, "id"),
    ("status", Booking, "status"),
    ("fee_status", Booking, "fee_status"),
    ("fee_pence", Booking, "fee_pence"),
    ("payment_method", Booking, "payment_method"),
    ("guests", Booking, "guests"),
    ("known_as", Member, "known_as"),
    ("first_name", Member, "first_name"),
    ("last_name", Member, "last_name"),
    ("phone", Member, "phone"),
    ("access_needs", Member, "access_needs"),
    ("access_needs_other", Member, "access_needs_other"),
)


def register_rows(activity_id: int, back: str) -> list[dict]:
    """One dict per person on the activity's register (ON_REGISTER), in the order
    events.selectors.activity_bookings gives (when they joined the waiting list, when
    they booked, the booking's id), with what the register shows and the URLs its
    buttons post to; `back` is the register's own URL. One plain query, bookings joined
    to their members."""
    mark_url, cash_url = id_url("attendance-mark"), id_url("cash-given-back")
    with connection.cursor() as cursor:
        cursor.execute(_rows_sql(), [activity_id, *(str(status) for status in ON_REGISTER)])
        found = dict_rows(cursor, ROW)
    rows = []
    for b in found:
        pk = str(b["pk"])
        name = display_name_of(b["known_as"], b["first_name"], b["last_name"])
        guests = len(b["guests"])
        phone = b["phone"]
        hand_back = b["fee_status"] == "refund_pending" and b["payment_method"] == "cash"
        rows.append(
            {
                "pk": pk,
                "status": b["status"],
                "fee_status": b["fee_status"],
                "name": name,
                "initial": name[:1],
                "guests": f"With {guests} guest{'' if guests == 1 else 's'}." if guests else "",
                "needs": ", ".join(access_need_labels(b["access_needs"], b["access_needs_other"])),
                "phone": phone,
                "tel": phone.replace(" ", ""),
                "back": f"{back}#booking-{pk}",
                "mark_url": mark_url(pk),
                "cash_url": cash_url(pk) if hand_back else "",
                "fee": format_pence(b["fee_pence"]) if hand_back else "",
            }
        )
    return rows


@functools.cache
def _rows_sql() -> str:
    """ROW of the bookings of activity %s in the statuses next (ON_REGISTER's), in the
    order events.selectors.activity_bookings gives."""
    b, m = Booking, Member
    read = ", ".join(column(model, name) for _, model, name in ROW)
    statuses = placeholders(len(ON_REGISTER))
    return (
        f"SELECT {read} FROM {table(b)}"
        f" JOIN {table(m)} ON {column(m, 'id')} = {column(b, 'member')}"
        f" WHERE {column(b, 'activity')} = %s AND {column(b, 'status')} IN ({statuses})"
        f" ORDER BY {column(b, 'waiting_since')}, {column(b, 'created_at')}, {column(b, 'id')}"
    )


def register_item(row: dict, *, early: bool, csrf_token: str) -> SafeString:
    """One person's <li> on the register, from a row of register_rows: what the template
    wrote for each person, written here in one go rather than by the template for every
    row. Every value from a row is escaped once, here, with the standard library's escape:
    the same characters as Django's, without its check for lazy text on every call (for
    50 people at `make bench`'s M, 0.81 ms of Python with Django's, 0.26 ms with this)."""
    e = {key: escape(value) for key, value in row.items() if isinstance(value, str)}
    name = e["name"]
    hidden = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        f'<input type="hidden" name="back" value="{e["back"]}">'
    )
    words = [f"<h2>{name}</h2>"]
    if row["guests"]:
        words.append(f"<p>{e['guests']}</p>")
    if row["needs"]:
        words.append(f"<p>Needs: {e['needs']}.</p>")
    if row["phone"]:
        words.append(f'<p><a href="tel:{e["tel"]}">Call {e["phone"]}</a></p>')
    words += _mark_and_cash(row, e, hidden)
    if row["status"] == "confirmed":
        buttons = _here_buttons(e["pk"], name, early)
    else:
        buttons = (
            '<button class="button button-secondary" type="submit" name="mark" value="undo">'
            f'Undo<span class="visually-hidden"> the mark for {name}</span></button>'
        )
    words.append(
        f'<form method="post" action="{e["mark_url"]}" class="mark-buttons">{hidden}'
        f"{buttons}</form>"
    )
    return mark_safe(  # noqa: S308 - every value in it was escaped above
        f'<li class="attendance-person" id="booking-{e["pk"]}">'
        f'<div class="avatar" aria-hidden="true">{e["initial"]}</div>'
        f'<div class="attendance-words">{"".join(words)}</div></li>'
    )


def _mark_and_cash(row: dict, e: dict, hidden: str) -> list[str]:
    """The mark already made, and the button for cash given back."""
    if row["status"] == "no_show":
        kept = ": fee kept" if row["fee_status"] == "kept" else ""
        return [f'<p class="mark mark-not">Not here{kept}</p>']
    if row["status"] != "attended":
        return []
    fee = {"refund_pending": ": fee coming back", "refunded": ": fee given back"}
    words = [f'<p class="mark mark-here">Here{fee.get(row["fee_status"], "")}</p>']
    if row["cash_url"]:
        words.append(
            f'<form method="post" action="{e["cash_url"]}">{hidden}'
            f'<button class="button" type="submit">I gave {e["fee"]} back'
            f'<span class="visually-hidden"> to {e["name"]}</span></button></form>'
        )
    return words


def _here_buttons(pk: str, name: str, early: bool) -> str:
    """Here and Not here (both already escaped), with the box to tick before it starts."""
    tick = (
        f'<div class="checkbox"><input type="checkbox" id="early-{pk}" name="early"'
        f' value="yes"><label for="early-{pk}">It has not started yet. I want to mark'
        f" {name} now.</label></div>"
        if early
        else ""
    )
    return (
        f'{tick}<button class="button button-big" type="submit" name="mark" value="here">'
        f'Here<span class="visually-hidden">: {name}</span></button>'
        '<button class="button button-big button-secondary" type="submit" name="mark"'
        f' value="not_here">Not here<span class="visually-hidden">: {name}</span></button>'
    )
