import datetime as dt

import pytest
from django.utils import timezone

from coop.errors import CoopError, InvalidTransition
from coop.models import AuditEntry
from members import services
from members.models import Member
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(cast) -> Member:
    return services.member_add(
        actor=cast.admin, branch=BranchFactory(), first_name="Ada", last_name="Lovelace"
    )


def test_approving_an_application_makes_an_active_member_from_today(cast, applicant):
    member = services.member_approve(member=applicant, actor=cast.admin)
    assert member.status == Member.Status.ACTIVE
    assert member.admitted_on == timezone.localdate()


def test_approving_twice_changes_nothing_more(cast, applicant):
    services.member_approve(member=applicant, actor=cast.admin, on=dt.date(2026, 1, 5))
    again = services.member_approve(member=applicant, actor=cast.admin)
    assert again.admitted_on == dt.date(2026, 1, 5)
    assert AuditEntry.objects.filter(action="member.approved").count() == 1


def test_resigning_sets_the_date_ceased_and_reinstating_clears_it(cast):
    member = services.member_resign(member=cast.member_row, actor=cast.admin, reason="Moving")
    assert member.status == Member.Status.RESIGNED and member.left_on == timezone.localdate()
    assert services.member_resign(member=member, actor=cast.admin).left_on == member.left_on
    member = services.member_reinstate(member=member, actor=cast.admin)
    assert member.status == Member.Status.ACTIVE and member.left_on is None
    assert member.admitted_on == dt.date(2024, 3, 1)


def test_lapse_then_reinstate(cast):
    member = services.member_lapse(member=cast.member_row, actor=cast.admin)
    assert member.status == Member.Status.LAPSED and member.left_on is not None
    member = services.member_reinstate(member=member, actor=cast.admin)
    assert member.status == Member.Status.ACTIVE


def test_suspending_needs_a_reason(cast):
    with pytest.raises(CoopError, match="Please say why"):
        services.member_suspend(member=cast.member_row, actor=cast.admin, reason="  ")
    cast.member_row.refresh_from_db()
    assert cast.member_row.status == Member.Status.ACTIVE


def test_suspend_twice_audits_once(cast):
    services.member_suspend(member=cast.member_row, actor=cast.admin, reason="Shouted")
    services.member_suspend(member=cast.member_row, actor=cast.admin, reason="Shouted")
    assert AuditEntry.objects.filter(action="member.suspended").count() == 1


@pytest.mark.parametrize("move", ["member_lapse", "member_suspend"])
def test_an_applicant_cannot_lapse_or_be_suspended(cast, applicant, move):
    with pytest.raises(InvalidTransition, match="This membership is applied"):
        getattr(services, move)(member=applicant, actor=cast.admin, reason="x")
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.APPLIED


def test_an_active_member_cannot_be_approved_again_into_something_else(cast):
    services.member_resign(member=cast.member_row, actor=cast.admin)
    with pytest.raises(CoopError, match="Only an application can be approved"):
        services.member_approve(member=cast.member_row, actor=cast.admin)


def test_an_application_is_approved_not_reinstated(cast, applicant):
    with pytest.raises(CoopError, match="Approve it instead"):
        services.member_reinstate(member=applicant, actor=cast.admin)


def test_status_changes_are_kept_in_history_with_the_reason(cast):
    services.member_suspend(member=cast.member_row, actor=cast.admin, reason="Shouted")
    latest = cast.member_row.history.first()
    assert latest.status == "suspended" and latest.history_change_reason == "Shouted"


def test_each_move_by_name_is_made_by_its_own_service_with_the_reason(cast, applicant):
    member = services.member_move(move="approve", member=applicant, actor=cast.admin, reason="x")
    assert member.status == Member.Status.ACTIVE
    assert AuditEntry.objects.get(action="member.approved").data["reason"] == ""
    member = services.member_move(move="suspend", member=member, actor=cast.admin, reason="Rude")
    assert member.status == Member.Status.SUSPENDED
    assert AuditEntry.objects.get(action="member.suspended").data["reason"] == "Rude"
    assert {move.service.__name__ for move in services.MOVES.values()} == {
        f"member_{name}" for name in services.MOVES
    }
