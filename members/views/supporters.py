"""A member's supporters: invite one (one question a page), see them, remove them; the
supporter accepts or steps back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from coop.once import once_or_error
from coop.wizard import CheckAnswersForm, OneQuestionWizard
from members import permissions, selectors, services
from members.forms import (
    StaffSupporterForm,
    SupporterCopiesForm,
    SupporterEmailForm,
    SupporterNameForm,
    SupporterRelationshipForm,
)
from members.models import Member, SupportLink
from members.views.common import role_required


@role_required(permissions.is_member)
def my_supporters(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    return render(request, "members/my_supporters.html", {"links": selectors.supporters_of(member)})


class InviteSupporterWizard(OneQuestionWizard):
    form_list = [
        ("name", SupporterNameForm),
        ("email", SupporterEmailForm),
        ("relationship", SupporterRelationshipForm),
        ("copies", SupporterCopiesForm),
        ("check", CheckAnswersForm),
    ]
    questions = {
        "name": "What is your supporter's name?",
        "email": "What is their email address?",
        "relationship": "Who are they?",
        "copies": "Should they get a copy of your reminders?",
    }
    hints = {
        "email": "We send them an email. They press a link to say yes.",
        "copies": "Reminders are the messages we send before an activity.",
    }
    submit_text = "Invite my supporter"
    cancel_url_name = "my-supporters"

    def done(self, form_list, **kwargs) -> HttpResponse:
        data = self.get_all_cleaned_data()
        member = selectors.member_for_user(self.request.user)
        try:
            link = services.support_invite(
                member=member,
                actor=self.request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                relationship=data["relationship"],
                wants_copies=data["wants_copies"],
            )
        except CoopError as error:
            messages.error(self.request, error.message)
            return redirect("my-supporters")
        return render(self.request, "members/supporter_invited.html", {"link": link})


@role_required(permissions.is_member)
@require_http_methods(["GET", "POST"])
def remove_supporter(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    link = get_object_or_404(SupportLink, pk=pk, member=member, withdrawn_at__isnull=True)
    if request.method == "POST":
        services.support_withdraw(link=link, actor=request.user, reason="member removed")
        messages.success(request, f"{link.supporter} cannot help you here any more.")
        return redirect("my-supporters")
    return render(request, "members/remove_supporter.html", {"link": link})


@login_required
def support_invitations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/support_invitations.html",
        {"invitations": selectors.support_invitations_for(request.user)},
    )


@login_required
@require_POST
def support_accept(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(SupportLink, pk=pk, supporter=request.user)
    try:
        services.support_accept(link=link, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
        return redirect("support-invitations")
    messages.success(request, f"Thank you. You can now help {link.member.display_name}.")
    return redirect("supporter-home")


@login_required
@require_http_methods(["GET", "POST"])
def support_step_back(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(SupportLink, pk=pk, supporter=request.user, withdrawn_at__isnull=True)
    if request.method == "POST":
        services.support_withdraw(link=link, actor=request.user, reason="supporter stepped back")
        messages.success(request, f"You no longer help {link.member.display_name} here.")
        return redirect("home")
    return render(request, "members/support_step_back.html", {"link": link})


invite_supporter = role_required(permissions.is_member)(InviteSupporterWizard.as_view())


@role_required(permissions.can_add_member)
@require_http_methods(["GET", "POST"])
def staff_link_supporter(request: HttpRequest, pk: int) -> HttpResponse:
    """An organiser or administrator invites a supporter for a member, having heard the
    member agree. The supporter still says yes themselves."""
    member = get_object_or_404(Member, pk=pk)
    form = StaffSupporterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def invite() -> str:
            services.support_invite(
                member=member,
                actor=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                relationship=data["relationship"],
            )
            messages.success(request, f"We emailed {data['first_name']} to ask them.")
            return reverse("member-detail", args=[member.pk])

        if done := once_or_error(request, form, invite):
            return done
    return render(request, "members/staff_link_supporter.html", {"member": member, "form": form})


@role_required(permissions.can_add_member)
@require_POST
def staff_remove_supporter(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    link = get_object_or_404(SupportLink, pk=link_pk, member_id=pk)
    services.support_withdraw(link=link, actor=request.user, reason="removed by staff")
    messages.success(request, f"{link.supporter} no longer supports this member.")
    return redirect("member-detail", pk=pk)
