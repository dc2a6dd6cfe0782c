"""Every address reaches its own page, whatever the order of coop/urls.py's entries.

Django tries the patterns in order. coop/urls.py lists the addresses with a beginning of
their own (/api/, the admin, the favicon) before the pages, and the most visited pages
first, so an API request skips the pages' patterns and What's on skips most of them. These
tests hold that order to the rule that it changes nothing but speed: each address reaches
its own pattern, and no address (with each part that varies tried as every fixed word any
address has in that place) is answered by two of the top-level entries, so reordering them
cannot change which page answers."""

import re

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

_PART = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")
_SAMPLE = {"int": "7", "slug": "zz-sample", "str": "zz-sample", "path": "zz/sample"}


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        route = getattr(entry.pattern, "_route", None)
        if route is None:  # a regular expression (Django's admin): not ours to order
            continue
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _patterns(entry, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            yield prefix + route, namespace, entry


def _sample(route: str) -> str:
    return "/" + _PART.sub(lambda m: _SAMPLE[m["kind"] or "str"], route)


def test_every_address_resolves_to_its_own_pattern():
    checked = 0
    for route, namespace, pattern in _patterns(get_resolver("coop.urls")):
        match = resolve(_sample(route), urlconf="coop.urls")
        assert (match.namespace, match.url_name, match.func) == (
            namespace,
            pattern.name,
            pattern.callback,
        ), f"{route} is answered by {match.namespace}:{match.url_name}"
        checked += 1
    assert checked > 300


def test_the_api_is_tried_before_the_pages():
    order = [str(entry.pattern) for entry in get_resolver("coop.urls").url_patterns]
    assert order.index("api/v1/") < order.index("")


def _matches(entry, path: str) -> bool:
    try:
        return entry.resolve(path) is not None
    except Resolver404:
        return False


def _paths(route: str, words_at: dict[int, set[str]]) -> set[str]:
    """The route with its usual sample values, and with each varying part in turn given
    every fixed word that some address has in that place."""
    parts = route.split("/")
    usual = [_PART.sub(lambda m: _SAMPLE[m["kind"] or "str"], part) for part in parts]
    paths = {"/".join(usual)}
    for place, part in enumerate(parts):
        if _PART.fullmatch(part):
            for word in words_at.get(place, ()):
                paths.add("/".join([*usual[:place], word, *usual[place + 1 :]]))
    return paths


def _name(entry) -> str:
    urlconf = getattr(entry, "urlconf_name", "")
    return str(entry.pattern) or str(getattr(urlconf, "__name__", urlconf))


def test_no_address_is_answered_by_two_top_level_entries():
    top = get_resolver("coop.urls").url_patterns
    routes = [route for route, _, _ in _patterns(get_resolver("coop.urls"))]
    words_at: dict[int, set[str]] = {}
    for route in routes:
        for place, part in enumerate(route.split("/")):
            if part and "<" not in part:
                words_at.setdefault(place, set()).add(part)
    overlaps = []
    for route in routes:
        for path in _paths(route, words_at):
            entries = [_name(entry) for entry in top if _matches(entry, path)]
            if len(entries) > 1:
                overlaps.append((path, entries))
    assert overlaps == []
