"""Printed letters: reminders (one easy-read PDF for an activity, one letter a member) and
the one-page "what is on" list (one PDF a round, one page a member). Tagged, 16pt and up.
Each block has a picture on the left and its words on the right: in the "what is on"
letter each activity sits beside its own picture, its words a short line each."""

import io
import re

import pikepdf
from django.conf import settings
from django.utils import timezone
from reportlab.graphics.shapes import Circle, Drawing, Rect
from reportlab.lib import colors

from coop.dates import easy_date, easy_time
from coop.documents import Document, Heading, PageBreak, Para, PictureRow, Strong, Style
from coop.money import format_pence
from coop.pictures import static_picture
from events.cost_share import member_cost_lines
from events.fee_words import activity_advert_lines, booking_fee_lines
from events.models import Activity, Booking, Reminder, WhatsOnMessage, WhatsOnRound
from events.services.whats_on import whats_on_activities
from members.outbox.ways import letter_address

BLUE = colors.HexColor("#1d4f91")
PALE = colors.HexColor("#e8f0fb")
INK = colors.HexColor("#0b0c0c")
RED = colors.HexColor("#b0191e")
GOLD = colors.HexColor("#f2b705")
SIZE = 72


def _frame() -> Drawing:
    drawing = Drawing(SIZE, SIZE)
    drawing.add(Rect(0, 0, SIZE, SIZE, rx=8, ry=8, fillColor=PALE, strokeColor=None))
    return drawing


def people_picture() -> Drawing:
    drawing = _frame()
    for x, colour in ((18, BLUE), (36, RED), (54, BLUE)):
        drawing.add(Circle(x, 46, 8, fillColor=colour, strokeColor=None))
        drawing.add(Rect(x - 9, 14, 18, 24, rx=6, ry=6, fillColor=colour, strokeColor=None))
    return drawing


def calendar_picture() -> Drawing:
    drawing = _frame()
    drawing.add(Rect(12, 12, 48, 44, fillColor=colors.white, strokeColor=INK, strokeWidth=2))
    drawing.add(Rect(12, 46, 48, 10, fillColor=RED, strokeColor=INK, strokeWidth=2))
    for row in range(3):
        for col in range(4):
            drawing.add(Rect(17 + col * 10, 17 + row * 9, 6, 5, fillColor=BLUE, strokeColor=None))
    return drawing


def money_picture() -> Drawing:
    drawing = _frame()
    drawing.add(Circle(30, 32, 16, fillColor=GOLD, strokeColor=INK, strokeWidth=2))
    drawing.add(Circle(44, 42, 16, fillColor=GOLD, strokeColor=INK, strokeWidth=2))
    return drawing


def phone_picture() -> Drawing:
    drawing = _frame()
    drawing.add(Rect(24, 8, 24, 56, rx=5, ry=5, fillColor=INK, strokeColor=None))
    drawing.add(Rect(27, 16, 18, 40, fillColor=PALE, strokeColor=None))
    drawing.add(Circle(36, 12, 2, fillColor=colors.white, strokeColor=None))
    return drawing


def _postal_block(member) -> str:
    """The name and full postal address, postcode included, as the outbox writes it for
    every letter (members/outbox/ways.py); what there is when it cannot be posted."""
    full = letter_address(member)
    if full:
        return full
    lines = [line.strip() for line in member.address.splitlines() if line.strip()]
    return "\n".join([member.full_name, *lines, member.postcode.strip()]).strip()


def _lines(*lines: str) -> Para:
    """Sentences a line each in one paragraph: no gap between them."""
    return Para("\n".join(lines))


def _letter(booking: Booking) -> list:
    activity, member = booking.activity, booking.member
    name = member.called
    money = (
        f"Bring {format_pence(activity.cost_pence)} for the day."
        if activity.cost_pence
        else "It is free on the day."
    )
    return [
        Para(_postal_block(member)),
        Heading(f"Hello {name}"),
        PictureRow(
            people_picture(),
            "A group of people together",
            [f"This is a reminder. You are booked for {activity.title}.", activity.summary],
        ),
        # When and where share a row, each row's sentences a line each (not paragraphs),
        # so where the booking fee stands fits on the page, even paying in cash.
        PictureRow(
            calendar_picture(),
            "A calendar",
            _lines(
                f"When: {easy_date(activity.starts_at)}.",
                f"From {easy_time(activity.starts_at)} to {easy_time(activity.ends_at)}.",
                f"Where: {activity.meeting_point}.",
            ),
        ),
        PictureRow(
            money_picture(),
            "Some coins",
            _lines(money, *member_cost_lines(activity), *booking_fee_lines(booking)),
        ),
        PictureRow(
            phone_picture(),
            "A phone",
            ["Cannot come?", f"Please call {settings.SITE_NAME} on {settings.HELP_PHONE}."],
        ),
    ]


def reminder_letter_bookings(activity: Activity) -> list[Booking]:
    """The bookings with a reminder letter to print, one each, in name order."""
    booking_ids = Reminder.objects.filter(
        booking__activity=activity,
        way=Reminder.Way.LETTER,
        status=Reminder.Status.LETTER_READY,
        recipient="member",
        booking__status__in=(
            Booking.Status.CONFIRMED,
            Booking.Status.OFFERED,
            Booking.Status.AWAITING_PAYMENT,
        ),
    ).values("booking_id")
    return list(
        Booking.objects.filter(pk__in=booking_ids)
        .select_related("activity", "member")
        .order_by("member__last_name", "member__first_name", "id")
    )


