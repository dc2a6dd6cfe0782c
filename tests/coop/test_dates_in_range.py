"""Dates outside sense (the year 1, 1195, 9999) are refused in plain words wherever a person
or the API types one, and nothing is saved."""

import datetime as dt

import pytest
from django import forms
from django.urls import get_resolver, reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIClient

from board.models import Meeting
from coop.dates import HAPPENED, HELD, DateOutOfRange, InRange, check_in_range
from events.models import Activity
from finance.models import Expense, Income, Transaction
from finance.services.books import cash_bank
from tests.board.meeting_helpers import editor
from tests.events.conftest import activity_form_data
from tests.finance.helpers import record_cash, spent_on_bowling

APPS = ("coop.", "members.", "events.", "finance.", "board.")


def test_the_spans_count_from_today() -> None:
    today = timezone.localdate()
    assert HAPPENED.bounds() == (dt.date(1900, 1, 1), today.replace(year=today.year + 10))
    start, end = HELD.bounds()
    assert (start.year, end.year) == (today.year - 2, today.year + 5)
    assert HELD.bounds(dt.date(2028, 2, 29)) == (dt.date(2026, 2, 28), dt.date(2033, 2, 28))


@pytest.mark.parametrize("year", [1, 1195, 9999])
def test_check_in_range_says_which_dates_are_allowed(year: int) -> None:
    with pytest.raises(DateOutOfRange, match="Please give a date from 1 January 1900 to "):
        check_in_range(dt.date(year, 1, 1), HAPPENED)
    check_in_range(timezone.localdate(), HAPPENED)
    check_in_range(timezone.now(), HELD)


def _expense_page(client, cast, day: str):
    client.force_login(cast.finance)
    form = client.get(reverse("finance-expense-new")).context["form"]
    return client.post(
        reverse("finance-expense-new"),
        {
            "token": form["token"].value(),
            "account_code": "activity_costs",
            "supplier": "Lanes Bowling",
            "description": "Two lanes",
            "spent_on": day,
            "amount_pence": "42.50",
            "paid_with": "bank",
        },
    )


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_expense_in_year_1_or_9999_is_refused_on_the_page(client, cast, day: str) -> None:
    page = _expense_page(client, cast, day).content.decode()
    assert "Please give a date from 1 January 1900 to" in page
    assert not Expense.objects.exists() and not Transaction.objects.exists()


@pytest.mark.parametrize("year", [1, 9999])
def test_the_books_service_refuses_them_too(cast, year: int) -> None:
    with pytest.raises(DateOutOfRange):
        spent_on_bowling(cast, spent_on=dt.date(year, 1, 1))
    assert not Expense.objects.exists() and not Income.objects.exists()
    assert not Transaction.objects.exists()


@pytest.mark.parametrize("year", [1, 9999])
def test_banking_cash_refuses_them_too(cast, year: int) -> None:
    record_cash(cast)  # £5 held, so only the date can stop it
    before = Transaction.objects.count()
    with pytest.raises(DateOutOfRange):
        cash_bank(amount_pence=500, banked_on=dt.date(year, 1, 1), actor=cast.finance)
    assert Transaction.objects.count() == before


def test_an_activity_in_9999_is_refused_on_the_page(client, cast) -> None:
    client.force_login(cast.organiser)
    page = client.post(reverse("activity-new"), activity_form_data(cast, 9999)).content.decode()
    assert "Please give a date from " in page
    assert not Activity.objects.exists()


def test_an_activity_in_9999_is_refused_by_the_api(cast) -> None:
    api = APIClient()
    api.force_authenticate(cast.organiser)
    body = activity_form_data(cast, 9999) | {"branch": cast.member_row.branch.slug, "publish": True}
    response = api.post(reverse("events_api:activity-list"), body, format="json")
    assert response.status_code == 400
    assert "Please give a date from " in response.content.decode()
    assert not Activity.objects.exists()


def test_a_meeting_in_1195_is_refused_by_the_api(cast) -> None:
    api = APIClient()
    api.force_authenticate(editor(cast))
    body = {"title": "Board", "starts_at": "1195-03-01T10:00:00Z", "place": "The Hub"}
    response = api.post(reverse("board_api:meeting-list"), body, format="json")
    assert response.status_code == 400
    assert "Please give a date from " in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_in_1195_is_refused_on_the_page(client, cast) -> None:
    client.force_login(editor(cast))
    body = {"title": "Board", "starts_at": "1195-03-01T10:00", "place": "The Hub"}
    page = client.post(reverse("meeting-new"), body).content.decode()
    assert "Please give a date from " in page
    assert not Meeting.objects.exists()


# Every form and serializer with a date -----------------------------------------------------


def _ours(base: type) -> list[type]:
    assert get_resolver().url_patterns  # imports every view: every form and serializer
    found, todo = [], [base]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith(APPS):
            found.append(cls)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _form_fields(cls: type) -> dict:
    try:
        return cls().fields
    except TypeError:  # needs arguments: its declared fields say the same
        return cls.base_fields


def _serializer_fields(cls: type) -> dict:
    return {n: f for n, f in cls().fields.items() if not f.read_only}


# Serializers that only describe answers (their views only GET): nothing sent to the API
# goes through them.
ANSWERS_ONLY = {
    "SummarySerializer",
    "EntrySerializer",
    "IssueSerializer",
    "ResultSerializer",
    "ElectionSerializer",
    "ElectionDetailSerializer",
}


def _unbounded(fields: dict, kinds: tuple[type, ...]) -> list[str]:
    return [
        name
        for name, field in fields.items()
        if isinstance(field, kinds) and not any(isinstance(v, InRange) for v in field.validators)
    ]


def test_every_date_in_every_form_is_bounded(db) -> None:
    kinds = (forms.DateField, forms.DateTimeField)
    unbounded = {
        f"{cls.__module__}.{cls.__qualname__}": names
        for cls in _ours(forms.BaseForm)
        if (names := _unbounded(_form_fields(cls), kinds))
    }
    assert unbounded == {}


def test_every_date_the_api_takes_is_bounded() -> None:
    kinds = (serializers.DateField, serializers.DateTimeField)
    unbounded = {
        f"{cls.__module__}.{cls.__qualname__}": names
        for cls in _ours(serializers.BaseSerializer)
        if cls.__name__ not in ANSWERS_ONLY
        and (names := _unbounded(_serializer_fields(cls), kinds))
    }
    assert unbounded == {}
