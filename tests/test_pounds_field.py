import pytest
from django import forms

from coop.forms import PoundsField


@pytest.mark.parametrize(
    "typed,pence",
    [("5", 500), ("£5.50", 550), ("5.5", 550), ("1,250", 125000), ("0", 0), (" £ 7 ", 700)],
)
def test_pounds_become_whole_pence(typed, pence):
    assert PoundsField().clean(typed) == pence


@pytest.mark.parametrize("typed", ["five", "5.555", "-3", "£", "5,5", "1e3"])
def test_anything_else_is_refused_in_words(typed):
    with pytest.raises(forms.ValidationError, match="Please type an amount in pounds"):
        PoundsField().clean(typed)


def test_range_is_enforced():
    with pytest.raises(forms.ValidationError, match="between £0 and £10"):
        PoundsField(max_pence=1000).clean("11")
