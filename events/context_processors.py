from django.http import HttpRequest

from coop.links import page_url
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
            {"label": "What's on", "url": page_url("activity-list")},
            {"label": "My bookings", "url": page_url("my-bookings")},
            {"label": "Ideas", "url": page_url("suggestions")},
            # Members vote and stand; supporters help them (board.elections.permissions).
            {"label": "Elections", "url": page_url("election-list")},
        ]
    if can_manage_activities(user):
        items.append({"label": "Activities", "url": page_url("organiser-activities")})
    return {"nav_extra": items}
