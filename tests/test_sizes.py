"""The project stays readable in small pieces: no module over 400 lines and no function over
60 lines, migrations aside (the demo and the benchmark's seeding included). The figures are
issue 18's; raise them only with a reason."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["coop", "members", "finance", "events", "board", "bench"]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def _long_module(path: Path, root: Path = ROOT) -> list[str]:
    lines = path.read_text(encoding="utf-8").count("\n")
    return [f"{path.relative_to(root)} ({lines} lines)"] if lines > MAX_MODULE_LINES else []


def _long_functions(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name} ({length} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES
    ]


def test_the_checks_see_the_code() -> None:
    assert len(_modules()) > 150


def test_no_module_is_over_400_lines() -> None:
    too_long = [line for path in _modules() for line in _long_module(path)]
    assert too_long == []


def test_no_function_is_over_60_lines() -> None:
    too_long = [line for path in _modules() for line in _long_functions(path)]
    assert too_long == []


@pytest.mark.parametrize("lines", [61, 120])
def test_a_long_function_is_found(tmp_path: Path, lines: int) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(lines - 1))
    path = tmp_path / "probe.py"
    path.write_text(f"def long():\n{body}\n", encoding="utf-8")
    assert _long_functions(path, tmp_path) == [f"probe.py:1 long ({lines} lines)"]


@pytest.mark.parametrize(("lines", "found"), [(400, False), (401, True)])
def test_a_long_module_is_found(tmp_path: Path, lines: int, found: bool) -> None:
    path = tmp_path / "probe.py"
    path.write_text("".join(f"x{i} = {i}\n" for i in range(lines)), encoding="utf-8")
    assert _long_module(path, tmp_path) == ([f"probe.py ({lines} lines)"] if found else [])


def test_a_function_of_60_lines_is_not_found(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(59))
    path = tmp_path / "probe.py"
    path.write_text(f"def short():\n{body}\n", encoding="utf-8")
    assert _long_functions(path, tmp_path) == []
