"""An easy-read part of a paper on a page: its picture, then its heading and words, as the
pack, the paper and the minutes show it. Written in Python, not a template: a pack has a
card for every part of every paper."""

from functools import lru_cache
from html import escape

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from board.meetings.papers.text import Block, blocks_html

__all__ = ["part_card"]


@lru_cache(maxsize=512)
def _picture_src(picture: str) -> str:
    """A picture's address, escaped, worked out once a picture: the same few pictures recur
    on every pack, and static() looks each one up in the storage's manifest."""
    return escape(static(picture))


@receiver(setting_changed)
def _static_settings_changed(*, setting: str, **kwargs) -> None:
    """Tests that change where static files are served from get fresh addresses."""
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT"):
        _picture_src.cache_clear()


def part_card(picture: str, heading: str, alt: str, blocks: list[Block]) -> SafeString:
    """The card's HTML; every text escaped (html.escape: what Django's escape() returns)."""
    if picture:
        image = (
            f'<img class="picture" src="{_picture_src(picture)}" alt="{escape(alt)}" '
            'width="96" height="96">'
        )
    else:
        image = '<span class="picture picture-none" aria-hidden="true"></span>'
    title = f"<p><strong>{escape(heading)}</strong></p>" if heading else ""
    return mark_safe(  # noqa: S308 - every text and address is escaped above
        f'\n<div class="picture-card">\n  {image}\n  <div class="picture-words">\n'
        f"    {title}\n    {blocks_html(blocks)}\n  </div>\n</div>\n"
    )
