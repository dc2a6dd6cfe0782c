"""Booking (one question a page), my bookings, cancelling, taking up an offered place."""

import datetime as dt
from collections.abc import Callable
from html import escape

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from coop.dates import easy_date, easy_time
from coop.errors import CoopError
from coop.links import id_url
from coop.money import format_pence
from coop.wizard import CheckAnswersForm, OneQuestionWizard
from events import fee_words, permissions, selectors, services
from events.forms import GuestsForm, GuestsYesForm, PaymentForm, WaiveReasonForm
from events.models import Activity, Booking
from events.services.booking_states import fee_held_pence
from events.services.bookings import fee_for
from events.transport_forms import TravelForm
from events.transport_room import transport_of
from finance.stripe_client import is_card_enabled
from members.models import Member
from members.selectors import (
    member_for_user,
    member_has_agreed_current_guidelines,
)
from members.views.common import not_for_former_members


def payment_choices(user, fee_pence: int) -> list[tuple[str, str]]:
    """The ways this person may pay a fee of this size."""
    money = format_pence(fee_pence)
    choices = []
    if is_card_enabled():
        choices.append(("card", f"Pay {money} now by card"))
    if permissions.can_manage_activities(user):
        choices.append(("cash_received", f"I have taken {money} in cash"))
    choices.append(("cash", f"Pay {money} in cash to an organiser"))
    if permissions.can_waive_fee(user):
        choices.append(("waived", "Waive the fee (hardship)"))
    return choices


def _wants_guests(wizard) -> bool:
    return (wizard.get_cleaned_data_for_step("bring") or {}).get("bring") == "yes"


def _has_fee(wizard) -> bool:
    return wizard.fee_pence() > 0


def _waiving(wizard) -> bool:
    return (
        _has_fee(wizard)
        and (wizard.get_cleaned_data_for_step("payment") or {}).get("payment") == "waived"
    )


