"""The booking race: RACE_CLIENTS members book the same activity of RACE_PLACES places at
once, through the API (token auth), released together by a barrier."""

import datetime as dt
import http.client
import json
import secrets
import threading
import time
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from bench.log import log
from events.models import Activity, Booking
from members.models import Branch, Member

RACE_CLIENTS = 300
RACE_PLACES = 20
RACE_ROUNDS = 3


def booking_race(port: int, fee_pence: int) -> dict[str, Any]:
    """One race against the server on `port`, for an activity with this fee."""
    activity = _race_activity(fee_pence)
    members = list(
        Member.objects.filter(status="active", user__isnull=False)
        .select_related("user")
        .order_by("id")[:RACE_CLIENTS]
    )
    users = [m.user for m in members]
    Token.objects.filter(user__in=users).delete()
    tokens = Token.objects.bulk_create([Token(user=u, key=secrets.token_hex(20)) for u in users])
    body = json.dumps({"payment": "cash"} if fee_pence else {})
    path = reverse("events_api:booking-create", kwargs={"pk": activity.pk})
    elapsed, statuses = _race(port, path, body, [t.key for t in tokens])
    created = sum(1 for s in statuses if s == 201)
    errors = [s for s in statuses if s != 201]
    result = {
        "fee_pence": fee_pence,
        "clients": len(tokens),
        "places": RACE_PLACES,
        "confirmed": Booking.objects.filter(activity=activity, status="confirmed").count(),
        "waiting": Booking.objects.filter(activity=activity, status="waiting").count(),
        "seconds": round(elapsed, 2),
        "per_s": round(created / elapsed, 1),
        "errors": len(errors),
    }
    if errors:
        result["error_kinds"] = sorted({str(e) for e in errors})[:5]
    result["queries_per_booking"] = booking_queries(activity, fee_pence, members[-1])
    log(f"booking race: {result}")
    return result


def _race_activity(fee_pence: int) -> Activity:
    now = timezone.now()
    starts = now + dt.timedelta(days=7)
    return Activity.objects.create(
        title=f"Race, fee {fee_pence}p",
        summary="Everyone wants to come.",
        picture="coop/pictures/meet.svg",
        picture_alt="People meeting",
        branch=Branch.objects.order_by("id").first(),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        meeting_point="The library",
        places=RACE_PLACES,
        fee_pence=fee_pence,
        booking_opens_at=now - dt.timedelta(hours=1),
        booking_closes_at=starts - dt.timedelta(hours=2),
        cancel_by=starts - dt.timedelta(days=2),
        status=Activity.Status.PUBLISHED,
        guests_allowed=False,
    )


def harness_seconds(port: int) -> float:
    """What a race costs with no booking in it: RACE_CLIENTS clients released together,
    each asking the trivial floor view once. The part of a race's seconds that is the
    clients, the connections and gunicorn, not coop."""
    elapsed, statuses = _race(port, "/bench/floor/", None, [""] * RACE_CLIENTS)
    if any(s != 200 for s in statuses):
        raise RuntimeError(
            f"the race's floor did not answer 200: {sorted(set(map(str, statuses)))}"
        )
    log(f"race harness: {RACE_CLIENTS} requests to the floor in {elapsed:.2f} s")
    return round(elapsed, 2)


def _race(port: int, path: str, body: str | None, keys: list[str]) -> tuple[float, list[Any]]:
    """POST `body` to `path` once per token (GET without a body or a token), all at once:
    seconds from the release to the last answer, and each client's status (or its
    error)."""
    barrier = threading.Barrier(len(keys) + 1)
    statuses: list[Any] = [None] * len(keys)

    def client(i: int, key: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            barrier.wait(timeout=60)
            if body is None:
                conn.request("GET", path)
            else:
                conn.request(
                    "POST",
                    path,
                    body=body,
                    headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
                )
            response = conn.getresponse()
            response.read()
            statuses[i] = response.status
        except Exception as error:  # noqa: BLE001 - every failure is counted as an error
            statuses[i] = repr(error)
        finally:
            conn.close()

    threads = [
        threading.Thread(target=client, args=(i, key), daemon=True) for i, key in enumerate(keys)
    ]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=60)
    started = time.monotonic()
    for thread in threads:
        thread.join(timeout=120)
    return time.monotonic() - started, statuses


def booking_queries(race_activity: Activity, fee_pence: int, member: Member) -> int | None:
    """Queries of one booking through the API that gets a place, on a copy of the race's
    activity (in-process, Django's test client)."""
    activity = Activity.objects.get(pk=race_activity.pk)
    activity.pk = None
    activity.title = f"Queries, fee {fee_pence}p"
    activity.save()
    client = Client()
    key = Token.objects.get(user=member.user).key
    path = reverse("events_api:booking-create", kwargs={"pk": activity.pk})
    body = {"payment": "cash"} if fee_pence else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            path, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}"
        )
    return len(queries) if response.status_code == 201 else None
