"""The `make bench` driver. Run it with the test services up (scripts/test_services.sh sets
DATABASE_URL) and DJANGO_SETTINGS_MODULE=bench.settings:

    python -m bench.run [--large M]

1. migrate; seed_scale S; queries per request of each page (Django's test client).
2. seed_scale L; the same query counts.
3. gunicorn (2 workers) on 127.0.0.1; wrk against a trivial view (the floor) and each page.
4. booking race: 300 concurrent clients booking 20 places, fee 0 and a cash fee.
5. quarterly report PDF.
6. the largest election in tests/data/elections counted by our engine and by pystv.
7. a ballot box of 5,000 sealed votes opened and counted.

Writes bench/results.json and prints a table. Every load loop is bounded in time.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench import box as bench_box  # noqa: E402
from bench.count import election_count  # noqa: E402
from bench.load import WORKERS, WRK_CONNECTIONS, WRK_SECONDS, gunicorn, load_pages, wrk  # noqa: E402
from bench.log import log  # noqa: E402
from bench.pages import PAGES, count_queries, page_targets  # noqa: E402
from bench.quarterly import quarterly_report  # noqa: E402
from bench.race import RACE_CLIENTS, RACE_PLACES, RACE_ROUNDS, booking_race, harness_seconds  # noqa: E402
from bench.seeding.scale import seed_scale  # noqa: E402
from bench.table import table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
FEES = (0, 500)


def seed(size: str) -> tuple[float, dict[str, Any]]:
    """Empty the database and seed it at `size`: the seconds it took, and what it made."""
    log(f"seeding {size}")
    started = time.monotonic()
    call_command("flush", interactive=False, verbosity=0)
    # The shared cache too: flush restarts the ids, and user 1 at L is not user 1 at S.
    cache.clear()
    counts = seed_scale(size)
    # And again: seeding marks what it wrote behind the signals stale (the areas list),
    # which would keep the pages measured next from the cache for the mark's 10 s.
    cache.clear()
    seconds = round(time.monotonic() - started, 1)
    log(f"seed_scale {size}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return seconds, counts


def under_load(targets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The pages under wrk, then the booking races, with the machine's load around them."""
    load_before = os.getloadavg()
    with gunicorn() as port:
        floor, loads = load_pages(port, targets)
        # One race first, not counted: a worker's first bookings import and warm up the
        # API's code paths (the pages above never touch them), as in a server that has run.
        booking_race(port, 0)
        # Each kind three times, read by its median: one race lasts 3-5 s, and on this
        # shared VM the same code has given 59 to 121 bookings/s from one race to the next.
        races = [booking_race(port, fee) for fee in FEES for _ in range(RACE_ROUNDS)]
        # The same clients against the trivial view: the seconds no booking code could save.
        harness = sorted(harness_seconds(port) for _ in range(RACE_ROUNDS))
        # The floor again: a big change means something else used the cores meanwhile.
        floor_after = wrk(port, "/bench/floor/", None, WRK_SECONDS)["rps"]
    load_after = os.getloadavg()
    return {
        "floor": floor,
        "loads": loads,
        "races": races,
        "race_harness": harness,
        "machine": {
            "cores": os.cpu_count(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in load_after],
            "floor_rps_after": floor_after,
        },
    }


def page_results(
    targets: dict[str, dict[str, Any]], measured: dict[str, Any], queries: dict[str, dict]
) -> dict[str, Any]:
    """Each page's figures: under load at L, its share of the floors, queries at S and L."""
    floor, signed_in = measured["floor"], measured["loads"]["signed_in_floor"]
    pages: dict[str, Any] = {}
    for name in PAGES:
        target, load = targets[name], measured["loads"].get(name)
        page = {
            "rps": load["rps"] if load else None,
            "p50_ms": load["p50_ms"] if load else None,
            "p95_ms": load["p95_ms"] if load else None,
            "ratio": round(load["rps"] / floor, 3) if load and floor else None,
            # The share of what a signed-in page can reach here at all.
            "ratio_signed_in": round(load["rps"] / signed_in["rps"], 3)
            if load and signed_in["rps"]
            else None,
            "queries_S": queries["S"].get(name),
            "queries_L": queries["L"].get(name),
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
    return pages


def race_results(races: list[dict[str, Any]]) -> dict[str, Any]:
    """The races by fee: a wrong count in any race is the count reported; the rate is the
    slower kind's median."""
    worst = min(races, key=lambda r: (r["confirmed"] == RACE_PLACES, r["per_s"]))
    per_fee = [
        {
            "fee_pence": fee,
            "per_s_median": statistics.median(r["per_s"] for r in runs),
            "per_s_runs": [r["per_s"] for r in runs],
            "confirmed_runs": [r["confirmed"] for r in runs],
        }
        for fee in FEES
        for runs in [[r for r in races if r["fee_pence"] == fee]]
    ]
    return {
        "places": RACE_PLACES,
        "confirmed": worst["confirmed"],
        "per_s": min(f["per_s_median"] for f in per_fee),
        "errors": sum(r["errors"] for r in races),
        "per_fee": per_fee,
        "runs": races,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", default="L", help="the big size (L; M for a quick try)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench: wrk is missing (make bench installs it)")
    call_command("migrate", interactive=False, verbosity=0)

    seed_s, _ = seed("S")
    queries = {"S": count_queries(page_targets())}
    log(f"queries at S: {queries['S']}")
    seed_l, counts_l = seed(args.large)
    targets = page_targets()
    queries["L"] = count_queries(targets)
    log(f"queries at {args.large}: {queries['L']}")

    measured = under_load(targets)
    floor, signed_in = measured["floor"], measured["loads"]["signed_in_floor"]
    results = {
        "floor_rps": floor,
        "signed_in_floor": {
            "rps": signed_in["rps"],
            "p50_ms": signed_in["p50_ms"],
            "ratio": round(signed_in["rps"] / floor, 3) if floor else None,
        },
        "pages": page_results(targets, measured, queries),
        "booking_race": {
            **race_results(measured["races"]),
            "harness_seconds": measured["race_harness"],
        },
        "report": quarterly_report(),
        "count": election_count(),
        # Last: it adds a counted election of 5,000 ballots to the database.
        "ballot_box": bench_box.measure(),
        "seed": {
            "S_seconds": seed_s,
            "L_seconds": seed_l,
            "large_size": args.large,
            "ledger": counts_l.get("ledger_entries"),
        },
        "machine": measured["machine"],
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
