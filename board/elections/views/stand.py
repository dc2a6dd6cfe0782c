"""Stand for the board: one question a page (statement, photo or picture, seconder), then
check your answers with advice on making the statement easy to read."""

import os
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from board.elections import permissions, selectors, services
from board.elections.forms import (
    PhotoForm,
    PictureForm,
    PictureKindForm,
    SeconderForm,
    StatementForm,
)
from board.elections.models import Candidate, Election
from board.elections.pictures import CANDIDATE_PICTURES
from board.elections.views.common import election_for
from coop.easyread import easy_read_problems
from coop.errors import CoopError
from coop.wizard import CheckAnswersForm, OneQuestionWizard
from members.selectors import member_for_user
from members.views.common import role_required


class UploadsInProgress(FileSystemStorage):
    """Where a photo waits between the wizard's pages; emptied when the wizard ends."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return os.path.join(settings.MEDIA_ROOT, "uploads-in-progress")


def _wants(kind: str):
    def condition(wizard: "StandWizard") -> bool:
        return (wizard.get_cleaned_data_for_step("picture_kind") or {}).get("kind") == kind

    return condition


class StandWizard(OneQuestionWizard):
    form_list = [
        ("statement", StatementForm),
        ("picture_kind", PictureKindForm),
        ("photo", PhotoForm),
        ("picture", PictureForm),
        ("seconder", SeconderForm),
        ("check", CheckAnswersForm),
    ]
    condition_dict = {"photo": _wants("photo"), "picture": _wants("picture")}
    questions = {
        "statement": "What do you want to tell members about you?",
        "picture_kind": "Do you want a photo or a picture?",
        "photo": "Choose your photo",
        "picture": "Choose your picture",
        "seconder": "Who is your seconder?",
    }
    hints = {
        "statement": "Say who you are and what you would do on the board. "
        "Use short sentences. Someone can help you write it.",
        "picture_kind": "Members see it next to your name on the ballot.",
        "photo": "A JPG, PNG or WEBP file, under 5 MB.",
        "picture": "Members see it next to your name.",
        "seconder": "A seconder is a member who supports you. You do not need one.",
    }
    check_heading = "Check your answers"
    submit_text = "Send my nomination"
    cancel_url_name = "election-list"
    template_name = "board/stand_step.html"
    file_storage = UploadsInProgress()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.election: Election = election_for(request, kwargs["pk"])
        self.member = member_for_user(request.user)
        # A fresh storage each time, so a changed MEDIA_ROOT (tests) is used.
        self.file_storage = UploadsInProgress()
        problem = self._cannot_stand()
        if problem:
            return render(
                request,
                "board/stand_closed.html",
                {"election": self.election, "problem": problem},
            )
        return super().dispatch(request, *args, **kwargs)

    def _cannot_stand(self) -> str:
        election = self.election
        if not selectors.taking_nominations(election):
            return "This election is not taking nominations now."
        if self.member is None or self.member.status != self.member.Status.ACTIVE:
            return "Only active members can stand for the board."
        mine = selectors.candidate_for(election, self.member)
        if mine is not None and mine.status != Candidate.Status.WITHDRAWN:
            return "You have already sent your nomination for this election."
        return ""

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        return f"stand_{kwargs['pk']}"

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        if step == "seconder":
            return {"member": self.member}
        return {}

    def get_context_data(self, form: forms.Form, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context["election"] = self.election
        context["step"] = step
        if step == "picture":
            context["pictures"] = [
                {"value": path, "alt": alt, "url": static(path)}
                for path, alt in CANDIDATE_PICTURES.items()
            ]
        if context["is_check"]:
            statement = self._answer("statement") or ""
            context["advice"] = easy_read_problems(statement)
            context["statement"] = statement
        return context

    def _answer(self, step: str) -> Any:
        """A step's answer, or None when the step is skipped or not answered yet."""
        if step not in self.get_form_list():
            return None
        return (self.get_cleaned_data_for_step(step) or {}).get(step)

    def answers(self) -> list[dict[str, Any]]:
        rows = []
        statement = self._answer("statement") or ""
        rows.append({"step": "statement", "question": "What you tell members", "answer": statement})
        photo = self._answer("photo")
        picture = self._answer("picture")
        if photo is not None:
            rows.append({"step": "picture_kind", "question": "Your photo", "answer": photo.name})
        elif picture:
            rows.append(
                {
                    "step": "picture_kind",
                    "question": "Your picture",
                    "answer": CANDIDATE_PICTURES.get(picture, ""),
                    "picture": static(picture),
                }
            )
        seconder = self._answer("seconder")
        rows.append(
            {
                "step": "seconder",
                "question": "Your seconder",
                "answer": seconder.display_name if seconder else "No seconder",
            }
        )
        return rows

    def done(self, form_list: Any, form_dict: dict[str, forms.Form], **kwargs: Any) -> HttpResponse:
        photo = form_dict["photo"].cleaned_data["photo"] if "photo" in form_dict else None
        picture = form_dict["picture"].cleaned_data["picture"] if "picture" in form_dict else ""
        try:
            candidate = services.candidate_nominate(
                election=self.election,
                member=self.member,
                actor=self.request.user,
                statement=form_dict["statement"].cleaned_data["statement"],
                picture=picture,
                photo=photo,
                seconder=form_dict["seconder"].cleaned_data["seconder"],
            )
        except CoopError as error:
            messages.error(self.request, error.message)
            return redirect("election-detail", pk=self.election.pk)
        return render(
            self.request,
            "board/stand_done.html",
            {"election": self.election, "candidate": candidate},
        )


election_stand = role_required(permissions.can_stand)(StandWizard.as_view())
