from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {
        "site_name": settings.SITE_NAME,
        "help_phone": settings.HELP_PHONE,
        "help_email": settings.HELP_EMAIL,
    }
