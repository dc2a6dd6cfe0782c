"""coop.widgets.QuickSelect and Checkbox write exactly what Django's own templates write."""

from django import forms

from coop.widgets import Checkbox, QuickSelect

CHOICES = [
    ("", "Any month"),
    ("2026-12", "December 2026"),
    (3, 'Tom & "Jerry" <b>'),
    ("Far", [("a", "North"), ("b", "South")]),
]


def test_the_same_html_as_djangos_select():
    for value in (None, "", "2026-12", "3", "b", "nothing"):
        for attrs in (None, {"id": "id_month"}, {"id": "x", "required": True, "disabled": False}):
            expected = forms.Select(choices=CHOICES).render("month", value, attrs)
            assert QuickSelect(choices=CHOICES).render("month", value, attrs) == expected


def test_the_same_html_in_a_form():
    class Form(forms.Form):
        month = forms.ChoiceField(choices=CHOICES[:3], required=False)

    class QuickForm(forms.Form):
        month = forms.ChoiceField(choices=CHOICES[:3], required=False, widget=QuickSelect)

    for data in (None, {"month": "2026-12"}, {"month": "wrong"}):
        assert str(QuickForm(data)["month"]) == str(Form(data)["month"])


def test_the_same_html_as_djangos_date_input():
    import datetime as dt

    from coop.widgets import QuickDateInput

    for value in (None, "", dt.date(2026, 7, 1), 'soon <b>"it\'s"</b> & then'):
        for attrs in (
            None,
            {"id": "id_start"},
            {"id": "x", "required": True, "disabled": False, "aria-describedby": 'a "b" <c>'},
        ):
            for kwargs in ({}, {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}):
                expected = forms.DateInput(**kwargs).render("start", value, attrs)
                assert QuickDateInput(**kwargs).render("start", value, attrs) == expected


def test_the_same_html_as_djangos_checkbox():
    for value in (None, "", True, False, "on", "yes", 'a "b" <c>', 0, 3):
        for attrs in (None, {"id": "id_quiet"}, {"id": "x", "aria-describedby": "x_error"}):
            expected = forms.CheckboxInput().render("quiet", value, attrs)
            assert Checkbox().render("quiet", value, attrs) == expected


def test_the_same_checkbox_in_a_form():
    class Form(forms.Form):
        quiet = forms.BooleanField(required=False, label="Quiet place")

    class QuickForm(forms.Form):
        quiet = forms.BooleanField(required=False, label="Quiet place", widget=Checkbox)

    for data in (None, {}, {"quiet": "on"}, {"quiet": "false"}, {"quiet": "wrong"}):
        assert str(QuickForm(data)["quiet"]) == str(Form(data)["quiet"])


def test_a_checkbox_field_is_laid_out_as_djangos_by_the_field_tag():
    """{% field %} lays a field out by its widget_type: the label after a tick box, before
    anything else."""
    from django.template import Context, Template

    class Form(forms.Form):
        quiet = forms.BooleanField(required=False, label="Quiet place")

    class QuickForm(forms.Form):
        quiet = forms.BooleanField(required=False, label="Quiet place", widget=Checkbox)

    template = Template("{% load coop %}{% field form.quiet %}")
    assert QuickForm()["quiet"].widget_type == "checkbox"
    for data in (None, {"quiet": "on"}):
        expected = template.render(Context({"form": Form(data)}))
        assert template.render(Context({"form": QuickForm(data)})) == expected
        assert expected.index("<input") < expected.index("<label")
