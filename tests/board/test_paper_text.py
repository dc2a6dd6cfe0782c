"""A paper's text on a page: blocks_html() writes what the template it replaced wrote (the
pack has one a paper and a part, so it is written in Python), with every text escaped."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import reverse

from board.meetings.papers.cards import part_card
from board.meetings.papers.text import blocks_html, blocks_of
from tests.board.meeting_helpers import make_board, plan, written_paper

# The template the board pages used before blocks_html(), kept here to compare against.
OLD_TEMPLATE = (
    '{% for block in blocks %}{% if block.kind == "heading" %}<h4>{{ block.text }}</h4>'
    '{% elif block.kind == "list" %}<ul>{% for line in block.text %}<li>{{ line }}</li>'
    "{% endfor %}</ul>{% else %}<p>{{ block.text }}</p>{% endif %}{% endfor %}"
)

TEXT = (
    '# Money & <plans>\nWe spent £300 on "trips".\nIt\'s fine.\n\n- Trips <b>\n- Food & drink\n'
    "-\nAfter the list.\n\n\n# 🎉 Party\n<script>alert(1)</script>"
)


def test_blocks_html_is_what_the_template_wrote():
    for headings in (True, False):
        blocks = blocks_of(TEXT, headings=headings)
        old = Template(OLD_TEMPLATE).render(Context({"blocks": blocks}))
        assert blocks_html(blocks) == old


def test_every_text_is_escaped():
    html = blocks_html(blocks_of(TEXT))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<h4>Money &amp; &lt;plans&gt;</h4>" in html
    assert "<ul><li>Trips &lt;b&gt;</li><li>Food &amp; drink</li></ul>" in html
    assert blocks_html([]) == ""


@pytest.fixture
def board(cast):
    return make_board(cast)


def test_the_pack_on_screen_shows_the_version_asked_for(cast, board, client):
    meeting = plan(cast)
    written_paper(cast, meeting)
    client.force_login(cast.board)
    url = reverse("meeting-pack", args=[meeting.pk])
    easy = client.get(url).content.decode()
    assert "<p><strong>What is it?</strong></p>" in easy
    assert "<p>We want a minibus.</p><ul><li>It has a lift</li></ul>" in easy
    assert "<h4>Cost</h4>" not in easy
    standard = client.get(url + "?version=standard").content.decode()
    assert "<h4>Cost</h4><ul><li>Hire: £95 a day</li></ul><p>Six trips a year.</p>" in standard
    assert "We want a minibus." not in standard


# The template each part's card came from before part_card(), kept here to compare against.
OLD_PART_TEMPLATE = """{% load static board_papers %}
<div class="picture-card">
  {% if part.picture %}<img class="picture" src="{% static part.picture %}" alt="{{ alt }}" width="96" height="96">{% else %}<span class="picture picture-none" aria-hidden="true"></span>{% endif %}
  <div class="picture-words">
    {% if part.heading %}<p><strong>{{ part.heading }}</strong></p>{% endif %}
    {{ blocks|blocks_html }}
  </div>
</div>
"""  # noqa: E501 - the template as it was


@pytest.mark.parametrize(
    "picture, heading, alt",
    [
        ("events/pictures/minibus.svg", 'What is it? <new> & "old"', 'A bus "with" a lift'),
        ("", "", ""),
        ("coop/pictures/money.svg", "", "Coins & notes"),
    ],
)
def test_part_card_is_what_the_template_wrote(picture, heading, alt):
    part = SimpleNamespace(picture=picture, heading=heading)
    blocks = blocks_of(TEXT, headings=False)
    old = Template(OLD_PART_TEMPLATE).render(Context({"part": part, "blocks": blocks, "alt": alt}))
    assert part_card(picture, heading, alt, blocks) == old


def test_the_pack_writes_each_papers_cards_or_says_it_has_none(cast, board, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from board.meetings import services

    meeting = plan(cast)
    paper = written_paper(cast, meeting)
    client.force_login(cast.board)
    url = reverse("meeting-pack", args=[meeting.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = queries()
    item = services.item_add(
        meeting=meeting, title="Rota", summary="Who does what.", actor=cast.board
    )
    services.paper_add(item=item, title="The rota", actor=cast.board, standard_text="Rota.")
    written_paper(cast, meeting, title="A second bus")
    assert queries() == one
    page = client.get(url).content.decode()
    cards = "".join(
        part_card(p.picture, p.heading, p.picture_alt, blocks_of(p.words, headings=False))
        for p in paper.parts.all()
    )
    assert f"{cards}\n\n      \n" in page
    assert page.count('class="picture-card"') == 4
    assert page.count("There is no easy-read version of this paper yet.") == 1


def test_the_standard_pack_links_a_pdf_only_paper_and_marks_private_ones(cast, board, client):
    """The pack's papers are plain values (views/packs.py): a paper given only as a PDF
    links to its file, one with nothing says so, and a private one says it is private."""
    from board.meetings.models import Paper

    meeting = plan(cast)
    pdf_only = written_paper(cast, meeting, title="Accounts <2026>")
    nothing = written_paper(cast, meeting, title="Rota")
    Paper.objects.filter(pk=pdf_only.pk).update(
        standard_text="", standard_pdf="board/papers/accounts.pdf", confidential=True
    )
    Paper.objects.filter(pk=nothing.pk).update(standard_text="")
    client.force_login(cast.board)
    url = reverse("meeting-pack", args=[meeting.pk])
    standard = client.get(url + "?version=standard").content.decode()
    file_url = reverse("paper-file", args=[pdf_only.pk])
    assert f'<p><a href="{file_url}">Open this paper (PDF)</a></p>' in standard
    assert "<h3>Accounts &lt;2026&gt; (private: only for the board)</h3>" in standard
    assert "<p><strong>Private: only the board sees this paper.</strong></p>" in standard
    assert standard.count("There is no standard version of this paper yet.") == 1
    easy = client.get(url).content.decode()
    assert "<h3>Accounts &lt;2026&gt; (private: only for the board)</h3>" in easy
