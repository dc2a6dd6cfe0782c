"""Activities and bookings as JSON, with the same permissions as the pages in
events/views/: anyone signed in sees what's on; organisers make and cancel activities and
mark attendance; a member (or their supporter, or an organiser) books; another member's
booking is not found. Every change is one service call."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coop.api import BAD_REQUEST, NOT_FOUND, REFUSED
from coop.errors import NotAllowed
from events import permissions, selectors, services
from events.api.permissions import CancelsActivities, MakesActivities, MarksAttendance
from events.api.serializers import (
    ActivityCreateSerializer,
    ActivityDetailSerializer,
    ActivityListFilterSerializer,
    ActivitySerializer,
    AttendanceAnswerSerializer,
    AttendanceSerializer,
    BookingCreatedSerializer,
    BookingRequestSerializer,
    BookingSerializer,
    CancelActivitySerializer,
    activity_list_items,
)
from events.models import Activity, Booking
from events.services.booking_lock import activity_unless_draft
from events.upcoming import Upcoming
from finance.models import Method, Payment
from members.models import Member, User
from members.selectors import member_without_branch


def activity_or_404(pk: int, *, user: User, drafts: bool = True) -> Activity:
    """With its places counted. Drafts exist only for those who manage activities, and
    only where their pages show drafts too (nobody books a draft)."""
    try:
        return selectors.activity_get(
            pk=pk, published_only=not (drafts and permissions.can_manage_activities(user))
        )
    except Activity.DoesNotExist:
        raise Http404 from None


def visible_booking_or_404(pk: int, *, user: User) -> Booking:
    booking = Booking.objects.select_related("activity", "member").filter(pk=pk).first()
    if booking is None or not permissions.can_see_booking(user, booking):
        raise Http404  # another member's booking: as if it did not exist
    return booking


def booking_data(booking: Booking) -> dict[str, Any]:
    booking.refresh_from_db()
    return BookingSerializer(booking).data


class JSONView(APIView):
    parser_classes = [JSONParser]  # a form post would turn a missing true/false into false


class ActivityListView(JSONView, ListAPIView):
    """Published activities to come (or in the days asked for), soonest first."""

    permission_classes = [*JSONView.permission_classes, MakesActivities]
    serializer_class = ActivitySerializer

    def get_queryset(self) -> QuerySet[Activity]:
        # The same list as model instances: what DRF's generic view and the schema ask
        # for. The answer itself is read in plain SQL (list, below).
        return selectors.activity_list(**self.filters.window())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """ActivitySerializer's JSON made from plain values (events.upcoming), not model
        instances (the schema still comes from ActivitySerializer): the same answer for
        less work."""
        rows = Upcoming(**self.filters.window())
        page = self.paginate_queryset(rows)
        if page is None:
            return Response(activity_list_items(rows[:]))
        return self.get_paginated_response(activity_list_items(page))

    @extend_schema(
        parameters=[ActivityListFilterSerializer],
        responses={200: ActivitySerializer(many=True), 400: BAD_REQUEST},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.filters = ActivityListFilterSerializer(data=request.query_params)
        self.filters.is_valid(raise_exception=True)
        return super().get(request, *args, **kwargs)

    @extend_schema(
        description="Make an activity (organisers and administrators). It is a draft until "
        'published: send "publish": true to publish it at once.',
        request=ActivityCreateSerializer,
        responses={201: ActivityDetailSerializer, 400: BAD_REQUEST, 403: REFUSED},
    )
    def post(self, request: Request) -> Response:
        body = ActivityCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        publish = fields.pop("publish")
        activity = services.activity_create(actor=request.user, **fields)
        if publish:
            services.activity_publish(activity=activity, actor=request.user)
        activity = activity_or_404(activity.pk, user=request.user)
        return Response(ActivityDetailSerializer(activity).data, status=status.HTTP_201_CREATED)


class ActivityDetailView(JSONView):
    @extend_schema(responses={200: ActivityDetailSerializer, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ActivityDetailSerializer(activity_or_404(pk, user=request.user)).data)


class ActivityCancelView(JSONView):
    permission_classes = [*JSONView.permission_classes, CancelsActivities]

    @extend_schema(
        description="Cancel the activity (organisers and administrators): every booking is "
        "cancelled, every fee paid comes back, everyone booked is told. Safe to repeat.",
        request=CancelActivitySerializer,
        responses={200: ActivityDetailSerializer, 400: BAD_REQUEST, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        activity = activity_or_404(pk, user=request.user)
        body = CancelActivitySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.activity_cancel(
            activity=activity, actor=request.user, reason=body.validated_data["reason"]
        )
        return Response(ActivityDetailSerializer(activity_or_404(pk, user=request.user)).data)


def _payment_method(user: User, asked: str) -> str:
    """The service's payment word for what this person asked. An organiser saying "cash"
    has the cash in hand; a member saying it will pay an organiser."""
    if asked == "cash" and permissions.can_manage_activities(user):
        return "cash_received"
    return asked


def _card_payment(booking: Booking) -> dict[str, str] | None:
    if booking.payment_id is None:
        return None
    payment = Payment.objects.filter(pk=booking.payment_id, method=Method.CARD).first()
    if payment is None or not payment.stripe_payment_intent_id:
        return None
    return {
        "payment_intent": payment.stripe_payment_intent_id,
        "client_secret": payment.client_secret,
    }


class BookingCreateView(JSONView):
    @extend_schema(
        operation_id="v1_activities_book",
        description="Book a place: for yourself, or (organisers, and supporters the member "
        'chose) for the member given. When the activity is full the answer is "waiting": '
        'on the waiting list. With "payment": "card", complete the payment with Stripe.js '
        "and the client secret returned.",
        request=BookingRequestSerializer,
        responses={201: BookingCreatedSerializer, 400: BAD_REQUEST, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        # Only its id here: booking reads the activity, and counts its places, under its lock.
        activity = activity_unless_draft(pk)
        if activity is None:
            raise Http404
        body = BookingRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "member" in data:
            member = Member.objects.filter(pk=data["member"]).first()
            if member is None or not permissions.can_book_for(request.user, member):
                raise Http404  # someone else's member: as if they did not exist
        else:
            member = member_without_branch(request.user)
            if member is None:
                raise NotAllowed(
                    "You are not a member, so you cannot book for yourself. "
                    "Say which member the booking is for.",
                    code="not_a_member",
                )
        if data["payment"] == "waived" and not permissions.can_waive_fee(request.user):
            raise NotAllowed("Only organisers and the board can waive a fee.")
        booking = services.booking_create(
            activity=activity,
            member=member,
            actor=request.user,
            guests=data["guests"],
            payment=_payment_method(request.user, data["payment"]),
            waive_reason=data["reason"],
            travel=data["travel"],
        )
        created = {
            "id": booking.pk,
            "status": booking.status,
            "fee_pence": booking.fee_pence,
            "fee_status": booking.fee_status,
            "payment": _card_payment(booking),
        }
        return Response(BookingCreatedSerializer(created).data, status=status.HTTP_201_CREATED)


class BookingDetailView(JSONView):
    @extend_schema(responses={200: BookingSerializer, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return Response(BookingSerializer(visible_booking_or_404(pk, user=request.user)).data)


class BookingCancelView(JSONView):
    @extend_schema(
        description="Cancel a booking. Before the activity's cancel-by time a paid fee comes "
        "back in full; after it, the fee is kept. Cancelling twice is safe.",
        request=None,
        responses={200: BookingSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        booking = visible_booking_or_404(pk, user=request.user)
        booking = services.booking_cancel(booking=booking, actor=request.user)
        return Response(booking_data(booking))


class AttendanceView(JSONView):
    permission_classes = [*JSONView.permission_classes, MarksAttendance]

    @extend_schema(
        description="Organisers mark who came. Coming starts the fee's way back; not coming "
        'keeps it. Before the activity starts, send "early": true to mean it. Marking the '
        "same twice changes nothing. `fee_news` says what happened to the fee.",
        request=AttendanceSerializer,
        responses={
            200: AttendanceAnswerSerializer,
            400: BAD_REQUEST,
            403: REFUSED,
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        booking = Booking.objects.filter(pk=pk).first()
        if booking is None:
            raise Http404
        body = AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        booking = services.attendance_mark(
            booking=booking,
            actor=request.user,
            attended=body.validated_data["attended"],
            early=body.validated_data["early"],
        )
        booking.refresh_from_db()
        return Response(AttendanceAnswerSerializer(booking).data)


class MyBookingsView(JSONView, ListAPIView):
    """My bookings and those of the members I support, latest activity first."""

    serializer_class = BookingSerializer

    def get_queryset(self) -> QuerySet[Booking]:
        # A last unique key, so no booking falls between two pages.
        return selectors.bookings_i_can_see(self.request.user).order_by(
            "-activity__starts_at", "-id"
        )
