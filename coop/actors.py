"""Who did something: a signed-in person, or nobody (the timer, the worker, a webhook, an
anonymous visitor). Services take the actor as given and store it with this."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser


def saved_user(actor: Any) -> AbstractBaseUser | None:
    """The actor as a user to store (created_by, recorded_by, ...), or None when nobody
    signed in did it (None, an anonymous user, the system)."""
    return actor if getattr(actor, "pk", None) else None


def user_id(actor: Any) -> int | None:
    """The actor's user id, or None when nobody signed in did it."""
    return getattr(actor, "pk", None)
