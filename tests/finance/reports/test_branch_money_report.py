"""Each branch's money in the quarterly report and on the budget page (issue 19): a grant
given for one borough, spent there, and that borough's budget, shown beside the whole
co-operative's own money and adding up to the whole, in every version and format.

By hand, on top of quarter_with_data (the whole co-operative's own: £1,500 in, £60 out,
£40 planned, so more than planned): Southgate gets a £800 grant and spends £200 of it,
with £200 planned (on track); Northfield has no money of its own. Together: £2,300 in,
£260 out, £240 planned."""

import csv
import html
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from board.meetings import services as meeting_services
from board.meetings.models import Paper
from coop.money import format_pence
from finance import services
from finance.models import BudgetLine
from finance.reports.easy_read import easy_pages
from finance.reports.figures import quarter_figures
from finance.reports.render import render_report
from tests.board.meeting_helpers import plan
from tests.coop.test_documents import text_of
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def southgate_grant(cast, quarter_with_data):
    quarter = quarter_with_data
    south = BranchFactory(name="Southgate", slug="southgate")
    day = quarter.start
    common = {"paid_with": "bank", "actor": cast.finance, "branch": south}
    services.income_record(
        account_code="grants",
        source="Southgate Council",
        description="Trips in Southgate",
        received_on=day,
        amount_pence=80000,
        **common,
    )
    services.expense_record(
        account_code="activity_costs",
        supplier="Southgate Lanes",
        description="Bowling",
        spent_on=day,
        amount_pence=20000,
        **common,
    )
    quarters = [0, 0, 0, 0]
    quarters[quarter.number - 1] = 20000
    services.budget_set(
        year=quarter.year,
        account_code="activity_costs",
        quarters=quarters,
        actor=cast.finance,
        branch=south,
    )
    return quarter


# (whose money, in, out, planned, status): the whole co-operative's own first.
PURSES = [
    ("Shared money (not one branch's)", 150000, 6000, 4000, "more than planned"),
    ("Northfield", 0, 0, 0, ""),  # nothing planned or spent: nothing to say
    ("Southgate", 80000, 20000, 20000, "on track"),
]


def test_the_figures_split_by_whose_money_and_add_up(southgate_grant):
    figures = quarter_figures(southgate_grant)
    found = [
        (p.name, p.income_pence, p.spending_pence, p.budget_pence, p.verdict)
        for p in figures.purses
    ]
    # The whole co-operative's own first, then every branch by name (the factories' own
    # members' branches too, with nothing of their own).
    assert found[0] == PURSES[0]
    assert [row for row in found if row[0] in ("Northfield", "Southgate")] == PURSES[1:]
    assert sum(row[1] for row in found) == figures.income_pence
    assert (figures.income_pence, figures.spending_pence, figures.budget_pence) == (
        230000,
        26000,
        24000,
    )


def _row_words(name: str, money_in: int, out: int, planned: int, status: str) -> str:
    amounts = [format_pence(pence) for pence in (money_in, out, planned)]
    return " ".join([name, *amounts, status]).strip()


def test_the_standard_pdf_and_web_page_show_each_branchs_money(southgate_grant):
    figures = quarter_figures(southgate_grant)
    pdf = " ".join(text_of(render_report(figures, version="standard", fmt="pdf")).split())
    for row in PURSES[1:]:
        assert _row_words(*row) in pdf, row
    # The shared money's row: its name and status wrap in their cells.
    shared = pdf[pdf.index("Shared money") :]
    assert shared.index("£1,500 £60 £40 more than") < shared.index("Northfield")
    assert "Total £2,300 £260 £240" in pdf
    page = render_report(figures, version="standard", fmt="html").decode()
    assert (
        '<tr><th scope="row">Southgate</th><td>£800</td><td>£200</td><td>£200</td>'
        "<td>On track</td></tr>"
    ) in page
    assert '<tr><th scope="row">Total</th><td>£2,300</td><td>£260</td><td>£240</td>' in page


def _csv(data: bytes) -> dict:
    rows = csv.DictReader(io.StringIO(data.decode()))
    return {(row["section"], row["item"], row["branch"]): row for row in rows}


def test_the_csv_and_the_api_have_each_branchs_money(southgate_grant, cast, client):
    rows = _csv(render_report(quarter_figures(southgate_grant), version="standard", fmt="csv"))
    client.force_login(cast.board)
    url = reverse("finance_api:quarterly-report", args=[southgate_grant.label])
    assert _csv(client.get(url, {"format": "csv"}).content) == rows
    for name, money_in, out, planned, status in PURSES:
        assert rows[("branch_money", "income", name)]["amount_pence"] == str(money_in)
        spending = rows[("branch_money", "spending", name)]
        assert (spending["amount_pence"], spending["budget_pence"]) == (str(out), str(planned))
        assert spending["status"] == status


