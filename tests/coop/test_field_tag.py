"""{% field %} writes a box, a drop-down or a tick box in Python: the same HTML as the
component's template (templates/components/field.html), which still lays out groups of radios
and ticks."""

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import get_template

from coop.forms import date_field
from coop.templatetags.coop import described_by
from coop.widgets import QuickSelect


class Form(forms.Form):
    start = date_field("From <b>", missing='Say "when" & why.', example="2026-07-01")
    name = forms.CharField(label="Your name", help_text="As <people> call you", max_length=5)
    area = forms.ChoiceField(
        label="Area",
        required=False,
        choices=[("", "Any"), ("n", "North & <b>")],
        widget=QuickSelect,
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")

    def clean(self):
        self.add_error("name", "A second <problem>.")
        return super().clean()


def _template(bound, hint: str = "") -> str:
    """What the inclusion tag wrote: components/field.html with the tag's context."""
    hint = hint or bound.help_text
    ids = described_by(bound, hint)
    attrs = {"aria-describedby": ids["described_by"]} if ids["described_by"] else {}
    context = {"field": bound, "hint": hint, "autocomplete": "", **ids}
    context["widget"] = bound.as_widget(attrs=attrs)
    return get_template("components/field.html").render(context)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"start": "soon", "name": "Too long a name", "area": "x", "kind": "b", "agree": "on"},
        {"start": "2026-07-01", "name": "May", "area": "n", "kind": "a"},
    ],
)
@pytest.mark.parametrize("hint", ["", 'Like "this" & <that>'])
def test_the_tag_writes_what_the_template_wrote(data, hint):
    form = Form(data)
    if data is not None:
        form.is_valid()
    page = Template("{% load coop %}{% for f in form %}{% field f hint=hint %}|{% endfor %}")
    written = page.render(Context({"form": form, "hint": hint})).split("|")[:-1]
    assert written == [_template(bound, hint) for bound in form]
    assert "&lt;b&gt;" in written[0] and "<b>" not in written[0]
