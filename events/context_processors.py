from django.http import HttpRequest
from django.urls import reverse

from events.permissions import can_manage_activities
from members.selectors import MEMBER, SUPPORTER, user_roles


def navigation(request: HttpRequest) -> dict:
    """Activity links in the navigation, after the role homes."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_extra": []}
    roles = user_roles(user)
    items = []
    if MEMBER in roles or SUPPORTER in roles:
        items += [
            {"label": "What's on", "url": reverse("activity-list")},
            {"label": "My bookings", "url": reverse("my-bookings")},
            {"label": "Ideas", "url": reverse("suggestions")},
            # Members vote and stand; supporters help them (board.elections.permissions).
            {"label": "Elections", "url": reverse("election-list")},
        ]
    if can_manage_activities(user):
        items.append({"label": "Activities", "url": reverse("organiser-activities")})
    return {"nav_extra": items}
