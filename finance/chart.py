"""The chart of accounts: the codes services post to. Migration 0004 seeds the same list;
`account_for` puts back any that a test database flush removed."""

from finance.models import Account

CHART: dict[str, tuple[str, str]] = {
    "stripe": ("Stripe balance", Account.Kind.ASSET),
    "bank": ("Bank", Account.Kind.ASSET),
    "cash": ("Cash", Account.Kind.ASSET),
    "fees_held": ("Booking fees held (owed back)", Account.Kind.LIABILITY),
    "fees_kept": ("Booking fees kept", Account.Kind.INCOME),
    "grants": ("Grants and donations", Account.Kind.INCOME),
    "subscriptions": ("Subscriptions", Account.Kind.INCOME),
    "activity_costs": ("Activity costs", Account.Kind.EXPENSE),
    "support_costs": ("Support-worker costs", Account.Kind.EXPENSE),
    "board_fees": ("Board sitting fees", Account.Kind.EXPENSE),
    "training": ("Training", Account.Kind.EXPENSE),
    "administration": ("Administration", Account.Kind.EXPENSE),
    "stripe_fees": ("Stripe fees", Account.Kind.EXPENSE),
}
EXPENSE_CODES = [code for code, (_, kind) in CHART.items() if kind == Account.Kind.EXPENSE]
INCOME_CODES = [code for code, (_, kind) in CHART.items() if kind == Account.Kind.INCOME]


def account_for(code: str) -> Account | None:
    """The account with this code; a chart account missing from the table is made."""
    account = Account.objects.filter(code=code).first()
    if account is None and code in CHART:
        name, kind = CHART[code]
        account, _ = Account.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    return account
