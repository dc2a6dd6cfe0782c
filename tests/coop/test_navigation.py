"""The navigation on every page: each link the context gives, in order, escaped, and the
page open now marked for screen readers (coop's nav_links tag)."""

import re

from django.urls import reverse, set_script_prefix

from coop.links import page_url


def _links(html: str) -> list[tuple[str, bool, str]]:
    menu = html.split('<ul class="nav-list">', 1)[1].split("</ul>", 1)[0]
    return [
        (url, bool(current), label)
        for url, current, label in re.findall(
            r'<li><a href="([^"]*)"( aria-current="page")?>([^<]*)</a></li>', menu
        )
    ]


def test_the_menu_lists_every_link_and_marks_the_page_open_now(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("my-bookings"))
    items = [*response.context["nav_items"], *response.context["nav_extra"]]
    links = _links(response.content.decode())
    assert [(url, label) for url, _, label in links] == [
        (item["url"], item["label"].replace("'", "&#x27;")) for item in items
    ]
    assert [label for _, current, label in links if current] == ["My bookings"]
    assert "What&#x27;s on" in [label for _, _, label in links]


def test_the_addresses_follow_the_address_prefix():
    # A site served under /coop/ (WSGI's SCRIPT_NAME, set for each request) links under
    # /coop/: the addresses kept are kept for each prefix.
    plain = page_url("my-bookings")
    try:
        set_script_prefix("/coop/")
        assert page_url("my-bookings") == "/coop" + plain == reverse("my-bookings")
    finally:
        set_script_prefix("/")
    assert page_url("my-bookings") == plain == reverse("my-bookings")
