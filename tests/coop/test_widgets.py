"""coop.widgets.QuickSelect writes exactly what Django's own select templates write."""

from django import forms

from coop.widgets import QuickCheckbox, QuickSelect

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


def test_the_same_html_as_djangos_checkbox():
    for value in (None, "", True, False, "on", "yes", 'a "b" <c>', 0, 3):
        for attrs in (None, {"id": "id_quiet"}, {"id": "x", "aria-describedby": "x_error"}):
            expected = forms.CheckboxInput().render("quiet", value, attrs)
            assert QuickCheckbox().render("quiet", value, attrs) == expected


def test_the_same_checkbox_in_a_form():
    class Form(forms.Form):
        quiet = forms.BooleanField(required=False, label="Quiet place")

    class QuickForm(forms.Form):
        quiet = forms.BooleanField(required=False, label="Quiet place", widget=QuickCheckbox)

    for data in (None, {}, {"quiet": "on"}, {"quiet": "false"}, {"quiet": "wrong"}):
        assert str(QuickForm(data)["quiet"]) == str(Form(data)["quiet"])