def test_the_easy_read_branch_pages_say_their_money(southgate_grant):
    figures = quarter_figures(southgate_grant)
    pages = {page.heading: page.sentences for page in easy_pages(figures)}
    assert "This branch got £800." in pages["Southgate branch"]
    assert "This branch spent £200." in pages["Southgate branch"]
    assert "This branch had no money of its own." in pages["Northfield branch"]
    pdf = " ".join(text_of(render_report(figures, version="easy-read", fmt="pdf")).split())
    assert "This branch got £800." in pdf


def test_the_budget_page_shows_and_sets_each_branchs_budget(southgate_grant, cast, client):
    client.force_login(cast.finance)
    url = reverse("finance-budget")
    year, number = southgate_grant.year, southgate_grant.number

    def quarter_row(page: str) -> str:
        start = page.index(f"<caption>Quarter {number} of {year}</caption>")
        return page[start : page.index("</table>", start)]

    south = client.get(url, {"year": year, "for": "branch-southgate"}).content.decode()
    assert f"Budget for {year}: Southgate" in south
    assert "<td>£200</td><td>£200</td><td>On track</td>" in quarter_row(south)
    together = client.get(url, {"year": year, "for": "together"}).content.decode()
    assert "<td>£240</td><td>£260</td><td>On track</td>" in quarter_row(together)
    assert "Set the budget" not in together and "added up" in together
    whole = html.unescape(client.get(url, {"year": year}).content.decode())
    assert f"Budget for {year}: Shared money (not one branch's)" in whole
    assert "<td>£40</td><td>£60</td><td>More than planned</td>" in quarter_row(whole)
    # Setting Southgate's budget changes Southgate's line, not the whole co-operative's.
    data = {f"activity_costs_q{number}": "300"}
    client.post(f"{url}?year={year}&for=branch-southgate", data)
    lines = BudgetLine.objects.filter(year=year, account__code="activity_costs")
    planned = {
        (line.branch.name if line.branch else ""): line.quarter_pence(number) for line in lines
    }
    assert planned == {"": 4000, "Southgate": 30000}
    # Everyone together is to read: a post there sets nothing, and says why.
    page = client.post(
        f"{url}?year={year}&for=together", {f"activity_costs_q{number}": "9"}, follow=True
    )
    assert "To set a budget, choose the shared money or a branch first." in page.content.decode()
    # A branch there is not (a typing slip, or a name changed meanwhile) saves nowhere.
    for whose in ("southgat", "branch-southgat", "southgate"):
        assert client.get(url, {"year": year, "for": whose}).status_code == 404
        missing = client.post(f"{url}?year={year}&for={whose}", data)
        assert missing.status_code == 404
    assert BudgetLine.objects.filter(year=year).count() == 2
    # A year in other digits than 0 to 9 is not a year: this year is shown.
    assert client.get(url, {"year": "²⁰²⁶"}).status_code == 200


def test_the_spending_form_records_whose_money_it_was(cast, client, quarter_with_data):
    south = BranchFactory(name="Southgate", slug="southgate")
    client.force_login(cast.finance)
    page = client.get(reverse("finance-expense-new")).content.decode()
    assert "Whose money was it?" in page and "Shared money (not one branch&#x27;s)" in page
    data = {
        "account_code": "activity_costs",
        "supplier": "Southgate Lanes",
        "description": "Bowling",
        "spent_on": quarter_with_data.start.isoformat(),
        "amount_pence": "12.50",
        "paid_with": "bank",
        "branch": str(south.pk),
    }
    bad = client.post(reverse("finance-expense-new"), {**data, "branch": "nonsense"})
    assert "Please choose one of the branches listed." in bad.content.decode()
    client.post(reverse("finance-expense-new"), data)
    books = client.get(reverse("finance-books")).content.decode()
    assert "<td>Southgate</td>" in books


def test_the_board_pack_says_whose_money_it_was(southgate_grant, cast):
    today = timezone.localdate()
    in_quarter = min(southgate_grant.end, today)
    meeting = plan(cast, days=(in_quarter - today).days)
    meeting_services.papers_refresh(meeting=meeting, actor=cast.board)
    paper = Paper.objects.get(item__meeting=meeting, source="money")
    easy = " ".join(" ".join(part.words for part in paper.parts.all()).split())
    assert "- Southgate: £800 in, £200 out." in easy
    assert "- Shared money (not one branch's): £1,500 in, £60 out." in easy
    assert "Northfield:" not in easy  # no money of its own
    assert "- Southgate: income £800, spending £200, budget £200 (on track)" in paper.standard_text
