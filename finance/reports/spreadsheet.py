"""The quarterly report as a spreadsheet (CSV): one row a figure, for the accountant."""

from finance.reports.figures import QuarterFigures
from finance.reports.standard import NO_ACTIVITIES, NO_FEES

# The activity counts, one row each: held means started; attendance_known is came + did not
# come, what the no-show rate (1 in no_show_one_in) is of.
ACTIVITY_COUNTS = (
    "activities_held",
    "activities_to_come",
    "places",
    "bookings",
    "attended",
    "no_shows",
    "attendance_known",
)


def csv_rows(figures: QuarterFigures) -> list[list[str | int]]:
    """The figures as rows: pence and counts as whole numbers, the rest as text."""
    rows: list[list[str | int]] = [
        ["section", "item", "amount_pence", "budget_pence", "count", "status", "branch"]
    ]
    rows.append(["period", "so_far", "", "", "", figures.period_words or "the whole quarter", ""])
    rows += [
        ["money", "income", figures.income_pence, "", "", "", ""],
        ["money", "spending", figures.spending_pence, "", "", "", ""],
    ]
    rows += [
        ["money_in", row.account.code, row.actual_pence, "", "", "", ""]
        for row in figures.money_in_by_category
    ]
    rows += [
        ["money_out", row.account.code, row.actual_pence, "", "", "", ""]
        for row in figures.money_out_by_category
    ]
    rows += [
        ["budget", row.account.code, row.actual_pence, row.budget_pence, "", row.verdict, ""]
        for row in figures.budget
    ]
    # Whose money: the whole co-operative's own and each branch's, adding up to the above.
    for purse in figures.purses:
        rows += [
            ["branch_money", "income", purse.income_pence, "", "", "", purse.name],
            [
                "branch_money",
                "spending",
                purse.spending_pence,
                purse.budget_pence,
                "",
                purse.verdict,
                purse.name,
            ],
        ]
    rows += _activity_rows(figures)
    rows += [
        ["members", "joined", "", "", figures.joined, "", ""],
        ["members", "left", "", "", figures.left, "", ""],
    ]
    return rows + _branch_rows(figures)


def _activity_rows(figures: QuarterFigures) -> list[list[str | int]]:
    """The booking fees (paid, given back, kept, still held) and the activity counts."""
    acts, fees = figures.activities, figures.fees
    if acts is None or fees is None:
        return [
            ["fees", "figures", "", "", "", NO_FEES, ""],
            ["activities", "figures", "", "", "", NO_ACTIVITIES, ""],
        ]
    rows: list[list[str | int]] = [
        ["fees", name.removesuffix("_pence"), value, "", "", "", ""] for name, value in fees.items()
    ]
    rows += [["activities", name, "", "", acts[name], "", ""] for name in ACTIVITY_COUNTS]
    rows.append(["activities", "no_show_one_in", "", "", acts["no_show_one_in"] or "", "", ""])
    return rows


def _branch_rows(figures: QuarterFigures) -> list[list[str | int]]:
    rows: list[list[str | int]] = []
    for b in figures.branches:
        if figures.has_activities:
            rows += [
                ["branch_activities", "activities_held", "", "", b.activities_held, "", b.name],
                ["branch_activities", "attended", "", "", b.attended, "", b.name],
                ["branch_activities", "no_shows", "", "", b.no_shows, "", b.name],
                ["branch_fees", "taken", b.fees_taken_pence, "", "", "", b.name],
                ["branch_fees", "refunded", b.fees_refunded_pence, "", "", "", b.name],
                ["branch_fees", "kept", b.fees_kept_pence, "", "", "", b.name],
                ["branch_fees", "held", b.fees_held_pence, "", "", "", b.name],
            ]
        rows += [
            ["branch_members", "joined", "", "", b.joined, "", b.name],
            ["branch_members", "left", "", "", b.left, "", b.name],
        ]
    return rows
