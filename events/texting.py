"""Text messages through a pluggable sender, like Django's email backends.

settings.TEXT_BACKEND names a class with ``send(*, to: str, message: str) -> None``.
The default prints the message (console); ``LocmemTextBackend`` keeps messages in
``outbox`` for tests. A real sender (an SMS gateway) is a class with the same method,
named in the setting; it should raise on failure so the reminder is tried again later."""

import sys

from django.conf import settings
from django.utils.module_loading import import_string

# Messages "sent" by LocmemTextBackend: (to, message) pairs, newest last.
outbox: list[tuple[str, str]] = []


class ConsoleTextBackend:
    """Writes each text to standard output, for development and the demo."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdout

    def send(self, *, to: str, message: str) -> None:
        self.stream.write(f"Text to {to}:\n{message}\n{'-' * 40}\n")
        self.stream.flush()


class LocmemTextBackend:
    """Keeps texts in events.texting.outbox (for tests)."""

    def send(self, *, to: str, message: str) -> None:
        outbox.append((to, message))


def send_text(*, to: str, message: str) -> None:
    backend = import_string(settings.TEXT_BACKEND)()
    backend.send(to=to, message=message)
