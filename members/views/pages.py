from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from coop import home_panels
from coop.errors import CoopError
from coop.models import AuditEntry
from members import auth_cache, permissions, selectors, services
from members.context_processors import HOME_URL_NAMES
from members.forms import (
    GuidelinesAgreeForm,
    RoleChangeForm,
    SignInForm,
    SignInLinkRequestForm,
)
from members.models import Member, Role
from members.outbox import work
from members.outbox.today import today_work
from members.views.common import no_role_page, role_required


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home.html")
    roles = selectors.user_roles(request.user)
    if roles:
        return redirect(HOME_URL_NAMES[roles[0]])
    return no_role_page(request)


class SignInView(LoginView):
    template_name = "registration/signin.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # LoginView sets site_name to the host name; every page shows the co-operative's.
        context["site_name"] = settings.SITE_NAME
        return context


class SignOutView(LogoutView):
    pass


@require_http_methods(["GET", "POST"])
def signin_link_request(request: HttpRequest) -> HttpResponse:
    form = SignInLinkRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.signin_link_email(email=form.cleaned_data["email"])
        return redirect("signin-link-sent")
    return render(request, "registration/link_request.html", {"form": form})


def signin_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/link_sent.html")


@require_http_methods(["GET", "POST"])
def signin_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only POST spends the link, because some email systems open
    every link in a message to check it, which would use the link up."""
    if request.method == "POST":
        try:
            user = services.signin_link_use(token=token)
        except CoopError as error:
            return render(
                request, "registration/link_failed.html", {"error": error.message}, status=410
            )
        login(request, user, backend=auth_cache.BACKEND)
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect("home")
    return render(request, "registration/link_confirm.html", {"next": request.GET.get("next", "")})


@role_required(permissions.is_member)
def me(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    return render(
        request,
        "members/me.html",
        {
            "member": member,
            "supporters": selectors.supporters_of(member),
            "has_agreed": selectors.member_has_agreed_current_guidelines(member),
            "guidelines": selectors.guidelines_current(),
            "panels": home_panels.panels_for("member", request.user),
        },
    )


@role_required(permissions.is_member)
@require_http_methods(["GET", "POST"])
def guidelines(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(request.user)
    current = selectors.guidelines_current()
    if current is None:
        raise PermissionDenied
    form = GuidelinesAgreeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.guidelines_agree(
            member=member,
            guidelines=current,
            actor=request.user,
            helped_by=form.cleaned_data["helped_by"],
        )
        messages.success(request, "Thank you. You agreed the guidelines.")
        return redirect("me")
    return render(
        request,
        "members/guidelines.html",
        {
            "guidelines": current,
            "form": form,
            "has_agreed": selectors.member_has_agreed_current_guidelines(member),
        },
    )


@role_required(permissions.is_supporter)
def supporter_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/supporter_home.html",
        {
            "links": selectors.support_links_of(request.user),
            "invitations": selectors.support_invitations_for(request.user),
            "panels": home_panels.panels_for("supporter", request.user),
        },
    )


@role_required(permissions.can_see_member_list)
def organiser_home(request: HttpRequest) -> HttpResponse:
    """What waits for the organiser today; the full lists are a link away."""
    return render(
        request,
        "members/organiser_home.html",
        {
            "members_count": selectors.member_list().count(),
            "messages_to_do": work.to_do_count(),
            "no_postal_address": len(work.members_without_postal_address()),
            "panels": home_panels.panels_for("organiser", request.user),
            "waiting": _organiser_waiting(request.user),
        },
    )


def _organiser_waiting(user) -> list[home_panels.Panel]:
    """What waits for the organiser, each a line with a count and a link to where it is
    done: applications to approve, today's calls to make, and the other apps' lines (the
    cash to take and give back)."""
    line = "components/waiting_line.html"
    return [
        home_panels.Panel(
            line,
            {
                "count": selectors.applications_waiting(),
                "url": reverse("member-list") + "?status=applied",
                "some": "Applications to approve",
                "none": "No applications to approve.",
            },
        ),
        home_panels.Panel(
            line,
            {
                "count": today_work(user).calls_count,
                "url": reverse("outbox") + "#calls-today",
                "some": "Calls to make today",
                "none": "No calls to make today.",
            },
        ),
        *home_panels.panels_for("organiser-waiting", user),
    ]


@role_required(permissions.can_see_member_list)
def signin_letter(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.select_related("user", "branch"), pk=pk)
    if not permissions.can_make_signin_letter(request.user, member):
        raise PermissionDenied
    _, token = services.signin_link_create(user=member.user, actor=request.user, channel="letter")
    from members.letters import signin_letter_pdf  # reportlab loads only when a letter is made

    pdf = signin_letter_pdf(member=member, url=services.signin_link_url(token))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="sign-in-letter-{member.membership_number}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


@role_required(permissions.is_board)
def board_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/board_home.html",
        {
            "board": selectors.users_with_role(Role.BOARD),
            "panels": home_panels.panels_for("board", request.user),
            "counts": selectors.member_counts_by_branch(),
            "guidelines": selectors.guidelines_current(),
        },
    )


@role_required(permissions.is_finance)
def finance_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/finance_home.html",
        {
            "waiting": home_panels.panels_for("finance", request.user),
            "counts": selectors.member_counts_by_branch(),
        },
    )


@role_required(permissions.is_returning_officer)
def returning_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/returning_home.html",
        {
            "counts": selectors.member_counts_by_branch(),
        },
    )


@role_required(permissions.is_evaluator)
def evaluator_home(request: HttpRequest) -> HttpResponse:
    """The evaluation lead's page: what the other apps give them to read (the well-being
    answers and report)."""
    return render(
        request,
        "members/evaluator_home.html",
        {"panels": home_panels.panels_for("evaluator", request.user)},
    )


@role_required(permissions.can_manage_roles)
@require_http_methods(["GET", "POST"])
def administrator_home(request: HttpRequest) -> HttpResponse:
    form = RoleChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user, role = form.cleaned_data["user"], form.cleaned_data["role"]
        if form.cleaned_data["action"] == "grant":
            services.role_grant(user=user, role=role, actor=request.user)
            messages.success(request, f"{user} is now {Role(role).label.lower()}.")
        else:
            services.role_revoke(user=user, role=role, actor=request.user)
            messages.success(request, f"{user} is no longer {Role(role).label.lower()}.")
        return redirect("administrator-home")
    return render(
        request,
        "members/administrator_home.html",
        {
            "form": form,
            "people": selectors.people_with_roles(),
            "counts": selectors.member_counts_by_branch(),
            "audit": AuditEntry.objects.select_related("actor")[:20],
        },
    )
