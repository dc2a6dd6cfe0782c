"""A page of a long list, and the rest of the query string for the pager's links
(templates/components/pager.html)."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, items, per_page: int) -> tuple[Page, str]:
    """The page ?page= asks for (a number out of range gives the nearest page), and the
    request's other query parameters, for links to the pages before and after. `items`
    is anything Paginator reads: a QuerySet, or a coop.sql.PlainList."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
