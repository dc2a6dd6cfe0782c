"""Which failures to send are for good: the mail server or the text provider refused this
address or number, so trying again later would only fail again. Such a message "could not
be sent" at once, with the reason in plain words for organisers (who can then put the
person's details right, or choose another way, and press "Try again"). Everything else
(a server that is down or busy, an SMTP 4xx, an HTTP 5xx, a refused connection) is
temporary and tried again with back-off.

- SMTP: a 5xx answer for the recipient (550 no such mailbox, 551, 553 bad address) or for
  the message itself (552, 554). A 5xx about our own login or sender is not for good:
  it is the same for every message, and is put right by the person who runs the website.
- Twilio: an HTTP 400 with one of the error codes in TEXT_REFUSALS.
"""

import smtplib

__all__ = ["EMAIL_REFUSED", "TEXT_REFUSALS", "refusal", "refusal_in"]

EMAIL_REFUSED = (
    "This email address does not exist or does not take our emails. "
    "Check it with the person, or choose another way."
)
# Twilio's error codes (https://www.twilio.com/docs/errors) for a number that can never
# get this text, and what they mean in plain words.
TEXT_REFUSALS = {
    21211: "This phone number cannot get texts: the number is not right. Check it with the person.",
    21610: "This person has asked not to get texts from us (they sent STOP). Choose another way.",
    21614: "This phone number cannot get texts: it is not a mobile number. Choose another way.",
}
_REASONS = (EMAIL_REFUSED, *TEXT_REFUSALS.values())


def _smtp_refused(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    return False


def refusal(error: BaseException) -> str | None:
    """The plain reason when `error` means the message can never be sent to this address
    or number; None when it may go later."""
    if isinstance(error, Exception) and _smtp_refused(error):
        return EMAIL_REFUSED
    status, code = getattr(error, "status", None), getattr(error, "code", None)
    if status == 400 and code in TEXT_REFUSALS:
        return TEXT_REFUSALS[code]
    return None


def refusal_in(last_error: str) -> str | None:
    """The plain reason a message's saved error starts with, if it was refused for good."""
    return next((reason for reason in _REASONS if last_error.startswith(reason)), None)
