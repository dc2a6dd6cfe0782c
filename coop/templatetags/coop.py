import datetime as dt

from django import template
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from coop.dates import easy_date, easy_time
from coop.money import format_pence

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_links(context) -> SafeString:
    """The navigation's links (the context's nav_items, then nav_extra), each in its
    <li>, the page open now marked aria-current: written in Python once a page rather than
    by the template's loop, which every page paid for each link."""
    request = context.get("request")
    path = getattr(request, "path", None)
    links = []
    for item in (*context.get("nav_items", ()), *context.get("nav_extra", ())):
        url = item["url"]
        current = ' aria-current="page"' if url == path else ""
        links.append(
            f'<li><a href="{conditional_escape(url)}"{current}>'
            f"{conditional_escape(item['label'])}</a></li>"
        )
    return mark_safe("\n".join(links))  # noqa: S308 - every text in it is escaped


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


# Fields the component's template lays out (a group of radios or ticks); every other field
# (a box, a drop-down, one tick box) is written in Python, the same HTML as the template's.
_TEMPLATE_KINDS = ("radioselect", "checkboxselectmultiple")


@register.simple_tag
def field(bound_field, hint: str = "", autocomplete: str = "") -> SafeString:
    """A field with its label, hint and errors (templates/components/field.html)."""
    hint = hint or bound_field.help_text
    ids = described_by(bound_field, hint)
    attrs = {"aria-describedby": ids["described_by"]} if ids["described_by"] else {}
    widget = bound_field.as_widget(attrs=attrs)
    if bound_field.widget_type not in _TEMPLATE_KINDS:
        return _written_field(bound_field, hint, widget, ids)
    context = {"field": bound_field, "hint": hint, "autocomplete": autocomplete, "widget": widget}
    return get_template("components/field.html").render({**context, **ids})


def _written_field(bound_field, hint: str, widget: str, ids: dict[str, str]) -> SafeString:
    """A box, a drop-down or one tick box with its label, hint and errors, written in
    Python (components/field.html lays out only groups): most forms are boxes, and a page
    with a few spent more on the template than on the rest; What's on, the page members
    open most, has three tick boxes. tests/coop/test_field_tag.py holds each kind to the
    template that once laid out all of them."""
    errors = bound_field.errors
    errors_html = hint_html = ""
    if errors:
        messages = "".join(
            '<p class="error-message"><span class="visually-hidden">Error:</span> '
            f"{conditional_escape(error)}</p>"
            for error in errors
        )
        errors_html = f'<div id="{conditional_escape(ids["error_id"])}">{messages}</div>'
    if hint:
        hint_id = conditional_escape(ids["hint_id"])
        hint_html = f'<p class="hint" id="{hint_id}">{conditional_escape(hint)}</p>'
    for_id = conditional_escape(str(bound_field.id_for_label))
    label, widget = conditional_escape(bound_field.label), conditional_escape(widget)
    if bound_field.widget_type == "checkbox":
        inner = (
            f'  {errors_html}\n  <div class="radio checkbox">{widget}'
            f'<label for="{for_id}">{label}</label></div>\n  {hint_html}'
        )
    else:
        inner = (
            f'  <label class="label" for="{for_id}">{label}</label>\n  {hint_html}\n'
            f"  {errors_html}\n  {widget}"
        )
    return mark_safe(  # noqa: S308 - every text is escaped above; the widget is safe HTML
        f'\n<div class="field{" field-error" if errors else ""}">\n\n{inner}\n\n</div>\n\n'
    )


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
