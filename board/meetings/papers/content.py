"""Papers coop writes itself, so nobody copies figures by hand: the minutes of the last
meeting, the actions from last time, how our activities went (with the organisers'
evaluations) and the money. Each is made from the records as they are when the papers are
refreshed; once the papers go out they stay as they were sent.

Other apps add a paper by registering a source::

    from board.meetings.papers.content import GeneratedPaper, register_source
    register_source("money", build_money_paper)   # build(meeting, since) -> [GeneratedPaper]

A source that has nothing to say returns a paper that says so in easy read (an empty
agenda item would leave the board wondering). What does not exist yet in coop simply has
no source registered: its agenda item is then left for the board to write.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from board.meetings.models import PAPER_PICTURES, Attendance, Meeting, SittingFee
from board.meetings.selectors import open_actions_before, previous_meeting
from coop.dates import easy_date
from coop.money import format_pence
from events.models import Evaluation
from events.summary import activity_summary
from finance.reports.figures import Quarter, quarter_figures

__all__ = ["GeneratedPaper", "PartSpec", "build_papers", "minutes_paper", "register_source"]

# How far back the first meeting's papers look, when there is no meeting before it.
FIRST_LOOK_BACK = dt.timedelta(days=31)


@dataclass(frozen=True)
class PartSpec:
    """One part of an easy-read paper: a heading, the words (see board.meetings.papers.text) and a
    picture from PAPER_PICTURES (or "" for none)."""

    heading: str
    words: str
    picture: str = ""


@dataclass(frozen=True)
class GeneratedPaper:
    title: str
    parts: list[PartSpec]
    standard_text: str
    confidential: bool = False


Builder = Callable[[Meeting, dt.datetime], list[GeneratedPaper]]
_sources: dict[str, Builder] = {}


def register_source(source: str, build: Builder) -> None:
    """Use `build` for the agenda item with this source (an AgendaItem.Source value).
    Registering again replaces it."""
    _sources[source] = build


def since_for(meeting: Meeting) -> dt.datetime:
    before = previous_meeting(meeting)
    return before.starts_at if before else meeting.starts_at - FIRST_LOOK_BACK


def build_papers(meeting: Meeting, source: str) -> list[GeneratedPaper] | None:
    """The papers for one automatic agenda item, or None when no source is registered."""
    build = _sources.get(source)
    if build is None:
        return None
    return build(meeting, since_for(meeting))


def _people(count: int, one: str = "person", many: str = "people") -> str:
    return f"{count} {one if count == 1 else many}"


# --- The minutes of the last meeting -------------------------------------------------------


def minutes_paper(meeting: Meeting, *, for_members: bool) -> GeneratedPaper:
    """The minutes drawn from the meeting record: who came, each item, decisions, actions.
    For members, a confidential item shows only its title."""
    attendance = list(meeting.attendance.select_related("member"))
    came = [a.member.display_name for a in attendance if a.status == Attendance.Status.PRESENT]
    apologies = [
        a.member.display_name for a in attendance if a.status == Attendance.Status.APOLOGIES
    ]
    absent = [a.member.display_name for a in attendance if a.status == Attendance.Status.ABSENT]
    when = f"{easy_date(meeting.starts_at, with_year=True)}"
    parts = [
        PartSpec(
            "Who came",
            f"The board met on {when}.\n"
            + (
                f"{_people(len(came))} came:\n" + "\n".join(f"- {n}" for n in came)
                if came
                else "Nobody was marked as coming."
            )
            + (
                "\n\nSent apologies:\n" + "\n".join(f"- {n}" for n in apologies)
                if apologies
                else ""
            )
            + ("\n\nDid not come:\n" + "\n".join(f"- {n}" for n in absent) if absent else ""),
            "coop/pictures/people.svg",
        )
    ]
    standard = [f"# Minutes: {meeting.title}", f"Held on {when}."]
    standard += ["Present: " + (", ".join(came) or "none recorded") + "."]
    if apologies:
        standard.append("Apologies: " + ", ".join(apologies) + ".")
    if absent:
        standard.append("Absent: " + ", ".join(absent) + ".")
    decisions = list(meeting.decisions.select_related("item"))
    actions = list(meeting.actions.select_related("owner", "item"))
    for number, item in enumerate(meeting.items.all(), start=1):
        if item.confidential and for_members:
            parts.append(
                PartSpec(f"{number}. {item.title}", "The board talked about this in private.")
            )
            standard += ["", f"# {number}. {item.title}", "Discussed in private."]
            continue
        lines = [item.notes.strip() or "Nothing was written down."]
        standard += ["", f"# {number}. {item.title}", item.notes.strip() or "No notes."]
        for decision in (d for d in decisions if d.item_id == item.pk):
            lines.append(_decision_words(decision))
            standard.append(f"Decision: {decision.wording} ({_decision_count(decision)}).")
        for action in (a for a in actions if a.item_id == item.pk):
            lines.append(_action_words(action))
            standard.append(
                f"Action: {action.what} ({action.owner.display_name}, by {action.due_on:%d %B %Y})."
            )
        parts.append(PartSpec(f"{number}. {item.title}", "\n\n".join(lines)))
    loose_decisions = [d for d in decisions if d.item_id is None]
    loose_actions = [a for a in actions if a.item_id is None]
    if loose_decisions or loose_actions:
        lines = [_decision_words(d) for d in loose_decisions]
        lines += [_action_words(a) for a in loose_actions]
        parts.append(PartSpec("Other things", "\n\n".join(lines), "coop/pictures/safe.svg"))
        standard += ["", "# Other things"]
        standard += [f"Decision: {d.wording} ({_decision_count(d)})." for d in loose_decisions]
        standard += [
            f"Action: {a.what} ({a.owner.display_name}, by {a.due_on:%d %B %Y})."
            for a in loose_actions
        ]
    return GeneratedPaper(
        title=f"Minutes: {meeting.title}", parts=parts, standard_text="\n".join(standard)
    )


def _decision_count(decision) -> str:
    if decision.outcome == decision.Outcome.AGREED:
        return "agreed"
    result = "carried" if decision.carried else "not carried"
    return (
        f"{decision.votes_for} for, {decision.votes_against} against, "
        f"{decision.abstentions} abstained: {result}"
    )


def _decision_words(decision) -> str:
    if decision.outcome == decision.Outcome.AGREED:
        return f"The board agreed: {decision.wording}"
    said = "yes" if decision.carried else "no"
    return (
        f"The board voted on: {decision.wording}\n"
        f"- {decision.votes_for} said yes\n- {decision.votes_against} said no\n"
        f"- {decision.abstentions} did not vote\n\nThe answer is {said}."
    )


def _action_words(action) -> str:
    when = easy_date(action.due_on, with_year=True)
    return f"{action.owner.display_name} will {action.what.rstrip('.')}. By {when}."


def _minutes_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
    before = previous_meeting(meeting)
    if before is None or before.status not in (
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_APPROVED,
    ):
        return [
            GeneratedPaper(
                "Minutes of the last meeting",
                [
                    PartSpec(
                        "", "There are no minutes to agree this time.", "coop/pictures/letter.svg"
                    )
                ],
                "There are no minutes to approve at this meeting.",
            )
        ]
    paper = minutes_paper(before, for_members=False)
    intro = PartSpec(
        "",
        f"These are the notes of the last meeting, on "
        f"{easy_date(before.starts_at, with_year=True)}.\n"
        "Please check they are right. Then we agree them.",
        "coop/pictures/letter.svg",
    )
    return [GeneratedPaper(paper.title, [intro, *paper.parts], paper.standard_text)]


# --- Actions from last time ----------------------------------------------------------------


def _actions_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
    actions = list(open_actions_before(meeting))
    if not actions:
        return [
            GeneratedPaper(
                "Actions from last time",
                [PartSpec("", "All the actions are done.", "coop/pictures/safe.svg")],
                "There are no open actions.",
            )
        ]
    today = timezone.localdate()
    parts = [
        PartSpec(
            "",
            f"There {'is 1 thing' if len(actions) == 1 else f'are {len(actions)} things'} "
            "people said they would do.\nWe check each one.",
            "coop/pictures/safe.svg",
        )
    ]
    standard = ["| What | Who | By | From meeting |"]
    for action in actions:
        late = " This is late." if action.due_on < today else ""
        parts.append(
            PartSpec(
                action.owner.display_name,
                f"{action.what}\n\nBy {easy_date(action.due_on, with_year=True)}.{late}",
                "coop/pictures/clock.svg",
            )
        )
        standard.append(
            f"- {action.what} ({action.owner.display_name}, due {action.due_on:%d %B %Y}, "
            f"from {action.meeting.title})"
        )
    return [GeneratedPaper("Actions from last time", parts, "\n".join(standard[1:]))]


# --- How our activities went (events) ------------------------------------------------------


def _activities_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
    numbers = activity_summary(start=since, end=meeting.starts_at)
    faces = numbers["faces"]
    parts = [
        PartSpec(
            "Activities",
            f"Since {easy_date(since, with_year=True)} we had {numbers['activities_held']} "
            f"{'activity' if numbers['activities_held'] == 1 else 'activities'}.\n"
            f"{_people(numbers['attended'])} came.\n"
            f"{_people(numbers['no_shows'])} booked and did not come.",
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
    standard = [
        f"# Activities from {since:%d %B %Y} to {meeting.starts_at:%d %B %Y}",
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
        activity = evaluation.activity
        lines = [f"{_people(evaluation.came)} came. {_people(evaluation.no_shows)} did not come."]
        if evaluation.went_well.strip():
            lines.append(f"Went well: {evaluation.went_well.strip()}")
        if evaluation.went_badly.strip():
            lines.append(f"Did not go well: {evaluation.went_badly.strip()}")
        if evaluation.incident_for_board and evaluation.incidents.strip():
            lines.append(
                f"Something happened the board should know: {evaluation.incidents.strip()}"
            )
        parts.append(
            PartSpec(
                f"{activity.title}, {easy_date(activity.starts_at)}",
                "\n\n".join(lines),
                activity.picture if activity.picture in PAPER_PICTURES else "",
            )
        )
        standard.append(f"- {activity.title} ({activity.starts_at:%d %B}): " + " ".join(lines))
    return [GeneratedPaper("How our activities went", parts, "\n".join(standard))]


# --- Money (finance) -----------------------------------------------------------------------


def _money_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
    current = Quarter.current()
    last = (
        Quarter(current.year - 1, 4)
        if current.number == 1
        else Quarter(current.year, current.number - 1)
    )
    figures = quarter_figures(last)
    owed = (
        SittingFee.objects.filter(status=SittingFee.Status.OWED).aggregate(
            total=Sum("amount_pence")
        )["total"]
        or 0
    )
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
    standard = [
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
    return [GeneratedPaper("Money", parts, "\n".join(standard))]


register_source("minutes", _minutes_source)
register_source("actions", _actions_source)
register_source("activities", _activities_source)
register_source("money", _money_source)
