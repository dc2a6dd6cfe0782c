"""Words for the helper's hours: "2 hours 30 minutes", "1 hour", "45 minutes"."""

from django import template

register = template.Library()


@register.filter
def hours(minutes: int | None) -> str:
    if not minutes:
        return "0 hours"
    whole, rest = divmod(int(minutes), 60)
    parts = []
    if whole:
        parts.append(f"{whole} hour{'' if whole == 1 else 's'}")
    if rest:
        parts.append(f"{rest} minutes")
    return " ".join(parts)
