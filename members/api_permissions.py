"""DRF permissions made from the predicates in members/permissions.py. Outside the api
package: DRF's settings import NotAFormerMember while rest_framework.views is still loading."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

from members import permissions

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

    from members.models import User


def allowed_if(predicate: Callable[[User], bool]) -> type[BasePermission]:
    """A DRF permission from one of the predicates in members/permissions.py."""

    class Allowed(BasePermission):
        def has_permission(self, request: Request, view: APIView) -> bool:
            return predicate(request.user)

    Allowed.__name__ = f"Allowed_{predicate.__name__}"
    return Allowed


# Every endpoint's default (settings.REST_FRAMEWORK), with IsAuthenticated: member access
# ends with membership, so a former member's token reads nothing.
NotAFormerMember = allowed_if(permissions.not_a_former_member)
NotAFormerMember.message = "Your membership has ended. Please call us."
NotAFormerMember.code = "membership_ended"
