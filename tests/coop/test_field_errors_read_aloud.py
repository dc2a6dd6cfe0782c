"""A field with an error says so to a screen reader: the input is `aria-invalid` and is
described by its error message (and its hint), whatever way the field is laid out."""

import re

from django import forms
from django.template import Context, Template
from django.test import Client


class NameForm(forms.Form):
    name = forms.CharField(label="Your name", help_text="As friends call you.")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")


def render(template: str, form: forms.Form) -> str:
    return Template(template).render(Context({"form": form}))


def ids_described(html: str, tag_start: str) -> list[str]:
    match = re.search(tag_start + r'[^>]*aria-describedby="([^"]+)"', html)
    assert match, f"no aria-describedby on {tag_start}"
    return match.group(1).split()


def test_a_text_field_with_an_error_is_described_by_its_message_and_hint():
    html = render("{% field form.name %}", NameForm({}))
    assert 'aria-invalid="true"' in html
    described = ids_described(html, r'<input type="text" name="name"')
    assert described == ["id_name_helptext", "id_name_error"]
    for id_ in described:
        assert f'id="{id_}"' in html
    assert re.search(r'id="id_name_error">.*This field is required', html, re.S)


def test_a_field_without_errors_is_not_marked_invalid():
    html = render("{% field form.name %}", NameForm({"name": "May"}))
    assert "aria-invalid" not in html
    assert ids_described(html, r"<input") == ["id_name_helptext"]


def test_radios_with_an_error_are_described_on_their_fieldset():
    html = render("{% field form.colour %}", NameForm({}))
    assert ids_described(html, r'<fieldset class="fieldset"') == ["id_colour_error"]
    assert 'id="id_colour_error"' in html
    assert html.count('aria-invalid="true"') == 2  # each radio


def test_a_checkbox_with_an_error_is_described_by_its_message():
    html = render("{% field form.agree %}", NameForm({}))
    assert ids_described(html, r'<input type="checkbox"') == ["id_agree_error"]
    assert 'id="id_agree_error"' in html and 'aria-invalid="true"' in html


def test_the_radios_component_ties_its_error_to_the_fieldset():
    html = render('{% include "components/radios.html" with field=form.colour %}', NameForm({}))
    assert ids_described(html, r'<fieldset class="fieldset"') == ["id_colour_error"]
    assert 'id="id_colour_error"' in html


def test_favicon_answers_with_the_site_picture(client: Client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert "people" in response["Location"]
