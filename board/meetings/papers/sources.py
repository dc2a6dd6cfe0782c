"""Papers coop writes from the other apps' records for the next meeting: how our
activities went (with the organisers' evaluations) and the money."""

import datetime as dt

from django.db.models import Sum

from board.meetings.models import PAPER_PICTURES, Meeting, SittingFee
from board.meetings.papers.generated import GeneratedPaper, PartSpec, people
from coop.dates import easy_date
from coop.money import format_pence
from events.models import Evaluation
from events.summary import activity_summary
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures

__all__ = ["activities_source", "money_source"]


# --- How our activities went (events) ------------------------------------------------------


def activities_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
    numbers = activity_summary(start=since, end=meeting.starts_at)
    parts = _activity_parts(numbers, since)
    standard = _activity_standard(numbers, since, meeting.starts_at)
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


def _activity_parts(numbers: dict, since: dt.datetime) -> list[PartSpec]:
    """The easy-read figures: activities held, how many came, what members said, fees."""
    faces = numbers["faces"]
    return [
        PartSpec(
            "Activities",
            f"Since {easy_date(since, with_year=True)} we had {numbers['activities_held']} "
            f"{'activity' if numbers['activities_held'] == 1 else 'activities'}.\n"
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
        PartSpec(
            "Booking fees",
            f"We gave back {format_pence(numbers['fees_refunded_pence'])}.\n"
            f"We kept {format_pence(numbers['fees_kept_pence'])}.",
            "coop/pictures/money.svg",
        ),
    ]


def _activity_standard(numbers: dict, since: dt.datetime, until: dt.datetime) -> list[str]:
    return [
        f"# Activities from {since:%d %B %Y} to {until:%d %B %Y}",
        f"- Activities held: {numbers['activities_held']}",
        f"- Places: {numbers['places']}",
        f"- Booked: {numbers['bookings']}",
        f"- Attended: {numbers['attended']}",
        f"- No-shows: {numbers['no_shows']}",
        f"- Fees taken: {format_pence(numbers['fees_taken_pence'])}",
        f"- Fees refunded: {format_pence(numbers['fees_refunded_pence'])}",
        f"- Fees kept: {format_pence(numbers['fees_kept_pence'])}",
        f"- Incidents for the board: {numbers['incidents_for_board']}",
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


def money_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
    last = Quarter.current().previous()
    figures = quarter_figures(last)
    owed = (
        SittingFee.objects.filter(status=SittingFee.Status.OWED).aggregate(
            total=Sum("amount_pence")
        )["total"]
        or 0
    )
    return [
        GeneratedPaper(
            "Money",
            _money_parts(last, figures, owed),
            "\n".join(_money_standard(last, figures, owed)),
        )
    ]


def _money_parts(last: Quarter, figures, owed: int) -> list[PartSpec]:
    """The easy-read money paper: in and out, spending against the plan, fees owed."""
    parts = [
        PartSpec(
            f"Money from {last.months}",
            f"Money in: {format_pence(figures.income_pence)}.\n"
            f"Money out: {format_pence(figures.spending_pence)}.",
            "coop/pictures/money.svg",
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
    parts.append(
        PartSpec(
            "Booking fees",
            f"Members paid {format_pence(figures.fees['taken_pence'])} in booking fees.\n"
            f"We gave back {format_pence(figures.fees['refunded_pence'])}.\n"
            f"We kept {format_pence(figures.fees['kept_pence'])}.",
            "coop/pictures/money.svg",
        )
    )
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
            f"The full quarterly report for {last.months} is on the board pages.",
            "coop/pictures/letter.svg",
        )
    )
    return parts


def _money_standard(last: Quarter, figures, owed: int) -> list[str]:
    return [
        f"# Finance summary, {last.label} ({last.months})",
        f"- Income: {format_pence(figures.income_pence)}",
        f"- Spending: {format_pence(figures.spending_pence)}",
        f"- Budgeted spending: {format_pence(figures.budget_pence)}",
        f"- Booking fees taken: {format_pence(figures.fees['taken_pence'])}",
        f"- Booking fees refunded: {format_pence(figures.fees['refunded_pence'])}",
        f"- Booking fees kept: {format_pence(figures.fees['kept_pence'])}",
        f"- Sitting fees owed now: {format_pence(owed)}",
        "",
        "# Budget against actual",
        *[
            f"- {row.account.name}: budget {format_pence(row.budget_pence)}, actual "
            f"{format_pence(row.actual_pence)} ({row.verdict})"
            for row in figures.budget
            if row.budget_pence or row.actual_pence
        ],
        "",
        f"The full quarterly report for {last.label} is on the board's quarterly reports page.",
    ]
