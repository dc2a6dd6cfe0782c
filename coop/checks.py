"""Deployment checks (`manage.py check --deploy`) for coop's own settings."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

# Addresses that reach no one else's machine ("0.0.0.0" and "::" mean "every interface
# here" to a server, and nothing to a browser elsewhere).
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", "::"}


@register(Tags.security, deploy=True)
def site_url_is_the_real_address(app_configs, **kwargs) -> list[Error]:
    """Emails, texts and printed letters carry links made from SITE_URL. Its default is the
    demo's own address, which goes nowhere for anyone else."""
    if settings.DEBUG:
        return []
    parts = urlsplit(settings.SITE_URL)
    if (
        parts.scheme in ("http", "https")
        and parts.hostname
        and parts.hostname not in LOOPBACK_HOSTS
    ):
        return []
    return [
        Error(
            f"SITE_URL is not set to the site's own address (it is {settings.SITE_URL!r}). "
            "Links in emails, texts and printed sign-in letters would not work.",
            hint="Set SITE_URL to the address people use, such as https://coop.example.org.",
            id="coop.E001",
        )
    ]
