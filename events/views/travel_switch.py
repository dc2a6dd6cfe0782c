"""Changing how a booked member gets there: a small form on the booking page (the
member, or a supporter for them) and on the organiser's bookings page. POST only."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from coop.errors import CoopError
from events import permissions
from events.models import Booking
from events.services.travel_switch import booking_travel_switch
from events.transport_room import transport_of
from members.views.common import not_for_former_members


def _done_words(booking: Booking, who: str) -> str:
    if booking.travel_seats:
        transport = transport_of(booking.activity)
        kind = transport.kind_words if transport else "transport"
        return f"{who} will come on the {kind}." if who else f"You will come on the {kind}."
    return f"{who} will make their own way." if who else "You will make your own way."


@not_for_former_members
@require_POST
def travel_switch(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("activity", "member"), pk=pk)
    if not permissions.can_see_booking(request.user, booking):
        raise Http404  # another member's booking: as if it did not exist
    ride = request.POST.get("ride")
    back_to_organiser = request.POST.get("back") == "organiser" and (
        permissions.can_manage_activities(request.user)
    )
    if ride not in ("yes", "no"):
        messages.error(request, "Please choose how you will get there.")
    else:
        try:
            booking = booking_travel_switch(booking=booking, actor=request.user, ride=ride == "yes")
        except CoopError as error:
            messages.error(request, error.message)
        else:
            who = booking.member.named_for(request.user.pk)
            if back_to_organiser:
                who = booking.member.display_name
            messages.success(request, _done_words(booking, who))
    if back_to_organiser:
        return redirect("organiser-activity", pk=booking.activity_id)
    return redirect("booking-detail", pk=booking.pk)
