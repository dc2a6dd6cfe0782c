"""A member changes how we contact them, what helps them, and photos."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from members import permissions, selectors, services
from members.join_forms import AccessForm, ContactOrderForm, PhotosForm
from members.views.common import role_required


def _edit(request: HttpRequest, *, form, title: str, template: str, changes) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    if request.method == "POST" and form.is_valid():
        services.member_update(member=member, actor=request.user, changes=changes(form))
        messages.success(request, "Thank you. We saved your changes.")
        return redirect("me")
    return render(request, template, {"form": form, "title": title, "member": member})


@role_required(permissions.is_member)
@require_http_methods(["GET", "POST"])
def my_contact(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    ways = member.contact_preferences + ["", ""]
    initial = {"first": ways[0], "second": ways[1], "third": ways[2]}
    form = ContactOrderForm(
        request.POST if request.method == "POST" else None, initial=initial, member=member
    )
    return _edit(
        request,
        form=form,
        title="How should we contact you?",
        template="members/my_contact.html",
        changes=lambda f: {"contact_preferences": f.cleaned_data["ways"]},
    )


@role_required(permissions.is_member)
@require_http_methods(["GET", "POST"])
def my_access(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    form = AccessForm(
        request.POST if request.method == "POST" else None,
        initial={
            "access_needs": member.access_needs,
            "access_needs_other": member.access_needs_other,
        },
    )
    return _edit(
        request,
        form=form,
        title="What helps you?",
        template="members/my_edit.html",
        changes=lambda f: {
            "access_needs": f.cleaned_data["access_needs"],
            "access_needs_other": f.cleaned_data["access_needs_other"],
        },
    )


@role_required(permissions.is_member)
@require_http_methods(["GET", "POST"])
def my_photos(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    form = PhotosForm(
        request.POST if request.method == "POST" else None,
        initial={"photo_consent": "yes" if member.photo_consent else "no"},
    )
    return _edit(
        request,
        form=form,
        title="Can we take photos of you at activities?",
        template="members/my_edit.html",
        changes=lambda f: {"photo_consent": f.cleaned_data["photo_consent"]},
    )
