"""The day's letters from the outbox: one accessible, easy-read PDF, one letter a page (or
more when the words are long), each starting with the full postal address where the window
of an envelope shows it.

The address starts 45 mm from the top of the page and 20 mm from the left, the place for a
window envelope (a C5 envelope, or a DL one with the page folded in three, with a window of
90 × 45 mm). Five lines fit in the window at 16pt: the name, three address lines and the
postcode.
"""

from django.conf import settings
from django.utils import timezone
from reportlab.lib.units import mm

from coop.dates import easy_date
from coop.documents import Document, Gap, Heading, PageBreak, Para, Style
from members.outbox.models import Message
from members.outbox.work import address_lines

__all__ = ["ADDRESS_FROM_TOP", "letters_pdf"]

# Where the window of the envelope is, from the top of the page.
ADDRESS_FROM_TOP = 45 * mm


def _letter(message: Message, today) -> list:
    style = Style.EASY_READ.spec
    blocks: list = [
        Gap(ADDRESS_FROM_TOP - style.margin),
        Para("\n".join(address_lines(message))),
        Gap(style.paragraph_gap),
        Para(easy_date(today, with_year=True)),
        Heading(message.subject or f"A letter from {settings.SITE_NAME}"),
    ]
    lines = [line.strip() for line in message.body.splitlines() if line.strip()]
    blocks += [Para(line) for line in lines]
    if not any(settings.HELP_PHONE in line for line in lines):
        blocks.append(Para(f"Need help? Call us on {settings.HELP_PHONE}."))
    return blocks


def letters_pdf(messages: list[Message]) -> bytes:
    """One PDF with a letter for each message. Raises ValueError when there are none."""
    if not messages:
        raise ValueError("There are no letters to print.")
    now = timezone.now()
    today = timezone.localdate(now)
    blocks: list = []
    for number, message in enumerate(messages):
        if number:
            blocks.append(PageBreak())
        blocks += _letter(message, today)
    return Document(
        title=f"Letters from {settings.SITE_NAME}, {easy_date(today, with_year=True)}",
        style=Style.EASY_READ,
        author=settings.SITE_NAME,
        created=now,
    ).render(blocks)
