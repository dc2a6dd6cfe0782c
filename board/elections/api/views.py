"""Elections over the API, with the same permissions and services as the pages:
list, one election with its candidates, cast a ballot, the published ballots, the result."""

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from board.elections import permissions, selectors, services
from board.elections.models import Candidate, Election
from board.elections.views.common import election_for
from coop.api import ErrorSerializer
from members.api.permissions import allowed_if
from members.selectors import member_for_user

CanSeeElections = allowed_if(permissions.can_see_elections)


class Votes(BasePermission):
    """Only members vote. Asked of the election once it is found (the view calls
    check_object_permissions), so an election this person may not see is a 404 first."""

    message = "Only members can vote."

    def has_object_permission(self, request: Request, view: APIView, election: Election) -> bool:
        return request.method != "POST" or permissions.can_vote(request.user)


class ElectionSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Election
        fields = [
            "id",
            "title",
            "status",
            "status_label",
            "seats",
            "method",
            "electorate_date",
            "nominations_open_at",
            "nominations_close_at",
            "voting_open_at",
            "voting_close_at",
        ]


class CandidateSerializer(serializers.ModelSerializer):
    name = serializers.CharField()
    picture_url = serializers.SerializerMethodField()
    picture_alt = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = ["id", "name", "statement", "picture_url", "picture_alt"]

    def get_picture_url(self, candidate: Candidate) -> str:
        url = selectors.candidate_picture(candidate)["url"]
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_picture_alt(self, candidate: Candidate) -> str:
        return selectors.candidate_picture(candidate)["alt"]


class YouSerializer(serializers.Serializer):
    on_electorate = serializers.BooleanField()
    has_voted = serializers.BooleanField()


class ElectionDetailSerializer(ElectionSerializer):
    candidates = serializers.SerializerMethodField()
    you = serializers.SerializerMethodField()

    class Meta(ElectionSerializer.Meta):
        fields = [*ElectionSerializer.Meta.fields, "candidates", "you"]

    @extend_schema_field(CandidateSerializer(many=True))
    def get_candidates(self, election: Election) -> list[dict]:
        return CandidateSerializer(
            selectors.candidates_on_ballot(election), many=True, context=self.context
        ).data

    @extend_schema_field(YouSerializer)
    def get_you(self, election: Election) -> dict:
        state = selectors.voter_state(election, member_for_user(self.context["request"].user))
        return {"on_electorate": state.is_elector, "has_voted": state.has_voted}


class BallotRequestSerializer(serializers.Serializer):
    ranking = serializers.ListField(
        child=serializers.IntegerField(
            error_messages={"invalid": "Each choice is a candidate id, a whole number."}
        ),
        allow_empty=False,
        max_length=100,
        help_text="Candidate ids, most preferred first. For plurality, the people chosen.",
        error_messages={
            "empty": "Please choose at least 1 person.",
            "not_a_list": "Send the ranking as a list of candidate ids, like [3, 1].",
        },
    )


class ReceiptSerializer(serializers.Serializer):
    receipt = serializers.CharField(
        help_text="Look for it in the published receipt codes once the box is opened. It "
        "shows the vote was counted, never what it was."
    )


class PublishedBallotSerializer(serializers.Serializer):
    ranking = serializers.ListField(
        child=serializers.IntegerField(), help_text="Candidate ids, most preferred first."
    )


class PublishedReceiptsSerializer(serializers.Serializer):
    receipts = serializers.ListField(
        child=serializers.CharField(),
        help_text="The receipt code of every online vote that was in the box, in code order.",
    )


class ResultSerializer(serializers.Serializer):
    election = serializers.IntegerField()
    title = serializers.CharField()
    method = serializers.CharField()
    seats = serializers.IntegerField()
    elected = serializers.ListField(child=serializers.DictField())
    quota = serializers.CharField(allow_null=True)
    valid_votes = serializers.CharField()
    ballots = serializers.IntegerField()
    seed = serializers.IntegerField()
    tie_breaks = serializers.ListField(child=serializers.CharField())
    stages = serializers.ListField(child=serializers.DictField())
    sheet = serializers.CharField()
    blt_url = serializers.CharField()
    counted_at = serializers.DateTimeField()


