"""Finance tests run the real stripe library against localstripe (started by
scripts/test_services.sh); its data is wiped before each test."""

import urllib.request
from dataclasses import dataclass, field

import pytest
from django.conf import settings

from finance import hooks

PREFIX = "test:"


@pytest.fixture(autouse=True)
def localstripe_reset():
    assert settings.STRIPE_API_BASE, "run the tests with scripts/test_services.sh"
    request = urllib.request.Request(f"{settings.STRIPE_API_BASE}/_config/data", method="DELETE")
    with urllib.request.urlopen(request, timeout=5):
        pass


@dataclass
class HookCalls:
    succeeded: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    refunded: list[int] = field(default_factory=list)


@pytest.fixture
def calls():
    """Records every hook call for references starting "test:"."""
    recorded = HookCalls()
    hooks.register(
        PREFIX,
        on_succeeded=lambda payment: recorded.succeeded.append(payment.pk),
        on_failed=lambda payment: recorded.failed.append(payment.pk),
        on_refunded=lambda refund: recorded.refunded.append(refund.pk),
    )
    yield recorded
    hooks.unregister(PREFIX)
