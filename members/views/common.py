from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from members.models import Member
from members.permissions import is_former_member, is_member, not_a_former_member
from members.selectors import member_for_user, supported_members


def role_required(predicate: Callable) -> Callable:
    """Signed in, and the predicate holds; otherwise sign in, or 403 with no data. A former
    member is told why, in plain words."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not predicate(request.user):
                if is_former_member(request.user):
                    return no_role_page(request, status=403)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# For pages anyone signed in may see (what's on, their bookings), but not former members.
not_for_former_members = role_required(not_a_former_member)


def no_role_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    """What someone signed in with no role sees: their membership has ended or is paused,
    or their account is not set up yet."""
    member = member_for_user(request.user)
    return render(request, "members/no_role.html", {"member": member}, status=status)


def speaks_for(request: HttpRequest) -> Member | None:
    """The member a page acts for: a member themself, or an active member their supporter
    names with `member=` (an idea, a wish, well-being answers); None otherwise."""
    if is_member(request.user):
        return member_for_user(request.user)
    wanted = request.POST.get("member") or request.GET.get("member")
    if not wanted or not wanted.isdigit():
        return None
    member = supported_members(request.user).filter(pk=wanted).first()
    return member if member is not None and member.status == Member.Status.ACTIVE else None


def helped_members(request: HttpRequest) -> list[Member]:
    """The members this supporter can speak for here (none for a member)."""
    if is_member(request.user):
        return []
    return list(supported_members(request.user).filter(status=Member.Status.ACTIVE))
