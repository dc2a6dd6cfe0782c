"""After and before an activity, as JSON: the board's numbers, the organiser's
evaluation, the member's say, reminders' call list and members' suggestions. Same
permissions as the pages; every change is one service call."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from coop.api import BAD_REQUEST, NOT_FOUND, REFUSED
from coop.dates import InRange
from events import services
from events.api.permissions import (
    GivesFeedback,
    SaysInterest,
    SeesEvaluations,
    SeesSuggestions,
    SeesSummary,
    SuggestsActivities,
    WritesEvaluations,
)
from events.api.serializers import ActivityFilterSerializer
from events.api.views import JSONView, visible_booking_or_404
from events.models import Activity, Evaluation, Feedback, Suggestion
from events.selectors import suggestion_list
from events.summary import activity_summary
from events.summary_forms import default_window
from members.selectors import member_for_user


class SummaryFilterSerializer(ActivityFilterSerializer):
    """The same filter as the activity list's, with the last 3 months by default."""

    from_ = serializers.DateField(
        required=False,
        help_text="First day (YYYY-MM-DD). Default: 91 days ago.",
        validators=[InRange()],
    )
    to = serializers.DateField(
        required=False,
        help_text="Last day, included (YYYY-MM-DD). Default: today.",
        validators=[InRange()],
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        start, end = default_window()
        data.setdefault("from", start)
        data.setdefault("to", end)
        return super().validate(data)


class FacesSerializer(serializers.Serializer):
    good = serializers.IntegerField()
    ok = serializers.IntegerField()
    not_good = serializers.IntegerField()


class SummaryNumbersSerializer(serializers.Serializer):
    activities_held = serializers.IntegerField(help_text="Only those that have started.")
    activities_to_come = serializers.IntegerField(help_text="In the period, not started yet.")
    places = serializers.IntegerField(help_text="Of the activities held.")
    bookings = serializers.IntegerField(
        help_text="For the activities held: confirmed, came and did not come."
    )
    attended = serializers.IntegerField()
    no_shows = serializers.IntegerField()
    attendance_known = serializers.IntegerField(help_text="Came and did not come.")
    no_show_one_in = serializers.IntegerField(
        allow_null=True,
        help_text='N for "1 in N people did not come", of attendance_known; null with no no-shows.',
    )
    fees_taken_pence = serializers.IntegerField(
        help_text="Every fee paid for an activity in the period, held or to come."
    )
    fees_refunded_pence = serializers.IntegerField(help_text="Given back.")
    fees_kept_pence = serializers.IntegerField(help_text="Did not come, or cancelled late.")
    fees_held_pence = serializers.IntegerField(help_text="Taken less given back less kept.")
    faces = FacesSerializer()
    incidents = serializers.IntegerField()
    incidents_for_board = serializers.IntegerField()


class SummarySerializer(SummaryNumbersSerializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField(help_text="Not included.")
    until = serializers.DateTimeField(help_text="The figures stop here: now, or end.")
    so_far = serializers.BooleanField(help_text="The period is not over yet.")
    branch = serializers.CharField(allow_null=True)
    by_branch = serializers.DictField(child=SummaryNumbersSerializer())


class ActivitySummaryView(JSONView):
    permission_classes = [*JSONView.permission_classes, SeesSummary]

    @extend_schema(
        description="The board's activity numbers (board members and organisers) for "
        "activities that started from `from` to `to` (both days included) and were not "
        "cancelled.",
        parameters=[SummaryFilterSerializer],
        responses={200: SummarySerializer, 400: BAD_REQUEST, 403: REFUSED},
    )
    def get(self, request: Request) -> Response:
        filters = SummaryFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        return Response(SummarySerializer(activity_summary(**filters.window())).data)


# Evaluation and feedback ---------------------------------------------------------------


class EvaluationSerializer(serializers.ModelSerializer):
    activity = serializers.IntegerField(source="activity_id", read_only=True)
    written_by = serializers.StringRelatedField()

    class Meta:
        model = Evaluation
        fields = [
            "activity",
            "came",
            "no_shows",
            "went_well",
            "went_badly",
            "incidents",
            "incident_for_board",
            "actual_cost_pence",
            "written_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EvaluationWriteSerializer(serializers.Serializer):
    went_well = serializers.CharField(required=False, allow_blank=True, max_length=3000)
    went_badly = serializers.CharField(required=False, allow_blank=True, max_length=3000)
    incidents = serializers.CharField(required=False, allow_blank=True, max_length=3000)
    incident_for_board = serializers.BooleanField(required=False, default=False)
    actual_cost_pence = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=10_000_000
    )


class EvaluationView(JSONView):
    """The organiser's evaluation of an activity that happened (organisers and
    administrators)."""

    permission_classes = [*JSONView.permission_classes, SeesEvaluations, WritesEvaluations]

    @extend_schema(responses={200: EvaluationSerializer, 403: REFUSED, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        evaluation = Evaluation.objects.filter(activity=get_object_or_404(Activity, pk=pk)).first()
        if evaluation is None:
            raise Http404
        return Response(EvaluationSerializer(evaluation).data)

    @extend_schema(
        description="Write or change the evaluation (send every field: one left out is "
        "emptied). came and no_shows are counted from the attendance marks.",
        request=EvaluationWriteSerializer,
        responses={200: EvaluationSerializer, 400: BAD_REQUEST, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        activity = get_object_or_404(Activity, pk=pk)
        body = EvaluationWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        evaluation = services.evaluation_save(
            activity=activity, actor=request.user, **body.validated_data
        )
        return Response(EvaluationSerializer(evaluation).data)


class FeedbackSerializer(serializers.ModelSerializer):
    booking = serializers.IntegerField(source="booking_id", read_only=True)

    class Meta:
        model = Feedback
        fields = ["booking", "face", "again", "comment", "on_behalf", "created_at"]
        read_only_fields = fields


class FeedbackWriteSerializer(serializers.Serializer):
    face = serializers.ChoiceField(
        choices=Feedback.Face.choices,
        error_messages={"invalid_choice": "Please choose good, ok or not_good."},
    )
    again = serializers.BooleanField(help_text="Would they go again?")
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class FeedbackView(JSONView):
    permission_classes = [*JSONView.permission_classes, GivesFeedback]

    @extend_schema(
        description="A member's own say after an activity they came to: a face and whether "
        "they would go again. Their supporter may send it for them. Once per booking.",
        request=FeedbackWriteSerializer,
        responses={201: FeedbackSerializer, 400: BAD_REQUEST, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        booking = visible_booking_or_404(pk, user=request.user)
        self.check_object_permissions(request, booking)
        body = FeedbackWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        feedback = services.feedback_give(
            booking=booking, actor=request.user, **body.validated_data
        )
        return Response(FeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)


# Suggestions ---------------------------------------------------------------------------


class SuggestionSerializer(serializers.ModelSerializer):
    interested = serializers.IntegerField(read_only=True, help_text="Others who would go.")
    i_said = serializers.BooleanField(read_only=True, help_text="You said you would like to go.")
    mine = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "what",
            "where",
            "when",
            "cost_guess_pence",
            "status",
            "reason",
            "interested",
            "i_said",
            "mine",
            "created_at",
        ]
        read_only_fields = fields

    def get_mine(self, suggestion: Suggestion) -> bool:
        member = self.context.get("member")
        return member is not None and suggestion.member_id == member.pk


class SuggestionWriteSerializer(serializers.Serializer):
    what = serializers.CharField(max_length=200)
    where = serializers.CharField(required=False, allow_blank=True, max_length=200)
    when = serializers.CharField(required=False, allow_blank=True, max_length=100)
    cost_guess_pence = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=10_000_000
    )


class SuggestionListView(JSONView, ListAPIView):
    """Members' ideas for activities, with how many others would like to go."""

    permission_classes = [*JSONView.permission_classes, SeesSuggestions, SuggestsActivities]
    serializer_class = SuggestionSerializer

    def get_queryset(self) -> QuerySet[Suggestion]:
        return suggestion_list(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "member": member_for_user(self.request.user)}

    @extend_schema(responses={200: SuggestionSerializer(many=True), 403: REFUSED})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        description="Suggest an activity (members). Sending the same idea again gives the "
        "same one back.",
        request=SuggestionWriteSerializer,
        responses={201: SuggestionSerializer, 400: BAD_REQUEST, 403: REFUSED},
    )
    def post(self, request: Request) -> Response:
        member = member_for_user(request.user)
        body = SuggestionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        suggestion = services.suggestion_create(
            member=member, actor=request.user, **body.validated_data
        )
        suggestion = suggestion_list(request.user).get(pk=suggestion.pk)
        data = SuggestionSerializer(suggestion, context={"member": member}).data
        return Response(data, status=status.HTTP_201_CREATED)


class SuggestionInterestView(JSONView):
    permission_classes = [*JSONView.permission_classes, SaysInterest]

    @extend_schema(
        description='"I would like to go" (members, not on their own idea). Twice counts once.',
        request=None,
        responses={200: SuggestionSerializer, 400: BAD_REQUEST, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        member = member_for_user(request.user)
        suggestion = Suggestion.objects.filter(pk=pk).first()
        if suggestion is None:
            raise Http404
        services.suggestion_interest_add(suggestion=suggestion, member=member, actor=request.user)
        suggestion = suggestion_list(request.user).get(pk=pk)
        return Response(SuggestionSerializer(suggestion, context={"member": member}).data)
