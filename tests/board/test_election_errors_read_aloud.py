"""Standing and voting: a step's error is tied to its question for screen readers."""

import pytest
from django.urls import reverse

from tests.board.conftest import call, voting_election

pytestmark = pytest.mark.django_db


def post_empty(client, url: str, step: str, field: str) -> str:
    prefix = client.get(url).context["wizard"]["management_form"].prefix
    response = client.post(url, {f"{prefix}-current_step": step, f"{step}-{field}": ""})
    return response.content.decode()


def test_a_statement_left_empty_is_described_by_its_error(client, cast):
    election = call(cast)
    client.force_login(cast.member)
    page = post_empty(
        client, reverse("election-stand", args=[election.pk]), "statement", "statement"
    )
    described = 'aria-describedby="id_statement-statement_helptext id_statement-statement_error"'
    assert described in page
    assert 'id="id_statement-statement_error"' in page and 'aria-invalid="true"' in page


def test_a_ballot_sent_empty_is_described_by_its_error(client, cast):
    setup = voting_election(cast)
    client.force_login(cast.member)
    url = reverse("election-vote", args=[setup.election.pk])
    prefix = client.get(url).context["wizard"]["management_form"].prefix
    step = client.get(url).context["wizard"]["steps"].current
    page = client.post(url, {f"{prefix}-current_step": step}).content.decode()
    assert "Error:" in page
    assert f'aria-describedby="{step}_errors"' in page and f'id="{step}_errors"' in page
