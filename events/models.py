import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from members.models import Branch, Member, User


def default_reminder_hours() -> list[int]:
    return [72, 24]


class Activity(models.Model):
    # What an organiser sets; the page's form and the API both take exactly these.
    EDITABLE_FIELDS = (
        "title",
        "summary",
        "description",
        "picture",
        "picture_alt",
        "branch",
        "starts_at",
        "ends_at",
        "meeting_point",
        "places",
        "cost_pence",
        "fee_pence",
        "booking_opens_at",
        "booking_closes_at",
        "cancel_by",
        "step_free",
        "accessible_toilet",
        "quiet_space",
        "guests_allowed",
        "guests_take_place",
    )
    TIME_FIELDS = ("starts_at", "ends_at", "booking_opens_at", "booking_closes_at", "cancel_by")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=120)
    summary = models.CharField(
        "easy-read summary",
        max_length=300,
        help_text="One or two short sentences. At most 15 words each.",
    )
    description = models.TextField("easy-read description", blank=True)
    picture = models.CharField(
        max_length=200, help_text="A picture from static/coop/pictures or static/events/."
    )
    picture_alt = models.CharField("what the picture shows", max_length=200)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="activities")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    meeting_point = models.CharField(max_length=200)
    places = models.PositiveIntegerField()
    cost_pence = models.PositiveIntegerField("cost on the day (pence)", default=0)
    fee_pence = models.PositiveIntegerField("booking fee (pence)", default=0)
    booking_opens_at = models.DateTimeField()
    booking_closes_at = models.DateTimeField()
    cancel_by = models.DateTimeField("cancel by this time to get the fee back")
    step_free = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    quiet_space = models.BooleanField(default=False)
    guests_allowed = models.BooleanField(default=True)
    guests_take_place = models.BooleanField(
        default=False, help_text="Does a carer or family member use up one of the places?"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    reminder_hours = models.JSONField(
        default=default_reminder_hours,
        blank=True,
        help_text="When reminders go, in hours before the start. [72, 24] is 3 days and 1 day.",
    )
    cancelled_reason = models.CharField(max_length=300, blank=True)
    whats_on_round = models.ForeignKey(
        "WhatsOnRound",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        help_text='The "what is on" message that told members about it (once only).',
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["status", "starts_at"], name="events_activity_when_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="events_activity_ends_after_start",
                violation_error_message="The activity must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(booking_closes_at__lte=F("starts_at")),
                name="events_activity_booking_closes_before_start",
                violation_error_message="Booking must close before the activity starts.",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1),
                name="events_activity_has_places",
                violation_error_message="An activity needs at least 1 place.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def left(self) -> int:
        """Places left, from the `taken` the list selectors annotate (one query a list)."""
        return max(self.places - self.taken, 0)

    @property
    def access_facts(self) -> list[str]:
        facts = []
        if self.step_free:
            facts.append("Step-free: no steps")
        if self.accessible_toilet:
            facts.append("Accessible toilet")
        if self.quiet_space:
            facts.append("Quiet space")
        return facts


class Booking(models.Model):
    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", "Waiting for payment"
        CONFIRMED = "confirmed", "Booked"
        WAITING = "waiting", "On the waiting list"
        OFFERED = "offered", "Offered a place"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Came"
        NO_SHOW = "no_show", "Did not come"

    class FeeStatus(models.TextChoices):
        NONE = "none", "No fee"
        AWAITING = "awaiting", "Waiting for payment"
        HELD = "held", "Paid, to come back when you come"
        PART_REFUNDED = "part_refunded", "Part given back"
        REFUND_PENDING = "refund_pending", "Being paid back"
        REFUNDED = "refunded", "Paid back"
        KEPT = "kept", "Kept"
        WAIVED = "waived", "Waived"

    class PaymentMethod(models.TextChoices):
        NONE = "none", "No fee"
        CARD = "card", "Card"
        CASH = "cash", "Cash"
        WAIVED = "waived", "Waived"

    # Bookings holding places: these count against the activity's places.
    HOLDING = (
        Status.AWAITING_PAYMENT,
        Status.CONFIRMED,
        Status.OFFERED,
        Status.ATTENDED,
        Status.NO_SHOW,
    )
    # A member has at most one of these per activity.
    LIVE = (*HOLDING, Status.WAITING)

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="bookings")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(max_length=20, choices=Status.choices)
    guests = models.JSONField(
        default=list,
        blank=True,
        help_text='Guests coming with the member: [{"kind": "carer"|"family"|"support_worker"}]',
    )
    places_used = models.PositiveSmallIntegerField(default=1)
    fee_pence = models.PositiveIntegerField(default=0)
    fee_status = models.CharField(max_length=16, choices=FeeStatus.choices, default=FeeStatus.NONE)
    payment_method = models.CharField(
        max_length=8, choices=PaymentMethod.choices, default=PaymentMethod.NONE
    )
    payment_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="finance.Payment for the fee"
    )
    refunded_pence = models.PositiveIntegerField(default=0)
    fee_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why a fee was waived, or why a kept fee was returned.",
    )
    fee_set_by_attendance = models.BooleanField(
        default=False,
        help_text="An unpaid fee was waived (came) or dropped (did not come) by the "
        "attendance mark; undoing the mark makes it due again.",
    )
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    booked_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf = models.BooleanField(default=False)
    attendance_marked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"],
                condition=Q(
                    status__in=[
                        "awaiting_payment",
                        "confirmed",
                        "offered",
                        "attended",
                        "no_show",
                        "waiting",
                    ]
                ),
                name="events_booking_one_live_per_member",
            ),
            models.CheckConstraint(
                condition=Q(refunded_pence__lte=F("fee_pence")),
                name="events_booking_refund_not_above_fee",
            ),
            models.UniqueConstraint(
                fields=["payment_id"],
                condition=Q(payment_id__isnull=False),
                name="events_booking_one_payment",
            ),
        ]
        indexes = [models.Index(fields=["activity", "status"], name="events_booking_status_idx")]

    def __str__(self) -> str:
        return f"{self.member} — {self.activity}"

    @property
    def guest_count(self) -> int:
        return len(self.guests)


