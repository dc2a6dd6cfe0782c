"""Fetching from Stripe for reconciling: its balance history for a period, into our own
table, and its payouts (each paid payout posted to the ledger once).

Fetching is paginated and resumable (a run keeps its cursor, so one that stopped part way
goes on from there) and safe to repeat (rows are kept by Stripe's id).
"""

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

import stripe
from django.db import transaction
from django.utils import timezone

from coop.actors import Actor, saved_user
from coop.audit import audit
from finance import stripe_client
from finance.errors import LedgerError, ReconciliationError
from finance.models import ReconciliationRun, StripeBalanceTransaction, StripePayout, Transaction
from finance.services.ledger import ledger_post, ledger_reverse

logger = logging.getLogger(__name__)

__all__ = [
    "stripe_balance_fetch",
    "stripe_balance_store",
    "stripe_payouts_fetch",
    "stripe_payouts_store",
]


def _day(timestamp: int) -> dt.date:
    return timezone.localdate(dt.datetime.fromtimestamp(int(timestamp), tz=dt.UTC))


def check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise ReconciliationError("The start date must be on or before the end date.")


def _store_balance_transaction(item: Mapping[str, Any]) -> StripeBalanceTransaction:
    row, _ = StripeBalanceTransaction.objects.update_or_create(
        stripe_id=str(item["id"]),
        defaults={
            "type": str(item.get("type") or ""),
            "source_id": stripe_client.object_id(item.get("source")),
            "amount_pence": int(item["amount"]),
            "fee_pence": int(item.get("fee") or 0),
            "net_pence": int(item.get("net", int(item["amount"]) - int(item.get("fee") or 0))),
            "currency": str(item.get("currency") or "").lower()[:3],
            "created_at": dt.datetime.fromtimestamp(int(item["created"]), tz=dt.UTC),
            "data": dict(item),
            "fetched_at": timezone.now(),
        },
    )
    return row


def stripe_balance_store(*, items: Iterable[Mapping[str, Any]]) -> list[StripeBalanceTransaction]:
    """Keep balance-history lines (from Stripe, or recorded JSON) by their Stripe id:
    storing one again updates it."""
    with transaction.atomic():
        return [_store_balance_transaction(item) for item in items]


def _open_run(start: dt.date, end: dt.date, actor: Actor) -> ReconciliationRun:
    with transaction.atomic():
        run = (
            ReconciliationRun.objects.select_for_update()
            .filter(start=start, end=end, finished_at__isnull=True)
            .first()
        )
        if run is None:
            run = ReconciliationRun.objects.create(
                start=start, end=end, started_by=saved_user(actor)
            )
        return run


def stripe_balance_fetch(
    *,
    start: dt.date,
    end: dt.date,
    actor: Actor,
    page_size: int = 100,
    max_pages: int | None = None,
) -> ReconciliationRun:
    """Fetch Stripe's balance history for the days start..end (inclusive) into
    StripeBalanceTransaction rows. Goes on from where an unfinished run for the same
    period stopped; stops after `max_pages` pages (the run stays open) or when it reaches
    lines older than `start` (the run is finished). Raises ReconciliationError when
    Stripe cannot be reached: what was fetched is kept, and the next call resumes."""
    check_period(start, end)
    run = _open_run(start, end, actor)
    pages = 0
    while max_pages is None or pages < max_pages:
        try:
            page = stripe_client.balance_transaction_page(
                starting_after=run.cursor, limit=page_size
            )
        except stripe.StripeError as error:
            logger.warning("Stripe balance history could not be fetched: %s", error)
            raise ReconciliationError(
                "We could not reach Stripe. What we fetched is kept. Please try again."
            ) from error
        pages += 1
        items = page["data"]
        reached_start = False
        with transaction.atomic():
            for item in items:
                day = _day(item["created"])
                if day < start:
                    reached_start = True
                    break
                if day <= end:
                    _store_balance_transaction(item)
            run.cursor = str(items[-1]["id"]) if items else run.cursor
            run.pages += 1
            if reached_start or not page["has_more"] or not items:
                run.finished_at = timezone.now()
            run.save(update_fields=["cursor", "pages", "finished_at"])
        if run.finished_at is not None:
            audit(
                actor=actor,
                action="reconciliation.fetched",
                target=run,
                data={"start": str(start), "end": str(end), "pages": run.pages},
            )
            break
    return run


def stripe_payouts_store(
    *, payouts: Iterable[Mapping[str, Any]], actor: Actor
) -> list[StripePayout]:
    """Keep payouts by id (from Stripe, or recorded JSON) and post each paid payout in
    pounds to the ledger once (Dr bank, Cr Stripe balance); a posted payout that then
    failed is reversed. A payout that cannot be posted (not in pounds, or its quarter is
    closed) is left for reconciliation_match to list."""
    kept = []
    for data in payouts:
        with transaction.atomic():
            payout, _ = StripePayout.objects.update_or_create(
                stripe_id=str(data["id"]),
                defaults={
                    "amount_pence": int(data["amount"]),
                    "currency": str(data.get("currency") or "").lower()[:3],
                    "status": str(data.get("status") or ""),
                    "arrival_date": _day(data.get("arrival_date") or data["created"]),
                    "balance_transaction_id": stripe_client.object_id(
                        data.get("balance_transaction")
                    ),
                    "data": dict(data),
                    "fetched_at": timezone.now(),
                },
            )
            _post_payout(payout, actor)
        kept.append(payout)
    return kept


def _post_payout(payout: StripePayout, actor: Actor) -> None:
    key = f"payout:{payout.stripe_id}"
    posted = Transaction.objects.filter(key=key).first()
    try:
        if payout.status == "paid" and payout.currency == stripe_client.CURRENCY:
            if posted is None:
                ledger_post(
                    date=payout.arrival_date,
                    description=f"Stripe payout to the bank {payout.stripe_id}",
                    reference=payout.stripe_id,
                    lines=[("bank", payout.amount_pence, 0), ("stripe", 0, payout.amount_pence)],
                    actor=actor,
                    key=key,
                )
        elif payout.status in ("failed", "canceled") and posted is not None:
            ledger_reverse(
                txn=posted,
                actor=actor,
                date=timezone.localdate(),
                description=f"Stripe payout {payout.stripe_id} did not reach the bank",
            )
    except LedgerError as error:
        logger.warning("Payout %s was not posted: %s", payout.stripe_id, error)


def stripe_payouts_fetch(*, actor: Actor, max_pages: int = 20) -> list[StripePayout]:
    """Fetch recent payouts from Stripe and keep them (stripe_payouts_store). Raises
    ReconciliationError when Stripe cannot be reached."""
    payouts: list[Mapping[str, Any]] = []
    cursor = ""
    try:
        for _ in range(max_pages):
            page = stripe_client.payout_page(starting_after=cursor)
            payouts.extend(page["data"])
            if not page["has_more"] or not page["data"]:
                break
            cursor = str(page["data"][-1]["id"])
    except stripe.StripeError as error:
        raise ReconciliationError(
            "We could not fetch payouts from Stripe. Please try again."
        ) from error
    return stripe_payouts_store(payouts=payouts, actor=actor)
