from django.urls import path

from events import feeds

urlpatterns = [
    path("calendar/", feeds.calendar_page, name="calendar"),
    path("calendar/activities.ics", feeds.activities_feed, name="calendar-activities"),
    path("calendar/bookings/<slug:token>.ics", feeds.bookings_feed, name="calendar-bookings"),
]
