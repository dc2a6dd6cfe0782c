"""Reconcile with Stripe for a period: fetch its balance history (resuming a run that
stopped part way) and its payouts, match them to our records, and list what does not
match. Safe to run again for the same period.

    manage.py reconcile --from 2026-07-01 --to 2026-09-30
    manage.py reconcile --from 2026-08-01 --to 2026-08-31 --payouts-file payouts.json
"""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coop.errors import CoopError
from coop.money import format_pence
from finance import services


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date like 2026-07-01.") from None


class Command(BaseCommand):
    help = "Fetch Stripe's balance history and payouts for a period and match them to ours."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD")
        parser.add_argument(
            "--payouts-file",
            help="Payouts (and their balance lines) recorded as JSON, instead of asking Stripe",
        )

    def handle(self, *args, **options) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        try:
            if options["payouts_file"]:
                recorded = json.loads(Path(options["payouts_file"]).read_text())
                services.stripe_payouts_store(payouts=recorded.get("payouts", []), actor=None)
                services.stripe_balance_store(items=recorded.get("balance_transactions", []))
            else:
                services.stripe_payouts_fetch(actor=None)
            services.stripe_balance_fetch(start=start, end=end, actor=None)
            result = services.reconciliation_match(start=start, end=end, actor=None)
        except (CoopError, OSError, ValueError) as error:
            raise CommandError(str(getattr(error, "message", error))) from error
        for what, count in result.matched.items():
            self.stdout.write(
                f"{what}: {count} matched, {format_pence(result.totals[what])} in total"
            )
        if result.all_matched:
            self.stdout.write(self.style.SUCCESS("All matched."))
            return
        self.stdout.write(f"{len(result.unmatched)} not matched:")
        for issue in result.unmatched:
            self.stdout.write(
                f"- {issue.occurred_on} {issue.get_kind_display()}: {issue.description}"
            )
