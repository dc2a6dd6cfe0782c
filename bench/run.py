"""The `make bench` driver. Run it with the test services up (scripts/test_services.sh sets
DATABASE_URL) and DJANGO_SETTINGS_MODULE=bench.settings:

    python -m bench.run [--skip-L]

1. migrate; seed_scale S; queries per request of each page (Django's test client).
2. seed_scale L; the same query counts.
3. gunicorn (2 workers) on 127.0.0.1; wrk against a trivial view (the floor) and each page.
4. booking race: 300 concurrent clients booking 20 places, fee 0 and a cash fee.
5. quarterly report PDF (missing until it exists).
6. the largest election in tests/data/elections counted by our engine and by pystv.

Writes bench/results.json and prints a table. Every load loop is bounded in time.
"""

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import box as bench_box  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
CASES = Path(os.environ.get("ELECTION_CASES", ROOT / "tests" / "data" / "elections" / "cases"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
WRK_CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "8"))
RACE_CLIENTS = 300
RACE_PLACES = 20
RACE_ROUNDS = 3
WORKERS = 2

PAGES = [
    "member_activity_list",
    "my_bookings",
    "organiser_attendance",
    "board_meeting_pack",
    "finance_ledger",
    "api_activity_list",
]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# -- pages: who, where ---------------------------------------------------------------------
def page_targets() -> dict[str, dict[str, Any]]:
    """Each page's URL and the user who looks at it, on the data seeded now. A page that
    does not exist yet gets a "missing" reason instead."""
    from events.models import Activity, Booking
    from members.models import User

    member = User.objects.get(username="m00001")
    organiser = User.objects.get(username="bench-organiser")
    board = User.objects.get(username="bench-board")
    finance = User.objects.get(username="bench-finance")
    # The activity to come with the most people booked: the organiser's busiest register.
    busiest = (
        Activity.objects.filter(status="published", starts_at__gte=timezone.now())
        .annotate(
            n=django.db.models.Count(
                "bookings", filter=django.db.models.Q(bookings__status=Booking.Status.CONFIRMED)
            )
        )
        .order_by("-n", "id")
        .first()
    )
    targets: dict[str, dict[str, Any]] = {
        "member_activity_list": {"url": reverse("activity-list"), "user": member},
        "my_bookings": {"url": reverse("my-bookings"), "user": member},
        "organiser_attendance": {
            "url": reverse("attendance", kwargs={"pk": busiest.pk}),
            "user": organiser,
        },
        "api_activity_list": {"url": reverse("events_api:activity-list"), "user": member},
    }
    from board.models import Meeting

    upcoming = Meeting.objects.filter(status="planned").order_by("-starts_at").first()
    if upcoming is None:
        targets["board_meeting_pack"] = {"missing": "no planned board meeting was seeded"}
    else:
        targets["board_meeting_pack"] = {
            "url": reverse("meeting-pack", args=[upcoming.pk]),
            "user": board,
        }
    targets["finance_ledger"] = {"url": reverse("finance-ledger"), "user": finance}
    return targets


def session_cookie(user) -> str:
    from board.management.commands.seed_scale import session_for

    return session_for(user)


