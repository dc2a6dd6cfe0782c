"""How other apps hear about payment outcomes, and say in words what a payment is for,
without finance importing them.

An app registers callbacks for the references it makes (events: "booking:") in its
AppConfig.ready(). Each callback runs inside the transaction that changed the payment or
refund, once per change, so the other app can update its own rows atomically with ours:
if a callback raises, the change is rolled back with it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from finance.models import Payment, Refund

PaymentHook = Callable[["Payment"], None]
RefundHook = Callable[["Refund"], None]
# References (all with the app's prefix) -> the words for each it knows, in one read.
Describer = Callable[[list[str]], dict[str, str]]


@dataclass(frozen=True)
class _Hooks:
    on_succeeded: PaymentHook | None
    on_failed: PaymentHook | None
    on_refunded: RefundHook | None
    on_refund_failed: RefundHook | None
    describe: Describer | None = None


_registry: dict[str, _Hooks] = {}


def register(
    prefix: str,
    *,
    on_succeeded: PaymentHook | None = None,
    on_failed: PaymentHook | None = None,
    on_refunded: RefundHook | None = None,
    on_refund_failed: RefundHook | None = None,
    describe: Describer | None = None,
) -> None:
    """Call these for payments whose reference starts with `prefix` (e.g. "booking:").
    on_succeeded and on_failed get the Payment (failed covers cancelled too); on_refunded
    gets the Refund once its money has gone back (external refunds included);
    on_refund_failed gets a Refund Stripe said had gone back and then said failed (its
    money is ours to hold again); describe says what each of a list of references is for,
    in words with their dates, for the finance pages ("Booking fee for Bowling on Saturday
    12 December 2026") in place of the reference itself ("booking:26"). Registering a
    prefix again replaces its callbacks, so a repeated ready() is harmless."""
    if not prefix:
        raise ValueError("A hook needs a reference prefix, such as 'booking:'.")
    _registry[prefix] = _Hooks(on_succeeded, on_failed, on_refunded, on_refund_failed, describe)


def unregister(prefix: str) -> None:
    _registry.pop(prefix, None)


def describe(references: Iterable[str]) -> dict[str, str]:
    """What each reference is for, in words, from the app that made it: one read for each
    app however many there are. A reference no app describes is left out."""
    wanted = set(references)
    words: dict[str, str] = {}
    for prefix, hooks in _registry.items():
        theirs = sorted(ref for ref in wanted if ref.startswith(prefix))
        if hooks.describe and theirs:
            words.update(hooks.describe(theirs))
    return words


def _for(reference: str) -> list[_Hooks]:
    return [hooks for prefix, hooks in _registry.items() if reference.startswith(prefix)]


def payment_succeeded(payment: "Payment") -> None:
    for hooks in _for(payment.reference):
        if hooks.on_succeeded:
            hooks.on_succeeded(payment)


def payment_failed(payment: "Payment") -> None:
    for hooks in _for(payment.reference):
        if hooks.on_failed:
            hooks.on_failed(payment)


def refund_succeeded(refund: "Refund") -> None:
    for hooks in _for(refund.payment.reference):
        if hooks.on_refunded:
            hooks.on_refunded(refund)


def refund_failed(refund: "Refund") -> None:
    for hooks in _for(refund.payment.reference):
        if hooks.on_refund_failed:
            hooks.on_refund_failed(refund)
