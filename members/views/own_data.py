"""A member's own data: a page to read, a JSON file to keep; erasure by an administrator
when the member asks."""

import datetime as dt
import json
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from coop import personal_data
from coop.dates import easy_date, easy_time
from coop.errors import CoopError
from coop.money import format_pence
from members import permissions, services
from members.forms import MemberMoveForm
from members.models import Member
from members.views.common import role_required

SECTION_TITLES = {
    "account": "Your account",
    "membership": "Your membership",
    "guidelines_agreed": "Guidelines you agreed",
    "supporters": "People who help you",
    "supporting": "People you help",
    "signin_links": "Sign-in links we made for you",
    "actions_recorded": "Things you did here",
    "wellbeing_agreement": "Answering questions about how you are",
    "wellbeing_answers": "Your answers about how you are",
}


# Everyone signed in, whatever their roles: the right to see what is held about you does
# not end with membership (a former member reads it too).
signed_in = role_required(lambda user: user.is_authenticated)


# Field names as a person would say them; others are turned into words ("left_on" is
# "Left on"), money fields drop "pence" and show pounds.
LABELS = {
    "starts_at": "When it starts",
    "ends_at": "When it ends",
    "created_at": "When it was made",
    "admitted_on": "Member since",
    "left_on": "Left on",
    "membership_number": "Membership number",
    "access_needs": "What helps you",
    "contact_preferences": "How we contact you",
    "photo_consent": "Photos of you",
    "fee_pence": "Booking fee",
    "amount_pence": "Amount",
    "places_used": "Places",
    # A coded state is what happened to the thing ("What happened: Came"), not a "status".
    "status": "What happened",
    "fee_status": "The fee",
    "data": "Details",
    "reference": "What it was for",
    "from": "Before",
    "to": "After",
    "booked_on_their_behalf": "Booked by",
    "refunded_pence": "Given back",
    "paid_back": "Given back",
}
# Lines the page leaves out when nothing happened ("Given back: £0"); the download keeps them.
LEFT_OUT_WHEN_NOTHING = {"refunded_pence", "paid_back"}
# The membership's own state is said as what it is.
SECTION_LABELS = {"membership": {"status": "Membership"}}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_CODE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")


def _label(key: str) -> str:
    return LABELS.get(key) or key.removesuffix("_pence").replace("_", " ").strip().capitalize()


def _words(value: str) -> str:
    """A date or a moment as "Wednesday 4 November 2026, 12pm"; a code as words."""
    if _ISO_DAY.match(value):
        return easy_date(dt.date.fromisoformat(value), with_year=True)
    if _ISO_MOMENT.match(value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{easy_date(moment, with_year=True)}, {easy_time(moment)}"
    if _CODE.match(value):
        return value.replace("_", " ").capitalize()
    return value


def _fields(data: dict[str, Any]) -> list[tuple[str, Any]]:
    """A record's fields as a person reads them: a coded value by its words only, named by
    the code's key ("status": "attended" beside "status_label": "Came" reads "Status:
    Came"; see coop.personal_data.coded). Nothing given back is not said."""
    return [
        (key.removesuffix(personal_data.LABEL), value)
        for key, value in data.items()
        if f"{key}{personal_data.LABEL}" not in data
        and not (key in LEFT_OUT_WHEN_NOTHING and not value)
    ]


def _text(value: Any, key: str = "") -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "Nothing"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if key.endswith("_pence") and isinstance(value, int):
        return format_pence(value)
    if isinstance(value, list):
        # Records (each a few lines) are set apart by a blank line; words by commas.
        joiner = "\n\n" if any(isinstance(v, dict) for v in value) else ", "
        return joiner.join(_text(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{_label(k)}: {_text(v, k)}" for k, v in _fields(value))
    return _words(str(value))


def readable_sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The export as headed lists of label and words, for the page: every field named as
    a person would name it, dates as days, money as pounds, codes as words."""
    sections = []
    for app_section in data.values():
        if not isinstance(app_section, dict):
            continue
        for key, value in _fields(app_section):
            title = SECTION_TITLES.get(key, _label(key))
            if isinstance(value, dict):
                named = SECTION_LABELS.get(key, {})
                rows = [(named.get(k) or _label(k), _text(v, k)) for k, v in _fields(value)]
            elif isinstance(value, list):
                rows = [(f"Number {i}", _text(item)) for i, item in enumerate(value, start=1)]
            else:
                rows = [(title, _text(value, key))]
            sections.append({"title": title, "rows": rows})
    return sections


@signed_in
def my_data(request: HttpRequest) -> HttpResponse:
    sections = readable_sections(personal_data.export_for(request.user))
    return render(request, "members/my_data.html", {"sections": sections})


@signed_in
def my_data_json(request: HttpRequest) -> HttpResponse:
    data = {
        "exported_at": timezone.now().isoformat(),
        "about": "Everything the co-operative holds about you.",
        **personal_data.export_for(request.user),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, cls=DjangoJSONEncoder), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(permissions.is_administrator)
@require_http_methods(["GET", "POST"])
def member_erase(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk)
    if not permissions.can_erase_member(request.user):
        raise PermissionDenied
    form = MemberMoveForm(request.POST if request.method == "POST" else None)
    form.fields["reason"].label = "Who asked for this, and when?"
    form.fields["reason"].help_text = "For example: May asked by phone on 3 March."
    if request.method == "POST" and form.is_valid():
        try:
            services.member_erase(
                member=member, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except CoopError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, "The member's personal data has been erased.")
            return redirect("member-detail", pk=member.pk)
    return render(request, "members/member_erase.html", {"member": member, "form": form})