def count_queries(targets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Queries per request of each page, after one warm-up request."""
    counts: dict[str, Any] = {}
    for name in PAGES:
        target = targets[name]
        if "missing" in target:
            counts[name] = None
            continue
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
            counts[name] = None
            target["error"] = f"HTTP {response.status_code}"
            log(f"{name}: {target['url']} answered {response.status_code}")
        else:
            counts[name] = len(queries)
    return counts


def seed(size: str) -> float:
    started = time.monotonic()
    call_command("seed_scale", size=size, flush=True)
    return round(time.monotonic() - started, 1)


# -- gunicorn and wrk ----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn():
    port = free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "coop.wsgi:application",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/bench/floor/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wrk(port: int, path: str, cookie: str | None, seconds: int) -> dict[str, Any]:
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(WRK_CONNECTIONS),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "wrk_report.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=True
    ).stdout
    line = [row for row in output.splitlines() if row.startswith("{")][-1]
    return json.loads(line)


def load_pages(port: int, targets: dict[str, dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    wrk(port, "/bench/floor/", None, 1)  # warm-up
    floor = wrk(port, "/bench/floor/", None, WRK_SECONDS)
    log(f"floor: {floor['rps']} req/s")
    loads: dict[str, Any] = {}
    # The same trivial view behind sign-in: what a session and a user cost every page.
    cookie = session_cookie(targets["member_activity_list"]["user"])
    wrk(port, "/bench/signed-in/", cookie, 1)  # warm-up
    loads["signed_in_floor"] = wrk(port, "/bench/signed-in/", cookie, WRK_SECONDS)
    log(f"signed-in floor: {loads['signed_in_floor']}")
    for name in PAGES:
        target = targets[name]
        if "missing" in target or "error" in target:
            continue
        cookie = session_cookie(target["user"])
        wrk(port, target["url"], cookie, 1)  # warm-up
        result = wrk(port, target["url"], cookie, WRK_SECONDS)
        log(f"{name}: {result}")
        loads[name] = result
    return floor["rps"], loads


# -- booking race --------------------------------------------------------------------------
def booking_race(port: int, fee_pence: int) -> dict[str, Any]:
    """RACE_CLIENTS members each book the same activity of RACE_PLACES places at once,
    through the API (token auth), released together by a barrier."""
    from rest_framework.authtoken.models import Token

    from board.management.commands.seed_scale import token_key
    from events.models import Activity, Booking
    from members.models import Branch, Member

    now = timezone.now()
    starts = now + dt.timedelta(days=7)
    activity = Activity.objects.create(
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
    members = list(
        Member.objects.filter(status="active", user__isnull=False)
        .select_related("user")
        .order_by("id")[:RACE_CLIENTS]
    )
    users = [m.user for m in members]
    Token.objects.filter(user__in=users).delete()
    tokens = Token.objects.bulk_create([Token(user=u, key=token_key()) for u in users])
    body = json.dumps({"payment": "cash"} if fee_pence else {})
    path = reverse("events_api:booking-create", kwargs={"pk": activity.pk})
    barrier = threading.Barrier(len(tokens) + 1)
    statuses: list[Any] = [None] * len(tokens)

    def client(i: int, key: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            barrier.wait(timeout=60)
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
        threading.Thread(target=client, args=(i, t.key), daemon=True) for i, t in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=60)
    started = time.monotonic()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started
    created = sum(1 for s in statuses if s == 201)
    errors = [s for s in statuses if s != 201]
    confirmed = Booking.objects.filter(activity=activity, status="confirmed").count()
    waiting = Booking.objects.filter(activity=activity, status="waiting").count()
    result = {
        "fee_pence": fee_pence,
        "clients": len(tokens),
        "places": RACE_PLACES,
        "confirmed": confirmed,
        "waiting": waiting,
        "seconds": round(elapsed, 2),
        "per_s": round(created / elapsed, 1),
        "errors": len(errors),
    }
    if errors:
        result["error_kinds"] = sorted({str(e) for e in errors})[:5]
    result["queries_per_booking"] = booking_queries(activity, fee_pence, members[-1])
    log(f"booking race: {result}")
    return result


def booking_queries(race_activity, fee_pence: int, member) -> int | None:
    """Queries of one booking through the API that gets a place, on a copy of the race's
    activity (in-process, Django's test client)."""
    from rest_framework.authtoken.models import Token

    from events.models import Activity

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


# -- the quarterly report ---------------------------------------------------------------
def quarterly_report() -> dict[str, Any]:
    """The last full quarter's report PDF at L, each version in a process of its own."""
    try:
        import finance.reports  # noqa: F401
    except ImportError:
        return {"seconds": None, "peak_mb": None, "missing": "no quarterly report yet"}
    today = timezone.localdate()
    year, number = today.year, (today.month - 1) // 3
    if number == 0:
        year, number = year - 1, 4
    runs = []
    for version in ("standard", "easy-read"):
        done = subprocess.run(
            [sys.executable, "-m", "bench.report_probe", f"{year}-Q{number}", version],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        lines = [row for row in done.stdout.splitlines() if row.startswith("{")]
        if done.returncode or not lines:
            log(f"report {version} failed: {done.stderr[-500:]}")
            runs.append({"version": version, "error": done.stderr.strip()[-300:]})
        else:
            runs.append(json.loads(lines[-1]))
    good = [r for r in runs if "seconds" in r]
    if not good:
        return {"seconds": None, "peak_mb": None, "missing": "the report failed", "runs": runs}
    log(f"report: {runs}")
    return {
        # The slower version, and the larger process peak (Django and reportlab included).
        "seconds": max(r["seconds"] for r in good),
        "peak_mb": max(r["process_peak_mb"] for r in good),
        "runs": runs,
    }


# -- the count -----------------------------------------------------------------------------
def election_cases() -> list[tuple[str, Any, str]]:
    """(name, parsed election, method) of every case with ballots and an expected result."""
    from board.elections.counting import read_blt

    cases = []
    for case in sorted(CASES.iterdir()) if CASES.is_dir() else []:
        blt, expected = case / "ballots.blt", case / "expected.json"
        if blt.exists() and expected.exists():
            method = json.loads(expected.read_text())["method"]
            cases.append((case.name, read_blt(blt), method))
    return cases


METHOD_NAMES = {"scottish_stv": "scottish-stv", "meek_stv": "meek", "irv": "irv"}


def best_time(work, budget: float = 0.5, most: int = 200) -> tuple[float, Any]:
    """The fastest of repeated runs: at least 3, until `budget` seconds or `most` runs."""
    timings, spent, result = [], 0.0, None
    while len(timings) < 3 or (spent < budget and len(timings) < most):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
        spent += timings[-1]
    return min(timings), result


def time_case(name: str, election, method: str) -> dict[str, Any]:
    from board.elections.counting import count

    ours_method = METHOD_NAMES.get(method, method)
    seconds, result = best_time(lambda: count(election, ours_method, seed=1))
    out: dict[str, Any] = {
        "case": name,
        "method": ours_method,
        "ballots": sum(b.weight for b in election.ballots),
        "ballot_lines": len(election.ballots),
        "candidates": len(election.candidates),
        "seats": election.seats,
        "seconds": round(seconds, 5),
        "elected": list(result.elected),
    }
    try:
        import pyrcv  # the PyPI package "pystv"
    except ImportError:
        out.update(pystv_seconds=None, ratio=None, missing="pystv is not installed")
        return out
    lines = [b for b in election.ballots if b.ranking and b.weight > 0]
    race = pyrcv.RaceData(
        metadata=pyrcv.RaceMetadata(
            race_name=name, num_winners=election.seats, names=list(election.candidates)
        ),
        ballots=[[i + 1 for i in b.ranking] for b in lines],
        votes=[b.weight for b in lines],
    )
    their_seconds, theirs = best_time(lambda: pyrcv.run_rcv(race))
    out["pystv_seconds"] = round(their_seconds, 5)
    out["pystv_elected"] = [race.metadata.names[i - 1] for i in theirs.rounds[-1].elected]
    out["same_winners"] = sorted(out["pystv_elected"]) == sorted(out["elected"])
    out["ratio"] = round(seconds / their_seconds, 3)
    return out


def election_count() -> dict[str, Any]:
    """The case with the most ballots; and, as `largest_stv`, the multi-seat STV case with
    the most ballots (pystv counts STV its own way, so its winners may differ)."""
    cases = [c for c in election_cases() if c[2] in METHOD_NAMES]
    if not cases:
        return {
            "case": None,
            "seconds": None,
            "pystv_seconds": None,
            "ratio": None,
            "missing": f"no election cases in {CASES}",
        }
    papers = lambda case: sum(b.weight for b in case[1].ballots)  # noqa: E731
    out = time_case(*max(cases, key=papers))
    stv = [c for c in cases if c[1].seats > 1]
    if stv:
        out["largest_stv"] = time_case(*max(stv, key=papers))
    return out


# -- the table -----------------------------------------------------------------------------
def fmt(value: Any, spec: str = "") -> str:
    return "—" if value is None else format(value, spec)


def _disturbed(results: dict[str, Any]) -> bool:
    """Other work used the cores: the machine was busy before the load runs began, or the
    floor measured again at the end is more than 15 % off the first. (The load average
    after the runs includes the benchmark's own wrk, gunicorn and PostgreSQL, so it says
    nothing by itself.)"""
    machine, floor = results["machine"], results["floor_rps"]
    after = machine["floor_rps_after"]
    return machine["loadavg_before"][0] > 1.0 or bool(
        floor and after and abs(after - floor) / floor > 0.15
    )


def table(results: dict[str, Any]) -> str:
    rows = [
        f"floor (trivial view, gunicorn {WORKERS} workers): "
        f"{fmt(results['floor_rps'], '.0f')} req/s",
        f"signed-in floor (the same view behind sign-in): "
        f"{fmt(results['signed_in_floor']['rps'], '.0f')} req/s, ratio "
        f"{fmt(results['signed_in_floor']['ratio'], '.2f')}",
        "",
    ]
    machine = results.get("machine", {})
    if machine:
        rows.insert(
            1,
            f"load average before {machine['loadavg_before'][0]}, after "
            f"{machine['loadavg_after'][0]} (1 min); floor again at the end: "
            f"{fmt(machine['floor_rps_after'], '.0f')} req/s"
            + ("  -- other work shared the cores: figures are low" if _disturbed(results) else ""),
        )
    rows.append(
        f"{'page':<22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6} {'÷signed':>7} "
        f"{'q@S':>5} {'q@L':>5}  note"
    )
    for name, page in results["pages"].items():
        note = page.get("missing") or page.get("error") or ""
        if page["ratio"] is not None and page["ratio"] < 0.25:
            note = (note + " ratio below 0.25").strip()
        if page["queries_S"] is not None and page["queries_S"] != page["queries_L"]:
            note = (note + " queries grow with size").strip()
        rows.append(
            f"{name:<22} {fmt(page['rps'], '.0f'):>8} {fmt(page['p50_ms'], '.1f'):>8} "
            f"{fmt(page['p95_ms'], '.1f'):>8} {fmt(page['ratio'], '.2f'):>6} "
            f"{fmt(page.get('ratio_signed_in'), '.2f'):>7} "
            f"{fmt(page['queries_S']):>5} {fmt(page['queries_L']):>5}  {note}"
        )
    rows.append("")
    rows.append("one request at L, in process, one at a time (ms total / ms in SQL / KB of body):")
    for name, page in results["pages"].items():
        one = page.get("one_request_L")
        if one:
            rows.append(f"  {name:<22} {one['ms']:>7} {one['sql_ms']:>7} {one['kb']:>7}")
    rows.append("")
    race = results["booking_race"]
    for kind in race.get("per_fee", []):
        runs = [r for r in race["runs"] if r["fee_pence"] == kind["fee_pence"]]
        rows.append(
            f"booking race, fee {kind['fee_pence']}p: {runs[0]['clients']} clients, "
            f"{race['places']} places -> confirmed {kind['confirmed_runs']}, "
            f"{kind['per_s_median']} bookings/s (median of {kind['per_s_runs']}), "
            f"{sum(r['errors'] for r in runs)} errors, "
            f"{runs[0].get('queries_per_booking')} queries a booking"
        )
    report = results["report"]
    rows.append(
        "quarterly report PDF: "
        + (report.get("missing") or f"{report['seconds']} s, {report['peak_mb']} MB peak")
    )
    for run in report.get("runs", []):
        if "seconds" in run:
            rows.append(
                f"  {run['quarter']} {run['version']}: {run['seconds']} s, process peak "
                f"{run['process_peak_mb']} MB (Python allocations {run['python_peak_mb']} MB), "
                f"{run['pdf_kb']} KB"
            )
        else:
            rows.append(f"  {run['version']}: failed: {run.get('error', '')[-120:]}")
    c = results["count"]
    rows.append(
        f"election count ({c.get('case')}, {c.get('ballots')} ballots, {c.get('method')}): "
        f"ours {fmt(c.get('seconds'))} s, pystv {fmt(c.get('pystv_seconds'))} s, "
        f"stv_ratio {fmt(c.get('ratio'))}" + (f" ({c['missing']})" if c.get("missing") else "")
    )
    if c.get("largest_stv"):
        x = c["largest_stv"]
        rows.append(
            f"  largest multi-seat case ({x['case']}, {x['ballots']} ballots, {x['seats']} seats, "
            f"{x['method']}): ours {fmt(x['seconds'])} s, pystv {fmt(x.get('pystv_seconds'))} s, "
            f"ratio {fmt(x.get('ratio'))}, same winners: {x.get('same_winners')}"
        )
    box = results.get("ballot_box", {})
    rows.append(
        "ballot box of "
        + (
            box.get("missing")
            or f"{box['ballots']} votes (Argon2id {box['kdf_ops']} passes, {box['kdf_mem_mib']} "
            f"MiB): made in {box['make_seconds']} s, sealing {box['seal_ms_per_vote']} ms a "
            f"vote, opened in {box['open_seconds']} s (Python peak "
            f"{box['open_python_peak_mb']} MB), counted in {box['count_seconds']} s"
        )
    )
    seeds = results.get("seed", {})
    rows.append(
        f"seeding: S {seeds.get('S_seconds')} s, L {seeds.get('L_seconds')} s; "
        f"ledger: {seeds.get('ledger')}"
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", default="L", help="the big size (L; M for a quick try)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench: wrk is missing (make bench installs it)")
    call_command("migrate", interactive=False, verbosity=0)

    log("seeding S")
    seed_s = seed("S")
    queries_s = count_queries(page_targets())
    log(f"queries at S: {queries_s}")
    log(f"seeding {args.large}")
    seed_l = seed(args.large)
    targets = page_targets()
    queries_l = count_queries(targets)
    log(f"queries at {args.large}: {queries_l}")

    from board.management.commands.seed_scale import Command as SeedScale

    ledger = SeedScale.last_counts.get("ledger_entries")

    load_before = os.getloadavg()
    with gunicorn() as port:
        floor, loads = load_pages(port, targets)
        # One race first, not counted: a worker's first bookings import and warm up the
        # API's code paths (the pages above never touch them), as in a server that has run.
        booking_race(port, 0)
        # Each kind three times, read by its median: one race lasts 3-5 s, and on this
        # shared VM the same code has given 59 to 121 bookings/s from one race to the next.
        races = [booking_race(port, fee) for fee in (0, 500) for _ in range(RACE_ROUNDS)]
        # The floor again: a big change means something else used the cores meanwhile.
        floor_after = wrk(port, "/bench/floor/", None, WRK_SECONDS)["rps"]
    load_after = os.getloadavg()

    signed_in = loads["signed_in_floor"]
    pages: dict[str, Any] = {}
    for name in PAGES:
        target, load = targets[name], loads.get(name)
        page = {
            "rps": load["rps"] if load else None,
            "p50_ms": load["p50_ms"] if load else None,
            "p95_ms": load["p95_ms"] if load else None,
            "ratio": round(load["rps"] / floor, 3) if load and floor else None,
            # The share of what a signed-in page can reach here at all.
            "ratio_signed_in": round(load["rps"] / signed_in["rps"], 3)
            if load and signed_in["rps"]
            else None,
            "queries_S": queries_s.get(name),
            "queries_L": queries_l.get(name),
        }
        if "inproc" in target:
            page["one_request_L"] = target["inproc"]
        if load and (load["non_2xx"] or load["socket_errors"]):
            page["error"] = f"{load['non_2xx']} non-2xx, {load['socket_errors']} socket errors"
        if "missing" in target:
            page["missing"] = target["missing"]
        if "error" in target:
            page["error"] = target["error"]
        pages[name] = page

    worst = min(races, key=lambda r: (r["confirmed"] == RACE_PLACES, r["per_s"]))
    per_fee = [
        {
            "fee_pence": fee,
            "per_s_median": statistics.median(r["per_s"] for r in runs),
            "per_s_runs": [r["per_s"] for r in runs],
            "confirmed_runs": [r["confirmed"] for r in runs],
        }
        for fee in (0, 500)
        for runs in [[r for r in races if r["fee_pence"] == fee]]
    ]
    results = {
        "floor_rps": floor,
        "signed_in_floor": {
            "rps": signed_in["rps"],
            "p50_ms": signed_in["p50_ms"],
            "ratio": round(signed_in["rps"] / floor, 3) if floor else None,
        },
        "pages": pages,
        "booking_race": {
            "places": RACE_PLACES,
            # A wrong count in any race is the count reported; the rate is the slower
            # kind's median.
            "confirmed": worst["confirmed"],
            "per_s": min(f["per_s_median"] for f in per_fee),
            "errors": sum(r["errors"] for r in races),
            "per_fee": per_fee,
            "runs": races,
        },
        "report": quarterly_report(),
        "count": election_count(),
        # Last: it adds a counted election of 5,000 ballots to the database.
        "ballot_box": bench_box.measure(),
        "seed": {
            "S_seconds": seed_s,
            "L_seconds": seed_l,
            "large_size": args.large,
            "ledger": ledger,
        },
        "machine": {
            "cores": os.cpu_count(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in load_after],
            "floor_rps_after": floor_after,
        },
        "settings": {
            "gunicorn_workers": WORKERS,
            "wrk": f"-t 2 -c {WRK_CONNECTIONS} -d {WRK_SECONDS}s",
            "race_clients": RACE_CLIENTS,
        },
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(table(results))
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
