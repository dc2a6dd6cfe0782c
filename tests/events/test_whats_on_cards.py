"""What's on's cards: each links to its own activity's page and shows its own picture,
though the page reverses the address and looks up each picture once (coop.links)."""

from django.templatetags.static import static
from django.urls import reverse

from coop.links import MARK, id_url, static_url
from tests.events.conftest import make_activity


def test_each_card_links_to_its_own_activity_and_picture(client, cast):
    branch = cast.member_row.branch
    made = [
        make_activity(cast.organiser, branch, title="Bowling", days=3),
        make_activity(
            cast.organiser,
            branch,
            title="Seaside",
            days=4,
            picture="events/pictures/seaside.svg",
            picture_alt="The sea, the sun and a beach",
        ),
        make_activity(cast.organiser, branch, title="Bowling again", days=5),
    ]
    client.force_login(cast.member)
    page = client.get(reverse("activity-list")).content.decode()
    for activity in made:
        title = page.index(f">{activity.title}</a>")
        card = page[page.rindex("<img", 0, title) : title]  # its picture, then its link
        assert f'src="{static(activity.picture)}"' in card
        assert card.endswith(f'<a href="{reverse("activity-detail", args=[activity.pk])}"')


def test_card_links_are_what_reverse_and_static_give():
    url = id_url("activity-detail")
    for pk in (1, 7, 42, MARK, 10**12):
        assert url(pk) == reverse("activity-detail", args=[pk])
    for name in ("events/pictures/meal.svg", "coop/pictures/people.svg"):
        assert static_url(name) == static(name) == static_url(name)


def test_static_url_follows_a_new_static_url(settings):
    name = "coop/pictures/people.svg"
    assert static_url(name) == static(name)
    settings.STATIC_URL = "/elsewhere/"
    assert static_url(name) == static(name) and static_url(name).startswith("/elsewhere/")


def test_whats_on_counts_its_activities_without_the_cards_fields(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.views.activities import PER_PAGE

    branch = cast.member_row.branch
    for day in range(PER_PAGE + 1):
        make_activity(cast.organiser, branch, title=f"Walk {day}", days=day + 2)
    make_activity(cast.organiser, branch, title="Not yet out", days=3, publish=False)
    client.force_login(cast.member)
    with CaptureQueriesContext(connection) as captured:
        first = client.get(reverse("activity-list")).content.decode()
    # (Read before the next request, which empties the log the capture reads.)
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    last = client.get(reverse("activity-list"), {"page": 2}).content.decode()
    assert "Page 1 of 2." in first and "Page 2 of 2." in last
    assert f">Walk {PER_PAGE}</a>" in last and "Not yet out" not in first + last
    # The count reads the activities' index alone: no join for the branch's name.
    assert len(counts) == 1 and "members_branch" not in counts[0]
