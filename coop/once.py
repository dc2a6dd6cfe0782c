"""Making something once for each sending of a form (see ``coop.forms.OnceForm``).

The form's token is written in the same transaction as the thing it makes. A second
sending with the same token waits for the first to finish (the database's unique index
makes it wait), then finds the token used and is sent where the first one went. When the
first fails (a rule refuses it), its transaction, token and all, is undone, so the person
can put it right and send again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone

from coop.errors import CoopError
from coop.forms import OnceForm
from coop.models import UsedFormToken

# How long a used token is kept: a form sent again within this makes nothing.
KEEP_TOKENS = dt.timedelta(days=7)
ALREADY_DONE = "You sent this twice. It was done once."


def _forget_old_tokens() -> None:
    # A page left open longer than this is out of date anyway. Deleted outside any long
    # transaction, so two people sending forms never wait for each other here.
    UsedFormToken.objects.filter(created_at__lt=timezone.now() - KEEP_TOKENS).delete()


def _claim(request: HttpRequest, form: OnceForm, user) -> UsedFormToken:
    return UsedFormToken.objects.create(token=form.token, user=user, path=request.path[:200])


def _first_result(request: HttpRequest, form: OnceForm, user) -> str:
    """Where the first sending of this form went, told that this one made nothing."""
    first = UsedFormToken.objects.filter(
        token=form.token, user=user, path=request.path[:200]
    ).first()
    messages.info(request, ALREADY_DONE)
    return first.result_url if first and first.result_url else request.path


def once(request: HttpRequest, form: OnceForm, make: Callable[[], str]) -> str:
    """Call ``make`` (which makes the thing and returns the address of the page that shows
    it) once for this form's token; return that address. Sent again, nothing is made and
    the first address comes back, with a message saying so. Errors from ``make`` pass
    through and leave nothing behind."""
    if not form.token:
        return make()
    user = request.user if request.user.is_authenticated else None
    _forget_old_tokens()
    with transaction.atomic():
        try:
            with transaction.atomic():
                used = _claim(request, form, user)
        except IntegrityError:
            return _first_result(request, form, user)
        url = make()
        used.result_url = url[:300]
        used.save(update_fields=["result_url"])
    return url


def once_or_error(
    request: HttpRequest, form: OnceForm, make: Callable[[], str]
) -> HttpResponseRedirect | None:
    """``once``, answered as a page: a redirect to what was made, or None when a rule
    refused it (a CoopError), its message then put on the form."""
    try:
        return redirect(once(request, form, make))
    except CoopError as error:
        form.add_error(None, error.message)
        return None


def once_claimed(
    request: HttpRequest, form: OnceForm, make: Callable[[], HttpResponse]
) -> HttpResponse:
    """``once`` for work that must not run inside a transaction of ours (a card payment
    refuses one; the ballot box locks on its own). The token is claimed first, in a
    transaction of its own, and freed again when ``make`` raises. A second sending, even
    while the first is still at work, makes nothing: it goes where the first went (or back
    to the form's page), with a message saying so."""
    if not form.token:
        return make()
    user = request.user if request.user.is_authenticated else None
    _forget_old_tokens()
    try:
        with transaction.atomic():
            used = _claim(request, form, user)
    except IntegrityError:
        return redirect(_first_result(request, form, user))
    try:
        response = make()
    except BaseException:
        used.delete()
        raise
    if isinstance(response, HttpResponseRedirect):
        used.result_url = response.url[:300]
        used.save(update_fields=["result_url"])
    return response
