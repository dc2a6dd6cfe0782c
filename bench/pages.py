"""The pages measured, who looks at each, and the queries each makes."""

import time
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.log import log
from board.models import Meeting
from events.models import Activity, Booking
from members import auth_cache
from members.models import User

PAGES = [
    "member_activity_list",
    "my_bookings",
    "organiser_attendance",
    "board_meeting_pack",
    "finance_ledger",
    "finance_ledger_account",
    "api_activity_list",
]


def page_targets() -> dict[str, dict[str, Any]]:
    """Each page's URL and the user who looks at it, on the data seeded now. A page with
    nothing to show gets a "missing" reason instead."""
    member = User.objects.get(username="m00001")
    # The activity to come with the most people booked: the organiser's busiest register.
    busiest = (
        Activity.objects.filter(status="published", starts_at__gte=timezone.now())
        .annotate(n=Count("bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED)))
        .order_by("-n", "id")
        .first()
    )
    targets: dict[str, dict[str, Any]] = {
        "member_activity_list": {"url": reverse("activity-list"), "user": member},
        "my_bookings": {"url": reverse("my-bookings"), "user": member},
        "organiser_attendance": {
            "url": reverse("attendance", kwargs={"pk": busiest.pk}),
            "user": User.objects.get(username="bench-organiser"),
        },
        "api_activity_list": {"url": reverse("events_api:activity-list"), "user": member},
    }
    upcoming = Meeting.objects.filter(status="planned").order_by("-starts_at").first()
    if upcoming is None:
        targets["board_meeting_pack"] = {"missing": "no planned board meeting was seeded"}
    else:
        targets["board_meeting_pack"] = {
            "url": reverse("meeting-pack", args=[upcoming.pk]),
            "user": User.objects.get(username="bench-board"),
        }
    targets["finance_ledger"] = {
        "url": reverse("finance-ledger"),
        "user": User.objects.get(username="bench-finance"),
    }
    # The same quarter narrowed to the bank account (a line in most transactions).
    targets["finance_ledger_account"] = {
        "url": reverse("finance-ledger") + "?account=bank",
        "user": User.objects.get(username="bench-finance"),
    }
    return targets


def session_cookie(user: User) -> str:
    """A signed-in session key for `user`, for a client's or a load generator's cookie."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = auth_cache.BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def count_queries(targets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Queries per request of each page, after one warm-up request."""
    counts: dict[str, Any] = {}
    for name in PAGES:
        target = targets[name]
        counts[name] = None if "missing" in target else _page_queries(name, target)
    return counts


def _page_queries(name: str, target: dict[str, Any]) -> int | None:
    """One page's queries (None when it does not answer 200); the fastest of 3 requests
    is noted in the target, as "inproc"."""
    client = Client()
    client.cookies["sessionid"] = session_cookie(target["user"])
    client.get(target["url"])
    best = None
    for _ in range(3):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target["url"])
        elapsed = time.perf_counter() - started
        sql = sum(float(q["time"]) for q in queries.captured_queries)
        if best is None or elapsed < best[0]:
            best = (elapsed, sql, len(response.content))
    # One request in this process, no load: where a page's time goes (SQL or Python).
    target["inproc"] = {
        "ms": round(best[0] * 1000, 1),
        "sql_ms": round(best[1] * 1000, 1),
        "kb": round(best[2] / 1024, 1),
    }
    if response.status_code != 200:
        target["error"] = f"HTTP {response.status_code}"
        log(f"{name}: {target['url']} answered {response.status_code}")
        return None
    return len(queries)
