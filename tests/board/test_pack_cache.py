"""The pack kept in the shared cache (board/meetings/pack_cache.py): made once, shown again
without its queries, and made again after any change to what it shows, at once."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.meetings import pack_cache, services
from board.meetings.models import PaperPart
from members import services as member_services
from tests.board.meeting_helpers import make_board, plan, written_paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(cast):
    return make_board(cast)


@pytest.fixture
def pack(cast, board, client):
    """A planned meeting with a written paper, and a board member's way to read its pack:
    the page's HTML and its number of queries."""
    meeting = plan(cast)
    paper = written_paper(cast, meeting)
    client.force_login(cast.board)
    url = reverse("meeting-pack", args=[meeting.pk])

    def read(version: str = "easy-read") -> tuple[str, int]:
        """The page's main part (the sign-out form's token changes on every page)."""
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}?version={version}")
        assert response.status_code == 200
        page = response.content.decode()
        return page[page.index("<main") : page.index("</main>")], len(queries)

    return meeting, paper, read


def test_a_pack_shown_again_is_the_same_without_its_queries(pack):
    meeting, paper, read = pack
    first, made = read()
    again, kept = read()
    assert again == first
    assert kept == made - 4  # the meeting read again, the agenda, the papers, their parts
    standard, _ = read("standard")  # each version kept apart
    assert "<h4>Cost</h4>" in standard and "<h4>Cost</h4>" not in first
    assert read("standard")[0] == standard


def test_each_change_to_what_a_pack_shows_is_shown_at_once(cast, pack):
    meeting, paper, read = pack
    read()
    item = paper.item
    changes = [
        (
            lambda: services.meeting_update(meeting=meeting, actor=cast.board, place="Room 9"),
            "Room 9",
        ),
        (
            lambda: services.item_update(item=item, actor=cast.board, summary="About buses."),
            "About buses.",
        ),
        (
            lambda: services.paper_update(paper=paper, actor=cast.board, title="A new bus"),
            "A new bus",
        ),
        (
            lambda: services.part_save(paper=paper, words="A third part.", actor=cast.board),
            "A third part.",
        ),
        (
            lambda: services.item_update(item=item, actor=cast.board, presenter=cast.member_row),
            "May Okafor will talk about this.",
        ),
        (
            lambda: member_services.member_update(
                member=cast.member_row, actor=cast.admin, changes={"known_as": "Maya"}
            ),
            "Maya Okafor will talk about this.",
        ),
    ]
    for change, shown in changes:
        assert shown not in read()[0]
        change()
        assert shown in read()[0], shown
    part = PaperPart.objects.get(words="A third part.")
    services.part_delete(part=part, actor=cast.board)
    assert "A third part." not in read()[0]


def test_papers_written_in_bulk_are_shown_at_once(cast, pack):
    # coop's own papers (the minutes, actions, activities, money) are written again, their
    # parts with bulk_create, which sends no signal: the kept pack is not used after.
    meeting, _, read = pack
    page = read()[0]
    cache.set(pack_cache.GENERATION, "unchanged")
    cache.set(pack_cache._key(meeting.pk, "easy-read"), ("unchanged", page), 60)
    with CaptureQueriesContext(connection):
        services.papers_refresh(meeting=meeting, actor=cast.board)
    assert cache.get(pack_cache.GENERATION) != "unchanged"


def test_a_pack_made_from_rows_read_before_a_change_is_not_used_after_it(cast, pack):
    # The generation is read before the rows: a change committed meanwhile makes a new one
    # (at once and when it commits), so what was made from the old rows is not used.
    meeting, _, _ = pack
    made = []

    def make_while_changed() -> str:
        made.append("old")
        pack_cache.forget_packs()  # as a change committed while the rows were read
        return "old rows"

    assert pack_cache.pack_html(meeting.pk, "easy-read", make_while_changed) == "old rows"
    assert pack_cache.pack_html(meeting.pk, "easy-read", lambda: "new rows") == "new rows"
    assert pack_cache.pack_html(meeting.pk, "easy-read", lambda: "not made") == "new rows"


def test_a_change_makes_a_new_generation_at_once_and_on_commit(
    cast, pack, django_capture_on_commit_callbacks
):
    _, paper, read = pack
    read()
    before = cache.get(pack_cache.GENERATION)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.paper_update(paper=paper, actor=cast.board, title="Renamed")
        during = cache.get(pack_cache.GENERATION)
    after = cache.get(pack_cache.GENERATION)
    assert len({before, during, after}) == 3


def test_without_a_shared_cache_the_pack_is_made_each_time(settings, pack):
    settings.USER_CACHE_SECONDS = 0
    _, _, read = pack
    first, made = read()
    assert read() == (first, made)


def test_a_process_never_reads_what_another_made(monkeypatch, pack):
    # After a deploy the new code's processes make their own (other templates, other
    # static files' names), even within the old entries' ten minutes.
    meeting, _, _ = pack
    assert pack_cache.pack_html(meeting.pk, "easy-read", lambda: "old code") == "old code"
    monkeypatch.setattr(pack_cache, "_PROCESS", "another")
    assert pack_cache.pack_html(meeting.pk, "easy-read", lambda: "new code") == "new code"
    assert pack_cache.pack_html(meeting.pk, "easy-read", lambda: "not made") == "new code"
