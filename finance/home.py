"""The finance officer's page starts with the money work that waits (coop.home_panels)."""

from django.urls import reverse

from coop.home_panels import Panel
from finance import selectors
from members.permissions import is_finance


def waiting_money_lines(user) -> list[Panel]:
    if not is_finance(user):
        return []
    return [
        Panel(
            "components/waiting_line.html",
            {
                "count": selectors.refunds_needing_attention().count(),
                "url": reverse("finance-payments"),
                "some": "Refunds waiting or failed to look at",
                "none": "No refunds to look at.",
            },
        ),
        Panel(
            "components/waiting_line.html",
            {
                "count": selectors.cash_to_hand_back().count(),
                "url": reverse("finance-cash"),
                "some": "Cash to hand back to members",
                "none": "No cash to hand back.",
            },
        ),
    ]
