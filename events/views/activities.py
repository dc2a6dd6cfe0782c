"""What's on: activities as picture cards, and one activity's page."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from coop.dates import easy_date, easy_time
from coop.links import id_url, static_url
from coop.paging import page_of
from events import fee_words, selectors
from events.forms import ActivityFilterForm
from events.models import Activity, Booking, places_left
from events.permissions import can_manage_activities
from members.models import Member
from members.selectors import member_for_user, supported_members
from members.views.common import not_for_former_members

# Few enough cards to read on a phone; the rest are on the next pages.
PER_PAGE = 12


# What a card shows, read as plain values (no model instances): a page of cards is the
# page members open most.
CARD_FIELDS = (
    "id",
    "title",
    "summary",
    "picture",
    "picture_alt",
    "starts_at",
    "ends_at",
    "meeting_point",
    "cost_pence",
    "fee_pence",
    "places",
    "taken",
    "branch__name",
)


@not_for_former_members
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    access = tuple(name for name in selectors.ACCESS if filters.get(name))
    activities = selectors.activity_list(
        branch=filters.get("branch"), month=filters.get("month"), access=access
    )
    page, query = page_of(request, activities.values(*CARD_FIELDS), PER_PAGE)
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
) -> dict:
    """One card's words, made here once rather than by template tags and filters; `url`
    gives an activity's address (coop.links.id_url)."""
    return {
        "url": url(row["id"]),
        "title": row["title"],
        "summary": row["summary"],
        "picture": static_url(row["picture"]),
        "picture_alt": row["picture_alt"],
        "day": easy_date(row["starts_at"]),
        "starts": easy_time(row["starts_at"]),
        "ends": easy_time(row["ends_at"]),
        "branch": row["branch__name"],
        "meeting_point": row["meeting_point"],
        "money_lines": fee_words.money_lines(row["cost_pence"], row["fee_pence"]),
        "booked": row["id"] in booked,
        "waiting": row["id"] in waiting,
        "left": places_left(row["places"], row["taken"]),
    }


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
