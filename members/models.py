from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from members.good_times import GoodTime


def called_name(known_as: str, first_name: str) -> str:
    """The name a member goes by (Member.called), from the values alone, for pages that
    read members as values rather than instances."""
    return known_as or first_name


def display_name_of(known_as: str, first_name: str, last_name: str) -> str:
    """A member's name as pages show it (Member.display_name), from the values alone."""
    return f"{called_name(known_as, first_name)} {last_name}"


class User(AbstractUser):
    """A person who can sign in. Members, supporters and staff are all users."""

    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    ORGANISER = "organiser", "Organiser"
    BOARD = "board", "Board member"
    FINANCE = "finance", "Finance officer"
    RETURNING_OFFICER = "returning_officer", "Returning officer"
    # Reads each member's well-being answers, for the co-operative's evaluation.
    EVALUATOR = "evaluator", "Evaluation lead"
    ADMINISTRATOR = "administrator", "Administrator"


class RoleAssignment(models.Model):
    """A role someone holds. Being a member or a supporter is not a role here: it follows
    from the membership roll and from support links."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="members_role_one_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Branch(models.Model):
    """A borough the co-operative works in."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "branches"

    def __str__(self) -> str:
        return self.name


class ContactWay(models.TextChoices):
    PHONE = "phone", "Phone call"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class AccessNeed(models.TextChoices):
    WHEELCHAIR = "wheelchair", "Wheelchair user"
    EASY_READ = "easy_read", "Easy read"
    LARGE_PRINT = "large_print", "Large print"
    BSL = "bsl", "British Sign Language"
    SUPPORT_WORKER = "support_worker", "Needs a support worker"
    OTHER = "other", "Other"


def access_need_labels(needs: list[str], other: str) -> list[str]:
    """A member's access needs in words (their own words for "other"), from the plain
    values of Member.access_needs and Member.access_needs_other."""
    labels = [AccessNeed(need).label for need in needs if need != "other"]
    if other:
        labels.append(other)
    return labels


STAFF_NOTES_NOTICE = (
    "The member can read what you write here. It is in their own data, which the law lets "
    "them see. Write only what you would be happy for them to read."
)


class Member(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        ACTIVE = "active", "Active"
        LAPSED = "lapsed", "Lapsed"
        RESIGNED = "resigned", "Resigned"
        SUSPENDED = "suspended", "Suspended"

    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="member"
    )
    membership_number = models.CharField(max_length=20, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    known_as = models.CharField("name they like to be called", max_length=100, blank=True)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="members")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.APPLIED)
    admitted_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    # Ordered: the first way is tried first, then the next when that way is missing.
    contact_preferences = models.JSONField(default=list, blank=True)
    access_needs = models.JSONField(default=list, blank=True)
    access_needs_other = models.CharField(max_length=200, blank=True)
    emergency_contact_name = models.CharField(max_length=200, blank=True)
    emergency_contact_phone = models.CharField(max_length=30, blank=True)
    photo_consent = models.BooleanField(default=False)
    # The times that suit them to come (members.good_times.GoodTime codes, grid order).
    good_times = models.JSONField(default=list, blank=True)
    staff_notes = models.TextField(
        blank=True,
        # Shown on every form staff write notes in (the admin, the API's schema): the law
        # on subject access lets the member see them, in their own data.
        help_text=STAFF_NOTES_NOTICE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="Personal data erased on request; the row stays."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(admitted_on__isnull=True)
                | Q(left_on__gte=models.F("admitted_on")),
                name="members_member_left_after_admitted",
            )
        ]
        indexes = [models.Index(fields=["status", "branch"], name="members_status_branch_idx")]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.membership_number})"

    @property
    def called(self) -> str:
        """The name the member goes by: "May"."""
        return called_name(self.known_as, self.first_name)

    @property
    def display_name(self) -> str:
        return display_name_of(self.known_as, self.first_name, self.last_name)

    def named_for(self, user_id: int | None) -> str:
        """The member's name when someone else (a supporter, an organiser) is acting for
        them; "" when it is the member themself, whom pages call "you"."""
        return "" if self.user_id == user_id else self.called

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def contact_preference_labels(self) -> list[str]:
        return [ContactWay(way).label for way in self.contact_preferences]

    def good_time_labels(self) -> list[str]:
        labels = dict(GoodTime.choices)
        return [labels[code] for code in self.good_times if code in labels]

    def access_need_labels(self) -> list[str]:
        return access_need_labels(self.access_needs, self.access_needs_other)


class SupportLink(models.Model):
    """A supporter linked to a member, only with the member's recorded consent. The link
    gives access once the supporter has accepted it, and none after it is withdrawn."""

    class Relationship(models.TextChoices):
        CARER = "carer", "Carer"
        FAMILY = "family", "Family member"
        SUPPORT_WORKER = "support_worker", "Support worker"

    supporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="support_links")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="support_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    consent_confirmed_at = models.DateTimeField()
    consent_confirmed_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member themself, or the staff member who heard them agree.",
    )
    wants_copies = models.BooleanField(
        default=False, help_text="Send this supporter a copy of the member's reminders."
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["supporter", "member"],
                condition=Q(withdrawn_at__isnull=True),
                name="members_supportlink_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.supporter} supports {self.member}"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.withdrawn_at is None


class ConductGuidelines(models.Model):
    """A version of the conduct guidelines, in easy read. Points: [{"text", "picture",
    "alt"}], one idea each, shown with the picture on the left."""

    version = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    points = models.JSONField(default=list)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "conduct guidelines"

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class GuidelinesAgreement(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="agreements")
    guidelines = models.ForeignKey(
        ConductGuidelines, on_delete=models.PROTECT, related_name="agreements"
    )
    agreed_at = models.DateTimeField()
    helped_by = models.CharField(
        max_length=200, blank=True, help_text="Who helped the member read them, if anyone."
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "guidelines"], name="members_agreement_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} agreed version {self.guidelines.version}"


class SignInLink(models.Model):
    """A link that signs a person in once, for members who find passwords hard. Only a hash
    of the secret is kept, so a copy of the database cannot be used to sign in."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Printed letter"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signin_links")
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="members_link_user_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} link for {self.user}"


class Subscription(models.Model):
    """The optional yearly subscription a branch's members pay (may be zero)."""

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="subscriptions")
    year = models.PositiveSmallIntegerField()
    amount_pence = models.PositiveIntegerField()
    set_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "branch__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "year"], name="members_subscription_one_per_branch_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.branch} {self.year}: {self.amount_pence}p"


class SubscriptionWaiver(models.Model):
    """The board waives a member's subscription for a year (hardship, say)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="waivers")
    year = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=500)
    decided_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"], name="members_waiver_one_per_member_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} waived {self.year}"


# The outbox's message rows live beside their code (members/outbox/); imported here so
# Django finds the model with the rest of the app's.
from members.outbox.models import Message  # noqa: E402, F401
