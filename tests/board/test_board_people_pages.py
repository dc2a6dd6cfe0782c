"""The pages about the people around the board (issue 22): who may read and change them,
forms sent wrong or twice, and "Who is on the board" showing co-chairs, partners, the
helper's hours, training and the role pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from board.models import BoardMembership, BoardTraining, HelperHours, PartnerSeat
from board.terms import people_services as services
from board.terms import services as term_services
from board.terms.roles import ROLES
from tests.board.conftest import add_member
from tests.board.meeting_helpers import editor

pytestmark = pytest.mark.django_db

BOARD_PAGES = ["board-partners", "board-helper", "board-training"]


def token(client, name: str, form: str = "form") -> str:
    return client.get(reverse(name)).context[form]["token"].value()


def test_people_without_a_board_role_cannot_see_the_board_pages(cast, client):
    for user in (cast.outsider, cast.member, cast.supporter, cast.organiser):
        client.force_login(user)
        for name in BOARD_PAGES:
            assert client.get(reverse(name)).status_code == 403, (user.username, name)
    client.logout()
    for name in [*BOARD_PAGES, "board-roles"]:
        assert client.get(reverse(name)).status_code == 302


def test_every_member_reads_the_role_pages_and_a_made_up_one_is_not_found(cast, client):
    client.force_login(cast.member)
    assert "Partner seat" in client.get(reverse("board-roles")).content.decode()
    for slug, role in ROLES.items():
        page = client.get(reverse("board-role", args=[slug])).content.decode()
        assert role.lines[0].text in page
    assert client.get(reverse("board-role", args=["king"])).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(reverse("board-roles")).status_code == 403


def test_a_board_member_reads_but_cannot_change(cast, client):
    services.partner_seat_add(
        organisation="The council", person_name="Hannah", starts_on=dt.date(2026, 1, 1), actor=None
    )
    client.force_login(cast.board)
    page = client.get(reverse("board-partners")).content.decode()
    assert "The council" in page and "Add the partner seat" not in page
    seat = PartnerSeat.objects.get()
    assert (
        client.post(reverse("board-partners"), {"form": "end", "seat": seat.pk}).status_code == 403
    )
    assert client.post(reverse("board-training"), {"what": "x"}).status_code == 403
    assert client.post(reverse("board-helper"), {"form": "hours"}).status_code == 403
    assert "Save the hours" not in client.get(reverse("board-helper")).content.decode()


def test_a_co_chair_adds_a_partner_seat_once_and_ends_it(cast, client):
    client.force_login(editor(cast))
    sent = {
        "token": token(client, "board-partners"),
        "organisation": "Greenway Housing Association",
        "person_name": "Tom Okoro",
        "starts_on": "2026-11-01",
    }
    done = client.post(reverse("board-partners"), sent, follow=True).content.decode()
    assert "Greenway Housing Association has a seat with the board." in done
    again = client.post(reverse("board-partners"), sent, follow=True).content.decode()
    assert "You sent this twice. It was done once." in again
    seat = PartnerSeat.objects.get()
    assert seat.has_vote is False
    done = client.post(reverse("board-partners"), {"form": "end", "seat": seat.pk}, follow=True)
    assert "Greenway Housing Association&#x27;s seat ends today." in done.content.decode()
    odd = client.post(reverse("board-partners"), {"form": "end", "seat": "x"}, follow=True)
    assert "Please choose which seat to end." in odd.content.decode()


def test_a_partner_seat_sent_empty_says_what_is_missing(cast, client):
    client.force_login(editor(cast))
    response = client.post(reverse("board-partners"), {"token": "t1", "starts_on": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    for words in ("Please write the organisation", "Please write who sits for it."):
        assert words in page
    assert not PartnerSeat.objects.exists()


def test_finance_writes_down_the_helpers_hours_but_does_not_add_a_helper(cast, client):
    helper = services.helper_add(
        name="Jo Baker", hourly_rate_pence=1250, starts_on=dt.date(2026, 1, 1), actor=None
    )
    client.force_login(cast.finance)
    assert client.post(reverse("board-helper"), {"form": "helper"}).status_code == 403
    bad = client.post(
        reverse("board-helper"),
        {"form": "hours", "token": "b1", "helper": helper.pk, "worked_on": "", "minutes": "lots"},
    ).content.decode()
    assert "<title>Error: " in bad
    assert "Please type the hours as a number, like 3 or 2.5." in bad
    assert "Please say which day." in bad
    quarter = client.post(
        reverse("board-helper"),
        {
            "form": "hours",
            "token": "b2",
            "helper": helper.pk,
            "worked_on": timezone.localdate().isoformat(),
            "minutes": "1.1",
            "what_for": "Phoning",
        },
    ).content.decode()
    assert "Please give the hours in quarters of an hour, from 0.25 to 12." in quarter
    assert not HelperHours.objects.exists()
    sent = {
        "form": "hours",
        "token": token(client, "board-helper", "hours_form"),
        "helper": helper.pk,
        "worked_on": timezone.localdate().isoformat(),
        "minutes": "2.5",
        "what_for": "Booking the bowling trip",
    }
    done = client.post(reverse("board-helper"), sent, follow=True).content.decode()
    assert "Saved Jo Baker&#x27;s hours." in done
    client.post(reverse("board-helper"), sent)
    hours = HelperHours.objects.get()
    assert (hours.minutes, hours.pay_pence) == (150, 3125)
    assert "2 hours 30 minutes" in done and "£31.25" in done


def test_a_co_chair_adds_the_helper_and_training(cast, client):
    client.force_login(editor(cast))
    sent = {
        "form": "helper",
        "token": token(client, "board-helper", "helper_form"),
        "name": "Jo Baker",
        "hourly_rate_pence": "12.50",
        "starts_on": "2026-01-01",
    }
    done = client.post(reverse("board-helper"), sent, follow=True).content.decode()
    assert "Jo Baker is the co-chairs&#x27; helper." in done
    assert "Jo Baker is paid £12.50 for each hour." in done
    training = {
        "token": token(client, "board-training"),
        "what": "Chairing meetings",
        "held_on": "2026-11-03",
        "who": "Patricia and May",
    }
    client.post(reverse("board-training"), training)
    client.post(reverse("board-training"), training)
    assert BoardTraining.objects.count() == 1
    empty = client.post(reverse("board-training"), {"token": "e1"}).content.decode()
    assert "Please say what the training was." in empty and "Please say who went." in empty


def test_who_is_on_the_board_shows_co_chairs_partners_helper_training_and_roles(cast, client):
    start = timezone.localdate() - dt.timedelta(days=30)
    for username, first in (("pat", "Patricia"), ("olu", "Olu")):
        person = add_member(cast.admin, username, first, "Chair")
        term_services.term_add(member=person, role="co_chair", starts_on=start, actor=None)
    services.partner_seat_add(
        organisation="Open Doors Charity", person_name="Gill Ward", starts_on=start, actor=None
    )
    helper = services.helper_add(
        name="Jo Baker", hourly_rate_pence=1000, starts_on=start, actor=None
    )
    services.helper_hours_add(
        helper=helper,
        worked_on=timezone.localdate(),
        minutes=180,
        what_for="Phoning members",
        actor=None,
    )
    services.training_add(
        what="Chairing meetings", held_on=start, who="Patricia and Olu", actor=None
    )
    client.force_login(cast.board)
    page = client.get(reverse("board-terms")).content.decode()
    for words in (
        "<li>Olu Chair</li><li>Patricia Chair</li>",
        "Open Doors Charity",
        "Gill Ward",
        "Jo Baker worked 3 hours on 1 day. The pay is £30.",
        "Chairing meetings",
        "Patricia and Olu went.",
        reverse("board-role", args=["co-chair"]),
        reverse("board-role", args=["partner"]),
    ):
        assert words in page, words
    assert BoardMembership.objects.filter(role="co_chair").count() == 2


def test_finance_finds_the_helpers_hours_from_their_page(cast, client):
    client.force_login(cast.finance)
    page = client.get(reverse("finance-home")).content.decode()
    assert f'href="{reverse("board-helper")}"' in page


def test_a_third_co_chair_added_on_the_page_is_refused_in_plain_words(cast, client):
    chair = editor(cast)  # Chris Hall, a co-chair
    other = add_member(cast.admin, "pat", "Patricia", "Hale")
    term_services.term_add(
        member=other,
        role="co_chair",
        starts_on=timezone.localdate() - dt.timedelta(days=10),
        actor=cast.admin,
    )
    third = add_member(cast.admin, "sam", "Sam", "Third")
    client.force_login(chair)
    response = client.post(
        reverse("board-terms"),
        {
            "form": "add",
            "token": "third",
            "member": third.pk,
            "role": "co_chair",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert "The board has 2 co-chairs then: Chris Hall and Patricia Hale." in page
    assert "There can only be 2 co-chairs. End a co-chair&#x27;s term first." in page
    assert not BoardMembership.objects.filter(member=third).exists()


def test_members_find_the_role_pages_from_the_elections(cast, client):
    client.force_login(cast.member)
    page = client.get(reverse("election-list")).content.decode()
    assert f'<a href="{reverse("board-roles")}">What people on the board do</a>' in page
