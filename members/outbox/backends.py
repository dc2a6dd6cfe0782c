"""Text-message senders, chosen like Django's email backends by settings.TEXT_BACKEND: a
class with ``send(*, to: str, message: str) -> None`` that raises when the text was not
accepted (the outbox then tries again later).

- `TwilioTextBackend` sends through Twilio with its official client. Settings:
  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM (a number or a sender name), and
  TWILIO_API_BASE only to point it somewhere else (the tests' fake provider), and
  TEXT_TIMEOUT (seconds, default 20): a provider that does not answer is given up on and
  tried again later, so the worker never hangs on it.
- `ConsoleTextBackend` prints texts: development and the demo only (DEBUG on).
- `LocmemTextBackend` keeps them in `outbox` (unit tests).
"""

import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

__all__ = [
    "ConsoleTextBackend",
    "LocmemTextBackend",
    "TextNotSent",
    "TwilioTextBackend",
    "send_text",
]

# Texts "sent" by LocmemTextBackend: (to, message) pairs, newest last.
outbox: list[tuple[str, str]] = []


class TextNotSent(Exception):
    """The text provider did not take the text (or is not set up). `status` and `code`
    are the provider's HTTP status and error code, when it answered with one."""

    def __init__(self, message: str, *, status: int | None = None, code: int | None = None):
        super().__init__(message)
        self.status, self.code = status, code


class TwilioTextBackend:
    def __init__(self) -> None:
        # twilio is heavy to load and only needed where texts go by Twilio.
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        sid, token = settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN
        if not (sid and token and settings.TWILIO_FROM):
            raise TextNotSent(
                "Texts are not set up: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and "
                "TWILIO_FROM are needed."
            )
        timeout = settings.TEXT_TIMEOUT
        self.client = Client(sid, token, http_client=TwilioHttpClient(timeout=timeout))
        if settings.TWILIO_API_BASE:
            self.client.api.base_url = settings.TWILIO_API_BASE

    def send(self, *, to: str, message: str) -> None:
        from twilio.base.exceptions import TwilioException, TwilioRestException  # as above

        try:
            self.client.messages.create(to=to, from_=settings.TWILIO_FROM, body=message)
        except TwilioRestException as error:
            raise TextNotSent(str(error)[:300], status=error.status, code=error.code) from error
        except TwilioException as error:
            raise TextNotSent(str(error)[:300]) from error
        except OSError as error:  # the provider cannot be reached
            raise TextNotSent(f"The text provider cannot be reached: {error}") from error


class ConsoleTextBackend:
    """Writes each text to standard output, for development and the demo."""

    def __init__(self, stream=None) -> None:
        if not settings.DEBUG:
            raise ImproperlyConfigured("The console text backend is for DEBUG only.")
        self.stream = stream or sys.stdout

    def send(self, *, to: str, message: str) -> None:
        self.stream.write(f"Text to {to}:\n{message}\n{'-' * 40}\n")
        self.stream.flush()


class LocmemTextBackend:
    """Keeps texts in members.outbox.backends.outbox (for tests)."""

    def send(self, *, to: str, message: str) -> None:
        outbox.append((to, message))


def send_text(*, to: str, message: str) -> None:
    backend = import_string(settings.TEXT_BACKEND)()
    backend.send(to=to, message=message)
