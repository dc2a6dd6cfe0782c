"""The apps' layers and the board's two halves (pyproject.toml, [tool.importlinter]) hold,
and the check would catch a wrong import: a copy of the apps with one import from a lower
app to a higher one, or from one half of the board to the other, fails."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["coop", "members", "wellbeing", "finance", "events", "board"]
LINT = Path(sys.executable).parent / "lint-imports"


def lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=600
    )


def test_the_layers_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def lint_with(folder: Path, module: str, line: str) -> subprocess.CompletedProcess:
    """Lint a copy of the apps in `folder` with one module added (a dotted name) holding
    `line`, a wrong import."""
    shutil.copy(ROOT / "pyproject.toml", folder)
    for app in APPS:
        shutil.copytree(ROOT / app, folder / app, ignore=shutil.ignore_patterns("*.pyc"))
    (folder / (module.replace(".", "/") + ".py")).write_text(f"{line}  # noqa: F401\n")
    return lint(folder)


def test_an_import_from_below_to_above_breaks_them(tmp_path):
    # members (low) reaching into events (high): what the layers forbid.
    result = lint_with(tmp_path, "members.reaches_up", "from events.models import Booking")
    assert result.returncode != 0
    assert "members is not allowed to import events" in result.stdout
    assert "members.reaches_up -> events.models" in result.stdout


def test_an_import_from_one_half_of_the_board_to_the_other_breaks_them(tmp_path):
    # Meetings reaching into elections: each half stands on board.terms, never on the other.
    result = lint_with(
        tmp_path, "board.meetings.reaches_across", "from board.elections.models import Election"
    )
    assert result.returncode != 0
    assert "board.meetings.reaches_across -> board.elections.models" in result.stdout


def test_an_import_from_board_terms_up_into_a_half_breaks_them(tmp_path):
    # Terms reaching up into meetings: both halves stand on terms, so terms uses neither.
    result = lint_with(
        tmp_path, "board.terms.reaches_up", "from board.meetings.models import Meeting"
    )
    assert result.returncode != 0
    assert "board.terms.reaches_up -> board.meetings.models" in result.stdout
