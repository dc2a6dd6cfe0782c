"""The minutes drawn from a meeting's record (who came, each item's notes, decisions and
actions), and the two papers made from the record for the next meeting: the minutes of the
last meeting and the actions from last time."""

import datetime as dt

from django.utils import timezone

from board.meetings.models import Action, AgendaItem, Attendance, Decision, Meeting
from board.meetings.papers.generated import GeneratedPaper, PartSpec, people
from board.meetings.selectors import open_actions_before, previous_meeting
from coop.dates import easy_date

__all__ = ["actions_source", "minutes_paper", "minutes_source"]


def minutes_paper(meeting: Meeting, *, for_members: bool) -> GeneratedPaper:
    """The minutes drawn from the meeting record: who came, each item, decisions, actions.
    For members, a confidential item shows only its title."""
    when = f"{easy_date(meeting.starts_at, with_year=True)}"
    came_part, standard = _attendance_minutes(meeting, when)
    parts = [came_part]
    decisions = list(meeting.decisions.select_related("item"))
    actions = list(meeting.actions.select_related("owner", "item"))
    for number, item in enumerate(meeting.items.all(), start=1):
        private = item.confidential and for_members
        part, lines = _item_minutes(f"{number}. {item.title}", item, decisions, actions, private)
        parts.append(part)
        standard += lines
    loose_decisions = [d for d in decisions if d.item_id is None]
    loose_actions = [a for a in actions if a.item_id is None]
    if loose_decisions or loose_actions:
        lines = [_decision_words(d) for d in loose_decisions]
        lines += [_action_words(a) for a in loose_actions]
        parts.append(PartSpec("Other things", "\n\n".join(lines), "coop/pictures/safe.svg"))
        standard += ["", "# Other things"]
        standard += [_decision_line(d) for d in loose_decisions]
        standard += [_action_line(a) for a in loose_actions]
    return GeneratedPaper(
        title=f"Minutes: {meeting.title}", parts=parts, standard_text="\n".join(standard)
    )


def _attendance_minutes(meeting: Meeting, when: str) -> tuple[PartSpec, list[str]]:
    """Who came, who sent apologies and who did not come: the easy-read part, and the
    opening lines of the standard minutes."""
    attendance = list(meeting.attendance.select_related("member"))

    def named(status: str) -> list[str]:
        return [a.member.display_name for a in attendance if a.status == status]

    came = named(Attendance.Status.PRESENT)
    apologies = named(Attendance.Status.APOLOGIES)
    absent = named(Attendance.Status.ABSENT)
    part = PartSpec(
        "Who came",
        f"The board met on {when}.\n"
        + (
            f"{people(len(came))} came:\n" + "\n".join(f"- {n}" for n in came)
            if came
            else "Nobody was marked as coming."
        )
        + ("\n\nSent apologies:\n" + "\n".join(f"- {n}" for n in apologies) if apologies else "")
        + ("\n\nDid not come:\n" + "\n".join(f"- {n}" for n in absent) if absent else ""),
        "coop/pictures/people.svg",
    )
    standard = [f"# Minutes: {meeting.title}", f"Held on {when}."]
    standard += ["Present: " + (", ".join(came) or "none recorded") + "."]
    if apologies:
        standard.append("Apologies: " + ", ".join(apologies) + ".")
    if absent:
        standard.append("Absent: " + ", ".join(absent) + ".")
    return part, standard


def _item_minutes(
    heading: str,
    item: AgendaItem,
    decisions: list[Decision],
    actions: list[Action],
    private: bool,
) -> tuple[PartSpec, list[str]]:
    """One agenda item in the minutes: its notes, decisions and actions (only its title
    when it was talked about in private)."""
    if private:
        return (
            PartSpec(heading, "The board talked about this in private."),
            ["", f"# {heading}", "Discussed in private."],
        )
    lines = [item.notes.strip() or "Nothing was written down."]
    standard = ["", f"# {heading}", item.notes.strip() or "No notes."]
    for decision in (d for d in decisions if d.item_id == item.pk):
        lines.append(_decision_words(decision))
        standard.append(_decision_line(decision))
    for action in (a for a in actions if a.item_id == item.pk):
        lines.append(_action_words(action))
        standard.append(_action_line(action))
    return PartSpec(heading, "\n\n".join(lines)), standard


def _decision_line(decision: Decision) -> str:
    return f"Decision: {decision.wording} ({_decision_count(decision)})."


def _action_line(action: Action) -> str:
    return f"Action: {action.what} ({action.owner.display_name}, by {action.due_on:%d %B %Y})."


def _decision_count(decision: Decision) -> str:
    if decision.outcome == decision.Outcome.AGREED:
        return "agreed"
    result = "carried" if decision.carried else "not carried"
    return (
        f"{decision.votes_for} for, {decision.votes_against} against, "
        f"{decision.abstentions} abstained: {result}"
    )


def _decision_words(decision: Decision) -> str:
    if decision.outcome == decision.Outcome.AGREED:
        return f"The board agreed: {decision.wording}"
    said = "yes" if decision.carried else "no"
    return (
        f"The board voted on: {decision.wording}\n"
        f"- {decision.votes_for} said yes\n- {decision.votes_against} said no\n"
        f"- {decision.abstentions} did not vote\n\nThe answer is {said}."
    )


def _action_words(action: Action) -> str:
    when = easy_date(action.due_on, with_year=True)
    return f"{action.owner.display_name} will {action.what.rstrip('.')}. By {when}."


def minutes_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
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


def actions_source(meeting: Meeting, since: dt.datetime) -> list[GeneratedPaper]:
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
