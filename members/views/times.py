"""The times that suit a member to come to activities: the member says them on their own
page; a supporter says them for the member they help."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coop.errors import CoopError
from members import permissions, selectors, services
from members.good_times import PICTURES
from members.models import Member
from members.times_forms import GoodTimesForm
from members.views.common import role_required


def _times_page(request: HttpRequest, member: Member, *, who: str, back: str) -> HttpResponse:
    form = GoodTimesForm(
        request.POST if request.method == "POST" else None,
        initial={"good_times": member.good_times},
        who=who,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_times_set(
                member=member, actor=request.user, times=form.cleaned_data["good_times"]
            )
        except CoopError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Thank you. We saved the times.")
            return redirect(back)
    choices = [(choice, *PICTURES[choice.data["value"]]) for choice in form["good_times"]]
    return render(
        request,
        "members/good_times.html",
        {"form": form, "choices": choices, "who": who, "back": back, "member": member},
    )


@role_required(permissions.is_member)
@require_http_methods(["GET", "POST"])
def my_times(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    return _times_page(request, member, who="", back="me")


@role_required(permissions.is_supporter)
@require_http_methods(["GET", "POST"])
def supporter_times(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.supported_members(request.user).filter(pk=pk).first()
    if member is None or member.status != Member.Status.ACTIVE:
        raise Http404  # not a member they help: as if it did not exist
    return _times_page(request, member, who=member.called, back="supporter-home")
