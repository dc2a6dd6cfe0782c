"""A system check: the console text backend prints texts instead of sending them, so it
stops the server from starting when DEBUG is off (like a missing SECRET_KEY)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def console_texts_only_with_debug(app_configs, **kwargs) -> list[Error]:
    if not settings.DEBUG and settings.TEXT_BACKEND.endswith("ConsoleTextBackend"):
        return [
            Error(
                "TEXT_BACKEND is the console backend, which only prints texts.",
                hint="Set TEXT_BACKEND to members.outbox.backends.TwilioTextBackend (the "
                "default when DEBUG is off) with the TWILIO_* settings, or turn DEBUG on.",
                id="members.E001",
            )
        ]
    return []
