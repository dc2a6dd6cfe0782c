"""Pieces every app's API shares."""

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every API error: plain words for people, a short code for programs."""

    detail = serializers.CharField(help_text="What went wrong, in plain words.")
    code = serializers.CharField(
        required=False, help_text='A short word for programs, e.g. "booking_closed".'
    )
