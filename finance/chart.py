"""The chart of accounts: the codes services post to. Migration 0004 seeds the same list;
`account_for` puts back any that a test database flush removed."""

from finance.models import Account

K = Account.Kind
CHART: dict[str, tuple[str, str]] = {
    "stripe": ("Stripe balance", K.ASSET),
    "bank": ("Bank", K.ASSET),
    "cash": ("Cash", K.ASSET),
    "fees_held": ("Booking fees held (owed back)", K.LIABILITY),
    "fees_kept": ("Booking fees kept", K.INCOME),
    "grants": ("Grants and donations", K.INCOME),
    "subscriptions": ("Subscriptions", K.INCOME),
    "activity_costs": ("Activity costs", K.EXPENSE),
    "support_costs": ("Support-worker costs", K.EXPENSE),
    "board_fees": ("Board sitting fees", K.EXPENSE),
    "training": ("Training", K.EXPENSE),
    "administration": ("Administration", K.EXPENSE),
    "stripe_fees": ("Stripe fees", K.EXPENSE),
}
EXPENSE_CODES = [code for code, (_, kind) in CHART.items() if kind == K.EXPENSE]
INCOME_CODES = [code for code, (_, kind) in CHART.items() if kind == K.INCOME]


def account_for(code: str) -> Account | None:
    """The account with this code; a chart account missing from the table is made."""
    account = Account.objects.filter(code=code).first()
    if account is None and code in CHART:
        name, kind = CHART[code]
        account, _ = Account.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    return account
