"""Papers coop writes from the other apps' records for the next meeting: how our
activities went (with the organisers' evaluations) and the money. Both take their figures
from the quarterly report's selectors (finance.reports.figures), so the pack says the same
as the report and does not contradict itself: the money up to the meeting (the quarter so
far and the year so far), and the booking fees of the quarter so far in both papers."""

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from board.meetings.models import PAPER_PICTURES, Meeting, SittingFee
from board.meetings.papers.generated import GeneratedPaper, PartSpec, people
from coop.dates import easy_date
from coop.money import format_pence
from events.models import Evaluation
from events.summary import activity_summary
from finance.quarters import Quarter
from finance.reports.easy_read import NO_FEES_EASY
from finance.reports.figures import FEE_KEPT_RULE, MoneyFigures, QuarterFigures, year_figures
from finance.reports.standard import NO_FEES
from finance.selectors import Purse

__all__ = ["activities_source", "meeting_quarter", "money_source"]


# --- How our activities went (events) ------------------------------------------------------


def meeting_quarter(meeting: Meeting) -> Quarter:
    """The quarter the pack's money is about: the meeting's, or today's when the meeting is
    in a later quarter (there is no money yet after today)."""
    return Quarter.of(min(meeting.day, timezone.localdate()))


def activities_source(
    meeting: Meeting, since: dt.datetime, figures: QuarterFigures
) -> list[GeneratedPaper]:
    """How our activities went since `since`, with the booking fees of `figures` (the
    quarter of meeting_quarter)."""
    numbers = activity_summary(start=since, end=meeting.starts_at)
    parts = _activity_parts(numbers, since, figures)
    standard = _activity_standard(numbers, since, meeting.starts_at, figures)
    evaluations = list(
        Evaluation.objects.filter(
            activity__starts_at__gte=since, activity__starts_at__lt=meeting.starts_at
        )
        .select_related("activity")
        .order_by("activity__starts_at")
    )
    if evaluations:
        standard.append("")
        standard.append("# Evaluations")
    for evaluation in evaluations:
        part, line = _evaluation(evaluation)
        parts.append(part)
        standard.append(line)
    return [GeneratedPaper("How our activities went", parts, "\n".join(standard))]


def _activity_parts(numbers: dict, since: dt.datetime, figures: QuarterFigures) -> list[PartSpec]:
    """The easy-read figures: activities held since the last meeting, how many came, what
    members said; the booking fees of the quarter so far, as in the money paper."""
    faces, held = numbers["faces"], numbers["activities_held"]
    return [
        PartSpec(
            "Activities",
            f"Since {easy_date(since, with_year=True)} we had "
            f"{people(held, 'activity', 'activities')}.\n"
            f"{people(numbers['attended'])} came.\n"
            f"{people(numbers['no_shows'])} booked and did not come.",
            "events/pictures/minibus.svg",
        ),
        PartSpec(
            "What members said",
            f"- {faces.get('good', 0)} said good\n- {faces.get('ok', 0)} said OK\n"
            f"- {faces.get('not_good', 0)} said not good",
            "coop/pictures/listen.svg",
        ),
        _fees_part(figures),
    ]


def _activity_standard(
    numbers: dict, since: dt.datetime, until: dt.datetime, figures: QuarterFigures
) -> list[str]:
    return [
        f"# Activities from {since:%d %B %Y} to {until:%d %B %Y}",
        f"- Activities held (started): {numbers['activities_held']}",
        f"- Places: {numbers['places']}",
        f"- Booked: {numbers['bookings']}",
        f"- Attended: {numbers['attended']}",
        f"- No-shows: {numbers['no_shows']}",
        f"- Incidents for the board: {numbers['incidents_for_board']}",
        "",
        *_fees_standard(figures),
    ]


def _period(figures: MoneyFigures, months: str) -> str:
    """ "October to December 2026, so far, up to Saturday 5 December"."""
    return f"{months}, {figures.period_words}" if figures.so_far else months


def _fees_part(figures: QuarterFigures) -> PartSpec:
    """The booking fees of the quarter so far, adding up: the same in both papers."""
    fees, months = figures.fees, _period(figures, figures.quarter.months)
    if fees is None:
        return PartSpec("Booking fees", NO_FEES_EASY)
    paid, back = format_pence(fees["taken_pence"]), format_pence(fees["refunded_pence"])
    kept, held = format_pence(fees["kept_pence"]), format_pence(fees["held_pence"])
    return PartSpec(
        "Booking fees",
        f"For activities in {months}:\n"
        f"- People paid {paid} in booking fees.\n- We gave back {back}.\n"
        f"- We kept {kept}.\n- We still hold {held}.\n\n"
        f"{back} and {kept} and {held} make {paid}.\n{FEE_KEPT_RULE}",
        "coop/pictures/money.svg",
    )


def _fees_standard(figures: QuarterFigures) -> list[str]:
    fees, quarter = figures.fees, figures.quarter
    heading = f"# Booking fees, {quarter.label} ({_period(figures, quarter.months)})"
    if fees is None:
        return [heading, NO_FEES]
    return [
        heading,
        f"- Paid: {format_pence(fees['taken_pence'])}",
        f"- Given back: {format_pence(fees['refunded_pence'])}",
        f"- Kept (did not come, or cancelled late): {format_pence(fees['kept_pence'])}",
        f"- Still held: {format_pence(fees['held_pence'])}",
    ]


