"""The register of members as CSV and as an accessible PDF."""

from django.conf import settings
from django.utils import timezone

from coop.spreadsheet import csv_text
from members.models import Member


def _address(member: Member) -> str:
    lines = [line.strip() for line in member.address.splitlines() if line.strip()]
    if member.postcode:
        lines.append(member.postcode)
    return ", ".join(lines)


def register_csv(members) -> str:
    header = ["Membership number", "Name", "Address", "Date admitted", "Date ceased"]
    rows = (
        [
            member.membership_number,
            member.full_name,
            _address(member),
            member.admitted_on.isoformat(),
            member.left_on.isoformat() if member.left_on else "",
        ]
        for member in members
    )
    return csv_text([header, *rows])


def register_pdf(members) -> bytes:
    # reportlab loads only when a register is made.
    from coop.documents import DataTable, Document, Heading, Para, Style

    rows = [
        [
            m.membership_number,
            m.full_name,
            _address(m),
            m.admitted_on.strftime("%d %b %Y"),
            m.left_on.strftime("%d %b %Y") if m.left_on else "",
        ]
        for m in members
    ]
    today = timezone.localdate()
    return Document(
        title=f"Register of members of {settings.SITE_NAME}",
        style=Style.STANDARD,
        author=settings.SITE_NAME,
    ).render(
        [
            Heading(f"Register of members of {settings.SITE_NAME}"),
            Para(f"Made on {today:%d %B %Y}. {len(rows)} members admitted since the start."),
            DataTable(
                header=["Number", "Name", "Address", "Admitted", "Ceased"],
                rows=rows,
                caption="Everyone ever admitted, with the date they ceased to be a member.",
            ),
        ]
    )
