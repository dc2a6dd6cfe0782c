"""The election count: our engine against pystv on the largest cases in
tests/data/elections, on the same parsed ballots (file parsing is not timed)."""

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from board.elections.counting import count, read_blt

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(os.environ.get("ELECTION_CASES", ROOT / "tests" / "data" / "elections" / "cases"))
METHOD_NAMES = {"scottish_stv": "scottish-stv", "meek_stv": "meek", "irv": "irv"}


def election_cases() -> list[tuple[str, Any, str]]:
    """(name, parsed election, method) of every case with ballots and an expected result."""
    cases = []
    for case in sorted(CASES.iterdir()) if CASES.is_dir() else []:
        blt, expected = case / "ballots.blt", case / "expected.json"
        if blt.exists() and expected.exists():
            method = json.loads(expected.read_text())["method"]
            cases.append((case.name, read_blt(blt), method))
    return cases


def best_time(work: Callable[[], Any], budget: float = 0.5, most: int = 200) -> tuple[float, Any]:
    """The fastest of repeated runs: at least 3, until `budget` seconds or `most` runs."""
    timings, spent, result = [], 0.0, None
    while len(timings) < 3 or (spent < budget and len(timings) < most):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
        spent += timings[-1]
    return min(timings), result


def time_case(name: str, election, method: str) -> dict[str, Any]:
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
        import pyrcv  # the PyPI package "pystv": optional, installed by make bench only
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
    # pystv (the pyrcv module) elects across rounds: each round lists only whom it elected
    # then, so the winners are every round's together (the last round alone held one of 3).
    winners = [i for one in theirs.rounds for i in one.elected]
    out["pystv_elected"] = [race.metadata.names[i - 1] for i in winners]
    out["same_winners"] = sorted(out["pystv_elected"]) == sorted(out["elected"])
    out["ratio"] = round(seconds / their_seconds, 3)
    return out


def election_count() -> dict[str, Any]:
    """The case with the most ballots; and, as `largest_stv`, the multi-seat STV case with
    the most ballots, with pystv told the same number of seats (it rounds and passes on
    surpluses its own way, not by the Scottish rules, so on a close case winners may differ)."""
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
