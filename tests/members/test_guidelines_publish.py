import pytest
from django.urls import reverse

from members.selectors import guidelines_current, member_has_agreed_current_guidelines

pytestmark = pytest.mark.django_db


def form_data(points, title="How we treat each other"):
    data = {
        "title": title,
        "point-TOTAL_FORMS": len(points),
        "point-INITIAL_FORMS": 0,
        "point-MIN_NUM_FORMS": 0,
        "point-MAX_NUM_FORMS": 20,
    }
    for i, (text, alt) in enumerate(points):
        data |= {
            f"point-{i}-text": text,
            f"point-{i}-picture": "coop/pictures/kind.svg",
            f"point-{i}-alt": alt,
        }
    return data


def test_publishing_a_new_version_asks_everyone_again(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        reverse("guidelines-publish"), form_data([("Be kind.", "A heart"), ("", "")])
    )
    assert response.status_code == 302
    current = guidelines_current()
    assert current.version == 2 and current.points == [
        {"text": "Be kind.", "picture": "coop/pictures/kind.svg", "alt": "A heart"}
    ]
    assert not member_has_agreed_current_guidelines(cast.member_row)


def test_a_point_without_picture_words_is_explained(client, cast):
    client.force_login(cast.admin)
    html = client.post(
        reverse("guidelines-publish"), form_data([("Be kind.", "")])
    ).content.decode()
    assert "Please say what the picture shows." in html
    assert guidelines_current().version == 1


def test_a_long_point_is_explained(client, cast):
    client.force_login(cast.admin)
    long = " ".join(["word"] * 16)
    html = client.post(
        reverse("guidelines-publish"), form_data([(long, "A heart")])
    ).content.decode()
    assert "Please use 15 words or fewer." in html
    assert guidelines_current().version == 1


def test_no_points_is_explained(client, cast):
    client.force_login(cast.admin)
    html = client.post(reverse("guidelines-publish"), form_data([("", "")])).content.decode()
    assert "Please write at least 1 point." in html
    assert guidelines_current().version == 1


@pytest.mark.parametrize("role", ["member", "organiser", "board", "outsider"])
def test_only_administrators_publish_guidelines(client, cast, role):
    client.force_login(cast.by_role(role))
    assert client.get(reverse("guidelines-publish")).status_code == 403
