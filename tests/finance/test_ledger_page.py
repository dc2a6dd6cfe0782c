"""The finance officer's ledger page: a period's transactions a page at a time, by account,
with totals; bad dates get a message; only finance sees it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from finance.services.ledger import ledger_post
from finance.views_ledger import PER_PAGE
from tests.conftest import ROLES


def _post(cast, day: dt.date, pence: int, what: str = "Grant from the council") -> None:
    ledger_post(
        date=day,
        description=what,
        reference="test",
        actor=cast.finance,
        lines=[("bank", pence, 0), ("grants", 0, pence)],
    )


def test_the_period_shows_its_entries_and_each_accounts_totals(cast, client):
    _post(cast, dt.date(2026, 7, 3), 50_000)
    _post(cast, dt.date(2026, 10, 3), 7_000, "Later grant")
    client.force_login(cast.finance)
    page = client.get(
        reverse("finance-ledger"), {"start": "2026-07-01", "end": "2026-09-30"}
    ).content.decode()
    assert "Grant from the council" in page and "Later grant" not in page
    assert "1 transaction" in page and "£500" in page
    page = client.get(
        reverse("finance-ledger"), {"start": "2026-07-01", "end": "2026-12-31", "account": "grants"}
    ).content.decode()
    assert "2 transactions" in page and "Later grant" in page


def test_entries_come_a_page_at_a_time(cast, client):
    for i in range(PER_PAGE + 3):
        _post(cast, dt.date(2026, 8, 1), 100 + i, f"Gift {i}")
    client.force_login(cast.finance)
    query = {"start": "2026-08-01", "end": "2026-08-31", "account": "bank"}
    first = client.get(reverse("finance-ledger"), query).content.decode()
    assert f"{PER_PAGE + 3} transactions, page 1 of 2" in first and "Later transactions" in first
    second = client.get(reverse("finance-ledger"), {**query, "page": 2}).content.decode()
    assert "page 2 of 2" in second and "Gift 52" in second and "Earlier transactions" in second


def test_an_address_without_dates_shows_this_quarter(cast, client):
    today = timezone.localdate()
    _post(cast, today, 2_500, "Grant this quarter")
    _post(cast, today - dt.timedelta(days=200), 900, "Grant long ago")
    client.force_login(cast.finance)
    page = client.get(reverse("finance-ledger"), {"account": "grants"}).content.decode()
    assert "Grant this quarter" in page and "Grant long ago" not in page
    assert "<caption>1 transaction" in page and "Error" not in page
    # A date sent empty is asked for, not filled in.
    page = client.get(reverse("finance-ledger"), {"start": "", "account": "grants"}).content
    assert "Please say from when." in page.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "soon", "end": "2026-09-30"}, "Please give a date, like 2026-07-01."),
        ({"start": "2026-09-30", "end": "2026-07-01"}, "The end must be on or after the start."),
        ({"start": "2026-07-01", "end": "2026-09-30", "account": "nope"}, "Select a valid choice"),
    ],
)
def test_bad_filters_get_a_message(cast, client, query, message):
    client.force_login(cast.finance)
    response = client.get(reverse("finance-ledger"), query)
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "<title>Error: " in page


@pytest.mark.parametrize("role", [r for r in ROLES if r != "finance"])
def test_only_finance_sees_the_ledger(cast, client, role):
    user = cast.admin if role == "admin" else getattr(cast, role)
    client.force_login(user)
    assert client.get(reverse("finance-ledger")).status_code == 403


def test_the_ledger_uses_the_same_queries_for_a_few_and_a_full_page(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.finance)
    query = {"start": "2026-08-01", "end": "2026-08-31"}

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("finance-ledger"), query).status_code == 200
        return len(captured)

    for i in range(3):
        _post(cast, dt.date(2026, 8, 1), 100 + i, f"Gift {i}")
    few = queries()
    for i in range(PER_PAGE):
        _post(cast, dt.date(2026, 8, 2), 200 + i, f"Gift {i}")
    page = client.get(reverse("finance-ledger"), query).content.decode()
    assert f"{PER_PAGE + 3} transactions, page 1 of 2" in page and "£1.02" in page
    assert queries() == few


# The template loop that wrote the table's rows before _rows_html(), kept here to compare.
OLD_ROWS = """<tbody>
  {% for row in rows %}
    <tr>
      <td>{{ row.date }}</td>
      <td>{{ row.id }}</td>
      <th scope="row">{{ row.description }}</th>
      <td>{{ row.account }}</td>
      <td>{{ row.debit }}</td>
      <td>{{ row.credit }}</td>
    </tr>
  {% empty %}
    <tr><td colspan="6">No transactions in this period.</td></tr>
  {% endfor %}
  </tbody>"""


def test_the_rows_are_what_the_template_loop_wrote(cast, client):
    from django.template import engines

    from coop.dates import easy_date
    from coop.money import format_pence
    from finance.models import Entry

    client.force_login(cast.finance)
    query = {"start": "2026-08-01", "end": "2026-08-31"}
    old = engines["django"].from_string(OLD_ROWS)

    def tbody(page: str) -> str:
        return page[page.index("<tbody>", page.index("<h2>Transactions")) :].split("</tbody>")[0]

    _post(cast, dt.date(2026, 8, 2), 1_234_56, 'Tom & "Jerry" <b>it\'s</b>')
    _post(cast, dt.date(2026, 8, 1), 50, "Stamps")
    rows = [
        {
            "date": easy_date(e.transaction.date, with_year=True),
            "id": e.transaction_id,
            "description": e.transaction.description,
            "account": e.account.name,
            "debit": format_pence(e.debit_pence) if e.debit_pence else "",
            "credit": format_pence(e.credit_pence) if e.credit_pence else "",
        }
        for e in Entry.objects.select_related("transaction", "account").order_by(
            "transaction__date", "transaction_id", "id"
        )
    ]
    page = client.get(reverse("finance-ledger"), query).content.decode()
    assert tbody(page) + "</tbody>" == old.render({"rows": rows})
    assert (
        "Tom &amp; &quot;Jerry&quot; &lt;b&gt;it&#x27;s&lt;/b&gt;" in page and "£1,234.56" in page
    )


# The template loop that wrote the totals' rows before _totals_html(), kept to compare.
OLD_TOTALS = """{% for row in totals %}<tr><th scope="row">{{ row.name }}</th><td>{{ row.debit }}</td><td>{{ row.credit }}</td></tr>{% empty %}<tr><td colspan="3">Nothing was posted in this period.</td></tr>{% endfor %}"""  # noqa: E501


def test_the_totals_are_what_the_template_loop_wrote(cast, client):
    from django.db.models import Sum
    from django.template import engines

    from coop.templatetags.coop import money
    from finance.models import Account, Entry

    Account.objects.filter(code="grants").update(name='Grants & "gifts" <b>')
    _post(cast, dt.date(2026, 8, 2), 1_234_56)
    _post(cast, dt.date(2026, 8, 3), 50, "Stamps")
    client.force_login(cast.finance)
    old = engines["django"].from_string(OLD_TOTALS)

    def totals(query: dict) -> str:
        page = client.get(reverse("finance-ledger"), query).content.decode()
        start = page.index("<tbody>", page.index("<h2>Each account")) + len("<tbody>\n  ")
        return page[start : page.index("\n  </tbody>", start)]

    sums = (
        Entry.objects.filter(transaction__date__month=8)
        .values("account__name")
        .annotate(debit=Sum("debit_pence"), credit=Sum("credit_pence"))
        .order_by("account__name")
    )
    rows = [
        {"name": s["account__name"], "debit": money(s["debit"]), "credit": money(s["credit"])}
        for s in sums
    ]
    assert len(rows) == 2
    assert totals({"start": "2026-08-01", "end": "2026-08-31"}) == old.render({"totals": rows})
    assert "Grants &amp; &quot;gifts&quot; &lt;b&gt;" in old.render({"totals": rows})
    empty = {"start": "2026-07-01", "end": "2026-07-31"}
    assert totals(empty) == old.render({"totals": []})


def test_a_periods_count_comes_from_the_accounts_daily_rows(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for day in (dt.date(2026, 7, 31), dt.date(2026, 8, 1), dt.date(2026, 8, 31)):
        _post(cast, day, 100)
    _post(cast, dt.date(2026, 8, 15), 100, "Bank interest")
    _post(cast, dt.date(2026, 9, 1), 100)
    ledger_post(  # one that does not touch the grants account
        date=dt.date(2026, 8, 20),
        description="Cash banked",
        reference="test",
        actor=cast.finance,
        lines=[("bank", 40, 0), ("cash", 0, 40)],
    )
    client.force_login(cast.finance)
    query = {"start": "2026-08-01", "end": "2026-08-31"}
    for account, count in (("", 4), ("grants", 3), ("cash", 1), ("fees_kept", 0)):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("finance-ledger"), {**query, "account": account})
        assert f"<caption>{count} transaction" in page.content.decode(), account
        # The list is narrowed as the count is: "Cash banked" has no line on grants.
        listed = "Cash banked" in page.content.decode()
        assert listed == (account in ("", "cash")), account
        if not count:  # an empty period says so
            assert "No transactions in this period." in page.content.decode()
        counted = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
        assert counted == [], f"{account or 'every account'}: transactions counted one by one"


def test_narrowed_to_an_account_the_pages_are_the_orms(cast, client):
    """The list narrowed to one account is read from that account's lines (finance
    migration 0014): each transaction once, even with two lines on the account, in date
    then number order, page by page, as the ORM lists them; entries written past the
    services get their transaction's date from the database."""
    from finance.models import Transaction
    from tests.finance.split_postings import post_split

    for i in range(PER_PAGE + 5):
        day = dt.date(2026, 8, 1 + i % 20)
        if i % 3:
            _post(cast, day, 100 + i, f"Gift {i}")
        else:
            ledger_post(
                date=day,
                description=f"Banked {i}",
                reference="test",
                actor=cast.finance,
                lines=[("bank", 40, 0), ("cash", 0, 40)],
            )
    post_split(dt.date(2026, 8, 10))  # the first has two bank lines
    client.force_login(cast.finance)
    query = {"start": "2026-08-01", "end": "2026-08-31"}
    for account in ("grants", "cash", "bank"):
        expected = list(
            Transaction.objects.filter(date__month=8, entries__account__code=account)
            .distinct()
            .order_by("date", "id")
            .values_list("description", flat=True)
        )
        shown, number, pages = [], 0, 1
        while number < pages:
            number += 1
            page = client.get(
                reverse("finance-ledger"), {**query, "account": account, "page": number}
            )
            pages = page.context["page"].paginator.num_pages
            shown += [
                line.split("</th>")[0]
                for line in page.context["rows"].split('<th scope="row">')[1:]
            ]
        # A transaction's rows repeat its words: one row per line of the transaction.
        firsts = [what for n, what in enumerate(shown) if n == 0 or shown[n - 1] != what]
        assert firsts == expected, account
    assert pages == 2  # the bank's list (the last) went over a page
