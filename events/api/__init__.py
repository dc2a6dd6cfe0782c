"""The events app's REST API, re-exported so the root urls write
`from events.api import ActivityListView`."""

from events.api.views import (
    ActivityCancelView,
    ActivityDetailView,
    ActivityListView,
    AttendanceView,
    BookingCancelView,
    BookingCreateView,
    BookingDetailView,
    MyBookingsView,
)

__all__ = [
    "ActivityCancelView",
    "ActivityDetailView",
    "ActivityListView",
    "AttendanceView",
    "BookingCancelView",
    "BookingCreateView",
    "BookingDetailView",
    "MyBookingsView",
]
