"""Photos for members (issue 22): the organiser shares a photo; the members who came see
"Photos from Bowling"; the next Bowling's page shows a few. Files are served here only,
after checking who asks and that everyone in the photo still agrees."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coop.errors import CoopError
from events import permissions, photo_selectors, services
from events.models import Activity, EvaluationPhoto
from members.views.common import not_for_former_members, role_required


@not_for_former_members
def trip_photos(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Photos from Bowling", for the members who came (and their supporters)."""
    activity = get_object_or_404(Activity.objects.select_related("branch"), pk=pk)
    if not photo_selectors.may_see_trip_photos(request.user, activity):
        raise Http404  # as if there were no such page: they did not come
    return render(
        request,
        "events/trip_photos.html",
        {"activity": activity, "photos": photo_selectors.trip_photos(activity)},
    )


@not_for_former_members
def shared_photo(request: HttpRequest, pk: int) -> FileResponse:
    """The file of a shared photo. Refused (404, as for a photo that does not exist) to
    anyone who may not see it now; never cached by a shared cache, nor kept by the browser
    (consent can be withdrawn tomorrow)."""
    photo = get_object_or_404(EvaluationPhoto.objects.select_related("activity"), pk=pk)
    if not photo_selectors.may_see_photo(request.user, photo):
        raise Http404
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = mimetypes.guess_type(photo.image.name)[0]
    if kind not in ("image/jpeg", "image/png"):
        raise Http404
    response = FileResponse(handle, content_type=kind)
    response["Cache-Control"] = "private, no-store"
    response["Vary"] = "Cookie"
    return response


@role_required(permissions.can_manage_activities)
@require_POST
def photo_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Share a photo with members, or stop (the button sends shared=yes or shared=no)."""
    photo = get_object_or_404(EvaluationPhoto, pk=pk)
    shared = request.POST.get("shared") == "yes"
    try:
        services.photo_share_set(photo=photo, actor=request.user, shared=shared)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            "The photo is shared with members." if shared else "The photo is not shared now.",
        )
    return redirect(reverse("evaluation", kwargs={"pk": photo.activity_id}) + "#photos")
