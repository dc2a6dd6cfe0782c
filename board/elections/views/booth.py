"""The voting booth: one question a screen ("Who is your first choice?", then second, …,
"No more choices"), check your vote, send it, and see your receipt code.

The steps depend on the election (one per candidate for a ranked vote), so the wizard's
form list is built for each request from the people standing.
"""

from collections import OrderedDict
from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.storage.cookie import CookieStorage

from board.elections import permissions, selectors, services
from board.elections.forms import NO_MORE, ChooseForm, RankForm, ordinal
from board.elections.models import Election
from board.elections.views.common import election_for
from board.elections.views.pages import with_pictures
from board.elections.vote_words import PICTURES_LINE, how_your_vote_counts
from coop.errors import CoopError
from coop.wizard import CheckAnswersForm, OneQuestionWizard
from members.selectors import member_for_user
from members.views.common import role_required


class BallotCookieStorage(CookieStorage):
    """The booth's answers so far are kept in the voter's own browser, in a signed,
    HttpOnly cookie for the booth's address, and never in the database (the session
    is a database row): a vote half made is nowhere a database reader could see it, and
    the cookie goes when the vote is sent."""

    def update_response(self, response: HttpResponse) -> None:
        BaseStorage.update_response(self, response)
        path = self.request.path
        if self.data and (self.data.get(self.step_key) or self.data.get(self.step_data_key)):
            response.set_signed_cookie(
                self.prefix,
                self.encoder.encode(self.data),
                path=path,
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        else:
            response.delete_cookie(self.prefix, path=path, samesite="Lax")


def _rank_needed(rank: int, wizard: "BoothWizard") -> bool:
    """Ask for choice `rank` only while every earlier answer named a person."""
    for earlier in range(1, rank):
        data = wizard.get_cleaned_data_for_step(f"rank{earlier}") or {}
        if data.get("choice") in (None, NO_MORE):
            return False
    return True


class BoothWizard(OneQuestionWizard):
    storage_name = "board.elections.views.booth.BallotCookieStorage"
    # Replaced in dispatch() by the steps this election needs.
    form_list = [("check", CheckAnswersForm)]
    template_name = "board/booth_step.html"
    check_heading = "Check your vote"
    submit_text = "Send my vote"
    cancel_url_name = "election-list"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.election: Election = election_for(request, kwargs["pk"])
        self.member = member_for_user(request.user)
        problem = self._cannot_vote()
        if problem:
            return render(
                request, "board/booth_closed.html", {"election": self.election, "problem": problem}
            )
        self.candidates = with_pictures(selectors.candidates_on_ballot(self.election))
        steps: OrderedDict[str, type[forms.Form]] = OrderedDict()
        conditions: dict[str, Any] = {}
        if self.election.is_ranked:
            for rank in range(1, len(self.candidates) + 1):
                steps[f"rank{rank}"] = RankForm
                if rank > 1:
                    conditions[f"rank{rank}"] = partial(_rank_needed, rank)
        elif self.election.seats == 1:
            steps["rank1"] = RankForm
        else:
            steps["choices"] = ChooseForm
        steps["check"] = CheckAnswersForm
        self.form_list = steps
        self.condition_dict = conditions
        return super().dispatch(request, *args, **kwargs)

    def _cannot_vote(self) -> str:
        election = self.election
        if not selectors.voting_open(election):
            return "Voting is not open in this election now."
        state = selectors.voter_state(election, self.member)
        if not state.is_elector:
            return (
                "You are not on the list of voters for this election. "
                "Please call us if you think this is wrong."
            )
        if state.has_voted:
            return services.ALREADY_VOTED
        return ""

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        return f"booth_{kwargs['pk']}"

    def _chosen_before(self, rank: int) -> set[str]:
        chosen = set()
        for earlier in range(1, rank):
            choice = (self.get_cleaned_data_for_step(f"rank{earlier}") or {}).get("choice")
            if choice and choice != NO_MORE:
                chosen.add(choice)
        return chosen

    def _question(self, step: str) -> str:
        if step == "choices":
            return f"Who do you vote for? Choose up to {self.election.seats} people."
        if not self.election.is_ranked:
            return "Who do you vote for?"
        return f"Who is your {ordinal(int(step.removeprefix('rank')))} choice?"

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        if step == "choices":
            return {"candidates": self.candidates, "seats": self.election.seats}
        if step and step.startswith("rank"):
            rank = int(step.removeprefix("rank"))
            chosen = self._chosen_before(rank)
            return {
                "candidates": [c for c in self.candidates if str(c.pk) not in chosen],
                "allow_none": rank > 1,
                "label": self._question(step),
            }
        return {}

    def get_context_data(self, form: forms.Form, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context["election"] = self.election
        if not context["is_check"]:
            context["question"] = self._question(step)
            context["hint"] = self._hint(step)
            context["options"] = self._options(form)
            if step in ("rank1", "choices"):
                context["how_it_counts"] = [*how_your_vote_counts(self.election), PICTURES_LINE]
        return context

    def _hint(self, step: str) -> str:
        if step == "choices":
            return "Tick the people you want on the board."
        if step == "rank1":
            return "Choose 1 person."
        return "Choose 1 more person, or choose No more choices."

    def _options(self, form: forms.Form) -> list[dict[str, Any]]:
        """Each radio or checkbox with the candidate's picture and statement beside it."""
        field_name = "choices" if isinstance(form, ChooseForm) else "choice"
        by_id = {str(c.pk): c for c in self.candidates}
        return [
            {"widget": widget, "candidate": by_id.get(str(widget.data["value"]))}
            for widget in form[field_name]
        ]

    def _ranking(self, form_dict: dict[str, forms.Form]) -> list[int]:
        if "choices" in form_dict:
            return [int(pk) for pk in form_dict["choices"].cleaned_data["choices"]]
        ranking = []
        for step, form in form_dict.items():
            if step.startswith("rank"):
                choice = form.cleaned_data["choice"]
                if choice == NO_MORE:
                    break
                ranking.append(int(choice))
        return ranking

    def answers(self) -> list[dict[str, Any]]:
        names = {str(c.pk): c.name for c in self.candidates}
        rows = []
        for step in self.get_form_list():
            if step == "choices":
                chosen = (self.get_cleaned_data_for_step(step) or {}).get("choices", [])
                rows.append(
                    {
                        "step": step,
                        "question": "Your choices",
                        "answer": ", ".join(names.get(pk, "") for pk in chosen),
                    }
                )
            elif step.startswith("rank"):
                choice = (self.get_cleaned_data_for_step(step) or {}).get("choice")
                if choice == NO_MORE:
                    break
                rank = int(step.removeprefix("rank"))
                question = (
                    f"Your {ordinal(rank)} choice" if self.election.is_ranked else "Your vote"
                )
                rows.append({"step": step, "question": question, "answer": names.get(choice, "")})
        return rows

    def done(self, form_list: Any, form_dict: dict[str, forms.Form], **kwargs: Any) -> HttpResponse:
        try:
            receipt = services.ballot_cast(
                election=self.election,
                member=self.member,
                ranking=self._ranking(form_dict),
                actor=self.request.user,
            )
        except CoopError as error:
            messages.error(self.request, error.message)
            return redirect("election-detail", pk=self.election.pk)
        # The receipt is shown once, here, and stored nowhere that links it to the voter.
        response = render(
            self.request, "board/booth_done.html", {"election": self.election, "receipt": receipt}
        )
        response["Cache-Control"] = "no-store"
        return response


election_vote = role_required(permissions.can_vote)(BoothWizard.as_view())
