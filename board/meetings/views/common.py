"""Shared by the meeting pages. The co-chairs, whoever the board names to write the papers
and administrators do the work (`manage`); every board member reads (`read`); members see
approved minutes; finance sees and pays sitting fees. Confidential papers are only ever
shown on board pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from board.meetings import permissions
from board.meetings.models import Meeting
from board.meetings.papers.pack import VERSIONS
from members.views.common import role_required

manage = role_required(permissions.can_manage_meetings)
read = role_required(permissions.can_read_meetings)


def can_edit(request: HttpRequest) -> bool:
    """This person edits meetings: the pages show them the editing controls."""
    return permissions.can_manage_meetings(request.user)


def meeting_for(pk: int) -> Meeting:
    """The meeting, or 404."""
    return get_object_or_404(Meeting, pk=pk)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def version_asked(request: HttpRequest) -> str:
    """The version of the papers asked for (easy read unless said), or 404 for no version."""
    version = request.GET.get("version", "easy-read")
    if version not in VERSIONS:
        raise Http404
    return version
