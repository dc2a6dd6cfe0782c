from django.urls import path

from events.views import (
    activities,
    after,
    booking,
    calls,
    costs,
    group_messages,
    organiser,
    photos,
    proposals,
    suggestions,
    summary,
    support,
    transport,
    whats_on,
)
from events.views.transport_needs import wheelchair_space_keep_view as keep_space
from events.views.travel_switch import travel_switch

urlpatterns = [
    path("activities/", activities.activity_list, name="activity-list"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/book/", booking.book, name="book"),
    path("bookings/", booking.my_bookings, name="my-bookings"),
    path("bookings/<int:pk>/", booking.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/cancel/", booking.booking_cancel, name="booking-cancel"),
    path("bookings/<int:pk>/accept/", booking.offer_accept, name="offer-accept"),
    path("organiser/activities/", organiser.activities, name="organiser-activities"),
    path("organiser/activities/new/", organiser.activity_edit, name="activity-new"),
    path("organiser/activities/<int:pk>/", organiser.activity_bookings, name="organiser-activity"),
    path("organiser/activities/<int:pk>/edit/", organiser.activity_edit, name="activity-edit"),
    path(
        "organiser/activities/<int:pk>/publish/",
        organiser.activity_publish,
        name="activity-publish",
    ),
    path(
        "organiser/activities/<int:pk>/cancel/", organiser.activity_cancel, name="activity-cancel"
    ),
    path("organiser/activities/<int:pk>/book-for/", organiser.book_for, name="book-for"),
    path("organiser/activities/<int:pk>/attendance/", organiser.attendance, name="attendance"),
    path("organiser/bookings/<int:pk>/mark/", organiser.mark, name="attendance-mark"),
    path(
        "organiser/bookings/<int:pk>/cash-back/", organiser.cash_given_back, name="cash-given-back"
    ),
    path("organiser/bookings/<int:pk>/cash/", organiser.record_cash, name="record-cash"),
    path("organiser/bookings/<int:pk>/waive/", organiser.waive_fee, name="waive-fee"),
    path(
        "organiser/bookings/<int:pk>/return-fee/", organiser.return_kept_fee, name="return-kept-fee"
    ),
]

# Before and after an activity: the board's numbers, reminder calls and letters, the
# organiser's evaluation, the member's say, and members' ideas.
urlpatterns += [
    path("board/activities/summary/", summary.activity_summary_page, name="activity-summary"),
    path("organiser/activities/<int:pk>/calls/", calls.calls, name="reminder-calls"),
    path("organiser/activities/<int:pk>/letters/", calls.letters, name="reminder-letters"),
    path("organiser/reminders/<int:pk>/call/", calls.call_record, name="reminder-call"),
    path("organiser/activities/<int:pk>/evaluation/", after.evaluation, name="evaluation"),
    path("bookings/<int:pk>/feedback/", after.feedback, name="feedback"),
    path("suggestions/", suggestions.suggestions, name="suggestions"),
    path("suggestions/new/", suggestions.suggestion_new, name="suggestion-new"),
    path("ideas/propose/", proposals.propose, name="propose"),
    path("ideas/mine/", proposals.my_ideas, name="my-ideas"),
    path(
        "suggestions/<int:pk>/interest/",
        suggestions.suggestion_interest,
        name="suggestion-interest",
    ),
    path("suggestions/<int:pk>/decide/", suggestions.suggestion_decide, name="suggestion-decide"),
]

# Telling every member what is on, and the evaluation's photos.
urlpatterns += [
    path("organiser/whats-on/", whats_on.whats_on, name="whats-on"),
    path("organiser/whats-on/calls/<int:pk>/", whats_on.whats_on_call, name="whats-on-call"),
    path(
        "organiser/whats-on/<int:pk>/letters/",
        whats_on.whats_on_letters,
        name="whats-on-letters",
    ),
    path("evaluation-photos/<int:pk>/", after.evaluation_photo, name="evaluation-photo"),
    path(
        "organiser/evaluation-photos/<int:pk>/delete/",
        after.evaluation_photo_remove,
        name="evaluation-photo-remove",
    ),
]

# Writing to a group: everyone booked, a waiting list, a branch, or the board.
urlpatterns += [
    path(
        "organiser/activities/<int:pk>/write/booked/",
        group_messages.write_to_activity,
        {"group": "booked"},
        name="write-booked",
    ),
    path(
        "organiser/activities/<int:pk>/write/waiting/",
        group_messages.write_to_activity,
        {"group": "waiting"},
        name="write-waiting",
    ),
    path("organiser/write/", group_messages.write_to_branch_or_board, name="group-write"),
    path(
        "organiser/group-messages/<int:pk>/",
        group_messages.group_message_sent,
        name="group-message-sent",
    ),
]

# Support workers booked for an activity, and what the activity costs.
urlpatterns += [
    path("organiser/activities/<int:pk>/support/", support.support, name="activity-support"),
    path("organiser/support/<int:pk>/cancel/", support.support_cancel, name="support-cancel"),
    path("organiser/support/<int:pk>/pay/", support.support_pay, name="support-pay"),
    path("organiser/activities/<int:pk>/costs/", costs.costs, name="activity-costs"),
    path("organiser/costs/<int:pk>/pay/", costs.cost_pay, name="cost-pay"),
    path("organiser/costs/<int:pk>/remove/", costs.cost_remove, name="cost-remove"),
]

# Photos for members: from their trip, and from the times before on the next one's page.
urlpatterns += [
    path("activities/<int:pk>/photos/", photos.trip_photos, name="trip-photos"),
    path("photos/<int:pk>/", photos.shared_photo, name="shared-photo"),
    path("organiser/evaluation-photos/<int:pk>/share/", photos.photo_share, name="photo-share"),
]

# Getting there and back: the activity's transport, and rides that found no room.
urlpatterns += [
    path("organiser/activities/<int:pk>/transport/", transport.transport_edit, name="transport"),
    path(
        "organiser/transport-asks/<int:pk>/done/",
        transport.transport_ask_done,
        name="transport-ask-done",
    ),
    path("organiser/bookings/<int:pk>/wheelchair-space/", keep_space, name="wheelchair-space-keep"),
    path("bookings/<int:pk>/travel/", travel_switch, name="travel-switch"),
]
