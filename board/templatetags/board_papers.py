"""A board paper's text on a page: {{ blocks|blocks_html }} (blocks from blocks_of())."""

from django import template

from board.meetings.papers.text import blocks_html as _blocks_html

register = template.Library()

register.filter("blocks_html", _blocks_html)