class CalendarFeed(models.Model):
    """A member's private calendar link. The token is the only key: anyone holding the
    link can read the member's bookings, so making a new one stops the old link."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar link for {self.member}"


class Reminder(models.Model):
    """One reminder for one person about one booking at one time before the activity.
    The database allows only one per (booking, slot, recipient): nobody is reminded twice."""

    class Way(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"

    class Status(models.TextChoices):
        # An email or a text written into the outbox (its `outbox_message`), which sends
        # it with retries: how it went is the outbox message's status.
        QUEUED = "queued", "On its way"
        SENT = "sent", "Sent"  # rows from before the outbox
        TO_CALL = "to_call", "To call"
        CALLED = "called", "Called"
        NO_ANSWER = "no_answer", "No answer: try again"
        LETTER_READY = "letter_ready", "Letter to print"

    # A reminder by letter, written in time for the post (events.services.reminders).
    POST_SLOT = "post"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    slot = models.CharField(max_length=8, help_text='How long before: "3d", "1d", "6h".')
    way = models.CharField(max_length=8, choices=Way.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    recipient = models.CharField(
        max_length=40, help_text='"member", or "supporter:<user id>" for a supporter\'s copy.'
    )
    supporter = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(blank=True)
    # The email or text in the outbox, for status "queued".
    outbox_message = models.ForeignKey(
        "members.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "slot", "recipient"], name="events_reminder_once_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_way_display()} reminder ({self.slot}) for {self.booking}"

    @property
    def slot_words(self) -> str:
        """ "3d" -> "3 days before", "1d" -> "1 day before", "6h" -> "6 hours before",
        "post" -> "by post, 5 working days before"."""
        if self.slot == self.POST_SLOT:
            return f"by post, {settings.REMINDER_LETTER_WORKING_DAYS} working days before"
        number, unit = int(self.slot[:-1] or 0), self.slot[-1:]
        word = {"d": "day", "h": "hour"}.get(unit, unit)
        return f"{number} {word}{'' if number == 1 else 's'} before"


class Evaluation(models.Model):
    """The organiser's short evaluation after an activity. One per activity."""

    activity = models.OneToOneField(Activity, on_delete=models.PROTECT, related_name="evaluation")
    came = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    went_well = models.TextField("what went well", blank=True)
    went_badly = models.TextField("what did not go well", blank=True)
    incidents = models.TextField(blank=True)
    incident_for_board = models.BooleanField("the board should know", default=False)
    actual_cost_pence = models.PositiveIntegerField(null=True, blank=True)
    written_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Evaluation of {self.activity}"


def evaluation_photo_path(instance: "EvaluationPhoto", filename: str) -> str:
    """A name nobody can guess or read a person's name from; the extension is ours."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"evaluations/{instance.activity_id}/{uuid.uuid4().hex}.{extension}"


class EvaluationPhoto(models.Model):
    """A photo from an activity, for the board's evaluation. Every member in it is named,
    and each of them agreed to photos (the service refuses any other)."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField(upload_to=evaluation_photo_path)
    alt = models.CharField("what the photo shows", max_length=300)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the file as uploaded.")
    members = models.ManyToManyField(Member, blank=True, related_name="evaluation_photos")
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "digest"], name="events_evaluation_photo_once"
            )
        ]

    def __str__(self) -> str:
        return f"Photo from {self.activity}: {self.alt[:60]}"


class Feedback(models.Model):
    """A member's own say after an activity they came to. One per booking."""

    class Face(models.TextChoices):
        GOOD = "good", "Good"
        OK = "ok", "OK"
        NOT_GOOD = "not_good", "Not good"

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    face = models.CharField(max_length=8, choices=Face.choices)
    again = models.BooleanField("would go again")
    comment = models.TextField(blank=True, max_length=1000)
    written_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Feedback on {self.booking}"


