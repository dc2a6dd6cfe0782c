"""Calendar feeds (iCalendar), so activities show in a phone's calendar: what's on, for
anyone, with no personal data; and a member's own bookings, behind a private link whose
long random token is the only key. Making a new link stops the old one."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event

from events import selectors
from events.fee_words import activity_advert_lines, booking_state_line
from events.models import Activity, Booking, CalendarFeed
from events.services.calendar import calendar_feed_get_or_create, calendar_feed_renew
from members.models import Member
from members.selectors import member_for_user
from members.views.common import not_for_former_members

# 32 random bytes: a link nobody can guess, short enough to copy.
# A calendar needs what is coming and a little of what has been, not years of it.
PAST_BOOKINGS = dt.timedelta(days=180)
BookingStatus = Booking.Status
BOOKING_WORDS = {
    BookingStatus.CONFIRMED: "You are booked.",
    BookingStatus.OFFERED: "A place is free for you. Please say yes on our website.",
    BookingStatus.WAITING: "You are on the waiting list. We will tell you if a place is free.",
    BookingStatus.ATTENDED: "You came. Thank you!",
    BookingStatus.NO_SHOW: "You did not come.",
}
TENTATIVE = {BookingStatus.AWAITING_PAYMENT, BookingStatus.OFFERED, BookingStatus.WAITING}
NOT_YET_BOOKED = {BookingStatus.OFFERED: "place offered", BookingStatus.WAITING: "waiting list"}


# The feeds


def _uid(activity: Activity) -> str:
    """The same for an activity in every feed and on every fetch, so a calendar updates
    the event it has instead of adding another."""
    host = urlsplit(settings.SITE_URL).hostname or "coop"
    return f"activity-{activity.pk}@{host}"


def _event(
    request: HttpRequest, activity: Activity, *, stamp: dt.datetime, booking: Booking | None = None
) -> Event:
    event = Event()
    event.add("uid", _uid(activity))
    event.add("dtstamp", stamp)
    event.add("dtstart", activity.starts_at.astimezone(dt.UTC))
    event.add("dtend", activity.ends_at.astimezone(dt.UTC))
    title = activity.title
    lines = [activity.summary, " ".join(activity_advert_lines(activity))]
    if booking is not None:
        if booking.status in NOT_YET_BOOKED:
            title = f"{title} ({NOT_YET_BOOKED[booking.status]})"
        # A card hold says until when, or that its time ran out (fee_words knows which).
        held = booking.status == BookingStatus.AWAITING_PAYMENT
        lines.insert(
            0, booking_state_line(booking, now=stamp) if held else BOOKING_WORDS[booking.status]
        )
        if booking.guests:
            lines.insert(1, f"People coming with you: {len(booking.guests)}.")
    event.add("summary", title)
    event.add("location", activity.meeting_point)
    event.add("description", "\n".join(lines))
    event.add(
        "url", request.build_absolute_uri(reverse("activity-detail", kwargs={"pk": activity.pk}))
    )
    tentative = booking is not None and booking.status in TENTATIVE
    event.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    return event


def _calendar(name: str, events: Iterable[Event], *, private: bool) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Activities//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def activities_feed(request: HttpRequest) -> HttpResponse:
    """Published activities to come. Public: it says nothing about anyone."""
    stamp = timezone.now().astimezone(dt.UTC)
    events = (_event(request, activity, stamp=stamp) for activity in selectors.activity_list())
    return _calendar(f"{settings.SITE_NAME}: what's on", events, private=False)


@require_GET
def bookings_feed(request: HttpRequest, token: str) -> HttpResponse:
    """One member's bookings that are still live, for the holder of their private link."""
    feed = CalendarFeed.objects.select_related("member").filter(token=token).first()
    # Member access ends with membership (members/selectors.py user_roles): the link too.
    if feed is None or feed.member.status != Member.Status.ACTIVE:
        raise Http404
    bookings = (
        Booking.objects.filter(
            member=feed.member,
            status__in=Booking.LIVE,
            activity__ends_at__gte=timezone.now() - PAST_BOOKINGS,
        )
        .exclude(activity__status=Activity.Status.CANCELLED)
        .select_related("activity")
        .order_by("activity__starts_at", "id")
    )
    stamp = timezone.now().astimezone(dt.UTC)
    events = (_event(request, b.activity, stamp=stamp, booking=b) for b in bookings)
    return _calendar(f"{settings.SITE_NAME}: my bookings", events, private=True)


# The page with the links


def _links(request: HttpRequest, name: str, **kwargs: str) -> dict[str, str]:
    url = request.build_absolute_uri(reverse(name, kwargs=kwargs))
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@not_for_former_members
@require_http_methods(["GET", "POST"])
def calendar_page(request: HttpRequest) -> HttpResponse:
    member = member_for_user(request.user)
    if request.method == "POST":
        if member is None:
            raise Http404
        calendar_feed_renew(member=member, actor=request.user)
        messages.success(
            request, "Your new private link is ready. The old link does not work any more."
        )
        return redirect("calendar")
    private = None
    if member is not None and member.erased_at is None:
        feed = calendar_feed_get_or_create(member=member)
        private = _links(request, "calendar-bookings", token=feed.token)
    return render(
        request,
        "events/calendar.html",
        {
            "public": _links(request, "calendar-activities"),
            "private": private,
        },
    )
