"""A drop-down list, a date box and a tick box written in Python, for pages many people open
(What's on, the ledger).

Django draws a <select> through its form templates: an {% include %} for every option and
another for each option's attributes, about 30 microseconds an option. What's on has two
lists (the areas and twelve months), which cost 0.7 ms of every request that way. This
writes exactly the same HTML as Django's own templates (tests/coop/test_widgets.py
compares the two), in a fraction of the time. A date box or a tick box is one input, but
drawn by Django it costs two template renders (input.html and its attrs.html): What's on
has three tick boxes (what a place has), the ledger two date boxes."""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing
    for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            # The template's |stringformat:'s' gives plain text: it is always escaped.
            parts.append(f' {conditional_escape(name)}="{escape(str(value))}"')
    return "".join(parts)


def _option(option: dict) -> str:
    """django/forms/widgets/select_option.html."""
    value = conditional_escape(str(option["value"]))
    label = conditional_escape(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


class QuickSelect(forms.Select):
    """forms.Select, drawn without templates (the same HTML as Django's select.html)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _ in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            html.extend(f"\n  {_option(option)}" for option in group_choices)
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")  # Django's renderer strips the template's last newline
        return mark_safe("".join(html))


def _input(widget: dict) -> SafeString:
    """Django's input.html for this widget context: type, name, value (when there is one)
    and the attributes."""
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    html = f'<input type="{kind}" name="{name}"'
    if widget["value"] is not None:
        html += f' value="{escape(str(widget["value"]))}"'
    return mark_safe(f"{html}{_attrs(widget['attrs'])}>")  # noqa: S308 - escaped above


class QuickDateInput(forms.DateInput):
    """forms.DateInput, drawn without templates (the same HTML as Django's input.html)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        return _input(self.get_context(name, value, attrs)["widget"])


class Checkbox(forms.CheckboxInput):
    """forms.CheckboxInput, drawn without templates (the same HTML as Django's input.html).
    Named so that its field's widget_type is "checkbox", as with Django's own: `{% field %}`
    lays a tick box out by it (its label after it)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        return _input(self.get_context(name, value, attrs)["widget"])
