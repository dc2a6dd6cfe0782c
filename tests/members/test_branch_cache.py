"""The areas for What's on's filter, kept in the shared cache (members/branch_cache.py):
the page does not read the branches every time, and the database stays the one source of
truth: an area renamed, added or deleted shows on the very next request.

These run against the real Redis `make test` starts (REDIS_URL)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import auth_cache, branch_cache
from members.models import Branch

pytestmark = pytest.mark.skipif(
    not auth_cache.enabled(), reason="needs the shared cache: make test starts Redis"
)


def signed_in(client, cast):
    """The member signed in, as if the stale mark making the cast's area left had run out."""
    client.force_login(cast.member)
    cache.delete(branch_cache.KEY)
    return client


def whats_on(client, **params) -> tuple[str, list[str]]:
    """The page's HTML and the queries that read the branches."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("activity-list"), params)
    assert response.status_code == 200
    read = [q["sql"] for q in queries.captured_queries if 'FROM "members_branch"' in q["sql"]]
    return response.content.decode(), read


def test_whats_on_reads_the_areas_once_then_from_the_cache(client, cast):
    signed_in(client, cast)
    page, read = whats_on(client)
    assert ">Northfield</option>" in page and len(read) == 1
    page, read = whats_on(client)
    assert ">Northfield</option>" in page and read == []


def test_an_area_renamed_shows_on_the_next_request(client, cast):
    signed_in(client, cast)
    whats_on(client)  # fills the cache
    branch = Branch.objects.get(name="Northfield")
    branch.name = "North Field"
    branch.save()
    page, _ = whats_on(client)
    assert ">North Field</option>" in page and "Northfield" not in page


def test_an_area_added_or_deleted_shows_on_the_next_request(client, cast):
    signed_in(client, cast)
    whats_on(client)
    Branch.objects.create(name="Southgate", slug="southgate")
    assert ">Southgate</option>" in whats_on(client)[0]
    cache.delete(branch_cache.KEY)  # as if the stale mark had run out
    whats_on(client)  # the list with Southgate, cached
    Branch.objects.get(slug="southgate").delete()
    assert "Southgate" not in whats_on(client)[0]


@pytest.mark.django_db
def test_a_stale_list_is_read_but_not_cached_over_the_mark():
    """A request that read the rows from before a change cannot put them back: while the
    mark lasts the list is read from the database and not cached."""
    branch_cache.forget()
    assert branch_cache.branch_choices() == []
    assert cache.get(branch_cache.KEY) == auth_cache.STALE


@pytest.mark.django_db
def test_the_list_is_every_branch_by_name():
    Branch.objects.create(name="Zeta", slug="zeta")
    Branch.objects.create(name="Alpha", slug="alpha")
    expected = list(Branch.objects.values_list("pk", "name"))
    assert [name for _, name in expected] == ["Alpha", "Zeta"]
    assert branch_cache.branch_choices() == expected  # from the database, then cached
    assert branch_cache.branch_choices() == expected  # from the cache


def test_a_chosen_area_is_still_checked_against_the_database(client, cast):
    signed_in(client, cast)
    whats_on(client)
    branch = Branch.objects.get(name="Northfield")
    page, read = whats_on(client, branch=branch.pk)
    assert f'<option value="{branch.pk}" selected>Northfield</option>' in page
    assert len(read) == 1  # the choice, looked up; the list itself from the cache
