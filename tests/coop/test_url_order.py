"""Every address reaches its own page: no pattern earlier in the list answers for a later one.

Django tries the patterns in order. coop/urls.py lists the addresses with a beginning of
their own (/api/, the admin, the favicon) before the pages, so an API request skips the
pages' patterns and a page fails the API's beginning at once. This holds the order
to the rule that it changes nothing but speed."""

import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve

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
