"""The organiser keeps a wheelchair space for someone booked to ride whose needs say
now that they use a wheelchair."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from coop.errors import CoopError
from events import permissions
from events.models import Booking
from events.services.transport_needs import wheelchair_space_keep
from members.views.common import role_required


@role_required(permissions.can_manage_activities)
@require_POST
def wheelchair_space_keep_view(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("member"), pk=pk)
    try:
        wheelchair_space_keep(booking=booking, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"A wheelchair space is kept for {booking.member.display_name}.")
    return redirect("organiser-activity", pk=booking.activity_id)