class ElectionListView(ListAPIView):
    """Elections this person can see, newest first."""

    permission_classes = [IsAuthenticated, CanSeeElections]
    serializer_class = ElectionSerializer

    def get_queryset(self) -> QuerySet[Election]:
        return selectors.election_list_for(self.request.user).order_by("-voting_open_at", "-pk")


class ElectionDetailView(APIView):
    """One election with the people standing, and whether you can vote or have voted."""

    permission_classes = [IsAuthenticated, CanSeeElections]

    @extend_schema(responses={200: ElectionDetailSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        election = election_for(request, pk)
        return Response(ElectionDetailSerializer(election, context={"request": request}).data)


def _not_yet(what: str) -> NotFound:
    return NotFound(f"{what} are published when the ballot box is opened.")


class BallotsView(APIView):
    """POST: cast your vote (once); it is sealed in the ballot box. GET: the anonymised
    ballots once the box is opened, in a random order, with no receipt codes (those are
    at receipts/)."""

    permission_classes = [IsAuthenticated, CanSeeElections, Votes]

    @extend_schema(
        request=BallotRequestSerializer,
        responses={
            201: ReceiptSerializer,
            400: OpenApiResponse(ErrorSerializer, description="The ranking is not a valid vote."),
            403: OpenApiResponse(ErrorSerializer, description="Not on the list of voters."),
            404: ErrorSerializer,
            409: OpenApiResponse(
                ErrorSerializer, description="Already voted, or voting is not open."
            ),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        election = election_for(request, pk)
        self.check_object_permissions(request, election)
        member = member_for_user(request.user)
        body = BallotRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        receipt = services.ballot_cast(
            election=election,
            member=member,
            ranking=body.validated_data["ranking"],
            actor=request.user,
        )
        return Response(
            {"receipt": receipt},
            status=status.HTTP_201_CREATED,
            headers={"Cache-Control": "no-store"},
        )

    @extend_schema(
        responses={
            200: PublishedBallotSerializer(many=True),
            404: OpenApiResponse(
                ErrorSerializer, description="Not published until the ballot box is opened."
            ),
        }
    )
    def get(self, request: Request, pk: int) -> Response:
        election = election_for(request, pk)
        if not selectors.box_opened(election):
            raise _not_yet("The ballots")
        data = [
            {"ranking": ranking}
            for ranking in selectors.ballots_counted(election).values_list("ranking", flat=True)
        ]
        return Response(PublishedBallotSerializer(data, many=True).data)


class ReceiptsView(APIView):
    """The receipt codes of the online votes that were in the ballot box, once it is
    opened: published apart from the ballots, with nothing that links the two."""

    permission_classes = [IsAuthenticated, CanSeeElections]

    @extend_schema(
        responses={
            200: PublishedReceiptsSerializer,
            404: OpenApiResponse(
                ErrorSerializer, description="Not published until the ballot box is opened."
            ),
        }
    )
    def get(self, request: Request, pk: int) -> Response:
        election = election_for(request, pk)
        if not selectors.box_opened(election):
            raise _not_yet("The receipt codes")
        return Response(
            PublishedReceiptsSerializer({"receipts": selectors.published_receipts(election)}).data
        )


class ResultView(APIView):
    """The counted result: who was elected in order, every stage, the seed and the sheet."""

    permission_classes = [IsAuthenticated, CanSeeElections]

    @extend_schema(responses={200: ResultSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        election = election_for(request, pk)
        if election.status != Election.Status.COUNTED:
            raise NotFound("This election has not been counted yet.")
        result = election.result
        data = result.result
        elected = selectors.elected_candidates(election)
        return Response(
            ResultSerializer(
                {
                    "election": election.pk,
                    "title": election.title,
                    "method": data["method"],
                    "seats": data["seats"],
                    "elected": [
                        {"id": candidate.pk, "name": candidate.name} for candidate in elected
                    ],
                    "quota": data.get("quota"),
                    "valid_votes": data.get("valid_votes", "0"),
                    "ballots": data.get("ballots", 0),
                    "seed": result.seed,
                    "tie_breaks": data.get("tie_breaks", []),
                    "stages": data.get("stages", []),
                    "sheet": result.sheet,
                    "blt_url": request.build_absolute_uri(
                        reverse("election-blt", args=[election.pk])
                    ),
                    "counted_at": result.counted_at,
                }
            ).data
        )
