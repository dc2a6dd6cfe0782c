"""The standard version of the quarterly report: tables of figures, for the PDF and the web
page (its template draws money_tables and branch_tables, the same rows as the PDF's)."""

from typing import Any

from coop.documents import DataTable, Heading, Para
from coop.money import format_pence
from finance.reports.figures import MoneyFigures, QuarterFigures

# A table as the PDF and the web page both draw it: (caption, header, rows).
Table = tuple[str, list[str], list[list[str]]]
# Said wherever the activity figures would be, when no app provides them.
NO_ACTIVITIES = "Activity figures are not available."
# Said where the booking fees would be then: they are counted from the bookings.
NO_FEES = "Booking fee figures are not available."


def standard_blocks(figures: QuarterFigures) -> list:
    """The standard report's headings and tables, in order."""
    quarter = figures.quarter
    return [
        Heading(f"Quarterly report {quarter.label}: {quarter.months}"),
        *([Para(so_far_sentence(figures))] if figures.so_far else []),
        *_tables(money_tables(figures)),
        Heading("Booking fees", level=2),
        _fees_table(figures.fees),
        Heading("Activities", level=2),
        _activities_table(figures.activities),
        Heading("Membership", level=2),
        DataTable(
            header=["What", "Number"],
            rows=[["Joined", str(figures.joined)], ["Left", str(figures.left)]],
            caption="Members who joined and left",
        ),
        *_branch_blocks(figures),
    ]


def so_far_sentence(figures: QuarterFigures) -> str:
    """What a report for a quarter not over says first."""
    return f"The quarter is not over: these figures are {figures.period_words}."


def fee_rows(fees: dict[str, int]) -> list[list[str]]:
    """The booking fees as (what, amount) rows, adding up: paid = the other three."""
    return [
        ["Paid (for the quarter's activities)", format_pence(fees["taken_pence"])],
        ["Given back", format_pence(fees["refunded_pence"])],
        ["Kept (did not come, or cancelled late)", format_pence(fees["kept_pence"])],
        ["Still held (paid less given back less kept)", format_pence(fees["held_pence"])],
    ]


def activity_rows(acts: dict[str, Any]) -> list[list[str]]:
    """The activity figures as (what, number) rows: held means started; the no-show rate
    is of the people whose attendance is known."""
    no_show = acts.get("no_show_one_in")
    return [
        ["Activities held", str(acts["activities_held"])],
        ["Activities still to come", str(acts["activities_to_come"])],
        ["Places offered", str(acts["places"])],
        ["People booked", str(acts["bookings"])],
        ["Attended", str(acts["attended"])],
        ["Did not come", str(acts["no_shows"])],
        ["Attendance known (came or did not come)", str(acts["attendance_known"])],
        ["No-show rate (of attendance known)", f"1 in {no_show}" if no_show else "none"],
    ]


def money_tables(figures: QuarterFigures) -> list[tuple[str, str, list[str], list[list[str]]]]:
    """(heading, caption, header, rows) for each money table, shared by the PDF and the
    page."""
    return [
        ("Income and spending", *_income_and_spending(figures)),
        ("Money in and out by category", *_categories(figures)),
        ("Budget against actual", *_budget(figures)),
        ("Whose money: each branch and the whole co-operative", *purse_table(figures)),
    ]


def _income_and_spending(figures: QuarterFigures) -> Table:
    net = figures.income_pence - figures.spending_pence
    return (
        "Income and spending in the quarter",
        ["What", "Amount"],
        [
            ["Income", format_pence(figures.income_pence)],
            ["Spending", format_pence(figures.spending_pence)],
            ["Income less spending", format_pence(net)],
        ],
    )


def _categories(figures: QuarterFigures) -> Table:
    return (
        "Money in and out, by category",
        ["Category", "Money in", "Money out"],
        [
            [row.account.name, format_pence(row.actual_pence), ""]
            for row in figures.money_in_by_category
        ]
        + [
            [row.account.name, "", format_pence(row.actual_pence)]
            for row in figures.money_out_by_category
        ]
        or [["No money in or out", "", ""]],
    )


def _budget(figures: QuarterFigures) -> Table:
    return (
        "Budget against actual, by account",
        ["Account", "Budget", "Actual", "Difference", "Status"],
        [
            [
                row.account.name,
                format_pence(row.budget_pence),
                format_pence(row.actual_pence),
                format_pence(row.actual_pence - row.budget_pence),
                row.verdict,
            ]
            for row in figures.budget
        ]
        or [["No budget or actuals", "", "", "", ""]],
    )


def purse_table(figures: MoneyFigures) -> Table:
    """Each branch's money and the whole co-operative's own, with their total: the same
    figures as the income, spending and budget above, split by whose money it was."""
    rows = [
        [
            purse.name,
            format_pence(purse.income_pence),
            format_pence(purse.spending_pence),
            format_pence(purse.budget_pence),
            purse.verdict,
        ]
        for purse in figures.purses
    ]
    total = [
        "Total",
        format_pence(figures.income_pence),
        format_pence(figures.spending_pence),
        format_pence(figures.budget_pence),
        "",
    ]
    return (
        "Money in, money out and planned spending, by whose money it was",
        ["Whose money", "Money in", "Money out", "Planned spending", "Status"],
        [*rows, total],
    )


def _fees_table(fees: dict[str, int] | None) -> DataTable | Para:
    if fees is None:
        return Para(NO_FEES)
    return DataTable(
        header=["What", "Amount"],
        rows=fee_rows(fees),
        caption="Booking fees paid, given back, kept and still held",
    )


def _activities_table(acts: dict[str, Any] | None) -> DataTable | Para:
    if acts is None:
        return Para(NO_ACTIVITIES)
    return DataTable(
        header=["What", "Number"],
        rows=activity_rows(acts),
        caption="Activities held, attendance and no-shows",
    )


def branch_tables(figures: QuarterFigures) -> list[Table]:
    """(caption, header, rows) for each table by branch, shared by the PDF and the page."""
    branches = figures.branches
    members = (
        "Members who joined and left, by branch",
        ["Branch", "Joined", "Left"],
        [[b.name, str(b.joined), str(b.left)] for b in branches],
    )
    if not figures.has_activities:
        return [members]
    return [
        (
            "Activities by branch",
            ["Branch", "Activities held", "Came", "Did not come"],
            [[b.name, str(b.activities_held), str(b.attended), str(b.no_shows)] for b in branches],
        ),
        (
            "Booking fees for the quarter's activities, by branch",
            ["Branch", "Paid", "Given back", "Kept", "Still held"],
            [
                [
                    b.name,
                    format_pence(b.fees_taken_pence),
                    format_pence(b.fees_refunded_pence),
                    format_pence(b.fees_kept_pence),
                    format_pence(b.fees_held_pence),
                ]
                for b in branches
            ],
        ),
        members,
    ]


def _branch_blocks(figures: QuarterFigures) -> list:
    if not figures.branches:
        return []
    blocks: list = [Heading("By branch", level=2)]
    for caption, header, rows in branch_tables(figures):
        blocks.append(DataTable(header=header, rows=rows, caption=caption))
    return blocks


def _tables(tables: list[tuple[str, str, list[str], list[list[str]]]]) -> list:
    blocks: list = []
    for heading, caption, header, rows in tables:
        blocks += [Heading(heading, level=2), DataTable(header=header, rows=rows, caption=caption)]
    return blocks