class BookWizard(OneQuestionWizard):
    form_list = [
        ("bring", GuestsYesForm),
        ("guests", GuestsForm),
        ("travel", TravelForm),
        ("payment", PaymentForm),
        ("waive", WaiveReasonForm),
        ("check", CheckAnswersForm),
    ]
    condition_dict = {
        "guests": _wants_guests,
        "travel": lambda wizard: wizard.transport is not None,
        "payment": _has_fee,
        "waive": _waiving,
    }
    hints = {"guests": "Type how many of each. Support workers pay no fee."}
    cancel_url_name = "activity-list"

    def who(self) -> str:
        """The member's name when someone else books for them; "" when they book."""
        return self.member.named_for(self.request.user.pk)

    @property
    def questions(self) -> dict[str, str]:
        who = self.who() or "you"
        return {
            "bring": f"Is anyone coming with {who}?",
            "guests": f"Who is coming with {who}?",
            "travel": f"Will {who} come on the {self.transport.kind_words}?"
            if self.transport
            else "",
            "payment": "How will you pay the booking fee?",
            "waive": "Why is the fee waived?",
        }

    @property
    def submit_text(self) -> str:
        who = self.who()
        return f"Book {who}'s place" if who else "Book my place"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('signin')}?next={request.path}")
        try:
            self.activity = selectors.activity_get(pk=kwargs["pk"])
        except Activity.DoesNotExist:
            raise Http404 from None
        self.transport = transport_of(self.activity)
        member_id = request.GET.get("member") or request.POST.get("for_member")
        if member_id:
            self.member = get_object_or_404(Member, pk=member_id)
        else:
            self.member = member_for_user(request.user)
        if self.member is None or not permissions.can_book_for(request.user, self.member):
            raise PermissionDenied
        if not member_has_agreed_current_guidelines(self.member):
            if self.member.user_id == request.user.pk:
                messages.info(request, "Please read and agree our guidelines first.")
                return redirect("guidelines")
            return render(
                request, "events/needs_guidelines.html", {"member": self.member}, status=409
            )
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs) -> str:
        # One set of answers per activity and member, so two bookings never mix.
        return f"book_{kwargs['pk']}_{self.member.pk}"

    def guests(self) -> list[dict]:
        data = self.get_cleaned_data_for_step("guests") if _wants_guests(self) else None
        if not data:
            return []
        return (
            [{"kind": "carer"}] * data["carers"]
            + [{"kind": "family"}] * data["family"]
            + [{"kind": "support_worker"}] * data["support_workers"]
        )

    def fee_pence(self) -> int:
        return fee_for(self.activity, self.guests())

    def get_form_kwargs(self, step=None):
        kwargs = super().get_form_kwargs(step)
        if step == "payment":
            kwargs["choices"] = payment_choices(self.request.user, self.fee_pence())
        if step in ("bring", "guests", "travel"):
            kwargs["who"] = self.who()
        if step == "travel" and self.transport:
            kwargs["kind"] = self.transport.kind_words
        return kwargs

    def get_form_list(self):
        forms = super().get_form_list()
        if not self.activity.guests_allowed:
            forms.pop("bring", None)
            forms.pop("guests", None)
        return forms

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            {
                "activity": self.activity,
                "member": self.member,
                "fee_pence": self.fee_pence(),
                "for_member": self.member.pk,
                "on_behalf": self.member.user_id != self.request.user.pk,
                "who": self.who(),
            }
        )
        if self.steps.current == self.steps.last:
            chosen = self.get_cleaned_data_for_step("payment") if _has_fee(self) else None
            context["payment"] = (chosen or {}).get("payment", "")
        if self.steps.current == "payment":
            context["question"] = f"How will you pay the {format_pence(self.fee_pence())} fee?"
        return context

    def get_template_names(self):
        return ["events/book_step.html"]

    def done(self, form_list, **kwargs):
        data = self.get_all_cleaned_data()
        payment = data.get("payment", "cash")
        try:
            booking = services.booking_create(
                activity=self.activity,
                member=self.member,
                actor=self.request.user,
                guests=self.guests(),
                payment=payment,
                waive_reason=data.get("reason", ""),
                travel=None if self.transport is None else data.get("travel") != "no",
            )
        except CoopError as error:
            messages.error(self.request, error.message)
            return redirect("activity-detail", pk=self.activity.pk)
        if booking.status == Booking.Status.AWAITING_PAYMENT and booking.payment_id:
            return redirect("pay", payment_id=booking.payment_id)
        return redirect(f"{reverse('booking-detail', kwargs={'pk': booking.pk})}?new=1")


book = BookWizard.as_view()


@not_for_former_members
def my_bookings(request: HttpRequest) -> HttpResponse:
    """My bookings; a supporter's page has a part for each member they support."""
    members = selectors.members_i_book_for(request.user)
    now = timezone.now()
    url = id_url("booking-detail")
    rows = [my_booking_row(b, request.user.pk, now, url) for b in selectors.bookings_of(members)]
    supported = [member for member in members if member.supported]
    in_groups = {member.pk for member in supported}
    for row in rows:  # under a supported member's own heading: no "For ..." line
        row["panel"] = _panel(row, show_for=row["member_id"] not in in_groups)
    groups = [
        {
            "who": member.called,
            "member": member,
            "bookings": [row for row in rows if row["member_id"] == member.pk],
        }
        for member in supported
    ]
    return render(
        request,
        "events/my_bookings.html",
        {
            "bookings": [row for row in rows if row["own"]] if supported else rows,
            # The bookings come latest first: coming up is turned round to read soonest first.
            "coming": [row for row in rows if not row["past"]][::-1],
            "before": [row for row in rows if row["past"]],
            "groups": groups,
            "is_member": any(not member.supported for member in members),
        },
    )


