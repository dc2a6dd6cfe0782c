"""A form that makes something, sent twice with its one-time token (a double press, the
back button, a second tab), makes one thing; the second sending leads to the first's."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.db import models
from django.urls import reverse
from django.utils import timezone

from board.models import (
    Action,
    AgendaItem,
    BoardMembership,
    Election,
    Meeting,
    Paper,
    PaperPart,
)
from coop.models import UsedFormToken
from coop.once import ALREADY_DONE, KEEP_TOKENS
from events.models import Activity, Suggestion
from finance.models import Expense, Income
from finance.selectors import account_balance
from members.models import ConductGuidelines, Member
from members.outbox.models import Message
from tests.board.conftest import add_member
from tests.board.meeting_helpers import editor, hold, make_board, plan, written_paper
from tests.board.test_election_call import call_form
from tests.events.conftest import activity_form_data
from tests.finance.helpers import record_cash
from tests.members.test_guidelines_publish import form_data as guidelines_form_data
from tests.members.test_join import P, fill_in


@dataclass
class Create:
    who: str  # the cast's role that sends it, or "chair": a co-chair (board meetings)
    url: Callable  # (cast) -> the form's address
    data: Callable  # (cast) -> what is sent, less the token
    model: type[models.Model]
    prefix: str = ""  # the form's prefix, when the page has several forms


def _today() -> str:
    return timezone.localdate().isoformat()


def _meeting(cast) -> Meeting:
    make_board(cast)
    return plan(cast)


def _held(cast) -> Meeting:
    return hold(cast, plan(cast, days=-1), make_board(cast))


CREATES = {
    "add-member": Create(
        "organiser",
        lambda cast: reverse("member-add"),
        lambda cast: {
            "first_name": "Paper",
            "last_name": "Person",
            "branch": cast.member_row.branch.pk,
            "contact_preferences": ["letter"],
        },
        Member,
    ),
    "activity": Create(
        "organiser", lambda cast: reverse("activity-new"), activity_form_data, Activity
    ),
    # The thing made that matters here is the invitation email (the outbox's message).
    "link-supporter": Create(
        "organiser",
        lambda cast: reverse("staff-link-supporter", kwargs={"pk": cast.member_row.pk}),
        lambda cast: {
            "first_name": "Kim",
            "last_name": "Lee",
            "email": "kim@example.org",
            "relationship": "support_worker",
            "member_agreed": "on",
        },
        Message,
    ),
    "suggestion": Create(
        "member",
        lambda cast: reverse("suggestion-new"),
        lambda cast: {"what": "Go bowling", "where": "Town", "when": "Saturday"},
        Suggestion,
    ),
    "meeting": Create(
        "chair",
        lambda cast: reverse("meeting-new"),
        lambda cast: {
            "title": "Board meeting",
            "starts_at": (timezone.localtime() + dt.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
            "place": "The Hub",
            "pack_days_before": "7",
        },
        Meeting,
    ),
    "agenda-item": Create(
        "chair",
        lambda cast: reverse("meeting-item-new", args=[_meeting(cast).pk]),
        lambda cast: {"title": "A minibus", "summary": "We talk about a minibus."},
        AgendaItem,
    ),
    "paper": Create(
        "chair",
        lambda cast: reverse("paper-new", args=[_meeting(cast).items.first().pk]),
        lambda cast: {"title": "Hiring a minibus", "standard_text": "We want a minibus."},
        Paper,
    ),
    "paper-part": Create(
        "chair",
        lambda cast: reverse("paper-part-new", args=[written_paper(cast, _meeting(cast)).pk]),
        lambda cast: {"words": "We want a minibus.", "picture": "coop/pictures/money.svg"},
        PaperPart,
    ),
    "action": Create(
        "chair",
        lambda cast: reverse("meeting-record", args=[_held(cast).pk]),
        lambda cast: {
            "form": "action",
            "action-what": "Phone the bowling alley",
            "action-owner": cast.member_row.pk,
            "action-due_on": _today(),
        },
        Action,
        prefix="action",
    ),
    "board-term": Create(
        "chair",
        lambda cast: reverse("board-terms"),
        lambda cast: {
            "form": "add",
            "member": add_member(cast.admin, "newboard", "Nia", "Board").pk,
            "role": "member",
            "starts_on": _today(),
        },
        BoardMembership,
    ),
    "election": Create("board", lambda cast: reverse("election-call"), call_form, Election),
    "guidelines": Create(
        "admin",
        lambda cast: reverse("guidelines-publish"),
        lambda cast: guidelines_form_data([("Be kind.", "A heart")]),
        ConductGuidelines,
        prefix="title",
    ),
    "expense": Create(
        "finance",
        lambda cast: reverse("finance-expense-new"),
        lambda cast: {
            "account_code": "activity_costs",
            "supplier": "Lanes Bowling",
            "description": "Two lanes",
            "spent_on": _today(),
            "amount_pence": "42.50",
            "paid_with": "bank",
        },
        Expense,
    ),
    "grant": Create(
        "finance",
        lambda cast: reverse("finance-income-new"),
        lambda cast: {
            "account_code": "grants",
            "source": "The Lottery",
            "description": "A grant for trips",
            "received_on": _today(),
            "amount_pence": "500",
            "paid_with": "bank",
        },
        Income,
    ),
}


@pytest.mark.parametrize("name", list(CREATES))
def test_a_create_form_sent_twice_makes_one_thing_and_leads_to_it(client, cast, name) -> None:
    create = CREATES[name]
    client.force_login(editor(cast) if create.who == "chair" else cast.by_role(create.who))
    url = create.url(cast)
    page = client.get(url)
    form = page.context[f"{create.prefix}_form" if create.prefix else "form"]
    token = form["token"].value()
    assert f'value="{token}"' in page.content.decode()  # on the page, inside the form
    data = create.data(cast) | {form.add_prefix("token"): token}
    before = create.model.objects.count()

    first = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    second = client.post(url, data)

    assert create.model.objects.count() == before + 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert ALREADY_DONE in [str(m) for m in get_messages(second.wsgi_request)]
    assert UsedFormToken.objects.filter(token=token).count() == 1


def test_a_refused_sending_leaves_the_token_free_to_send_again(client, cast) -> None:
    record_cash(cast, amount_pence=500)
    client.force_login(cast.finance)
    url = reverse("finance-cash-bank")
    token = client.get(url).context["form"]["token"].value()
    data = {"token": token, "amount_pence": "6", "banked_on": _today(), "note": ""}
    refused = client.post(url, data).content.decode()
    assert "We only hold £5 in cash, so £6 cannot have been banked." in refused
    assert not UsedFormToken.objects.exists()
    for _ in range(2):
        assert client.post(url, data | {"amount_pence": "5"}).status_code == 302
    assert account_balance("bank") == 500 and UsedFormToken.objects.count() == 1


def test_a_form_sent_without_a_token_is_made_as_asked(client, cast) -> None:
    client.force_login(cast.member)
    data = {"what": "Go bowling", "where": "Town", "when": "Saturday"}
    assert client.post(reverse("suggestion-new"), data).status_code == 302
    assert Suggestion.objects.count() == 1 and not UsedFormToken.objects.exists()


def test_the_join_form_pressed_twice_at_once_makes_one_member(client, cast) -> None:
    check = fill_in(client, cast.member_row.branch)
    token = check.context["form"]["token"].value()
    assert f'value="{token}"' in check.content.decode()
    answers = dict(client.session)  # the session as both presses find it
    first = client.post(reverse("join"), {P: "check", "check-token": token})
    assert "We got your application" in first.content.decode()
    # The second press read the session before the first had finished with it.
    session = client.session
    session.update(answers)
    session.save()
    second = client.post(reverse("join"), {P: "check", "check-token": token})
    assert Member.objects.filter(last_name="Lovelace").count() == 1
    assert second.status_code == 302
    assert ALREADY_DONE in [str(m) for m in get_messages(second.wsgi_request)]


def test_tokens_are_forgotten_after_a_week(client, cast) -> None:
    old = UsedFormToken.objects.create(token="old", path="/suggestions/new/")
    UsedFormToken.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - KEEP_TOKENS - dt.timedelta(minutes=1)
    )
    recent = UsedFormToken.objects.create(token="recent", path="/suggestions/new/")
    client.force_login(cast.member)
    data = {"what": "Go bowling", "where": "Town", "when": "Saturday", "token": "new"}
    assert client.post(reverse("suggestion-new"), data).status_code == 302
    assert set(UsedFormToken.objects.values_list("token", flat=True)) == {recent.token, "new"}
