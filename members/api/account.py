"""The signed-in person's own account: who they are, a token, and their data."""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coop import personal_data
from members.selectors import member_for_user, user_roles


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    membership_number = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    status = serializers.CharField(allow_null=True)
    branch = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())


class MeView(APIView):
    """Who is signed in: their membership (if any) and their roles. Any signed-in account,
    a former member's too (no roles, and the membership's status)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        member = member_for_user(user)
        data = {
            "id": user.pk,
            "membership_number": member.membership_number if member else None,
            "name": member.display_name if member else (user.get_full_name() or user.username),
            "status": member.status if member else None,
            "branch": member.branch.name if member else None,
            "roles": user_roles(user),
        }
        return Response(MeSerializer(data).data)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='Send it as the header "Authorization: Token …".')


class TokenView(ObtainAuthToken):
    """POST {"username", "password"} → {"token"}. Failed tries count towards the same
    lockout as the sign-in page."""

    @extend_schema(
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="The username or password is not right."),
            429: OpenApiResponse(description="Too many wrong passwords: wait, then try again."),
        }
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # Axes marks the request it was given (DRF's wrapper), so its middleware never
            # sees the lockout: answer it here, in words.
            if getattr(request, "axes_locked_out", False):
                minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
                raise Throttled(detail=f"Too many wrong passwords. Please wait {minutes} minutes.")
            raise ValidationError(serializer.errors)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response(TokenSerializer({"token": token.key}).data)


class MyDataView(APIView):
    """Everything the co-operative holds about the signed-in person: the same as the JSON
    download on their "Your data" page (members/views/own_data.py). Anyone signed in, a
    former member too: the right to see it does not end with membership."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        data = {
            "exported_at": timezone.now().isoformat(),
            "about": "Everything the co-operative holds about you.",
            **personal_data.export_for(request.user),
        }
        return Response(data, headers={"Cache-Control": "no-store"})
