"""manage.py count_election: the engine from the command line.

Needs Django settings (pytest-django, coop.settings_test) but no database.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

BLT = '4 2\n7 1 2 0\n4 1 3 0\n3 2 0\n4 3 0\n5 4 0\n0\n"Ann"\n"Bo"\n"Cy"\n"Di"\n"Board 2025"\n'


@pytest.fixture
def ballots(tmp_path: Path) -> Path:
    path = tmp_path / "board.blt"
    path.write_text(BLT, encoding="utf-8")
    return path


def _run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command("count_election", *args, stdout=out, **options)
    return out.getvalue()


def test_json_output_has_the_agreed_shape(ballots: Path) -> None:
    data = json.loads(_run(str(ballots), method="scottish-stv", seed=7, json=True))
    assert list(data) == ["method", "seats", "quota", "elected", "excluded", "stages"]
    assert data["method"] == "scottish-stv"
    assert data["quota"] == "8.00000"
    assert data["elected"] == ["Ann", "Cy"]
    assert data["stages"][1]["action"] == "surplus of Ann"
    assert data["stages"][1]["totals"]["Bo"] == "4.90904"


def test_count_sheet_lists_winners_and_every_stage(ballots: Path) -> None:
    sheet = _run(str(ballots), method="scottish-stv", seed=7)
    assert sheet.startswith("Elected: Ann; Cy\n")
    assert "lot seed 7" in sheet
    for heading in ("Stage 1: first preferences", "Stage 2: surplus of Ann (quota 8.00000)"):
        assert heading in sheet
    assert "Non-transferable" in sheet


def test_seats_option_overrides_the_file(ballots: Path) -> None:
    data = json.loads(_run(str(ballots), method="plurality", seats=1, json=True))
    assert data["elected"] == ["Ann"]


def test_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file: .*missing.blt"):
        _run(str(tmp_path / "missing.blt"), method="irv")


def test_malformed_file_is_a_command_error_saying_why(tmp_path: Path) -> None:
    path = tmp_path / "bad.blt"
    path.write_text("4 2\n1 9 0\n0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="not a valid BLT file: line 2: no candidate 9"):
        _run(str(path), method="irv")


def test_a_count_the_method_cannot_do_is_a_command_error(ballots: Path) -> None:
    with pytest.raises(CommandError, match="IRV fills one seat, not 2"):
        _run(str(ballots), method="irv")
