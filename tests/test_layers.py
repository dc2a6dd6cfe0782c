"""The apps' layers (pyproject.toml, [tool.importlinter]) hold, and the check would catch
a wrong import: a copy of the apps with one import from a lower app to a higher one fails."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["coop", "members", "finance", "events", "board"]
LINT = Path(sys.executable).parent / "lint-imports"


def lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=600
    )


def test_the_layers_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_from_below_to_above_breaks_them(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("*.pyc"))
    # members (low) reaching into events (high): what the layers forbid.
    wrong = tmp_path / "members" / "reaches_up.py"
    wrong.write_text("from events.models import Booking  # noqa: F401\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "members is not allowed to import events" in result.stdout
    assert "members.reaches_up -> events.models" in result.stdout
