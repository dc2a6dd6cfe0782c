"""One place decides how a person hears from us: the member's first chosen way that we
have the details for, then the next. A member who chose no way at all (added on paper with
no box ticked, say) hears by email, text, letter or phone, the first we have the details
for. Every kind of message uses it.

- email: an email address;
- text: a mobile number (checked, and written as +44… for the text sender);
- phone: any phone number we can read (an organiser calls);
- letter: an address with a UK postcode we can read (a letter that can be posted).
"""

import re

import phonenumbers

from members.models import ContactWay, Member

__all__ = ["Reach", "letter_address", "mobile_number", "phone_number", "postcode_ok", "way_for"]

# The format of a UK postcode (the Royal Mail's rules, as the ONS publishes them).
_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]"
    r"|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)

Reach = tuple[str, str]  # (way, where to: an email, a number or a postal address)


def postcode_ok(postcode: str) -> bool:
    return bool(_POSTCODE.match(" ".join(postcode.upper().split())))


def _number(text: str) -> phonenumbers.PhoneNumber | None:
    """The number, when it has the right length for where it is (a possible number: the
    numbers Ofcom keeps for drama and testing, 07700 900xxx, are possible too)."""
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def phone_number(text: str) -> str | None:
    """A number an organiser can call, as it is written in the UK, or None."""
    number = _number(text)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def mobile_number(text: str) -> str | None:
    """A number texts can go to, as +447700900123, or None (a landline, or unreadable).
    In the UK a mobile number starts 07."""
    number = _number(text)
    if number is None:
        return None
    if number.country_code == 44:
        mobile = str(number.national_number).startswith("7")
    else:
        mobile = phonenumbers.number_type(number) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if mobile else None
    )


def letter_address(member: Member) -> str | None:
    """The member's name and full postal address, ready for an envelope, or None when
    the address or its postcode is missing or cannot be read."""
    lines = [line.strip() for line in member.address.splitlines() if line.strip()]
    if not lines or not postcode_ok(member.postcode):
        return None
    postcode = " ".join(member.postcode.upper().split())
    if " " not in postcode:
        postcode = f"{postcode[:-3]} {postcode[-3:]}"
    return "\n".join([member.full_name, *lines, postcode])


# The order tried for a member who chose no way.
UNCHOSEN_ORDER = (ContactWay.EMAIL, ContactWay.TEXT, ContactWay.LETTER, ContactWay.PHONE)


def way_for(member: Member) -> Reach | None:
    """The member's first chosen way we have the details for, or None (then an organiser
    is shown that we cannot reach them). A member who chose none: the first of
    UNCHOSEN_ORDER we have the details for."""
    for way in member.contact_preferences or UNCHOSEN_ORDER:
        if way == ContactWay.EMAIL and member.email:
            return ContactWay.EMAIL, member.email
        if way == ContactWay.TEXT and (number := mobile_number(member.phone)):
            return ContactWay.TEXT, number
        if way == ContactWay.PHONE and (number := phone_number(member.phone)):
            return ContactWay.PHONE, number
        if way == ContactWay.LETTER and (address := letter_address(member)):
            return ContactWay.LETTER, address
    return None
