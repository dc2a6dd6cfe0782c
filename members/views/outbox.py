"""Messages to deal with: the organisers' page for the outbox. It opens with today's work
(the calls to make and letters to print on every list, with links), then the outbox's
own phone calls, the letters to print, messages that could not be sent or had no way to
reach the person (with "Try again"), and members who chose letters but have no address we
can post to (with a page to put their address right)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from members import permissions, services
from members.models import Member
from members.outbox import work
from members.outbox.models import Message
from members.outbox.services import message_call_record, message_printed, message_retry
from members.outbox.today import today_work
from members.outbox.ways import phone_number, postcode_ok
from members.views.common import role_required

MessageStatus = Message.Status
# A long list is cut here; the count above it says how many there are.
SHOWN = 100

organisers = role_required(permissions.can_see_member_list)


def _shown(queryset):
    items = list(queryset[:SHOWN])
    return items, queryset.count()


@organisers
def outbox(request: HttpRequest) -> HttpResponse:
    calls, calls_count = _shown(work.calls_to_make())
    letters, letters_count = _shown(work.letters_waiting())
    failed, failed_count = _shown(work.could_not_send())
    nowhere, nowhere_count = _shown(work.no_way())
    for message in [*calls, *letters, *failed, *nowhere]:
        message.what = work.what(message)
    for call in calls:
        call.number = work.number_to_call(call)
    for letter in letters:
        letter.address = work.address_lines(letter)
    for message in failed:
        message.plain_error = work.plain_error(message)
        message.server_said = work.server_said(message)
    return render(
        request,
        "members/outbox.html",
        {
            "today": today_work(request.user),
            "calls": calls,
            "calls_count": calls_count,
            "letters": letters,
            "letters_count": letters_count,
            "upto": max((m.pk for m in letters), default=0),
            "failed": failed,
            "failed_count": failed_count,
            "nowhere": nowhere,
            "nowhere_count": nowhere_count,
            "no_address": work.members_without_postal_address(),
            "shown": SHOWN,
        },
    )


@organisers
@require_POST
def outbox_call(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk, way=Message.Way.PHONE)
    outcome = request.POST.get("outcome")
    if outcome not in ("called", "no_answer"):
        messages.error(request, "Please press Called or No answer.")
        return redirect("outbox")
    try:
        message_call_record(message=message, actor=request.user, answered=outcome == "called")
    except CoopError as error:
        messages.error(request, f"{message.name}: {error.message}")
    else:
        messages.success(
            request,
            f"{message.name}: called."
            if outcome == "called"
            else f"{message.name}: no answer. Try again later.",
        )
    return redirect("outbox")


@organisers
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk)
    try:
        message = message_retry(message=message, actor=request.user)
    except CoopError as error:
        messages.error(request, error.message)
        return redirect("outbox")
    done = {
        MessageStatus.QUEUED: "We will send it again now.",
        MessageStatus.TO_CALL: "It is on the list of calls to make.",
        MessageStatus.LETTER_READY: "It is on the list of letters to print.",
    }
    messages.success(request, f"{message.name}: {done.get(message.status, 'done.')}")
    return redirect("outbox")


def _upto(data) -> int | None:
    """The newest letter the organiser saw on the page: the PDF and "Printed" both stop
    there, so a letter written meanwhile is neither printed nor marked printed unseen."""
    value = data.get("upto", "")
    return int(value) if value.isascii() and value.isdigit() else None


@organisers
def outbox_letters(request: HttpRequest) -> HttpResponse:
    """Today's letters as one PDF: those on the page when the organiser pressed the link
    (up to the newest one they saw), so "Printed" marks what was printed."""
    batch = work.letter_batch(upto=_upto(request.GET))
    if not batch:
        messages.error(request, "There are no letters to print.")
        return redirect("outbox")
    from members.outbox.letters import letters_pdf  # reportlab loads only when needed

    response = HttpResponse(letters_pdf(batch), content_type="application/pdf")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="letters-{day}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@organisers
@require_POST
def outbox_printed(request: HttpRequest) -> HttpResponse:
    upto = _upto(request.POST)
    if upto is None:
        messages.error(request, "Please print the letters first, then press Printed.")
        return redirect("outbox")
    batch = work.letter_batch(upto=upto)
    count = message_printed(messages=batch, actor=request.user)
    if count:
        messages.success(
            request, f"{count} letter{'s' if count != 1 else ''} printed. Please post them today."
        )
    else:
        messages.error(request, "There were no letters waiting to be marked printed.")
    return redirect("outbox")


class ContactDetailsForm(forms.Form):
    """How we reach a member: a postal address with a UK postcode we can read (for
    letters), a phone number, an email address."""

    address = forms.CharField(
        label="Address",
        help_text="The house number and street, then the town. One line each.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="For example NF1 1AA.",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Please type an email address like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if not postcode:
            return ""
        if not postcode_ok(postcode):
            raise forms.ValidationError(
                "Please type a UK postcode, like NF1 1AA. Check it on a letter or a bill."
            )
        if " " not in postcode:
            postcode = f"{postcode[:-3]} {postcode[-3:]}"
        return postcode

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and phone_number(phone) is None:
            raise forms.ValidationError("Please type a phone number, like 07700 900123.")
        return phone

    def clean(self) -> dict:
        data = super().clean()
        if data.get("address", "").strip() and "postcode" in data and not data["postcode"]:
            self.add_error("postcode", "Please type the postcode too. A letter needs it.")
        if data.get("postcode") and not data.get("address", "").strip():
            self.add_error("address", "Please type the address too.")
        return data


@role_required(permissions.can_add_member)
@require_http_methods(["GET", "POST"])
def member_contact_details(request: HttpRequest, pk: int) -> HttpResponse:
    """An organiser puts right how we reach a member: for a member who wants letters but
    has no address we can post to, or a message with no way to reach them."""
    member = get_object_or_404(Member, pk=pk, erased_at__isnull=True)
    form = ContactDetailsForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(member, name) for name in ("address", "postcode", "phone", "email")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=member, actor=request.user, changes=form.cleaned_data)
        except CoopError as error:
            messages.error(request, error.message)
        else:
            waiting = Message.objects.filter(member=member, status=MessageStatus.NO_WAY).exists()
            messages.success(
                request,
                f"Saved how we reach {member.display_name}."
                + (" Now press Try again on their messages." if waiting else ""),
            )
            return redirect("outbox")
    return render(request, "members/contact_details.html", {"form": form, "member": member})
