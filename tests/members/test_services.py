import pytest
from django.db import IntegrityError

from coop.errors import CoopError
from coop.models import AuditEntry
from members import services
from members.models import Member, RoleAssignment, SupportLink
from tests.factories import BranchFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_granting_a_role_twice_keeps_one_and_audits_once(cast):
    services.role_grant(user=cast.outsider, role="board", actor=cast.admin)
    services.role_grant(user=cast.outsider, role="board", actor=cast.admin)
    assert RoleAssignment.objects.filter(user=cast.outsider, role="board").count() == 1
    assert (
        AuditEntry.objects.filter(action="role.granted", target_id=str(cast.outsider.pk)).count()
        == 1
    )


def test_unknown_role_is_refused_in_words(cast):
    with pytest.raises(CoopError, match="no role called wizard"):
        services.role_grant(user=cast.outsider, role="wizard", actor=cast.admin)


def test_database_refuses_a_duplicate_role(cast):
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=cast.organiser, role="organiser")


def test_agreeing_guidelines_twice_keeps_the_first_record(cast):
    from members.selectors import guidelines_current

    first = services.guidelines_agree(
        member=cast.member_row, guidelines=guidelines_current(), actor=cast.member
    )
    again = services.guidelines_agree(
        member=cast.member_row, guidelines=guidelines_current(), actor=cast.member, helped_by="Sue"
    )
    assert first.pk == again.pk and again.helped_by == ""


def test_linking_a_supporter_twice_keeps_one_link(cast):
    again = services.support_link_create(
        supporter=cast.supporter, member=cast.member_row, relationship="family", actor=cast.member
    )
    assert SupportLink.objects.filter(member=cast.member_row).count() == 1
    assert again.consent_confirmed_by == cast.member


def test_members_get_distinct_numbers(cast):
    branch = BranchFactory()
    a = services.member_add(actor=cast.admin, branch=branch, first_name="A", last_name="B")
    b = services.member_add(actor=cast.admin, branch=branch, first_name="C", last_name="D")
    assert a.membership_number != b.membership_number
    assert a.status == Member.Status.APPLIED


def test_guidelines_versions_count_up(cast):
    from members.demo import GUIDELINES_POINTS

    v2 = services.guidelines_publish(title="v2", points=GUIDELINES_POINTS, actor=cast.admin)
    assert v2.version == 2


def test_guidelines_point_without_picture_words_is_refused(cast):
    with pytest.raises(CoopError, match="picture description"):
        services.guidelines_publish(
            title="bad", points=[{"text": "Hi", "alt": ""}], actor=cast.admin
        )


def test_member_history_records_who_changed_what(cast):
    member = cast.member_row
    member.phone = "07700 900999"
    member.save()
    assert member.history.count() == 2
    assert member.history.first().phone == "07700 900999"


def test_signin_link_emails_are_refused_past_the_hourly_limit(cast, settings):
    for _ in range(settings.SIGNIN_LINK_REQUESTS_PER_HOUR):
        services.signin_link_create(user=cast.member, actor=None, channel="email")
    with pytest.raises(services.TooManySignInLinks):
        services.signin_link_create(user=cast.member, actor=None, channel="email")


def test_letters_are_not_limited_like_emails(cast, settings):
    for _ in range(settings.SIGNIN_LINK_REQUESTS_PER_HOUR + 1):
        services.signin_link_create(user=cast.member, actor=cast.organiser, channel="letter")


def test_user_factory_users_can_sign_in(client):
    from django.urls import reverse

    UserFactory(username="x")
    response = client.post(reverse("signin"), {"username": "x", "password": "coop-demo"})
    assert response.status_code == 302
