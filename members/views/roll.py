"""The membership roll for organisers and administrators: search, a member's page with
history, status moves, adding a member who applied on paper or by phone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coop.audit import audit_trail
from coop.errors import CoopError
from coop.once import once
from coop.paging import page_of
from members import permissions, selectors, services
from members.forms import MemberMoveForm, MemberSearchForm, StaffMemberForm
from members.models import STAFF_NOTES_NOTICE, Member
from members.register import register_csv, register_pdf
from members.views.common import role_required

# A federation has thousands of members: a page of them at a time.
MEMBERS_PER_PAGE = 50


@role_required(permissions.can_see_member_list)
def member_list(request: HttpRequest) -> HttpResponse:
    form = MemberSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    members = selectors.member_search(
        q=filters.get("q", ""),
        branch=filters.get("branch"),
        status=filters.get("status", ""),
        access_need=filters.get("access_need", ""),
        not_agreed=filters.get("not_agreed", False),
    )
    page, query = page_of(request, members, MEMBERS_PER_PAGE)
    return render(
        request,
        "members/member_list.html",
        {
            "form": form,
            "members": page.object_list,
            "page": page,
            "query": query,
            "can_add": permissions.can_add_member(request.user),
        },
    )


@role_required(permissions.can_see_member_list)
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.select_related("branch", "user"), pk=pk)
    user = request.user
    history = selectors.member_history(member) if permissions.can_see_member_history(user) else []
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "supporters": selectors.supporters_of(member),
            "has_agreed": selectors.member_has_agreed_current_guidelines(member),
            "moves": [
                (key, services.MOVES[key].words)
                for key in services.moves_from(member.status)
                if permissions.can_move_member(user, key)
            ],
            "show_notes": permissions.can_see_staff_notes(user),
            "staff_notes_notice": STAFF_NOTES_NOTICE,
            "can_erase": permissions.can_erase_member(user),
            "can_manage_supporters": permissions.can_add_member(user),
            # The paper well-being questions an organiser types in (the wellbeing app).
            "can_type_in_paper": permissions.is_organiser(user)
            and member.status == Member.Status.ACTIVE,
            "changes": history,
            "audit": audit_trail(member)[:30] if permissions.can_see_member_history(user) else [],
        },
    )


@role_required(permissions.can_see_member_list)
@require_http_methods(["GET", "POST"])
def member_move(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk)
    if move not in services.MOVES or not permissions.can_move_member(request.user, move):
        raise PermissionDenied
    title = services.MOVES[move].words
    form = MemberMoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_move(
                move=move, member=member, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except CoopError as error:
            form.add_error("reason" if move == "suspend" else None, error.message)
        else:
            messages.success(request, f"Done: {title.lower()} for {member.display_name}.")
            return redirect("member-detail", pk=member.pk)
    return render(
        request,
        "members/member_move.html",
        {
            "member": member,
            "form": form,
            "title": title,
            "move": move,
        },
    )


@role_required(permissions.can_add_member)
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest) -> HttpResponse:
    form = StaffMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():

        def add() -> str:
            data = dict(form.cleaned_data)
            member = services.member_add(
                actor=request.user,
                branch=data.pop("branch"),
                first_name=data.pop("first_name"),
                last_name=data.pop("last_name"),
                **data,
            )
            messages.success(request, f"{member.display_name} is on the roll as an application.")
            return reverse("member-detail", args=[member.pk])

        return redirect(once(request, form, add))
    return render(request, "members/member_add.html", {"form": form})


@role_required(permissions.can_see_register)
def register(request: HttpRequest) -> HttpResponse:
    return render(request, "members/register.html", {"members": selectors.register_rows()})


@role_required(permissions.can_see_register)
def register_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "pdf"):
        raise Http404
    members = list(selectors.register_rows())
    if fmt == "csv":
        response = HttpResponse(register_csv(members), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(register_pdf(members), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="register-of-members.{fmt}"'
    return response
