"""The membership roll for organisers and administrators, with the same permissions as
the pages in members/views/roll.py."""

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coop.api import ErrorSerializer
from members import selectors, services
from members.api.permissions import CanSeeMemberList, ChangesMembers, MovesMembers
from members.api.serializers import (
    MEMBER_RESPONSE,
    MemberFilterSerializer,
    MemberForAdministratorSerializer,
    MemberUpdateSerializer,
    MoveSerializer,
    member_serializer_for,
)
from members.models import Member


def member_or_404(pk: int) -> Member:
    try:
        return selectors.member_get(pk=pk)
    except Member.DoesNotExist:
        raise Http404 from None


class MemberListView(ListAPIView):
    """The membership roll, a page at a time."""

    permission_classes = [IsAuthenticated, CanSeeMemberList]

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return member_serializer_for(self.request.user)

    def get_queryset(self) -> QuerySet[Member]:
        filters = MemberFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        members = selectors.member_search(
            q=filters.validated_data.get("q", ""),
            branch=filters.validated_data.get("branch"),
            status=filters.validated_data.get("status", ""),
        )
        # Names repeat; without a unique last key a member could fall between pages.
        return members.order_by("last_name", "first_name", "pk")

    @extend_schema(
        parameters=[MemberFilterSerializer],
        responses={200: MEMBER_RESPONSE, 400: OpenApiResponse(description="A bad filter.")},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class MemberDetailView(APIView):
    """One member on the roll. Administrators may change their details."""

    permission_classes = [IsAuthenticated, CanSeeMemberList, ChangesMembers]

    @extend_schema(responses={200: MEMBER_RESPONSE, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        member = member_or_404(pk)
        return Response(member_serializer_for(request.user)(member).data)

    @extend_schema(
        description="Change a member's details. Administrators only. Status, dates and the "
        "membership number change only by a move.",
        request=MemberUpdateSerializer,
        responses={
            200: MemberForAdministratorSerializer,
            400: OpenApiResponse(description="A field was wrong, or changes only by a move."),
            404: ErrorSerializer,
            409: OpenApiResponse(ErrorSerializer, description="The member's data was erased."),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        member = member_or_404(pk)
        serializer = MemberUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.member_update(member=member, actor=request.user, changes=serializer.validated_data)
        return Response(MemberForAdministratorSerializer(member_or_404(pk)).data)


class MemberMoveView(APIView):
    """Move a member to another status. A move already made changes nothing and
    answers 200."""

    permission_classes = [IsAuthenticated, CanSeeMemberList, MovesMembers]
    moves = services.MOVES  # MovesMembers lets an unknown move through to the 404

    @extend_schema(
        operation_id="v1_members_move",
        parameters=[
            OpenApiParameter("move", str, OpenApiParameter.PATH, enum=list(services.MOVES))
        ],
        request=MoveSerializer,
        responses={
            200: MEMBER_RESPONSE,
            400: OpenApiResponse(ErrorSerializer, description="A reason is needed."),
            404: ErrorSerializer,
            409: OpenApiResponse(ErrorSerializer, description="Not possible from this status."),
        },
    )
    def post(self, request: Request, pk: int, move: str) -> Response:
        if move not in self.moves:
            raise Http404
        member = member_or_404(pk)
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.member_move(
            move=move, member=member, actor=request.user, reason=body.validated_data["reason"]
        )
        return Response(member_serializer_for(request.user)(member_or_404(pk)).data)
