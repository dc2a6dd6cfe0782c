"""Board meetings over the API, with the same permissions and services as the pages.

Every board member (and administrators) sees every meeting with its agenda, papers (and
their PDFs) and actions; the co-chairs and whoever writes the papers can also plan
meetings, add items and actions, and mark actions done. Everyone else with a role sees
only meetings whose minutes are approved, and only the minutes: no papers, and a
confidential item shows its title alone."""

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from board.meetings import permissions, services
from board.meetings.models import Action, AgendaItem, Meeting, Paper
from board.meetings.papers.minutes import minutes_paper
from board.meetings.papers.pack import VERSIONS, paper_pdf
from board.meetings.views.common import pdf_response, version_asked
from coop.api import ErrorSerializer
from coop.dates import HELD, InRange
from members.api.permissions import allowed_if
from members.models import Member

CanSeeMinutes = allowed_if(permissions.can_read_minutes)
ReadsMeetings = allowed_if(permissions.can_read_meetings)
EDITORS_ONLY = "Only the co-chairs and the people who write the papers can change meetings."
ManagesMeetings = allowed_if(permissions.can_manage_meetings, EDITORS_ONLY)
# Every board member reads; only the editors write.
ChangesMeetings = allowed_if(permissions.can_manage_meetings, EDITORS_ONLY, methods=["POST"])


class MeetingSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "starts_at",
            "place",
            "call_link",
            "status",
            "status_label",
            "pack_days_before",
            "papers_sent_at",
            "minutes_approved_at",
        ]
        read_only_fields = ["status", "papers_sent_at", "minutes_approved_at"]
        extra_kwargs = {"starts_at": {"validators": [InRange(HELD)]}}


class PaperSerializer(serializers.ModelSerializer):
    pdf = serializers.SerializerMethodField()
    parts = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = ["id", "title", "source", "confidential", "standard_text", "parts", "pdf"]

    def get_pdf(self, paper: Paper) -> dict[str, str]:
        url = reverse("board_api:paper-pdf", args=[paper.pk])
        return {version: f"{url}?version={version}" for version in VERSIONS}

    def get_parts(self, paper: Paper) -> list[dict]:
        return [
            {
                "heading": part.heading,
                "words": part.words,
                "picture": part.picture,
                "picture_alt": part.picture_alt,
            }
            for part in paper.parts.all()
        ]


class ItemSerializer(serializers.ModelSerializer):
    papers = PaperSerializer(many=True, read_only=True)
    presenter = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "position",
            "title",
            "summary",
            "presenter",
            "decision_needed",
            "confidential",
            "source",
            "papers",
        ]
        read_only_fields = ["position", "source"]


class ActionSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.display_name", read_only=True)
    owner = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Action
        fields = ["id", "meeting", "item", "what", "owner", "owner_name", "due_on", "done_at"]
        read_only_fields = ["meeting", "done_at"]
        extra_kwargs = {"due_on": {"validators": [InRange(HELD)]}}


class MinutesPartSerializer(serializers.Serializer):
    heading = serializers.CharField()
    words = serializers.CharField()
    picture = serializers.CharField()


class MinutesSerializer(serializers.Serializer):
    title = serializers.CharField()
    approved = serializers.BooleanField()
    parts = MinutesPartSerializer(many=True)
    pdf = serializers.CharField()


class MeetingDetailSerializer(MeetingSerializer):
    """What GET meetings/{id}/ answers (documents it: the view builds the answer)."""

    items = ItemSerializer(many=True, required=False, help_text="For the board only.")
    actions = ActionSerializer(many=True, required=False, help_text="For the board only.")
    minutes = MinutesSerializer(allow_null=True, help_text="Null until there are minutes.")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "items", "actions", "minutes"]


def _visible(request: Request) -> QuerySet[Meeting]:
    if permissions.can_read_meetings(request.user):
        return Meeting.objects.all()
    return Meeting.objects.filter(status=Meeting.Status.MINUTES_APPROVED)


