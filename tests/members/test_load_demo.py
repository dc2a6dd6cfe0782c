import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import Member, Role, RoleAssignment, SupportLink, User
from members.selectors import member_has_agreed_current_guidelines, user_roles

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates(capsys):
    call_command("load_demo")
    counts = (Member.objects.count(), User.objects.count(), RoleAssignment.objects.count())
    call_command("load_demo")
    assert (Member.objects.count(), User.objects.count(), RoleAssignment.objects.count()) == counts
    out = capsys.readouterr().out
    assert "member" in out and "coop-demo" in out


def test_demo_has_the_promised_people(client):
    call_command("load_demo")
    assert 55 <= Member.objects.count() <= 65
    assert Member.objects.values("branch").distinct().count() == 2
    assert RoleAssignment.objects.filter(role=Role.BOARD).count() == 7
    assert RoleAssignment.objects.filter(role=Role.ORGANISER).count() == 2
    member = User.objects.get(username="member")
    assert member.member.status == Member.Status.ACTIVE
    assert member_has_agreed_current_guidelines(member.member)
    assert SupportLink.objects.filter(
        supporter__username="supporter", member=member.member
    ).exists()
    assert SupportLink.objects.count() >= 3
    assert len({tuple(m.contact_preferences) for m in Member.objects.all()}) > 5
    assert Member.objects.exclude(access_needs=[]).count() > 10


@pytest.mark.parametrize(
    "username,role",
    [
        ("member", "member"),
        ("supporter", "supporter"),
        ("organiser", "organiser"),
        ("board", "board"),
        ("finance", "finance"),
        ("returning", "returning_officer"),
        ("evaluator", "evaluator"),
        ("admin", "administrator"),
    ],
)
def test_each_demo_signin_works_and_has_its_role(client, username, role):
    call_command("load_demo")
    response = client.post(reverse("signin"), {"username": username, "password": "coop-demo"})
    assert response.status_code == 302
    assert role in user_roles(User.objects.get(username=username))