def my_booking_row(
    booking: Booking, user_id: int, now: dt.datetime, url: Callable[[int], str]
) -> dict:
    """One booking's words on My bookings, made here once rather than by an include and
    template filters for each booking. `who` names the member for whoever reads it for
    them (a supporter); `url` gives a booking's address (coop.links.id_url)."""
    member, activity = booking.member, booking.activity
    own = member.user_id == user_id
    who = "" if own else member.called
    return {
        "member_id": member.pk,
        "own": own,
        "past": activity.ends_at < now,
        "url": url(booking.pk),
        "title": activity.title,
        "for": "" if own else member.display_name,
        "day": easy_date(activity.starts_at),
        "time": easy_time(activity.starts_at),
        "state": fee_words.booking_state_line(booking, who=who, now=now),
        "fee_lines": fee_words.booking_fee_lines(booking, who=who, now=now),
    }


def _panel(row: dict, *, show_for: bool) -> str:
    """The booking's panel on My bookings, every text escaped by the standard library's
    escape, as in the register's rows: the same characters as format_html's, without its
    checks for lazy and safe text on every value."""
    lines = [f'<h3><a href="{escape(row["url"])}">{escape(row["title"])}</a></h3>']
    if show_for and row["for"]:
        lines.append(f"<p>For {escape(row['for'])}.</p>")
    lines.append(f"<p>{escape(row['day'])}, {escape(row['time'])}.</p>")
    lines += [f"<p>{escape(line)}</p>" for line in [row["state"], *row["fee_lines"]]]
    return mark_safe(  # noqa: S308 - each text above is escaped
        '<div class="panel">\n  ' + "\n  ".join(lines) + "\n</div>"
    )


def _visible_booking(request: HttpRequest, pk: int) -> Booking:
    booking = get_object_or_404(Booking.objects.select_related("activity", "member"), pk=pk)
    if not permissions.can_see_booking(request.user, booking):
        raise Http404  # another member's booking: as if it did not exist
    return booking


@not_for_former_members
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _visible_booking(request, pk)
    return render(
        request,
        "events/booking_detail.html",
        {
            "booking": booking,
            "activity": booking.activity,
            "who": booking.member.named_for(request.user.pk),
            "new": request.GET.get("new"),
            "can_give_feedback": permissions.can_give_feedback(request.user, booking),
            "offer_choices": payment_choices(request.user, booking.fee_pence)
            if booking.fee_pence
            else [],
        },
    )


@not_for_former_members
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _visible_booking(request, pk)
    if request.method == "POST":
        try:
            services.booking_cancel(booking=booking, actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The booking is cancelled.")
        return redirect("booking-detail", pk=booking.pk)
    in_time = timezone.now() <= booking.activity.cancel_by
    return render(
        request,
        "events/booking_cancel.html",
        {
            "booking": booking,
            "activity": booking.activity,
            "who": booking.member.named_for(request.user.pk),
            "in_time": in_time,
            "held_pence": fee_held_pence(booking),
        },
    )


@not_for_former_members
@require_http_methods(["POST"])
def offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _visible_booking(request, pk)
    form = PaymentForm(request.POST, choices=payment_choices(request.user, booking.fee_pence))
    payment = "cash"
    if booking.fee_pence:
        if not form.is_valid():
            messages.error(request, "Please choose how to pay.")
            return redirect("booking-detail", pk=booking.pk)
        payment = form.cleaned_data["payment"]
        if payment == "waived":
            messages.error(request, "To waive the fee, please use the organiser's page.")
            return redirect("booking-detail", pk=booking.pk)
    try:
        booking = services.offer_accept(booking=booking, actor=request.user, payment=payment)
    except CoopError as error:
        messages.error(request, error.message)
        return redirect("booking-detail", pk=booking.pk)
    if booking.status == Booking.Status.AWAITING_PAYMENT and booking.payment_id:
        return redirect("pay", payment_id=booking.payment_id)
    who = booking.member.named_for(request.user.pk)
    messages.success(
        request,
        f"{who} has the place. See you there!" if who else "You have the place. See you there!",
    )
    return redirect("booking-detail", pk=booking.pk)
