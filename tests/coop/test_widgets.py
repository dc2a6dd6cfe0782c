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
