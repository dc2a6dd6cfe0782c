"""Organisers write to a group: everyone booked on an activity, its waiting list, the
members of a branch, or the board. Three steps, each a plain form (no JavaScript):
choose the message, fill in its words, check what each way will get — then send."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coop.errors import CoopError
from events import permissions, selectors
from events.group_forms import ChooseForm, WordsForm, new_token
from events.models import Activity, GroupMessage, MessageTemplate
from events.services.group_messages import (
    Group,
    counts_list,
    group_message_send,
    group_preview,
)
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
    """The three steps on one page: choose the message (and, with no group yet, whom), fill
    in its words, check what each way will get — then send."""
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
        return _step(request, context, "choose", choose)
    template = choose.cleaned_data["template"]
    if whom:
        context["whom"] = choose.data["whom"]
    context["template"] = template
    action = request.POST.get("action", "")
    words = _words_form(request, template, ask_activity=whom, action=action)
    if not words.is_bound or not words.is_valid():
        return _step(request, context, "words", words)
    if whom:
        group = _group_chosen(choose, words)
        context["heading"] = f"Write to {group.described}"
    context["group"] = group
    return _check_or_send(request, context, group, words, send=action == "send")


def _step(request: HttpRequest, context: dict, step: str, form, **more) -> HttpResponse:
    return render(
        request, "events/group_write.html", {**context, "step": step, "form": form, **more}
    )


def _words_form(
    request: HttpRequest, template: MessageTemplate, *, ask_activity: bool, action: str
) -> WordsForm:
    """The words step's form: new (with a fresh token), filled in again to change the words,
    or bound to what was typed."""
    if request.method == "GET":
        return WordsForm(
            template=template, ask_activity=ask_activity, initial={"token": new_token()}
        )
    if action == "change":
        return WordsForm(template=template, ask_activity=ask_activity, initial=request.POST.dict())
    return WordsForm(request.POST, template=template, ask_activity=ask_activity)


def _group_chosen(choose: ChooseForm, words: WordsForm) -> Group:
    """A branch or the board, with the activity the message is about (if any)."""
    kind, branch = choose.cleaned_data["whom"]
    about = words.cleaned_data.get("about")
    if kind == GroupMessage.Group.BOARD:
        return Group.board(about)
    return Group.of_branch(branch, about)


def _check_or_send(
    request: HttpRequest, context: dict, group: Group, words: WordsForm, *, send: bool
) -> HttpResponse:
    """Show what each way will get; with Send pressed, send it. A refusal goes back to the
    words step."""
    template = context["template"]
    try:
        preview = group_preview(group, template, words.typed)
        if preview.people == 0:
            raise CoopError(f"There is nobody in {group.described} to write to.")
        if send:
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
        return _step(request, context, "words", words)
    return _step(
        request,
        context,
        "check",
        words,
        preview=preview,
        ways=counts_list(preview.counts),
    )


@write
def group_message_sent(request: HttpRequest, pk: int) -> HttpResponse:
    sent = get_object_or_404(
        GroupMessage.objects.select_related("activity", "branch", "template", "sent_by"), pk=pk
    )
    group = Group(sent.group, activity=sent.activity, branch=sent.branch)
    counts = sent.counts
    return render(
        request,
        "events/group_message_sent.html",
        {
            "sent": sent,
            "group": group,
            "ways": counts_list(counts),
            "counts": counts,
            "online": counts.get("email", 0) + counts.get("text", 0) + counts.get("copies", 0),
            "for_organisers": selectors.group_message_for_organisers(sent),
            "messages_page": reverse("outbox"),
            "example_lines": ["Hello (their name),", "", *sent.lines],
        },
    )
