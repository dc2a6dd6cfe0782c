"""The organiser's transport page for an activity, and dealing with someone who could
not get a seat or a wheelchair space."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from coop.errors import CoopError
from events import permissions, services
from events.models import Activity, Transport, TransportAsk
from events.transport_forms import TransportForm
from events.transport_room import riders, transport_of
from members.views.common import role_required

manage = role_required(permissions.can_manage_activities)


@manage
@require_http_methods(["GET", "POST"])
def transport_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    transport = transport_of(activity)
    form = TransportForm(
        request.POST if request.method == "POST" else None,
        instance=transport or Transport(activity=activity),
        activity=activity,
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in Transport.EDITABLE_FIELDS}
        try:
            services.transport_set(activity=activity, actor=request.user, **fields)
        except CoopError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The transport is saved. Members can see it.")
            return redirect("organiser-activity", pk=activity.pk)
    seats, spaces = riders(activity)
    return render(
        request,
        "events/transport_form.html",
        {
            "form": form,
            "activity": activity,
            "transport": transport,
            "seats_taken": seats,
            "spaces_taken": spaces,
        },
    )


@manage
@require_POST
def transport_ask_done(request: HttpRequest, pk: int) -> HttpResponse:
    ask = get_object_or_404(TransportAsk.objects.select_related("member"), pk=pk)
    services.transport_ask_close(ask=ask, actor=request.user)
    messages.success(request, f"Marked as dealt with: {ask.member.display_name}.")
    return redirect("organiser-activity", pk=ask.activity_id)
