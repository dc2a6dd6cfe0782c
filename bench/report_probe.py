"""Time one quarterly report PDF and its memory, in a process of its own so that its peak
is the report's: `python -m bench.report_probe 2026-Q3 standard` prints one JSON line.
Used by bench.run at L; the report is finance.reports (quarter_figures + render_pdf)."""

import json
import os
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from finance.quarters import Quarter  # noqa: E402
from finance.reports.figures import quarter_figures  # noqa: E402
from finance.reports.render import render_pdf  # noqa: E402


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB.

    Not getrusage's ru_maxrss: Linux keeps that across execve, and Python starts this probe
    with vfork, so it would report the peak of the benchmark process that started it (the
    one that seeded L) rather than the report's own."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("No VmHWM in /proc/self/status")


def main() -> None:
    label, version = sys.argv[1], sys.argv[2]
    quarter = Quarter.parse(label)
    # Warm the imports (reportlab, fonts) that any long-running worker has loaded already.
    render_pdf(quarter_figures(quarter), version=version)
    rss_before = peak_mb()
    tracemalloc.start()
    started = time.perf_counter()
    pdf = render_pdf(quarter_figures(quarter), version=version)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # The timing above ran under tracemalloc, which slows Python down: time it again bare.
    started = time.perf_counter()
    render_pdf(quarter_figures(quarter), version=version)
    bare = time.perf_counter() - started
    print(
        json.dumps(
            {
                "quarter": label,
                "version": version,
                "seconds": round(min(seconds, bare), 3),
                "python_peak_mb": round(peak / 2**20, 1),
                "process_peak_mb": round(peak_mb(), 1),
                "process_mb_before": round(rss_before, 1),
                "pdf_kb": round(len(pdf) / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
