"""Organisers write to a group: everyone booked on an activity, its waiting list, the
members of a branch, or the board. Three steps, each a plain form (no JavaScript):
choose the message, fill in its words, check what each way will get — then send."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coop.errors import CoopError
from events import permissions
from events.group_forms import ChooseForm, WordsForm, new_token
from events.models import Activity, GroupMessage
from events.services.group_messages import (
    Group,
    counts_list,
    group_message_send,
    group_preview,
)
from members.outbox.models import Message
from members.views.common import role_required

write = role_required(permissions.can_write_to_group)


@write
@require_http_methods(["GET", "POST"])
def write_to_activity(request: HttpRequest, pk: int, group: str) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("branch"), pk=pk)
    chosen = (
        Group.booked(activity) if group == GroupMessage.Group.BOOKED else Group.waiting(activity)
    )
    return _write(request, group=chosen, activity=activity)


@write
@require_http_methods(["GET", "POST"])
def write_to_branch_or_board(request: HttpRequest) -> HttpResponse:
    return _write(request, group=None, activity=None)


def _write(request: HttpRequest, *, group: Group | None, activity: Activity | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    whom = group is None
    context = {
        "activity": activity,
        "group": group,
        "heading": f"Write to {group.described}" if group else "Write to a branch or the board",
    }
    bound = "template" in data or "whom" in data
    choose = ChooseForm(data if bound else None, whom=whom)
    if not bound or not choose.is_valid():
        return render(
            request, "events/group_write.html", {**context, "step": "choose", "form": choose}
        )
    template = choose.cleaned_data["template"]
    if whom:
        kind, branch = choose.cleaned_data["whom"]
        context["whom"] = choose.data["whom"]
    context["template"] = template
    ask_activity = group is None
    action = request.POST.get("action", "")
    if request.method == "GET":
        words = WordsForm(
            template=template, ask_activity=ask_activity, initial={"token": new_token()}
        )
        return render(
            request, "events/group_write.html", {**context, "step": "words", "form": words}
        )
    words = WordsForm(request.POST, template=template, ask_activity=ask_activity)
    if action == "change" or not words.is_valid():
        if action == "change":
            words = WordsForm(
                template=template, ask_activity=ask_activity, initial=request.POST.dict()
            )
        return render(
            request, "events/group_write.html", {**context, "step": "words", "form": words}
        )
    if whom:
        about = words.cleaned_data.get("about")
        group = (
            Group.board(about)
            if kind == GroupMessage.Group.BOARD
            else Group.of_branch(branch, about)
        )
        context["heading"] = f"Write to {group.described}"
    context["group"] = group
    try:
        preview = group_preview(group, template, words.typed)
        if preview.people == 0:
            raise CoopError(f"There is nobody in {group.described} to write to.")
        if action == "send":
            sent = group_message_send(
                actor=request.user,
                group=group,
                template=template,
                fields=words.typed,
                token=words.cleaned_data["token"],
            )
            if sent.repeated:
                messages.info(request, "This message was sent already. We did not send it again.")
            return redirect("group-message-sent", pk=sent.pk)
    except CoopError as error:
        words.add_error(None, error.message)
        return render(
            request, "events/group_write.html", {**context, "step": "words", "form": words}
        )
    return render(
        request,
        "events/group_write.html",
        {
            **context,
            "step": "check",
            "form": words,
            "preview": preview,
            "ways": counts_list(preview.counts),
        },
    )


@write
def group_message_sent(request: HttpRequest, pk: int) -> HttpResponse:
    sent = get_object_or_404(
        GroupMessage.objects.select_related("activity", "branch", "template", "sent_by"), pk=pk
    )
    group = Group(sent.group, activity=sent.activity, branch=sent.branch)
    counts = sent.counts
    # What is still waiting for an organiser now, not when it was written.
    waiting = Message.objects.filter(
        kind="group_message",
        data__group_message=sent.pk,
        recipient=Message.Recipient.MEMBER,
        status__in=Message.FOR_ORGANISERS,
    )
    return render(
        request,
        "events/group_message_sent.html",
        {
            "sent": sent,
            "group": group,
            "ways": counts_list(counts),
            "counts": counts,
            "online": counts.get("email", 0) + counts.get("text", 0) + counts.get("copies", 0),
            "for_organisers": waiting.count(),
            "messages_page": reverse("outbox"),
            "example_lines": ["Hello (their name),", "", *sent.lines],
        },
    )
