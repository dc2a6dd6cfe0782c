"""Administrators publish a new version of the conduct guidelines; every member is then
asked to agree again before they book."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coop.once import once_or_error
from members import permissions, selectors, services
from members.forms import GuidelinesPointFormSet, GuidelinesTitleForm
from members.views.common import role_required

EMPTY_ROWS = 2


@role_required(permissions.can_publish_guidelines)
@require_http_methods(["GET", "POST"])
def guidelines_publish(request: HttpRequest) -> HttpResponse:
    current = selectors.guidelines_current()
    points = list(current.points) if current else []
    if request.method == "POST":
        title_form = GuidelinesTitleForm(request.POST)
        formset = GuidelinesPointFormSet(request.POST, prefix="point")
        if title_form.is_valid() and formset.is_valid():
            chosen = [
                {"text": f["text"].strip(), "picture": f["picture"], "alt": f["alt"].strip()}
                for f in formset.cleaned_data
                if f.get("text")
            ]
            if not chosen:
                title_form.add_error(None, "Please write at least 1 point.")
            else:

                def publish() -> str:
                    published = services.guidelines_publish(
                        title=title_form.cleaned_data["title"], points=chosen, actor=request.user
                    )
                    messages.success(
                        request,
                        f"Version {published.version} is published. "
                        "Members will be asked to agree it.",
                    )
                    return reverse("administrator-home")

                if done := once_or_error(request, title_form, publish):
                    return done
    else:
        title_form = GuidelinesTitleForm(initial={"title": current.title if current else ""})
        formset = GuidelinesPointFormSet(
            prefix="point", initial=points + [{} for _ in range(EMPTY_ROWS)]
        )
    return render(
        request,
        "members/guidelines_publish.html",
        {
            "title_form": title_form,
            "formset": formset,
            "current": current,
            "form": title_form if title_form.errors or formset.total_error_count() else None,
            "formset_forms": list(formset),
        },
    )
