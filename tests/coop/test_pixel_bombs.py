"""A small file holding a huge picture (12,000 x 12,000 pixels) is refused everywhere a
picture can be uploaded, in plain words, by its header alone and before it is decoded."""

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageFile

from board.elections import services as board_services
from board.models import Candidate
from coop.errors import CoopError
from coop.images import MAX_PIXELS, TOO_MANY_PIXELS, image_too_large
from events import services as event_services
from events.models import Booking, EvaluationPhoto
from finance.models import Expense
from tests.board.conftest import call
from tests.events.after_helpers import book, past_activity
from tests.finance.helpers import spent_on_bowling
from tests.pictures import huge_png

BOMB = huge_png()


@pytest.fixture(autouse=True)
def _no_decoding(monkeypatch, settings, tmp_path):
    """Any attempt to decode a picture fails the test: the refusal must come first."""
    settings.MEDIA_ROOT = tmp_path

    def refuse(self, *args, **kwargs):
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(Image.Image, "load", refuse)
    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_the_bomb_is_small_on_disk_and_huge_in_pixels() -> None:
    assert len(BOMB) < 100_000
    assert image_too_large(BOMB)
    assert image_too_large(io.BytesIO(BOMB))


def test_pillow_itself_refuses_anything_over_twice_the_limit() -> None:
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(BOMB))


def _held(cast):
    activity = past_activity(cast.organiser, cast.member_row.branch, days=-3)
    book(activity, cast.member_row, Booking.Status.ATTENDED)
    return activity


def _evaluation_service(cast) -> None:
    event_services.evaluation_photo_add(
        activity=_held(cast), actor=cast.organiser, data=BOMB, alt="Bowling.", members=[]
    )


def _evaluation_page(cast) -> None:
    client = Client()
    client.force_login(cast.organiser)
    data = {
        "add_photo": "1",
        "photo-image": SimpleUploadedFile("bowling.png", BOMB, content_type="image/png"),
        "photo-alt": "Bowling.",
        "photo-everyone_ticked": "on",
    }
    response = client.post(reverse("evaluation", args=[_held(cast).pk]), data)
    page = response.content.decode()
    assert "too big to use" in page and "40 million dots" in page
    raise CoopError("refused on the page")


def _candidate_photo(cast) -> None:
    board_services.candidate_nominate(
        election=call(cast),
        member=cast.member_row,
        actor=cast.member,
        statement="I will listen to you.",
        picture="",
        photo=SimpleUploadedFile("me.png", BOMB, content_type="image/png"),
    )


def _receipt(cast) -> None:
    spent_on_bowling(cast, SimpleUploadedFile("receipt.png", BOMB))


UPLOADS: dict[str, tuple[Callable[..., None], type]] = {
    "evaluation-photo": (_evaluation_service, EvaluationPhoto),
    "evaluation-photo-page": (_evaluation_page, EvaluationPhoto),
    "candidate-photo": (_candidate_photo, Candidate),
    "expense-receipt": (_receipt, Expense),
}


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_pixel_bomb_is_refused_in_plain_words_and_nothing_is_kept(cast, upload: str) -> None:
    make, model = UPLOADS[upload]
    with pytest.raises(CoopError) as error:
        make(cast)
    assert error.value.message in (TOO_MANY_PIXELS, "refused on the page")
    assert not model.objects.exists()
