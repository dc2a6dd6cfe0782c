"""A member (or their supporter, with ?member=) asks the board to agree an activity, one
question a page; "your ideas" says in easy read what happened to each."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from coop.dates import easy_date
from coop.errors import CoopError
from coop.money import format_pence
from coop.wizard import CheckAnswersForm, OneQuestionWizard
from events import selectors, services
from events.models import ActivityLeader, Suggestion
from events.permissions import can_suggest
from events.proposal_forms import CostForm, LeadForm, WhatForm, WhenForm, WhereForm
from members.models import Member
from members.views.common import role_required, speaks_for


def _member_or_403(request: HttpRequest) -> Member:
    member = speaks_for(request)
    if member is None:
        raise PermissionDenied
    return member


def _for(member: Member, request: HttpRequest) -> str:
    return "" if member.user_id == request.user.pk else f"?member={member.pk}"


class ProposeWizard(OneQuestionWizard):
    form_list = [
        ("what", WhatForm),
        ("where", WhereForm),
        ("when", WhenForm),
        ("cost", CostForm),
        ("lead", LeadForm),
        ("check", CheckAnswersForm),
    ]
    cancel_url_name = "suggestions"
    check_heading = "Check your idea"

    @property
    def questions(self) -> dict[str, str]:
        who = self.member.named_for(self.request.user.pk)
        return {
            "what": f"What would {who} like to do?" if who else "What would you like to do?",
            "where": "Where is it?",
            "when": "Roughly when?",
            "cost": "How much do you think it costs?",
            "lead": f"Does {who} want to help lead it?" if who else "Do you want to help lead it?",
        }

    hints = {
        "what": "For example: a trip to the zoo.",
        "where": "Leave it empty if you do not know.",
        "when": "For example: in the summer, on a Saturday.",
        "cost": "Write it in pounds, like 12. Leave it empty if you do not know.",
        "lead": "An organiser helps you. You plan it together.",
    }

    @property
    def submit_text(self) -> str:
        return "Send my idea to the board"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.member = _member_or_403(request)
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs) -> str:
        return f"propose_{self.member.pk}"

    def answers(self) -> list[dict[str, Any]]:
        rows = super().answers()
        cost = (self.get_cleaned_data_for_step("cost") or {}).get("cost_guess_pence")
        for row in rows:
            if row["step"] == "cost" and cost is not None:
                row["answer"] = f"About {format_pence(cost)}"
        return rows

    def done(self, form_list, **kwargs) -> HttpResponse:
        data = self.get_all_cleaned_data()
        try:
            services.proposal_make(
                member=self.member,
                actor=self.request.user,
                what=data["what"],
                where=data.get("where", ""),
                when=data.get("when", ""),
                cost_guess_pence=data.get("cost_guess_pence"),
                wants_to_lead=data["wants_to_lead"],
            )
        except CoopError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, "Thank you. Your idea is with the board now.")
        return redirect(reverse("my-ideas") + _for(self.member, self.request))


propose = role_required(can_suggest)(ProposeWizard.as_view())


def idea_lines(idea: Suggestion, meets_at, leading: set[int], who: str = "") -> list[str]:
    """What happened to one idea, one short sentence a line."""
    if idea.status == Suggestion.Status.OPEN:
        return ["It is waiting for the next board meeting."]
    if idea.status == Suggestion.Status.AGENDA:
        if meets_at is None:
            return ["It is waiting for the next board meeting."]
        if meets_at > timezone.now():
            return [f"The board talks about it on {easy_date(meets_at)}."]
        return [f"The board met on {easy_date(meets_at)}.", "We will tell you the answer soon."]
    if idea.answer == "not_now":
        return ["The board said not now.", f"This is why: {idea.reason}"]
    lines = ["The board said yes."]
    if idea.answer == "changes":
        lines = ["The board said yes, with some changes.", f"The changes: {idea.changes}"]
    lines.append(f"This is why: {idea.reason}")
    if idea.activity_id in leading:
        lines.append(f"{who} is helping to lead it." if who else "You are helping to lead it.")
    return lines


@role_required(can_suggest)
def my_ideas(request: HttpRequest) -> HttpResponse:
    member = _member_or_403(request)
    ideas = list(
        selectors.suggestions_counted()
        .filter(member=member, to_board=True)
        .order_by("-created_at", "-id")
    )
    meets = services.proposal_meeting_times([i.pk for i in ideas])
    leading = set(
        ActivityLeader.objects.filter(member=member).values_list("activity_id", flat=True)
    )
    who = member.named_for(request.user.pk)
    rows = [{"idea": i, "lines": idea_lines(i, meets.get(i.pk), leading, who)} for i in ideas]
    return render(
        request,
        "events/my_ideas.html",
        {"rows": rows, "member": member, "who": who, "for_member": _for(member, request)},
    )
