"""{% field %} writes a box, a drop-down or a tick box in Python, and lays out groups of
radios and ticks with templates/components/field.html: every kind the same HTML as the
template that once laid out all of them (OLD_FIELD_TEMPLATE)."""

import pytest
from django import forms
from django.template import Context, Template, engines

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


# components/field.html as it was when it laid out every kind of field: {% field %} now
# writes boxes, drop-downs and tick boxes in Python, and the template keeps only groups of
# radios and ticks. Kept here as what each kind must still look like.
OLD_FIELD_TEMPLATE = """{% with f=field widget_type=field.widget_type %}
<div class="field{% if f.errors %} field-error{% endif %}">
{% if widget_type == "radioselect" or widget_type == "checkboxselectmultiple" %}
  <fieldset class="fieldset"{% if described_by %} aria-describedby="{{ described_by }}"{% endif %}>
    <legend class="legend">{{ f.label }}</legend>
    {% if hint %}<p class="hint" id="{{ hint_id }}">{{ hint }}</p>{% endif %}
    {% if f.errors %}<div id="{{ error_id }}">{% for error in f.errors %}<p class="error-message"><span class="visually-hidden">Error:</span> {{ error }}</p>{% endfor %}</div>{% endif %}
    <div class="radios{% if widget_type == 'checkboxselectmultiple' %} checkboxes{% endif %}">
      {% for choice in f %}<div class="radio">{{ choice.tag }}<label for="{{ choice.id_for_label }}">{{ choice.choice_label }}</label></div>{% endfor %}
    </div>
  </fieldset>
{% elif widget_type == "checkbox" %}
  {% if f.errors %}<div id="{{ error_id }}">{% for error in f.errors %}<p class="error-message"><span class="visually-hidden">Error:</span> {{ error }}</p>{% endfor %}</div>{% endif %}
  <div class="radio checkbox">{{ widget }}<label for="{{ f.id_for_label }}">{{ f.label }}</label></div>
  {% if hint %}<p class="hint" id="{{ hint_id }}">{{ hint }}</p>{% endif %}
{% else %}
  <label class="label" for="{{ f.id_for_label }}">{{ f.label }}</label>
  {% if hint %}<p class="hint" id="{{ hint_id }}">{{ hint }}</p>{% endif %}
  {% if f.errors %}<div id="{{ error_id }}">{% for error in f.errors %}<p class="error-message"><span class="visually-hidden">Error:</span> {{ error }}</p>{% endfor %}</div>{% endif %}
  {{ widget }}
{% endif %}
</div>
{% endwith %}
"""  # noqa: E501 - the template's own lines


def _template(bound, hint: str = "") -> str:
    """What the inclusion tag wrote: the old components/field.html with the tag's context."""
    hint = hint or bound.help_text
    ids = described_by(bound, hint)
    attrs = {"aria-describedby": ids["described_by"]} if ids["described_by"] else {}
    context = {"field": bound, "hint": hint, "autocomplete": "", **ids}
    context["widget"] = bound.as_widget(attrs=attrs)
    return engines["django"].from_string(OLD_FIELD_TEMPLATE).render(context)


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
