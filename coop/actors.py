"""Who did something: a signed-in person, or nobody (the timer, the worker, a webhook, an
anonymous visitor). Services take the actor as given and store it with this."""

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser

if TYPE_CHECKING:  # auth.models defines models: importing it while apps load would fail
    from django.contrib.auth.models import AnonymousUser

# A service's `actor`: the user who asked (a members.models.User), an anonymous visitor, or
# None for the system. coop sits below members, so it names the user by Django's base class.
Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | None"


def saved_user(actor: Actor) -> AbstractBaseUser | None:
    """The actor as a user to store (created_by, recorded_by, ...), or None when nobody
    signed in did it (None, an anonymous user, the system)."""
    return actor if getattr(actor, "pk", None) else None


def user_id(actor: Actor) -> int | None:
    """The actor's user id, or None when nobody signed in did it."""
    return getattr(actor, "pk", None)
