"""Members' ideas for activities: suggest one, say "I would like to go", and (organisers
and the board) say what happens with a reason in easy words."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from coop.once import once_or_error
from events import selectors, services
from events.after_forms import SuggestionDecideForm, SuggestionForm
from events.models import Suggestion
from events.permissions import can_decide_suggestions, can_see_suggestions, can_suggest
from members.models import Member
from members.views.common import helped_members, role_required, speaks_for


def _speaks_for_or_403(request: HttpRequest) -> Member:
    member = speaks_for(request)
    if member is None:
        raise PermissionDenied
    return member


@role_required(can_see_suggestions)
def suggestions(request: HttpRequest) -> HttpResponse:
    helped = helped_members(request)
    member = speaks_for(request) or (helped[0] if helped else None)
    return render(
        request,
        "events/suggestions.html",
        {
            "suggestions": selectors.suggestion_list(request.user, member=member),
            "member": member,
            "who": member.called if helped and member else "",
            "helped": helped,
            "can_suggest": member is not None,
            "can_decide": can_decide_suggestions(request.user),
        },
    )


@role_required(can_suggest)
@require_http_methods(["GET", "POST"])
def suggestion_new(request: HttpRequest) -> HttpResponse:
    member = _speaks_for_or_403(request)
    who = member.named_for(request.user.pk)
    form = SuggestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            services.suggestion_create(member=member, actor=request.user, **form.cleaned_data)
            thanks = f"Thank you for {who}'s idea." if who else "Thank you for your idea."
            messages.success(request, f"{thanks} Other members can see it now.")
            return reverse("suggestions") + (f"?member={member.pk}" if who else "")

        if done := once_or_error(request, form, create):
            return done
    return render(
        request, "events/suggestion_form.html", {"form": form, "who": who, "member": member}
    )


@role_required(can_suggest)
@require_POST
def suggestion_interest(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion, pk=pk)
    member = _speaks_for_or_403(request)
    who = member.named_for(request.user.pk)
    try:
        services.suggestion_interest_add(suggestion=suggestion, member=member, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Thank you. We know {who or 'you'} would like to go: {suggestion.what}."
        )
    return redirect(reverse("suggestions") + (f"?member={member.pk}" if who else ""))


@role_required(can_decide_suggestions)
@require_http_methods(["GET", "POST"])
def suggestion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(selectors.suggestions_counted(), pk=pk)
    initial = {"status": suggestion.status, "reason": suggestion.reason}
    form = SuggestionDecideForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_decide(
                suggestion=suggestion, actor=request.user, **form.cleaned_data
            )
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Saved. The member can see what happens and why.")
            return redirect("suggestions")
    return render(
        request, "events/suggestion_decide.html", {"suggestion": suggestion, "form": form}
    )
