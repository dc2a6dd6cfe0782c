"""The quarterly report PDF at L: each version timed in a process of its own
(bench.report_probe), so that its memory peak is the report's."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.utils import timezone

from bench.log import log

ROOT = Path(__file__).resolve().parent.parent


def quarterly_report() -> dict[str, Any]:
    """The last full quarter's report, standard and easy-read: the slower version's seconds
    and the larger process peak (Django and reportlab included)."""
    today = timezone.localdate()
    year, number = today.year, (today.month - 1) // 3
    if number == 0:
        year, number = year - 1, 4
    runs = [_probe(f"{year}-Q{number}", version) for version in ("standard", "easy-read")]
    good = [r for r in runs if "seconds" in r]
    if not good:
        return {"seconds": None, "peak_mb": None, "missing": "the report failed", "runs": runs}
    log(f"report: {runs}")
    return {
        "seconds": max(r["seconds"] for r in good),
        "peak_mb": max(r["process_peak_mb"] for r in good),
        "runs": runs,
    }


def _probe(quarter: str, version: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.report_probe", quarter, version],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [row for row in done.stdout.splitlines() if row.startswith("{")]
    if done.returncode or not lines:
        log(f"report {version} failed: {done.stderr[-500:]}")
        return {"version": version, "error": done.stderr.strip()[-300:]}
    return json.loads(lines[-1])
