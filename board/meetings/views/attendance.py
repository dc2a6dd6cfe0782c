"""Pages for who came to a meeting and the sitting fees that follow: the board sets the
fee, finance sees and pays what is owed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from board.meetings import forms, permissions, selectors, services
from board.meetings.models import SittingFee
from board.meetings.views.common import manage, meeting_for
from board.terms.selectors import board_members_on
from coop.errors import CoopError
from members.views.common import role_required


@manage
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(pk)
    current = dict(meeting.attendance.values_list("member_id", "status"))
    people = board_members_on(meeting.day)
    known = {m.pk for m in people}
    people += [
        a.member for a in meeting.attendance.select_related("member") if a.member_id not in known
    ]
    form = forms.AttendanceForm(request.POST or None, people=people, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.attendance_save(
                meeting=meeting, statuses=form.statuses(), actor=request.user
            )
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            note = (
                f" {result['owed']} sitting fee{'s' if result['owed'] != 1 else ''} now owed."
                if result["owed"]
                else ""
            )
            messages.success(request, "Who came is saved." + note)
            return redirect("meeting-record", pk=meeting.pk)
    return render(request, "board/meetings/attendance.html", {"form": form, "meeting": meeting})


@role_required(permissions.can_see_sitting_fees)
@require_http_methods(["GET", "POST"])
def sitting_fees(request: HttpRequest) -> HttpResponse:
    rate_form = forms.FeeRateForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST":
        if not permissions.can_set_sitting_fee(request.user):
            raise PermissionDenied
        if rate_form.is_valid():
            try:
                services.sitting_fee_rate_set(
                    amount_pence=rate_form.cleaned_data["amount"],
                    starts_on=rate_form.cleaned_data["starts_on"],
                    actor=request.user,
                )
            except CoopError as error:
                rate_form.add_error(None, error.message)
            else:
                messages.success(request, "The sitting fee is set.")
                return redirect("sitting-fees")
    owed, paid = selectors.sitting_fee_list()
    pay_form = forms.FeePayForm()
    return render(
        request,
        "board/meetings/sitting_fees.html",
        {
            "rate": services.sitting_fee_rate_on(timezone.localdate()),
            "rate_form": rate_form if permissions.can_set_sitting_fee(request.user) else None,
            "owed": owed,
            "paid": paid,
            "can_pay": permissions.can_pay_sitting_fees(request.user),
            "pay_form": pay_form,
            # Read once: each owed fee's row offers the same choices.
            "branch_choices": list(pay_form.fields["branch"].choices),
        },
    )


@role_required(permissions.can_pay_sitting_fees)
@require_POST
def sitting_fee_pay(request: HttpRequest, pk: int) -> HttpResponse:
    fee = get_object_or_404(SittingFee.objects.select_related("member"), pk=pk)
    form = forms.FeePayForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("sitting-fees")
    try:
        services.sitting_fee_pay(
            fee=fee,
            method=form.cleaned_data["method"],
            branch=form.cleaned_data["branch"],
            actor=request.user,
        )
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{fee.member.display_name}'s sitting fee is paid.")
    return redirect("sitting-fees")
