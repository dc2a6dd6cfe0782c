"""An easy-read part of a paper on a page: its picture, then its heading and words, as the
pack, the paper and the minutes show it. Written in Python, not a template: a pack has a
card for every part of every paper."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from board.meetings.papers.text import Block, blocks_html
from coop.links import static_url

__all__ = ["part_card"]


def part_card(picture: str, heading: str, alt: str, blocks: list[Block]) -> SafeString:
    """The card's HTML; every text escaped (html.escape: what Django's escape() returns)."""
    if picture:
        image = (
            f'<img class="picture" src="{escape(static_url(picture))}" alt="{escape(alt)}" '
            'width="96" height="96">'
        )
    else:
        image = '<span class="picture picture-none" aria-hidden="true"></span>'
    title = f"<p><strong>{escape(heading)}</strong></p>" if heading else ""
    return mark_safe(  # noqa: S308 - every text and address is escaped above
        f'\n<div class="picture-card">\n  {image}\n  <div class="picture-words">\n'
        f"    {title}\n    {blocks_html(blocks)}\n  </div>\n</div>\n"
    )
