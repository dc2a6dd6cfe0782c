"""The shapes of the events API. Reads come from the selectors' annotated querysets;
writes are validated here and made by the services (nothing here calls .save())."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import ISO_8601, api_settings

from coop.dates import HELD, InRange, day_at, end_of_day
from events.fee_words import mark_news
from events.forms import PICTURES
from events.models import Activity, Booking, places_left
from events.selectors import ACCESS
from events.services.bookings import GUEST_KINDS
from members.api.serializers import BranchField

MAX_GUESTS = 5

# The list's shape: other parts of coop and outside checks rely on exactly these keys.
ACTIVITY_LIST_FIELDS = [
    "id",
    "title",
    "summary",
    "starts_at",
    "ends_at",
    "branch",
    "places",
    "places_left",
    "cost_pence",
    "fee_pence",
    "cancel_by",
    "waiting",
]
# What an organiser gives to make an activity (besides `publish`).
ACTIVITY_INPUT_FIELDS = list(Activity.EDITABLE_FIELDS)
WHEN = list(Activity.TIME_FIELDS)


class ActivitySerializer(serializers.ModelSerializer):
    """One activity in the list. Needs the `taken` and `waiting` annotations of
    selectors.with_places, so a list is one query."""

    places_left = serializers.IntegerField(source="left", read_only=True)
    waiting = serializers.IntegerField(read_only=True, help_text="People on the waiting list.")

    class Meta:
        model = Activity
        fields = ACTIVITY_LIST_FIELDS
        read_only_fields = fields


_WHEN = serializers.DateTimeField()


def _list_times() -> Callable[[Any], Any]:
    """DRF's DateTimeField.to_representation for a list's dates, with what it reads on
    every call (the format, the time zone) read once a list: each aware date in the current
    time zone, ISO 8601, "Z" for UTC. Anything else goes through DRF's own field. A fifth
    of the list's time went on DRF's field, three dates a row."""
    output_format = api_settings.DATETIME_FORMAT
    if not settings.USE_TZ or output_format is None or output_format.lower() != ISO_8601:
        return _WHEN.to_representation
    zone = timezone.get_current_timezone()

    def when(value: Any) -> Any:
        if not value or not timezone.is_aware(value):
            return _WHEN.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return when


def activity_list_items(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """ActivitySerializer's data for rows of events.upcoming.ROW, the same JSON byte for
    byte (dates as DRF's own DateTimeField writes them: "Z" or "+01:00"), without a model
    instance and a serializer's fields for each row."""
    when = _list_times()
    return [
        {
            "id": row["id"],
            "title": row["title"],
            "summary": row["summary"],
            "starts_at": when(row["starts_at"]),
            "ends_at": when(row["ends_at"]),
            "branch": row["branch"],
            "places": row["places"],
            "places_left": places_left(row["places"], row["taken"]),
            "cost_pence": row["cost_pence"],
            "fee_pence": row["fee_pence"],
            "cancel_by": when(row["cancel_by"]),
            "waiting": row["waiting"],
        }
        for row in rows
    ]


class ActivityDetailSerializer(ActivitySerializer):
    """Everything about one activity (no one's bookings)."""

    class Meta:
        model = Activity
        fields = [
            *ACTIVITY_LIST_FIELDS,
            "status",
            "description",
            "picture",
            "picture_alt",
            "meeting_point",
            "booking_opens_at",
            "booking_closes_at",
            "step_free",
            "accessible_toilet",
            "quiet_space",
            "guests_allowed",
            "guests_take_place",
            "cancelled_reason",
        ]
        read_only_fields = fields


class ActivityCreateSerializer(serializers.ModelSerializer):
    branch = BranchField(help_text="A branch's id or slug.")
    picture = serializers.ChoiceField(
        choices=PICTURES, error_messages={"invalid_choice": "Please choose one of our pictures."}
    )
    publish = serializers.BooleanField(
        default=False, write_only=True, help_text="Publish at once, so members can book."
    )

    class Meta:
        model = Activity
        fields = [*ACTIVITY_INPUT_FIELDS, "publish"]
        extra_kwargs = {
            "title": {"error_messages": {"required": "Please give the activity a name."}},
            "summary": {"error_messages": {"required": "Please say in a sentence what it is."}},
            "picture_alt": {"error_messages": {"required": "Please say what the picture shows."}},
            "meeting_point": {"error_messages": {"required": "Please say where to meet."}},
            "places": {
                "min_value": 1,
                "error_messages": {
                    "required": "Please say how many places there are.",
                    "min_value": "There must be at least 1 place.",
                },
            },
        } | {
            name: {
                "error_messages": {
                    "required": "Please give the date and time.",
                    "invalid": "Please give a date and time, like 2026-05-01T10:00:00+01:00.",
                },
                "validators": [InRange(HELD)],
            }
            for name in WHEN
        }


class ActivityFilterSerializer(serializers.Serializer):
    branch = BranchField(required=False, help_text="A branch's id or slug.")
    # `from` is a Python keyword: the field is renamed in get_fields.
    from_ = serializers.DateField(
        required=False,
        help_text="Activities starting on or after this day (YYYY-MM-DD).",
        validators=[InRange()],
    )
    to = serializers.DateField(
        required=False,
        help_text="Activities starting on or before this day (YYYY-MM-DD).",
        validators=[InRange()],
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("from") and data.get("to") and data["to"] < data["from"]:
            raise serializers.ValidationError({"to": ["The end day is before the start day."]})
        return data

    def window(self) -> dict[str, Any]:
        """The selector's arguments: whole days, in the co-operative's time zone."""
        data = self.validated_data
        start = day_at(data["from"]) if data.get("from") else None
        end = end_of_day(data["to"]) if data.get("to") else None
        return {"branch": data.get("branch"), "start": start, "end": end}


class ActivityListFilterSerializer(ActivityFilterSerializer):
    """What's on's filters: the days and area, and the access facts a member needs."""

    step_free = serializers.BooleanField(
        required=False, default=False, help_text="Only activities with no steps (true)."
    )
    accessible_toilet = serializers.BooleanField(
        required=False, default=False, help_text="Only activities with an accessible toilet."
    )
    quiet_space = serializers.BooleanField(
        required=False, default=False, help_text="Only activities with a quiet space."
    )

    def window(self) -> dict[str, Any]:
        access = tuple(name for name in ACCESS if self.validated_data.get(name))
        return {**super().window(), "access": access}


class CancelActivitySerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300,
        help_text="Why it is cancelled, in plain words: every member booked is told.",
        error_messages={
            "required": "Please say why the activity is cancelled. Members will be told.",
            "blank": "Please say why the activity is cancelled. Members will be told.",
        },
    )


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 0, "maximum": MAX_GUESTS, "description": "carers"},
            {
                "type": "array",
                "maxItems": MAX_GUESTS,
                "items": {
                    "type": "object",
                    "properties": {"kind": {"type": "string", "enum": sorted(GUEST_KINDS)}},
                    "required": ["kind"],
                },
            },
        ]
    }
)
class GuestsField(serializers.Field):
    """Who comes with the member: a number of carers, or a list of {"kind"}. Which kinds
    are allowed is the booking service's rule (it answers "bad_guests")."""

    default_error_messages = {
        # DRF formats these with str.format: the braces are doubled.
        "invalid": 'Give a number of carers, or a list like [{{"kind": "carer"}}].',
        "too_many": f"At most {MAX_GUESTS} people can come with you.",
    }

    def to_internal_value(self, data: Any) -> list[dict[str, str]]:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            if data < 0:
                self.fail("invalid")
            if data > MAX_GUESTS:
                self.fail("too_many")
            return [{"kind": "carer"} for _ in range(data)]
        if not isinstance(data, list):
            self.fail("invalid")
        if len(data) > MAX_GUESTS:
            self.fail("too_many")
        guests = []
        for item in data:
            if not isinstance(item, Mapping) or not isinstance(item.get("kind"), str):
                self.fail("invalid")
            guests.append({"kind": item["kind"]})
        return guests

    def to_representation(self, value: list[dict[str, str]]) -> list[dict[str, str]]:
        return value


