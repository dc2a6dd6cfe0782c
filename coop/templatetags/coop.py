import datetime as dt

from django import template

from coop.dates import easy_date, easy_time
from coop.money import format_pence

register = template.Library()


@register.filter
def money(pence: int | None) -> str:
    return "" if pence is None else format_pence(pence)


@register.filter
def easydate(value: dt.date | dt.datetime | None, arg: str = "") -> str:
    return "" if value is None else easy_date(value, with_year=(arg == "year"))


@register.filter
def easytime(value: dt.datetime | dt.time | None) -> str:
    return "" if value is None else easy_time(value)


def described_by(bound_field, hint: str = "") -> dict[str, str]:
    """The ids a screen reader reads with the field: its hint and its error message
    (Django marks a field with errors `aria-invalid`; this ties the words to it)."""
    base = bound_field.auto_id
    ids = {
        "hint_id": f"{base}_helptext" if hint else "",
        "error_id": f"{base}_error" if bound_field.errors else "",
    }
    ids["described_by"] = " ".join(i for i in ids.values() if i)
    return ids


@register.inclusion_tag("components/field.html")
def field(bound_field, hint: str = "", autocomplete: str = ""):
    hint = hint or bound_field.help_text
    ids = described_by(bound_field, hint)
    attrs = {"aria-describedby": ids["described_by"]} if ids["described_by"] else {}
    return {
        "field": bound_field,
        "hint": hint,
        "autocomplete": autocomplete,
        "widget": bound_field.as_widget(attrs=attrs),
        **ids,
    }


@register.simple_tag
def field_ids(bound_field, hint: str = "") -> dict[str, str]:
    """`described_by` for templates that lay a field out themselves (the one-question
    pages, the radios component)."""
    return described_by(bound_field, hint)


@register.simple_tag
def field_widget(bound_field, described: str = ""):
    """The field's input, read with the words in `described` (ids, space-separated)."""
    return bound_field.as_widget(attrs={"aria-describedby": described} if described else {})


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms):
    items = []
    for form in forms:
        if form is None:
            continue
        for error in form.non_field_errors():
            items.append({"href": "", "text": error})
        for bound in form:
            for error in bound.errors:
                items.append({"href": f"#{bound.id_for_label}", "text": error})
    return {"items": items}
