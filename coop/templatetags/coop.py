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


@register.inclusion_tag("components/field.html")
def field(bound_field, hint: str = "", autocomplete: str = ""):
    return {
        "field": bound_field,
        "hint": hint or bound_field.help_text,
        "autocomplete": autocomplete,
    }


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
