"""Standing: nominate (service and the one-question-a-page wizard), accept, reject,
withdraw."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from board.elections import services
from board.models import Candidate
from coop.errors import CoopError, InvalidTransition, NotAllowed
from coop.models import AuditEntry
from members.models import Member
from tests.board.conftest import add_member, call

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def election(cast):
    return call(cast)


def nominate(election, member, **kwargs):
    details = {"statement": "I will listen to you.", "picture": "board/pictures/tree.svg"}
    details.update(kwargs)
    return services.candidate_nominate(
        election=election, member=member, actor=member.user, **details
    )


def test_a_member_stands_with_a_statement_and_a_chosen_picture(cast, election):
    candidate = nominate(election, cast.member_row, statement="  I will listen.  ")
    assert candidate.status == Candidate.Status.NOMINATED
    assert candidate.statement == "I will listen."
    assert candidate.picture == "board/pictures/tree.svg" and not candidate.photo
    entry = AuditEntry.objects.get(action="candidate.nominated")
    assert entry.actor == cast.member and entry.data["easy_read_problems"] == 0


def test_the_audit_counts_easy_read_problems_without_blocking(cast, election):
    nominate(election, cast.member_row, statement="I have two cats, e.g. Tom.")
    assert AuditEntry.objects.get(action="candidate.nominated").data["easy_read_problems"] == 2


def test_a_photo_is_kept_when_it_really_is_a_photo(cast, election, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    candidate = nominate(election, cast.member_row, photo=photo, picture="")
    assert candidate.photo.name.startswith("elections/candidates/")
    assert candidate.photo.read() == PNG


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("me.gif", b"GIF89a", "JPG, PNG or WEBP"),
        ("me.png", JPEG, "not a photo we can show"),
        ("me.jpg", b"<script>alert(1)</script>", "not a photo we can show"),
        ("me.png", b"", "empty"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused(cast, election, name, content, message):
    photo = SimpleUploadedFile(name, content)
    with pytest.raises(CoopError, match=message):
        nominate(election, cast.member_row, photo=photo, picture="")
    assert not Candidate.objects.exists()


def test_a_picture_must_be_one_of_ours(cast, election):
    with pytest.raises(CoopError, match="Please choose a photo or a picture"):
        nominate(election, cast.member_row, picture="../../etc/passwd")


def test_an_empty_or_long_statement_is_refused(cast, election):
    with pytest.raises(CoopError, match="a few sentences"):
        nominate(election, cast.member_row, statement="   ")
    with pytest.raises(CoopError, match="too long"):
        nominate(election, cast.member_row, statement="word " * 500)
    assert not Candidate.objects.exists()


def test_the_seconder_must_be_another_active_member(cast, election):
    with pytest.raises(CoopError, match="not you"):
        nominate(election, cast.member_row, seconder=cast.member_row)
    lapsed = add_member(cast.admin, "lapsed", "Lee", "Lapsed", status=Member.Status.LAPSED)
    with pytest.raises(CoopError, match="active member"):
        nominate(election, cast.member_row, seconder=lapsed)
    friend = add_member(cast.admin, "friend", "Fay", "Friend")
    assert nominate(election, cast.member_row, seconder=friend).seconder == friend


def test_the_database_refuses_a_member_seconding_themself(cast, election):
    candidate = nominate(election, cast.member_row)
    with pytest.raises(IntegrityError):
        Candidate.objects.filter(pk=candidate.pk).update(seconder=cast.member_row)


def test_only_active_members_stand(cast, election):
    lapsed = add_member(cast.admin, "lapsed", "Lee", "Lapsed", status=Member.Status.LAPSED)
    with pytest.raises(NotAllowed, match="Only active members"):
        nominate(election, lapsed)


def test_standing_twice_is_refused_but_standing_again_after_withdrawing_is_allowed(cast, election):
    first = nominate(election, cast.member_row)
    with pytest.raises(CoopError, match="already standing"):
        nominate(election, cast.member_row)
    services.candidate_withdraw(candidate=first, actor=cast.member)
    again = nominate(election, cast.member_row, statement="I am back.")
    assert again.pk == first.pk and again.status == Candidate.Status.NOMINATED
    assert Candidate.objects.count() == 1


def test_nominations_outside_the_window_are_refused(cast, election):
    later = election.nominations_close_at + dt.timedelta(minutes=1)
    with pytest.raises(CoopError, match="Nominations closed on"):
        services.candidate_nominate(
            election=election,
            member=cast.member_row,
            actor=cast.member,
            statement="Hello.",
            picture="board/pictures/sun.svg",
            now=later,
        )


def test_accepting_twice_is_safe_and_rejecting_needs_a_reason(cast, election):
    candidate = nominate(election, cast.member_row)
    services.candidate_accept(candidate=candidate, actor=cast.returning)
    again = services.candidate_accept(candidate=candidate, actor=cast.returning)
    assert again.status == Candidate.Status.ACCEPTED
    assert AuditEntry.objects.filter(action="candidate.accepted").count() == 1
    other = nominate(election, add_member(cast.admin, "o", "Oz", "Other"))
    with pytest.raises(CoopError, match="Please say why"):
        services.candidate_reject(candidate=other, actor=cast.returning, reason="")
    services.candidate_reject(candidate=other, actor=cast.returning, reason="Not a member yet.")
    other.refresh_from_db()
    assert other.status == Candidate.Status.REJECTED
    assert other.rejected_reason == "Not a member yet."


def test_a_candidate_cannot_withdraw_once_voting_opens(cast, setup):
    candidate = setup.candidates[0]
    with pytest.raises(InvalidTransition, match="too late"):
        services.candidate_withdraw(candidate=candidate, actor=candidate.member.user)
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.ACCEPTED


# --- the wizard --------------------------------------------------------------------------


def test_standing_one_question_a_page_with_advice_on_the_check_page(client, cast, election):
    client.force_login(cast.member)
    url = reverse("election-stand", args=[election.pk])
    page = client.get(url)
    assert "What do you want to tell members about you?" in page.content.decode()
    prefix = page.context["wizard"]["management_form"].prefix
    current = f"{prefix}-current_step"

    response = client.post(url, {current: "statement", "statement-statement": ""})
    assert "Please write a few sentences about yourself." in response.content.decode()
    client.post(url, {current: "statement", "statement-statement": "I have two dogs, e.g. Rex."})
    response = client.post(url, {current: "picture_kind", "picture_kind-kind": "picture"})
    assert "Choose your picture" in response.content.decode()
    client.post(url, {current: "picture", "picture-picture": "board/pictures/flower.svg"})
    friend = add_member(cast.admin, "friend", "Fay", "Friend")
    check = client.post(url, {current: "seconder", "seconder-seconder": str(friend.pk)})
    html = check.content.decode()
    assert "Check your answers" in html
    assert "Your statement could be easier to read" in html
    assert "Write numbers as digits" in html and "for example" in html
    done = client.post(url, {current: "check"})
    assert "We got your nomination" in done.content.decode()
    candidate = Candidate.objects.get()
    assert candidate.member == cast.member_row and candidate.seconder == friend
    assert candidate.picture == "board/pictures/flower.svg"


def test_standing_with_a_photo_through_the_wizard(client, cast, election, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.member)
    url = reverse("election-stand", args=[election.pk])
    prefix = client.get(url).context["wizard"]["management_form"].prefix
    current = f"{prefix}-current_step"
    client.post(url, {current: "statement", "statement-statement": "I will help."})
    client.post(url, {current: "picture_kind", "picture_kind-kind": "photo"})
    bad = client.post(
        url, {current: "photo", "photo-photo": SimpleUploadedFile("me.png", b"not a png")}
    )
    assert "not a photo we can show" in bad.content.decode()
    client.post(url, {current: "photo", "photo-photo": SimpleUploadedFile("me.jpg", JPEG)})
    client.post(url, {current: "seconder", "seconder-seconder": ""})
    client.post(url, {current: "check"})
    candidate = Candidate.objects.get()
    assert candidate.photo.read() == JPEG and candidate.seconder is None
    # Nobody sees a nomination not yet accepted, except the member and the officer.
    photo_url = reverse("election-candidate-photo", args=[election.pk, candidate.pk])
    response = client.get(photo_url)
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == JPEG
    client.force_login(cast.organiser)
    assert client.get(photo_url).status_code == 404
    services.candidate_accept(candidate=candidate, actor=cast.returning)
    assert client.get(photo_url).status_code == 200
    assert not list((tmp_path / "uploads-in-progress").glob("*"))


def test_the_wizard_says_plainly_when_nominations_are_closed(client, cast, setup):
    client.force_login(cast.member)
    response = client.get(reverse("election-stand", args=[setup.election.pk]))
    assert "This election is not taking nominations now." in response.content.decode()
    assert not Candidate.objects.filter(member=cast.member_row).exists()


def test_a_supporter_cannot_stand(client, cast, election):
    client.force_login(cast.supporter)
    assert client.get(reverse("election-stand", args=[election.pk])).status_code == 403


def test_withdrawing_from_the_page(client, cast, election):
    candidate = nominate(election, cast.member_row)
    client.force_login(cast.member)
    url = reverse("election-withdraw", args=[election.pk])
    assert "Do you want to stop standing?" in client.get(url).content.decode()
    client.post(url)
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.WITHDRAWN
    client.force_login(cast.board)
    assert client.get(url).status_code == 403  # board user is not a member in the cast


def test_the_returning_officer_sees_advice_and_accepts_or_rejects(client, cast, election):
    candidate = nominate(election, cast.member_row, statement="I have two cats.")
    client.force_login(cast.returning)
    url = reverse("election-nomination", args=[election.pk, candidate.pk])
    html = client.get(url).content.decode()
    assert "Write numbers as digits" in html
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert "Please give the reason." in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.NOMINATED
    client.post(url, {"decision": "accept"})
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.ACCEPTED


def test_another_returning_officer_cannot_decide(client, cast, election):
    candidate = nominate(election, cast.member_row)
    other = add_member(cast.admin, "ro2", "Rob", "Other").user
    from members import services as member_services

    member_services.role_grant(user=other, role="returning_officer", actor=cast.admin)
    client.force_login(other)
    url = reverse("election-nomination", args=[election.pk, candidate.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.NOMINATED


def test_nominations_keep_a_time_when_made(cast, election):
    before = timezone.now()
    candidate = nominate(election, cast.member_row)
    assert candidate.nominated_at >= before
