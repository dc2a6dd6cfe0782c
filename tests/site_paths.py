"""The site's pages, found from its URL patterns rather than listed by hand."""

from django.urls import URLPattern, URLResolver, get_resolver


def plain_paths() -> list[str]:
    """Every URL pattern that takes no parameters, as a path."""
    paths = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern) and "<" not in route and "(" not in route:
                paths.append("/" + (prefix + route).lstrip("^").rstrip("$").replace("\\", ""))

    walk(get_resolver().url_patterns, "")
    return sorted(set(paths))
