"""Who may call which endpoint: DRF permissions made from the apps' predicates
(members/permissions.py and the like), the same the pages ask. DRF's settings import
NotAFormerMember while rest_framework.views is still loading, so this module imports
nothing from it but for the type checker."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

from members import permissions

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

    from members.models import User


def allowed_if(
    predicate: Callable[[User], bool],
    message: str | None = None,
    *,
    methods: Collection[str] = (),
) -> type[BasePermission]:
    """A DRF permission from a predicate about the user. `message` is what the refusal says
    (DRF's plain "not allowed" without one). With `methods`, only those are checked: for a
    view whose reading is open to more people than its writing, and for a view with one
    method, so that another method stays DRF's 405 (and OPTIONS answers) for everyone."""
    checked = {*methods, "HEAD"} if "GET" in methods else set(methods)

    class Allowed(BasePermission):
        def has_permission(self, request: Request, view: APIView) -> bool:
            if checked and request.method not in checked:
                return True
            return predicate(request.user)

    Allowed.__name__ = f"Allowed_{predicate.__name__}"
    if message is not None:
        Allowed.message = message
    return Allowed


# Every endpoint's default (settings.REST_FRAMEWORK), with IsAuthenticated: member access
# ends with membership, so a former member's token reads nothing.
NotAFormerMember = allowed_if(
    permissions.not_a_former_member, "Your membership has ended. Please call us."
)
NotAFormerMember.code = "membership_ended"

CanSeeMemberList = allowed_if(permissions.can_see_member_list)
ChangesMembers = allowed_if(permissions.is_administrator, methods=["PATCH"])


class MovesMembers(BasePermission):
    """Organisers approve applications; only administrators make the other moves (a POST).
    A move the view does not know (not in its `moves`) passes here, so that it is the
    view's 404 for everyone who may see the roll, not a refusal."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        move = view.kwargs["move"]
        if request.method != "POST" or move not in view.moves:
            return True
        return permissions.can_move_member(request.user, move)
