"""Recording that a support worker or a cost line was paid, from the pay form on its row:
once (a row already in the books says so), with the form's first problem in plain words."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from coop.errors import CoopError


def paid_once(
    request: HttpRequest,
    row,
    *,
    form_class: type[forms.Form],
    pay: Callable[..., object],
    page: str,
    done: str,
) -> HttpResponse:
    """`row` (a SupportBooking or CostLine) is paid with `pay(actor=…, **form data)`; back
    to the activity's `page` with `done` said, or what stopped it."""
    back = redirect(page, pk=row.activity_id)
    if row.expense_id:
        messages.info(request, "This was paid already. It is in the books once.")
        return back
    form = form_class(request.POST, prefix=f"pay{row.pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return back
    try:
        pay(actor=request.user, **form.cleaned_data)
    except CoopError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return back
