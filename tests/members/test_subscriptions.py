import pytest
from django.urls import reverse

from coop.errors import CoopError
from coop.models import AuditEntry
from members import services
from members.models import SubscriptionWaiver
from members.selectors import subscription_due_pence
from tests.events.test_booking_states import member_of

pytestmark = pytest.mark.django_db


def post_waiver(client, user, member, reason: str):
    """The waiver form on the subscriptions page, sent by `user` for 2026."""
    client.force_login(user)
    data = {"waiver-member": member.pk, "waiver-year": 2026, "waiver-reason": reason}
    return client.post(reverse("subscriptions"), {"form": "waiver", **data})


def test_board_sets_a_branch_subscription_in_pounds(client, cast):
    branch = cast.member_row.branch
    client.force_login(cast.board)
    response = client.post(
        reverse("subscriptions"),
        {
            "form": "amount",
            "amount-branch": branch.pk,
            "amount-year": 2026,
            "amount-amount_pence": "£5.50",
        },
    )
    assert response.status_code == 302
    assert subscription_due_pence(cast.member_row, 2026) == 550


def test_setting_the_same_amount_twice_audits_once(cast):
    branch = cast.member_row.branch
    services.subscription_set(branch=branch, year=2026, amount_pence=500, actor=cast.board)
    services.subscription_set(branch=branch, year=2026, amount_pence=500, actor=cast.board)
    assert AuditEntry.objects.filter(action="subscription.set").count() == 1


def test_a_waived_member_owes_nothing(cast):
    services.subscription_set(
        branch=cast.member_row.branch, year=2026, amount_pence=500, actor=cast.board
    )
    services.subscription_waive(
        member=cast.member_row, year=2026, reason="Hardship", actor=cast.board
    )
    again = services.subscription_waive(
        member=cast.member_row, year=2026, reason="Other", actor=cast.admin
    )
    assert again.reason == "Hardship"
    assert subscription_due_pence(cast.member_row, 2026) == 0
    assert subscription_due_pence(cast.member_row, 2027) == 0  # none set for 2027


def test_waiver_needs_a_reason(cast):
    with pytest.raises(CoopError, match="reason"):
        services.subscription_waive(member=cast.member_row, year=2026, reason=" ", actor=cast.board)


def test_negative_amount_is_refused(cast):
    with pytest.raises(CoopError, match="£0 or more"):
        services.subscription_set(
            branch=cast.member_row.branch, year=2026, amount_pence=-1, actor=cast.board
        )


@pytest.mark.parametrize("typed", ["five", "5.555", "-3", "£"])
def test_amount_not_in_pounds_is_explained_and_saves_nothing(client, cast, typed):
    client.force_login(cast.board)
    html = client.post(
        reverse("subscriptions"),
        {
            "form": "amount",
            "amount-branch": cast.member_row.branch.pk,
            "amount-year": 2026,
            "amount-amount_pence": typed,
        },
    ).content.decode()
    assert "Please type an amount in pounds, like 5 or 5.50." in html
    assert "<title>Error: " in html
    assert subscription_due_pence(cast.member_row, 2026) == 0


def test_waiver_form_without_reason_is_explained(client, cast):
    html = post_waiver(client, cast.board, cast.member_row, "").content.decode()
    assert "Please give the reason for the waiver." in html


@pytest.mark.parametrize("role", ["member", "supporter", "organiser", "finance", "outsider"])
def test_subscriptions_page_is_for_the_board_and_administrators(client, cast, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse("subscriptions")).status_code == 403


def test_nobody_waives_their_own_subscription_on_the_page_or_the_service(client, cast):
    """As for a booking's fee (issue 17): a board member who is also a member asks
    another board member."""
    own = member_of(cast, cast.board)
    with pytest.raises(CoopError, match="Ask another board member") as refused:
        services.subscription_waive(member=own, year=2026, reason="Hardship", actor=cast.board)
    assert refused.value.code == "own_fee"
    response = post_waiver(client, cast.board, own, "Hardship")
    assert response.status_code == 200
    assert "You cannot waive your own fee. Ask another board member." in response.content.decode()
    assert not SubscriptionWaiver.objects.filter(member=own).exists()
    assert not AuditEntry.objects.filter(action="subscription.waived").exists()
    # Another board member may.
    services.subscription_waive(member=own, year=2026, reason="Hardship", actor=cast.admin)
    assert subscription_due_pence(own, 2026) == 0
