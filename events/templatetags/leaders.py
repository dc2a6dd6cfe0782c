"""Who leads an activity, in words for its page: "Led by May with Olu", or "You are
helping to lead this, with Olu" for the member who leads it."""

from django import template

from events.models import Activity, ActivityLeader, Suggestion

register = template.Library()


def _first(user) -> str:
    return user.first_name or user.username


@register.simple_tag
def activity_leader_lines(activity: Activity, user) -> list[str]:
    lines = []
    for lead in ActivityLeader.objects.filter(activity=activity).select_related(
        "member", "organiser"
    ):
        organiser = _first(lead.organiser)
        if lead.member.user_id is not None and lead.member.user_id == getattr(user, "pk", None):
            lines.append(f"You are helping to lead this, with {organiser}.")
        else:
            lines.append(f"Led by {lead.member.called} with {organiser}.")
    return lines


@register.simple_tag
def activity_idea(activity: Activity):
    """The member's proposal this activity came from, if the board agreed one."""
    return Suggestion.objects.filter(activity=activity).select_related("member").first()
