"""The fixed cast: a member, a supporter, an organiser, a board member, a finance officer,
a returning officer, an administrator and an outsider — all set up through services."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from members import services
from members.demo import GUIDELINES_POINTS
from members.models import Member, Role, SupportLink, User
from tests.factories import BranchFactory, UserFactory
from tests.outbox_servers import MailServer, TextProvider

# After every database test, the ledger must balance (issue 6).
pytest_plugins = ["tests.ledger_check"]

PASSWORD = "coop-demo"


@dataclass
class Cast:
    member: User
    supporter: User
    organiser: User
    board: User
    finance: User
    returning: User
    admin: User
    outsider: User
    member_row: Member

    def by_role(self, role: str) -> User:
        return getattr(self, role)


def make_cast() -> Cast:
    admin = UserFactory(username="admin", first_name="Alex", last_name="Dunn")
    services.role_grant(user=admin, role=Role.ADMINISTRATOR, actor=None)
    branch = BranchFactory(name="Northfield", slug="northfield")
    guidelines = services.guidelines_publish(
        title="How we treat each other", points=GUIDELINES_POINTS, actor=admin
    )
    member = UserFactory(username="member", first_name="Maya", last_name="Okafor")
    member_row = services.member_add(
        actor=admin,
        user=member,
        branch=branch,
        first_name="Maya",
        last_name="Okafor",
        known_as="May",
        status=Member.Status.ACTIVE,
        admitted_on=dt.date(2024, 3, 1),
        email="maya@example.org",
        phone="07700 900001",
        contact_preferences=["email", "phone"],
        access_needs=["easy_read", "wheelchair"],
    )
    services.guidelines_agree(member=member_row, guidelines=guidelines, actor=member)
    supporter = UserFactory(username="supporter", first_name="Sue", last_name="Okafor")
    services.support_link_create(
        supporter=supporter,
        member=member_row,
        relationship=SupportLink.Relationship.FAMILY,
        actor=member,
    )
    staff = {}
    for username, role in [
        ("organiser", Role.ORGANISER),
        ("board", Role.BOARD),
        ("finance", Role.FINANCE),
        ("returning", Role.RETURNING_OFFICER),
    ]:
        staff[username] = UserFactory(username=username)
        services.role_grant(user=staff[username], role=role, actor=admin)
    outsider = UserFactory(username="outsider")
    return Cast(
        member=member,
        supporter=supporter,
        admin=admin,
        outsider=outsider,
        member_row=member_row,
        **staff,
    )


@pytest.fixture(autouse=True)
def _empty_shared_cache() -> None:
    """Each test starts with an empty shared cache (Redis, under `make test`): no session,
    user or stale mark left by another test."""
    cache.clear()


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


ROLES = ["member", "supporter", "organiser", "board", "finance", "returning", "admin"]


# The outbox's real servers on 127.0.0.1 (tests/outbox_servers.py).
TEXT_FROM = "+447700900999"


@pytest.fixture
def api() -> APIClient:
    """A DRF test client, signed in by nobody until a test says who."""
    return APIClient()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, with Django's SMTP email backend pointed at it.
    `.stop()` makes the port refuse connections; `.start()` brings it back."""
    server = MailServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def text_fake(settings):
    """A fake of Twilio's Messages API on 127.0.0.1, with the Twilio text backend pointed
    at it. `.failing = True` makes it answer 500; `.stop()` / `.start()`."""
    provider = TextProvider().start()
    settings.TEXT_BACKEND = "members.outbox.backends.TwilioTextBackend"
    settings.TWILIO_ACCOUNT_SID = provider.account_sid
    settings.TWILIO_AUTH_TOKEN = provider.auth_token
    settings.TWILIO_FROM = TEXT_FROM
    settings.TWILIO_API_BASE = provider.base_url
    settings.TEXT_TIMEOUT = 5
    yield provider
    provider.stop()
