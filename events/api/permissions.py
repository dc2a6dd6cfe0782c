"""Who may call which events endpoint: DRF permissions made from the predicates the pages
ask (events/permissions.py and the pages' own), each refusal in plain words."""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from events import permissions
from events.models import Booking
from members.api.permissions import allowed_if
from members.permissions import is_member

MakesActivities = allowed_if(
    permissions.can_manage_activities, "Only organisers can make activities.", methods=["POST"]
)
CancelsActivities = allowed_if(
    permissions.can_manage_activities, "Only organisers can cancel activities.", methods=["POST"]
)
MarksAttendance = allowed_if(
    permissions.can_manage_activities, "Only organisers can mark who came.", methods=["POST"]
)
SeesEvaluations = allowed_if(
    permissions.can_manage_activities, "Only organisers can see evaluations here.", methods=["GET"]
)
WritesEvaluations = allowed_if(
    permissions.can_manage_activities, "Only organisers can write evaluations.", methods=["POST"]
)
SeesSummary = allowed_if(
    permissions.can_see_summary,
    "Only the board and organisers can see these numbers.",
    methods=["GET"],
)
SeesSuggestions = allowed_if(
    permissions.can_see_suggestions,
    "Only members, organisers and the board can see ideas.",
    methods=["GET"],
)
SuggestsActivities = allowed_if(is_member, "Only members can suggest activities.", methods=["POST"])
SaysInterest = allowed_if(
    is_member, "Only members can say they would like to go.", methods=["POST"]
)


class GivesFeedback(BasePermission):
    """The booking's member or a supporter they chose (the view checks the booking)."""

    message = "Only the member or their supporter can say how it went."

    def has_object_permission(self, request: Request, view: APIView, booking: Booking) -> bool:
        return permissions.can_give_feedback(request.user, booking)
