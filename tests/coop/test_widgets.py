"""coop.widgets.QuickSelect writes exactly what Django's own select templates write."""

from django import forms

from coop.widgets import QuickSelect

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
