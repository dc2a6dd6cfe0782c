"""The easy-read sign-in letter an organiser prints for a member."""

from django.conf import settings

from coop.documents import Document, Heading, Para, QRCode, Style
from members.models import Member


def signin_letter_pdf(*, member: Member, url: str) -> bytes:
    days = settings.SIGNIN_LINK_LETTER_DAYS
    return Document(
        title=f"Your sign-in letter from {settings.SITE_NAME}",
        style=Style.EASY_READ,
        author=settings.SITE_NAME,
    ).render(
        [
            Heading(f"Hello {member.called}"),
            Para(f"This letter helps you sign in to {settings.SITE_NAME}."),
            Para("You do not need a password."),
            QRCode(url, alt="A square code. Your phone camera can read it. It opens your link."),
            Heading("How to use the code", level=2),
            Para("Open the camera on your phone."),
            Para("Point it at the square code."),
            Para("Press the link that comes up."),
            Para("Then press Sign me in."),
            Para("No phone? Type this address into a computer:"),
            Para(url),
            Para(f"The code works once. It stops working after {days} days."),
            Para("Keep this letter safe. It is only for you."),
            Para(f"Need help? Call us on {settings.HELP_PHONE}."),
        ]
    )