class MeetingListView(APIView):
    permission_classes = [CanSeeMinutes, ChangesMeetings]

    @extend_schema(
        description="Meetings, newest first. Board members see all; members see meetings "
        "whose minutes are approved.",
        responses={200: MeetingSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(MeetingSerializer(_visible(request).order_by("-starts_at"), many=True).data)

    @extend_schema(
        description="Plan a meeting (co-chairs, the people who write the papers, and "
        "administrators).",
        request=MeetingSerializer,
        responses={201: MeetingSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = MeetingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=request.user, **serializer.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class MeetingDetailView(APIView):
    permission_classes = [CanSeeMinutes]

    @extend_schema(
        description="One meeting. The board gets the agenda with papers and actions; members "
        "get the approved minutes only.",
        responses={200: MeetingDetailSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(_visible(request), pk=pk)
        data = dict(MeetingSerializer(meeting).data)
        if permissions.can_read_meetings(request.user):
            items = meeting.items.prefetch_related("papers__parts")
            data["items"] = ItemSerializer(items, many=True).data
            data["actions"] = ActionSerializer(
                meeting.actions.select_related("owner"), many=True
            ).data
        data["minutes"] = _minutes(request, meeting)
        return Response(data)


def _minutes(request: Request, meeting: Meeting) -> dict | None:
    if not permissions.can_see_minutes(request.user, meeting):
        return None
    paper = minutes_paper(meeting, for_members=not permissions.can_read_meetings(request.user))
    return MinutesSerializer(
        {
            "title": paper.title,
            "approved": meeting.status == Meeting.Status.MINUTES_APPROVED,
            "parts": paper.parts,
            "pdf": reverse("meeting-minutes-pdf", args=[meeting.pk]),
        }
    ).data


class MeetingItemsView(APIView):
    permission_classes = [ReadsMeetings, ChangesMeetings]

    @extend_schema(responses={200: ItemSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(Meeting, pk=pk)
        return Response(
            ItemSerializer(meeting.items.prefetch_related("papers__parts"), many=True).data
        )

    @extend_schema(request=ItemSerializer, responses={201: ItemSerializer, 400: ErrorSerializer})
    def post(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(Meeting, pk=pk)
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.item_add(meeting=meeting, actor=request.user, **serializer.validated_data)
        return Response(ItemSerializer(item).data, status=status.HTTP_201_CREATED)


class MeetingActionsView(APIView):
    permission_classes = [ReadsMeetings, ChangesMeetings]

    @extend_schema(responses={200: ActionSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(Meeting, pk=pk)
        return Response(ActionSerializer(meeting.actions.select_related("owner"), many=True).data)

    @extend_schema(
        request=ActionSerializer, responses={201: ActionSerializer, 400: ErrorSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(Meeting, pk=pk)
        serializer = ActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = services.action_add(
            meeting=meeting, actor=request.user, **serializer.validated_data
        )
        return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)


class ActionListView(APIView):
    permission_classes = [ReadsMeetings]

    @extend_schema(
        description="Actions across meetings; `?open=true` for those still to do.",
        parameters=[OpenApiParameter("open", bool)],
        responses={200: ActionSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        actions = Action.objects.select_related("owner").order_by("due_on", "pk")
        if request.query_params.get("open") in ("true", "1", "yes"):
            actions = actions.filter(done_at__isnull=True)
        return Response(ActionSerializer(actions, many=True).data)


class ActionDoneSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class ActionDoneView(APIView):
    permission_classes = [ManagesMeetings]

    @extend_schema(request=ActionDoneSerializer, responses={200: ActionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        action = get_object_or_404(Action, pk=pk)
        body = ActionDoneSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        action = services.action_done(
            action=action, actor=request.user, note=body.validated_data["note"]
        )
        return Response(ActionSerializer(action).data)


class PaperPdfView(APIView):
    permission_classes = [ReadsMeetings]

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[OpenApiParameter("version", str, enum=sorted(VERSIONS))],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The paper as a PDF"
            )
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        paper = get_object_or_404(Paper, pk=pk)
        return pdf_response(*paper_pdf(paper, version_asked(request)))
