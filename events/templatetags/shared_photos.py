"""Photos for members on pages other views own (issue 22): a few from last time on an
activity's page, a link to the photos on a booking, and the organiser's share button."""

from django import template

from events import photo_selectors
from events.models import Activity, Booking, EvaluationPhoto, PhotoShare

register = template.Library()


@register.inclusion_tag("events/_photos_last_time.html")
def photos_last_time(activity: Activity) -> dict:
    return {"photos": photo_selectors.last_time_photos(activity)}


@register.inclusion_tag("events/_trip_photos_link.html")
def trip_photos_link(booking: Booking) -> dict:
    """A booking page leads to its activity's photos (the page itself checks who asks)."""
    activity = booking.activity
    came = booking.status == Booking.Status.ATTENDED
    return {
        "activity": activity,
        "has_photos": came and photo_selectors.shown_photos().filter(activity=activity).exists(),
    }


@register.inclusion_tag("events/_photo_share.html")
def photo_share_button(photo: EvaluationPhoto) -> dict:
    return {
        "photo": photo,
        "shared": PhotoShare.objects.filter(photo=photo).exists(),
        "shown": photo_selectors.photo_is_shown(photo),
    }
