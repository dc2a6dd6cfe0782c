"""Addresses for pages that print many: an object's address for every row of a list, the
same few pictures on every card, or the navigation's pages on every page. reverse() and
static() cost 10-15 microseconds each, which a list of a hundred rows pays a hundred
times; these work each out once."""

from collections.abc import Callable
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

# No object has this id: it marks where each object's id goes in the reversed address.
MARK = 987654321


def id_url(name: str) -> Callable[[int | str], str]:
    """reverse(name, args=[pk]) for any pk, reversed once: the address is cut around a
    marker id, and each pk is put where the marker was."""
    before, _, after = reverse(name, args=[MARK]).rpartition(str(MARK))
    return lambda pk: f"{before}{pk}{after}"


def page_url(name: str) -> str:
    """reverse(name) for a page whose address takes no arguments, worked out once a
    process for each address prefix and URL configuration: the navigation of every page
    names the same few."""
    return _reversed(name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=256)
def _reversed(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, urlconf=urlconf)


@lru_cache(maxsize=512)
def static_url(path: str) -> str:
    """static(path), worked out once a path for each process: the static files (and, once
    collected, their manifest) do not change while it runs."""
    return static(path)


@receiver(setting_changed)
def _static_settings_changed(*, setting: str, **kwargs) -> None:
    """Tests that change where static files are served from get fresh addresses."""
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT"):
        static_url.cache_clear()
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