class Suggestion(models.Model):
    """A member's idea for an activity. Organisers or the board decide, with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", "New idea"
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        NOT_NOW = "not_now", "Not now"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="suggestions")
    what = models.CharField(max_length=200)
    where = models.CharField(max_length=200, blank=True)
    when = models.CharField("roughly when", max_length=100, blank=True)
    cost_guess_pence = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    reason = models.CharField("easy-read reason", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.what


class SuggestionInterest(models.Model):
    """A member who would like to go. Once per member, enforced by the database."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="interests")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "member"], name="events_suggestion_interest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} would like to go: {self.suggestion}"


class WhatsOnRound(models.Model):
    """One "what is on" message to every active member, listing the activities published
    since the round before. Each activity joins at most one round (Activity.whats_on_round),
    so no activity is announced twice; a round is complete when every member's message is
    written."""

    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"What is on, round {self.pk}"


class WhatsOnMessage(models.Model):
    """The round's message to one member, or a supporter's copy of it. The database allows
    one per (round, member, recipient): nobody gets the same round twice."""

    Way = Reminder.Way
    Status = Reminder.Status

    round = models.ForeignKey(WhatsOnRound, on_delete=models.CASCADE, related_name="messages")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    recipient = models.CharField(
        max_length=40, help_text='"member", or "supporter:<user id>" for a supporter\'s copy.'
    )
    supporter = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    way = models.CharField(max_length=8, choices=Reminder.Way.choices)
    status = models.CharField(max_length=12, choices=Reminder.Status.choices)
    message = models.TextField(blank=True)
    # The email or text in the outbox, for status "queued".
    outbox_message = models.ForeignKey(
        "members.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member", "recipient"],
                name="events_whats_on_message_once_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_way_display()}: what is on (round {self.round_id}) for {self.member}"


class MessageTemplate(models.Model):
    """Saved easy-read words an organiser sends to a group (everyone booked on an activity,
    its waiting list, a branch, or the board). Administrators change them in the admin.

    The subject and lines may hold these places, filled in when the message is written:
    {activity}, {date}, {time} and {meeting_point} come from the activity; the organiser
    types {new_meeting_point} and {note}. A line whose {note} is left empty is left out.
    "Hello <name>," is put first for each person: do not write it here."""

    ACTIVITY_FIELDS = ("activity", "date", "time", "meeting_point")
    TYPED_FIELDS = ("new_meeting_point", "note")
    # Typed fields the organiser may leave empty (the lines that use them are left out).
    OPTIONAL_FIELDS = ("note",)
    PLACES = (*ACTIVITY_FIELDS, *TYPED_FIELDS)

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True, help_text="What organisers choose.")
    description = models.CharField(
        max_length=200, blank=True, help_text="When to use it, in one short sentence."
    )
    subject = models.CharField(max_length=150)
    lines = models.TextField(help_text="One short sentence a line. At most 15 words each.")
    active = models.BooleanField(default=True, help_text="Organisers can choose it.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from events.services.group_messages import template_problems

        problems = template_problems(self.subject, self.lines)
        if problems:
            from django.core.exceptions import ValidationError

            raise ValidationError(problems)

    @property
    def places(self) -> set[str]:
        from events.services.group_messages import places_in

        return places_in(f"{self.subject}\n{self.lines}")

    @property
    def needs_activity(self) -> bool:
        return bool(self.places & set(self.ACTIVITY_FIELDS))


class GroupMessage(models.Model):
    """One message an organiser wrote to a group, and how many people heard it each way.
    The messages themselves are in the outbox (members.Message, kind "group_message")."""

    class Group(models.TextChoices):
        BOOKED = "booked", "Everyone booked"
        WAITING = "waiting", "The waiting list"
        BRANCH = "branch", "Members in a branch"
        BOARD = "board", "The board"

    token = models.CharField(
        max_length=64, unique=True, help_text="From the form: a second press sends nothing."
    )
    group = models.CharField(max_length=10, choices=Group.choices)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="group_messages"
    )
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    template = models.ForeignKey(
        MessageTemplate, null=True, on_delete=models.SET_NULL, related_name="group_messages"
    )
    fields = models.JSONField(default=dict, blank=True, help_text="What the organiser typed.")
    subject = models.CharField(max_length=200)
    lines = models.JSONField(default=list, help_text="The words everyone got, after Hello.")
    counts = models.JSONField(
        default=dict, blank=True, help_text="How many by each way, and supporters' copies."
    )
    sent_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(group__in=["booked", "waiting"]) & Q(activity__isnull=False))
                | (Q(group="branch") & Q(branch__isnull=False))
                | Q(group="board"),
                name="events_group_message_has_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_group_display()})"
