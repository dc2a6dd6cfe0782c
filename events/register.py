"""The rows of the organiser's attendance register, as plain values made once in Python.

The register lists everyone coming to an activity (fifty or more on a busy day) and is
opened on a phone on the day. Built from model instances, each row cost three instances
(booking, member, branch), two URL reversals, two CSRF tags and a dozen localised numbers
in the template; here a row is one dict of ready strings the template only prints."""

from django.db.models import QuerySet
from django.urls import reverse

from coop.money import format_pence
from members.models import access_need_labels, display_name_of

# Any number will do: it is reversed once and cut out, leaving the URL before and after it.
_PK = 987654321


def _url_around_pk(name: str) -> tuple[str, str]:
    """The URL named `name` for a booking, as the text before and after the booking's id."""
    before, after = reverse(name, args=[_PK]).split(str(_PK))
    return before, after


def register_rows(bookings: QuerySet, back: str) -> list[dict]:
    """One dict per booking in `bookings`, in their order, with what the register shows
    and the URLs its buttons post to; `back` is the register's own URL."""
    mark_before, mark_after = _url_around_pk("attendance-mark")
    cash_before, cash_after = _url_around_pk("cash-given-back")
    rows = []
    for b in bookings.values(
        "pk",
        "status",
        "fee_status",
        "fee_pence",
        "payment_method",
        "guests",
        "member__known_as",
        "member__first_name",
        "member__last_name",
        "member__phone",
        "member__access_needs",
        "member__access_needs_other",
    ):
        pk = str(b["pk"])
        name = display_name_of(
            b["member__known_as"], b["member__first_name"], b["member__last_name"]
        )
        guests = len(b["guests"])
        phone = b["member__phone"]
        hand_back = b["fee_status"] == "refund_pending" and b["payment_method"] == "cash"
        rows.append(
            {
                "pk": pk,
                "status": b["status"],
                "fee_status": b["fee_status"],
                "name": name,
                "initial": name[:1],
                "guests": f"With {guests} guest{'' if guests == 1 else 's'}." if guests else "",
                "needs": ", ".join(
                    access_need_labels(b["member__access_needs"], b["member__access_needs_other"])
                ),
                "phone": phone,
                "tel": phone.replace(" ", ""),
                "back": f"{back}#booking-{pk}",
                "mark_url": f"{mark_before}{pk}{mark_after}",
                "cash_url": f"{cash_before}{pk}{cash_after}" if hand_back else "",
                "fee": format_pence(b["fee_pence"]) if hand_back else "",
            }
        )
    return rows