def reminder_letters_pdf(activity: Activity, bookings: list[Booking] | None = None) -> bytes:
    """One PDF with a letter for each member whose reminder is a letter. Raises ValueError
    when there are no letters to print."""
    bookings = reminder_letter_bookings(activity) if bookings is None else bookings
    if not bookings:
        raise ValueError("There are no reminder letters to print for this activity.")
    blocks: list = []
    for number, booking in enumerate(bookings):
        if number:
            blocks.append(PageBreak())
        blocks += _letter(booking)
    return Document(
        title=f"Reminder letters: {activity.title}",
        style=Style.EASY_READ,
        author=settings.SITE_NAME,
        created=timezone.now(),
    ).render(blocks)


# "What is on": one page a member, listing newly published activities ----------------------

# The most activities a letter lists beside their pictures; fewer when they do not fit on
# one page (long names, a long address, booking fees). Any more are counted in a line that
# says to call.
WHATS_ON_PER_LETTER = 3


def _a_sentence_a_line(line: str) -> list[str]:
    """fee_words' line split into its sentences ("You pay £4 to book." and "You get it
    back when you come."), so each fits beside a picture without wrapping."""
    return re.split(r"(?<=\.) (?=[A-Z])", line)


def _advert_parts(activity: Activity) -> list[str]:
    """The activity's cost, share and support words a sentence a line: made once for all
    the round's letters (they read the costs), not once a letter."""
    made = getattr(activity, "_letter_lines", None)
    if made is None:
        lines = activity_advert_lines(activity)
        made = activity._letter_lines = [
            part for line in lines for part in _a_sentence_a_line(line)
        ]
    return made


def _whats_on_activity(activity: Activity) -> PictureRow:
    """One activity beside its own picture (a calendar if its picture is gone): its name,
    the day, the times, where, what it costs and what brings the booking fee back, a short
    line each in one paragraph, so 2 fit on a page with their fees (3 free ones)."""
    image = static_picture(activity.picture) if activity.picture else None
    alt = activity.picture_alt
    if image is None:
        image, alt = calendar_picture(), "A calendar"
    lines = [
        f"{easy_date(activity.starts_at)}.",
        f"From {easy_time(activity.starts_at)} to {easy_time(activity.ends_at)}.",
        f"Where: {activity.meeting_point}.",
        *_advert_parts(activity),
    ]
    return PictureRow(image, alt, [Para(Strong(activity.title), "\n" + "\n".join(lines))])


def _whats_on_letter(message: WhatsOnMessage, activities: list[Activity], shown: int) -> list:
    member = message.member
    name = member.called
    shown, more = activities[:shown], len(activities) - shown
    greeting = [
        f"Hello {name}.",
        "There are new activities you can book.",
        f"To book, call us on {settings.HELP_PHONE}.",
    ]
    blocks: list = [
        Para(_postal_block(member)),
        Heading("What is on"),
        PictureRow(people_picture(), "A group of people together", _lines(*greeting)),
    ]
    blocks += [_whats_on_activity(activity) for activity in shown]
    if more > 0:
        rest = "is 1 more activity" if more == 1 else f"are {more} more activities"
        about = "it" if more == 1 else "them"
        blocks.append(Para(f"There {rest}. Call us to hear about {about}."))
    return blocks


def whats_on_letter_messages(round: WhatsOnRound) -> list[WhatsOnMessage]:
    """The round's messages to print as letters, one each, in name order."""
    return list(
        round.messages.filter(
            way=Reminder.Way.LETTER, status=Reminder.Status.LETTER_READY, recipient="member"
        )
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "id")
    )


def whats_on_letters_pdf(
    round: WhatsOnRound, messages: list[WhatsOnMessage] | None = None
) -> bytes:
    """One PDF with a one-page easy-read letter for each member whose way is a letter.
    Raises ValueError when there are no letters to print."""
    messages = whats_on_letter_messages(round) if messages is None else messages
    if not messages:
        raise ValueError("There are no letters to print for this message.")
    # Activities cancelled or over since the message went are left off the letter.
    activities = whats_on_activities(round)
    if not activities:
        raise ValueError("Every activity in this message is over or cancelled.")
    document = Document(
        title="What is on: new activities you can book",
        style=Style.EASY_READ,
        author=settings.SITE_NAME,
        created=timezone.now(),
    )
    # How many activities fit on one page, by how many lines the address takes.
    fits: dict[int, int] = {}
    blocks: list = []
    for number, message in enumerate(messages):
        lines = len(_postal_block(message.member).splitlines()) - 1
        if lines not in fits:
            fits[lines] = _most_on_one_page(document, message, activities)
        if number:
            blocks.append(PageBreak())
        blocks += _whats_on_letter(message, activities, fits[lines])
    return document.render(blocks)


def _most_on_one_page(document: Document, message: WhatsOnMessage, activities) -> int:
    """The most activities (up to WHATS_ON_PER_LETTER, at least 1) whose letter fits on
    one page, found by laying the letter out."""
    for shown in range(min(WHATS_ON_PER_LETTER, len(activities)), 1, -1):
        pdf = document.render(_whats_on_letter(message, activities, shown))
        with pikepdf.open(io.BytesIO(pdf)) as laid_out:
            if len(laid_out.pages) == 1:
                return shown
    return 1
