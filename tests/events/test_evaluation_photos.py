"""Evaluation photos: only of members who agreed to photos (refused, naming who did not),
words for people who cannot see them, kept once, served only to organisers and the board,
in the member's own data and gone when the member is erased."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from coop import personal_data
from coop.errors import CoopError
from coop.models import AuditEntry
from events import services
from events.models import Booking, EvaluationPhoto
from members.models import Member
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_members

B = Booking.Status
NOT_READERS = ["member", "supporter", "finance", "returning", "outsider"]


def _jpeg(colour: str = "red", size=(40, 30), exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    if exif:
        data = Image.Exif()
        data[0x010F] = "Camera maker"  # Make
        image.save(out, "JPEG", exif=data)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def held(cast):
    """Bowling 3 days ago: May (agreed to photos) came, Ali (did not agree) came, Bo was
    booked and did not come, Cy was not booked."""
    activity = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    ali, bo, cy = make_members(cast, 3)
    Member.objects.filter(pk=cast.member_row.pk).update(photo_consent=True)
    cast.member_row.refresh_from_db()
    book(activity, cast.member_row, B.ATTENDED)
    book(activity, ali, B.ATTENDED)
    book(activity, bo, B.NO_SHOW)
    return activity, {"may": cast.member_row, "ali": ali, "bo": bo, "cy": cy}


def test_a_photo_of_members_who_agreed_is_kept_with_its_words(held, cast, media):
    activity, people = held
    photo = services.evaluation_photo_add(
        activity=activity,
        actor=cast.organiser,
        data=_jpeg(exif=True),
        alt=" May holds a bowling ball. ",
        members=[people["may"]],
    )
    assert photo.alt == "May holds a bowling ball."
    assert list(photo.members.all()) == [people["may"]]
    path = Path(photo.image.path)
    assert path.is_relative_to(media) and path.exists()
    assert people["may"].last_name not in photo.image.name  # no names in file names
    with Image.open(path) as saved:
        assert saved.format == "JPEG"
        assert dict(saved.getexif()) == {}  # hidden details are gone
    entry = AuditEntry.objects.get(action="evaluation.photo_added")
    assert entry.data["members"] == [people["may"].pk]


def test_a_photo_with_a_member_who_did_not_agree_is_refused_naming_them(held, cast, media):
    activity, people = held
    with pytest.raises(CoopError, match="M0 Test did not agree to photos") as error:
        services.evaluation_photo_add(
            activity=activity,
            actor=cast.organiser,
            data=_jpeg(),
            alt="May and Ali bowling.",
            members=[people["may"], people["ali"]],
        )
    assert error.value.code == "no_photo_consent"
    assert not EvaluationPhoto.objects.exists()
    assert not any(Path(media).rglob("*.jpg"))


def test_only_booked_members_can_be_named(held, cast):
    activity, people = held
    with pytest.raises(CoopError, match="Only members booked for this activity"):
        services.evaluation_photo_add(
            activity=activity, actor=cast.organiser, data=_jpeg(), alt="x", members=[people["cy"]]
        )
    with pytest.raises(CoopError, match="Only members booked"):  # did not come
        services.evaluation_photo_add(
            activity=activity, actor=cast.organiser, data=_jpeg(), alt="x", members=[people["bo"]]
        )


@pytest.mark.parametrize(
    "data, alt, message",
    [
        (b"not a photo at all", "A photo.", "This file is not a photo we can use."),
        (_jpeg(), "   ", "Please say what the photo shows"),
    ],
)
def test_bad_photos_are_refused_in_plain_words(held, cast, data, alt, message):
    activity, _ = held
    with pytest.raises(CoopError, match=message):
        services.evaluation_photo_add(
            activity=activity, actor=cast.organiser, data=data, alt=alt, members=[]
        )
    assert not EvaluationPhoto.objects.exists()


def test_a_gif_is_refused(held, cast):
    activity, _ = held
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "GIF")
    with pytest.raises(CoopError, match="Please choose a JPEG or PNG photo."):
        services.evaluation_photo_add(
            activity=activity, actor=cast.organiser, data=out.getvalue(), alt="x", members=[]
        )


def test_photos_wait_until_the_activity_happened(cast):
    soon = past_activity(cast.organiser, cast.member_row.branch, days=3)
    with pytest.raises(CoopError, match="has not happened yet"):
        services.evaluation_photo_add(
            activity=soon, actor=cast.organiser, data=_jpeg(), alt="x", members=[]
        )


def test_the_same_photo_sent_twice_is_kept_once(held, cast):
    activity, people = held
    data = _jpeg()
    first = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=data, alt="Bowling.", members=[]
    )
    again = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=data, alt="Bowling.", members=[]
    )
    assert first == again and EvaluationPhoto.objects.count() == 1
    assert AuditEntry.objects.filter(action="evaluation.photo_added").count() == 1


def test_removing_a_photo_deletes_its_file_once(held, cast, django_capture_on_commit_callbacks):
    activity, _ = held
    photo = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=_jpeg(), alt="Bowling.", members=[]
    )
    path = Path(photo.image.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_photo_remove(photo=photo, actor=cast.organiser)
        services.evaluation_photo_remove(photo=photo, actor=cast.organiser)
    assert not EvaluationPhoto.objects.exists() and not path.exists()
    assert AuditEntry.objects.filter(action="evaluation.photo_removed").count() == 1


# The page ------------------------------------------------------------------------------


def _post(client, activity, **fields):
    data = {
        "add_photo": "1",
        "photo-image": SimpleUploadedFile("bowling.jpg", _jpeg(), content_type="image/jpeg"),
        "photo-alt": "May holds a bowling ball.",
        "photo-everyone_ticked": "on",
    } | fields
    return client.post(reverse("evaluation", args=[activity.pk]), data, follow=True)


def test_organiser_adds_a_photo_and_the_page_shows_it(held, cast, client):
    activity, people = held
    client.force_login(cast.organiser)
    page = _post(client, activity, **{"photo-members": [people["may"].pk]}).content.decode()
    assert "The photo is saved with the evaluation." in page
    photo = EvaluationPhoto.objects.get()
    assert f'src="{reverse("evaluation-photo", args=[photo.pk])}"' in page
    assert 'alt="May holds a bowling ball."' in page
    assert "In the photo: May Okafor." in page
    response = client.get(reverse("evaluation-photo", args=[photo.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert response["Cache-Control"] == "private, no-store"


def test_page_refuses_a_photo_naming_who_did_not_agree(held, cast, client):
    activity, people = held
    client.force_login(cast.organiser)
    page = _post(
        client, activity, **{"photo-members": [people["may"].pk, people["ali"].pk]}
    ).content.decode()
    assert "<title>Error: " in page
    assert "This photo was not saved. M0 Test did not agree to photos." in page
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert "M0 Test did not agree to photos." in summary
    assert "M0 Test: did not agree to photos" in page  # said beside the name too
    assert not EvaluationPhoto.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"photo-image": ""}, "Please choose a photo."),
        (
            {"photo-image": SimpleUploadedFile("x.jpg", b"nonsense", content_type="image/jpeg")},
            "This file is not a photo we can use. Please choose a JPEG or PNG photo.",
        ),
        ({"photo-alt": ""}, "Please say what the photo shows."),
        ({"photo-everyone_ticked": ""}, "Please tick every member in the photo, then tick"),
        ({"photo-members": ["999999"]}, "Please tick only members who were booked."),
    ],
)
def test_photo_form_bad_input_is_explained(held, cast, client, fields, message):
    activity, _ = held
    client.force_login(cast.organiser)
    page = _post(client, activity, **fields).content.decode()
    assert "<title>Error: " in page
    assert message in page
    assert not EvaluationPhoto.objects.exists()


def test_the_evaluation_words_still_save_beside_the_photo_form(held, cast, client):
    activity, _ = held
    client.force_login(cast.organiser)
    page = client.post(
        reverse("evaluation", args=[activity.pk]), {"went_well": "Fun."}, follow=True
    ).content.decode()
    assert "The evaluation is saved" in page
    assert not EvaluationPhoto.objects.exists()


def test_the_board_can_see_photos(held, cast, client):
    activity, _ = held
    photo = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=_jpeg(), alt="Bowling.", members=[]
    )
    client.force_login(cast.board)
    assert client.get(reverse("evaluation-photo", args=[photo.pk])).status_code == 200


@pytest.mark.parametrize("role", NOT_READERS)
def test_photos_are_not_for_others(held, cast, client, role):
    activity, _ = held
    photo = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=_jpeg(), alt="Bowling.", members=[]
    )
    client.force_login(cast.by_role(role))
    assert client.get(reverse("evaluation-photo", args=[photo.pk])).status_code == 403
    remove = reverse("evaluation-photo-remove", args=[photo.pk])
    assert client.post(remove).status_code == 403
    assert EvaluationPhoto.objects.filter(pk=photo.pk).exists()


def test_photo_pages_need_sign_in(held, cast, client):
    activity, _ = held
    photo = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=_jpeg(), alt="Bowling.", members=[]
    )
    assert client.get(reverse("evaluation-photo", args=[photo.pk])).status_code == 302


def test_organiser_deletes_a_photo_from_the_page(held, cast, client):
    activity, _ = held
    photo = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=_jpeg(), alt="Bowling.", members=[]
    )
    client.force_login(cast.organiser)
    page = client.post(
        reverse("evaluation-photo-remove", args=[photo.pk]), follow=True
    ).content.decode()
    assert "The photo is deleted." in page and "No photos yet." in page
    assert client.get(reverse("evaluation-photo", args=[photo.pk])).status_code == 404


# The member's own data -----------------------------------------------------------------


def test_photos_are_in_the_members_data_and_go_when_erased(
    held, cast, django_capture_on_commit_callbacks
):
    activity, people = held
    photo = services.evaluation_photo_add(
        activity=activity,
        actor=cast.organiser,
        data=_jpeg(),
        alt="Bowling.",
        members=[people["may"]],
    )
    other = services.evaluation_photo_add(
        activity=activity, actor=cast.organiser, data=_jpeg("blue"), alt="Pins.", members=[]
    )
    mine = personal_data.export_for(cast.member)["activities"]["photos_you_are_in"]
    assert [p["what_the_photo_shows"] for p in mine] == ["Bowling."]
    path = Path(photo.image.path)
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase_for(cast.member)
    assert list(EvaluationPhoto.objects.all()) == [other]
    assert not path.exists()
