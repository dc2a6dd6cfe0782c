"""The events app's models, one module per topic. Everything is imported here so that
`events.models` stays the one place to import them from (Django and the migrations use it)."""

from events.models.activities import Activity, default_reminder_hours, places_left
from events.models.after import Evaluation, EvaluationPhoto, Feedback, evaluation_photo_path
from events.models.bookings import ActivityPlaces, Booking, CalendarFeed
from events.models.costs import CostGrant, CostLine, CostShare
from events.models.leaders import ActivityLeader
from events.models.messages import GroupMessage, MessageTemplate, WhatsOnMessage, WhatsOnRound
from events.models.photo_shares import PhotoShare
from events.models.reminders import Reminder
from events.models.suggestions import BoardAnswer, Suggestion, SuggestionInterest
from events.models.support import SupportBooking, SupportNeed
from events.models.transport import Transport, TransportAsk

__all__ = [
    "Activity",
    "ActivityLeader",
    "ActivityPlaces",
    "BoardAnswer",
    "Booking",
    "CalendarFeed",
    "CostGrant",
    "CostLine",
    "CostShare",
    "Evaluation",
    "EvaluationPhoto",
    "Feedback",
    "GroupMessage",
    "MessageTemplate",
    "PhotoShare",
    "Reminder",
    "Suggestion",
    "SuggestionInterest",
    "Transport",
    "TransportAsk",
    "SupportBooking",
    "SupportNeed",
    "WhatsOnMessage",
    "WhatsOnRound",
    "default_reminder_hours",
    "evaluation_photo_path",
    "places_left",
]
