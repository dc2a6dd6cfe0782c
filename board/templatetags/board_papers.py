"""A board paper's text on a page: {{ blocks|blocks_html }} (blocks from blocks_of()), and
{{ row|part_card }} for an easy-read part (row: part, its blocks and its picture's alt)."""

from django import template

from board.meetings.papers.cards import part_card as _part_card
from board.meetings.papers.text import blocks_html as _blocks_html

register = template.Library()

register.filter("blocks_html", _blocks_html)


@register.filter
def part_card(row: dict) -> str:
    part = row["part"]
    return _part_card(part.picture, part.heading, row["alt"], row["blocks"])
