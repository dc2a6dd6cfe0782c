"""The membership roll as JSON: what organisers see, what administrators see, and what
administrators may change."""

from collections.abc import Mapping
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from members import permissions
from members.models import AccessNeed, Branch, ContactWay, Member, User
from members.services.details import MEMBER_DETAIL_FIELDS
from members.services.lifecycle import MOVES

# Changed only by a move, so the register's dates and the audit trail stay true.
LIFECYCLE_FIELDS = ("status", "admitted_on", "left_on", "membership_number")
*_FIRST_MOVES, _LAST_MOVE = MOVES
ONLY_BY_A_MOVE = (
    f"This changes only through a move: {', '.join(_FIRST_MOVES)} or {_LAST_MOVE} "
    "(POST /api/v1/members/{id}/{move}/)."
)


@extend_schema_field(OpenApiTypes.STR)
class BranchField(serializers.Field):
    """A branch given by its id or its slug."""

    default_error_messages = {"unknown": "There is no branch {value}. Give a branch's id or slug."}

    def to_internal_value(self, data: Any) -> Branch:
        value = str(data).strip()
        if "\x00" in value:  # PostgreSQL cannot even compare text with it
            self.fail("unknown", value=repr(value))
        branches = Branch.objects.filter(slug=value)
        if value.isdigit():
            branches = Branch.objects.filter(pk=int(value)) | branches
        branch = branches.order_by("pk").first()
        if branch is None:
            self.fail("unknown", value=value)
        return branch

    def to_representation(self, value: Branch) -> str:
        return value.slug


class ChoiceListField(serializers.ListField):
    """A list of choices, each at most once. The order is kept: for contact preferences
    the first way is tried first."""

    def __init__(self, *, choices: type[models.TextChoices], unknown: str, **kwargs) -> None:
        self.values: list[str] = list(choices.values)
        self.unknown = unknown
        super().__init__(child=serializers.ChoiceField(choices=choices.choices), **kwargs)

    def to_internal_value(self, data: Any) -> list[str]:
        # One message for the whole list, not DRF's one per position.
        allowed = ", ".join(self.values)
        if not isinstance(data, list):
            raise serializers.ValidationError(f"Send a list, using: {allowed}.")
        for value in data:
            if value not in self.values:
                raise serializers.ValidationError(
                    f'"{value}" {self.unknown}. Choose from: {allowed}.'
                )
        for value in data:
            if data.count(value) > 1:
                raise serializers.ValidationError(f'"{value}" is in the list twice. Give it once.')
        return list(data)


class BranchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Branch
        fields = ["id", "slug", "name"]


class MemberForOrganiserSerializer(serializers.ModelSerializer):
    """What an organiser needs to arrange things: never notes, address or emergency
    contact."""

    name = serializers.CharField(source="display_name", read_only=True)
    branch = BranchSerializer(read_only=True)
    contact_preferences = serializers.ListField(
        child=serializers.ChoiceField(choices=ContactWay.choices),
        read_only=True,
        help_text="In order: the first way is tried first.",
    )
    access_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=AccessNeed.choices), read_only=True
    )

    class Meta:
        model = Member
        fields = [
            "id",
            "name",
            "membership_number",
            "branch",
            "status",
            "contact_preferences",
            "access_needs",
            # Organisers arrange activities around this, so they see it too.
            "access_needs_other",
        ]
        read_only_fields = fields


class MemberForAdministratorSerializer(MemberForOrganiserSerializer):
    """Everything on the roll, staff notes included."""

    class Meta:
        model = Member
        fields = [
            *MemberForOrganiserSerializer.Meta.fields,
            "first_name",
            "last_name",
            "known_as",
            "admitted_on",
            "left_on",
            "address",
            "postcode",
            "phone",
            "email",
            "access_needs_other",
            "emergency_contact_name",
            "emergency_contact_phone",
            "photo_consent",
            "staff_notes",
            "user",
            "created_at",
            "erased_at",
        ]
        read_only_fields = fields


# The schema cannot know who asks, so it offers both shapes.
MEMBER_RESPONSE = PolymorphicProxySerializer(
    component_name="MemberOnTheRoll",
    serializers=[MemberForAdministratorSerializer, MemberForOrganiserSerializer],
    resource_type_field_name=None,
)


def member_serializer_for(user: User) -> type[MemberForOrganiserSerializer]:
    if permissions.can_see_staff_notes(user):
        return MemberForAdministratorSerializer
    return MemberForOrganiserSerializer


class MemberFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Words matching a name, membership number, email, phone or postcode.",
    )
    branch = BranchField(required=False, help_text="A branch's id or slug.")
    status = serializers.ChoiceField(
        choices=Member.Status.choices, required=False, allow_blank=True
    )


class MemberUpdateSerializer(serializers.ModelSerializer):
    """The details an administrator may change. Status and dates change by a move."""

    branch = BranchField(required=False, help_text="A branch's id or slug.")
    contact_preferences = ChoiceListField(
        choices=ContactWay,
        unknown="is not a way we contact people",
        required=False,
        help_text="In order: the first way is tried first.",
    )
    access_needs = ChoiceListField(
        choices=AccessNeed, unknown="is not an access need we know", required=False
    )

    class Meta:
        model = Member
        fields = list(MEMBER_DETAIL_FIELDS)
        extra_kwargs = {
            "first_name": {"error_messages": {"blank": "Please give their first name."}},
            "last_name": {"error_messages": {"blank": "Please give their last name."}},
            "email": {"error_messages": {"invalid": "Please give an email like name@example.com."}},
        }

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, Mapping):
            # DRF would drop unknown fields quietly; whoever sent them expects a change.
            refused = {
                name: ONLY_BY_A_MOVE if name in LIFECYCLE_FIELDS else "This cannot be changed here."
                for name in data
                if name not in MEMBER_DETAIL_FIELDS
            }
            if refused:
                raise serializers.ValidationError({k: [v] for k, v in refused.items()})
        return super().to_internal_value(data)


class MoveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        default="",
        help_text="Why, in plain words: the member can be told it. Needed to suspend; "
        "not used to approve.",
    )
