"""gunicorn on a free port of 127.0.0.1, and wrk's load against it."""

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.log import log
from bench.pages import PAGES, session_cookie

ROOT = Path(__file__).resolve().parent.parent
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
WRK_CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "8"))
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn() -> Iterator[int]:
    """gunicorn serving coop with bench.settings, stopped on the way out; yields its port."""
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
        _wait_until_up(process, port)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/floor/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not start")
        time.sleep(0.2)


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
