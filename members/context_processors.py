from django.http import HttpRequest

from coop.links import page_url
from members.selectors import ROLE_LABELS, user_roles

HOME_URL_NAMES = {
    "member": "me",
    "supporter": "supporter-home",
    "organiser": "organiser-home",
    "board": "board-home",
    "finance": "finance-home",
    "returning_officer": "returning-home",
    "evaluator": "evaluator-home",
    "administrator": "administrator-home",
}
NAV_LABELS = {**ROLE_LABELS, "member": "My page"}


def role_homes(user) -> list[dict[str, str]]:
    return [
        {"role": role, "label": NAV_LABELS[role], "url": page_url(HOME_URL_NAMES[role])}
        for role in user_roles(user)
    ]


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": role_homes(user)}
