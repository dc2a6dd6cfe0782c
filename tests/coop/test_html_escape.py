"""The pages written in Python (the register, What's on's cards, My bookings' panels, the
ledger's rows, the pack's cards) escape with the standard library's html.escape, for speed:
it must escape exactly what Django's escape() does, or those pages would differ from the
templates they replaced."""

import html
import string

from django.utils.html import escape


def test_html_escape_is_djangos_escape():
    text = string.printable + "£é🎉\u00a0\u2019"
    assert html.escape(text) == escape(text)
    for char in text:
        assert html.escape(char) == escape(char), repr(char)