def _evaluation(evaluation: Evaluation) -> tuple[PartSpec, str]:
    """An organiser's evaluation of one activity: an easy-read part and a standard line."""
    activity = evaluation.activity
    lines = [f"{people(evaluation.came)} came. {people(evaluation.no_shows)} did not come."]
    if evaluation.went_well.strip():
        lines.append(f"Went well: {evaluation.went_well.strip()}")
    if evaluation.went_badly.strip():
        lines.append(f"Did not go well: {evaluation.went_badly.strip()}")
    if evaluation.incident_for_board and evaluation.incidents.strip():
        lines.append(f"Something happened the board should know: {evaluation.incidents.strip()}")
    part = PartSpec(
        f"{activity.title}, {easy_date(activity.starts_at)}",
        "\n\n".join(lines),
        activity.picture if activity.picture in PAPER_PICTURES else "",
    )
    return part, f"- {activity.title} ({activity.starts_at:%d %B}): " + " ".join(lines)


# --- Money (finance) -----------------------------------------------------------------------


def money_source(figures: QuarterFigures) -> list[GeneratedPaper]:
    """The money up to the meeting: `figures` (the quarter of meeting_quarter), the year so
    far, and the sitting fees owed now."""
    year = year_figures(figures.quarter)
    owed = (
        SittingFee.objects.filter(status=SittingFee.Status.OWED).aggregate(
            total=Sum("amount_pence")
        )["total"]
        or 0
    )
    return [
        GeneratedPaper(
            "Money",
            _money_parts(figures, year, owed),
            "\n".join(_money_standard(figures, year, owed)),
        )
    ]


def _money_parts(figures: QuarterFigures, year: MoneyFigures, owed: int) -> list[PartSpec]:
    """The easy-read money paper: in and out this quarter and this year so far, spending
    against the plan, booking fees, sitting fees owed, and the last full report."""
    quarter, last = figures.quarter, figures.quarter.previous()
    parts = [
        PartSpec(
            f"Money in {_period(figures, quarter.months)}",
            f"Money in: {format_pence(figures.income_pence)}.\n"
            f"Money out: {format_pence(figures.spending_pence)}.",
            "coop/pictures/money.svg",
        ),
        PartSpec(
            f"Money this year, {_period(year, f'January to {quarter.end:%B %Y}')}",
            f"Money in: {format_pence(year.income_pence)}.\n"
            f"Money out: {format_pence(year.spending_pence)}.",
            "coop/pictures/calendar.svg",
        ),
    ]
    verdicts = [
        f"- {row.account.name}: {row.verdict}"
        for row in figures.budget
        if row.account.kind == "expense" and (row.budget_pence or row.actual_pence)
    ]
    if verdicts:
        parts.append(
            PartSpec("Spending against our plan", "\n".join(verdicts), "coop/pictures/calendar.svg")
        )
    if any(purse.branch_id for purse in _with_money(figures)):
        parts.append(
            PartSpec(
                f"Whose money it was, {_period(figures, quarter.months)}",
                "\n".join(
                    f"- {purse.name}: {format_pence(purse.income_pence)} in, "
                    f"{format_pence(purse.spending_pence)} out."
                    for purse in _with_money(figures)
                ),
                "coop/pictures/people.svg",
            )
        )
    parts.append(_fees_part(figures))
    parts.append(
        PartSpec(
            "Sitting fees",
            f"We owe board members {format_pence(owed)} in sitting fees.",
            "coop/pictures/people.svg",
        )
    )
    parts.append(
        PartSpec(
            "The full report",
            f"The last full report is for {last.months}.\n"
            "It is on the Quarterly reports page.\n"
            f"Choose {last.months}.",
            "coop/pictures/letter.svg",
        )
    )
    return parts


def _money_lines(figures: MoneyFigures) -> list[str]:
    return [
        f"- Income: {format_pence(figures.income_pence)}",
        f"- Spending: {format_pence(figures.spending_pence)}",
        f"- Budgeted spending: {format_pence(figures.budget_pence)}",
    ]


def _with_money(figures: MoneyFigures) -> list[Purse]:
    """The whole co-operative's own money and each branch's, leaving out those with none."""
    return [p for p in figures.purses if p.income_pence or p.spending_pence or p.budget_pence]


def _money_standard(figures: QuarterFigures, year: MoneyFigures, owed: int) -> list[str]:
    quarter, last = figures.quarter, figures.quarter.previous()
    return [
        f"# Finance summary, {quarter.label} ({_period(figures, quarter.months)})",
        *_money_lines(figures),
        "",
        f"# The year, {_period(year, f'January to {quarter.end:%B %Y}')}",
        *_money_lines(year),
        "",
        f"# Budget against actual, {quarter.label}",
        *[
            f"- {row.account.name}: budget {format_pence(row.budget_pence)}, actual "
            f"{format_pence(row.actual_pence)} ({row.verdict})"
            for row in figures.budget
            if row.budget_pence or row.actual_pence
        ],
        "",
        f"# Whose money it was, {quarter.label}",
        *[
            f"- {purse.name}: income {format_pence(purse.income_pence)}, spending "
            f"{format_pence(purse.spending_pence)}, budget {format_pence(purse.budget_pence)}"
            f" ({purse.verdict})"
            for purse in _with_money(figures)
        ],
        "",
        *_fees_standard(figures),
        "",
        f"- Sitting fees owed now: {format_pence(owed)}",
        "",
        f"The last full quarterly report is {last.label} ({last.months}): make it on the"
        " finance pages' Quarterly reports page.",
    ]