class BookingRequestSerializer(serializers.Serializer):
    guests = GuestsField(required=False, default=list)
    member = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Book for this member (an organiser, or a supporter the member chose). "
        "Leave out to book for yourself.",
    )
    payment = serializers.ChoiceField(
        choices=["card", "cash", "waived"],
        default="card",
        help_text='"card": pay now with the client secret returned. "cash": a member pays '
        'an organiser; an organiser says they have taken the cash. "waived": organisers '
        "and the board, with a reason.",
        error_messages={"invalid_choice": 'Choose "card", "cash" or "waived".'},
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text="Why the fee is waived.",
    )
    travel = serializers.BooleanField(
        default=True,
        help_text="Travel on the activity's transport (when it has some); false: they make "
        "their own way. No seat or wheelchair space left: 400, no_seat or no_wheelchair_space.",
    )


class PaymentStartSerializer(serializers.Serializer):
    payment_intent = serializers.CharField(help_text="The Stripe PaymentIntent's id (pi_…).")
    client_secret = serializers.CharField(help_text="For Stripe.js to confirm the payment.")


class BookingCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Booking.Status.choices)
    fee_pence = serializers.IntegerField()
    fee_status = serializers.ChoiceField(choices=Booking.FeeStatus.choices)
    payment = PaymentStartSerializer(
        allow_null=True, help_text="The card payment to complete, or null."
    )


class BookingSerializer(serializers.ModelSerializer):
    guests = GuestsField(read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "activity",
            "member",
            "status",
            "guests",
            "fee_pence",
            "fee_status",
            "refunded_pence",
        ]
        read_only_fields = fields


class AttendanceAnswerSerializer(BookingSerializer):
    """The booking after a "Here" or "Not here", with what that did to the fee."""

    fee_news = serializers.SerializerMethodField(
        help_text='What the mark did to the fee, in words for the organiser, e.g. "May is '
        'marked here. Their fee of £5 goes back by card."',
    )

    def get_fee_news(self, booking: Booking) -> str:
        return mark_news(booking)

    class Meta(BookingSerializer.Meta):
        fields = [*BookingSerializer.Meta.fields, "fee_news"]
        read_only_fields = fields


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.BooleanField(
        help_text="true: they came (the fee goes back). false: they did not (it is kept).",
        error_messages={
            "required": "Please say if they came: true or false.",
            "invalid": "Please say if they came: true or false.",
        },
    )
    early = serializers.BooleanField(
        default=False,
        help_text="true: mark before the activity starts (refused without it).",
        error_messages={"invalid": "Please say true or false for early."},
    )
