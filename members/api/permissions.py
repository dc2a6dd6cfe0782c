"""Who may call which membership endpoint: DRF permissions made from the predicates in
members/permissions.py, the same the pages ask."""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from members import permissions
from members.api_permissions import allowed_if

CanSeeMemberList = allowed_if(permissions.can_see_member_list)
ChangesMembers = allowed_if(permissions.is_administrator, methods=["PATCH"])


class MovesMembers(BasePermission):
    """Organisers approve applications; only administrators make the other moves."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return permissions.can_move_member(request.user, view.kwargs["move"])
