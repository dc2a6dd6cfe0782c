"""Vote counting for board elections: BLT files in, results and count sheets out.

Pure Python (standard library only) so a management command, the web app and a benchmark
can all use it.

    election = read_blt("ballots.blt")
    result = count(election, "scottish-stv", seed=20240517)
    print(result.elected, result.to_json())
"""

from .blt import BltError, parse_blt, read_blt, write_blt
from .election import Ballot, CountError, Election
from .engine import METHODS, count
from .result import CountResult, Stage
from .sheet import render_sheet
from .ties import ListedOrderLot, Lot, SeededLot

__all__ = [
    "METHODS",
    "Ballot",
    "BltError",
    "CountError",
    "CountResult",
    "Election",
    "ListedOrderLot",
    "Lot",
    "SeededLot",
    "Stage",
    "count",
    "parse_blt",
    "read_blt",
    "render_sheet",
    "write_blt",
]
