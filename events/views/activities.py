"""What's on: activities as picture cards, and one activity's page."""

from collections.abc import Callable
from html import escape

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from coop.dates import easy_date, easy_time
from coop.links import id_url, static_url
from coop.paging import page_of
from events import fee_words, selectors
from events.forms import ActivityFilterForm
from events.models import Activity, Booking, places_left
from events.permissions import can_manage_activities
from events.upcoming import Upcoming
from members.models import Member
from members.selectors import member_for_user, supported_members
from members.views.common import not_for_former_members

# Few enough cards to read on a phone; the rest are on the next pages.
PER_PAGE = 12


# The card's texts typed by people, escaped as they are printed.
CARD_TEXTS = ("title", "summary", "picture_alt", "branch__name", "meeting_point")


@not_for_former_members
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    access = tuple(name for name in selectors.ACCESS if filters.get(name))
    activities = Upcoming(branch=filters.get("branch"), month=filters.get("month"), access=access)
    page, query = page_of(request, activities, PER_PAGE)
    shown = list(page.object_list)
    booked, waiting = selectors.my_places(request.user, [row["id"] for row in shown])
    url = id_url("activity-detail")
    return render(
        request,
        "events/activity_list.html",
        {
            "form": form,
            "cards": [activity_card(row, booked, waiting, url) for row in shown],
            "page": page,
            "query": query,
            "access_chosen": [form.fields[name].label for name in access],
        },
    )


def activity_card(
    row: dict, booked: set[int], waiting: set[int], url: Callable[[int], str]
) -> SafeString:
    """One card, written here once rather than by the template's tags and filters for each
    card (as the register's entries are); `url` gives an activity's address
    (coop.links.id_url). Every text is escaped with the standard library's escape, which
    escapes the same characters as the template."""
    e = {key: escape(row[key]) for key in CARD_TEXTS}
    money = "".join(
        f"<p>{escape(line)}</p>"
        for line in fee_words.money_lines(row["cost_pence"], row["fee_pence"])
    )
    left = places_left(row["places"], row["taken"])
    if row["id"] in booked:
        state = "<strong>You are booked.</strong>"
    elif row["id"] in waiting:
        state = "<strong>You are on the waiting list.</strong>"
    elif left:
        state = f"Places left: {left}."
    else:
        state = "It is full. You can join the waiting list."
    return mark_safe(  # noqa: S308 - every text in it is escaped above
        '\n<div class="picture-card activity-card">\n'
        f'  <img class="picture" src="{escape(static_url(row["picture"]))}"'
        f' alt="{e["picture_alt"]}" width="96" height="96">\n'
        '  <div class="picture-words">\n'
        f'    <h2 class="card-title"><a href="{escape(url(row["id"]))}">{e["title"]}</a></h2>\n'
        f"    <p>{e['summary']}</p>\n"
        f"    <p><strong>{escape(easy_date(row['starts_at']))}</strong>,"
        f" {escape(easy_time(row['starts_at']))} to {escape(easy_time(row['ends_at']))}.</p>\n"
        f"    <p>{e['branch__name']}. Meet at {e['meeting_point']}.</p>\n"
        f"    {money}\n"
        f"    <p>{state}</p>\n"
        "  </div>\n</div>\n"
    )


@not_for_former_members
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        activity = selectors.activity_get(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None
    member = member_for_user(request.user)
    booking = selectors.booking_for_member(member, activity) if member else None
    supported = supported_bookings(request.user, activity)
    # A supporter reads the fee for whom they book: "May pays £5" for one member, "The
    # member pays £5" for several (never "You pay", as if the supporter paid and came).
    # Someone who books for nobody (an organiser, a visitor) reads "Members pay £5".
    money_who = ""
    if member is None and supported:
        money_who = supported[0][0].called if len(supported) == 1 else "the member"
    elif member is None:
        money_who = fee_words.MEMBERS
    return render(
        request,
        "events/activity_detail.html",
        {
            "activity": activity,
            "booking": booking,
            "booking_for_me": member is not None,
            "supported": supported,
            "money_who": money_who,
            "can_book_for_others": can_manage_activities(request.user),
            "places_left": activity.left,
        },
    )


def supported_bookings(user, activity: Activity) -> list[tuple[Member, Booking | None]]:
    """Each member this person supports who can book, with their booking of this
    activity if they have one: the supporter books, reads and cancels for them here."""
    return [
        (member, selectors.booking_for_member(member, activity))
        for member in supported_members(user).filter(status=Member.Status.ACTIVE)
    ]
