"""The member's well-being pages: say whether to answer, then one question a page, then
send. A supporter helps with `?member=` as when booking; every page works without
JavaScript ("Read it to me" appears only where the browser can speak)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coop.errors import CoopError
from members.models import Member
from members.views.common import helped_members, role_required, speaks_for
from wellbeing import reading, selectors, services
from wellbeing.forms import AnswerForm, ConsentForm
from wellbeing.models import Consent, Round
from wellbeing.permissions import can_answer, can_answer_for
from wellbeing.questions import NOT_SAY, WORDS, for_round


def _with_member(url: str, member: Member, who: str) -> str:
    return f"{url}?member={member.pk}" if who else url


def _member_or_404(request: HttpRequest) -> Member | None:
    member = speaks_for(request)
    if member is not None and not can_answer_for(request.user, member):
        raise Http404
    return member


@role_required(can_answer)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    member = _member_or_404(request)
    if member is None:
        return render(request, "wellbeing/choose_member.html", {"helped": helped_members(request)})
    who = member.named_for(request.user.pk)
    consent = selectors.consent_of(member)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["agree"] == "yes"
        if not agree and consent is not None and consent.status == Consent.Status.GIVEN:
            # An old page (another tab): stopping deletes the answers, so it asks first.
            return redirect(_with_member(reverse("wellbeing-stop"), member, who))
        try:
            services.consent_set(member=member, agree=agree, actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
        else:
            if not agree:
                messages.success(request, "That is fine. We will not ask again.")
        return redirect(_with_member(reverse("wellbeing-start"), member, who))
    agreed = consent is not None and consent.status == Consent.Status.GIVEN
    rounds = [
        {"round": r, "next": selectors.first_unanswered(r), "total": len(for_round(r.number))}
        for r in selectors.open_rounds(member)
    ]
    return render(
        request,
        "wellbeing/start.html",
        {
            "member": member,
            "who": who,
            "form": form,
            "consent": consent,
            "agreed": agreed,
            "rounds": rounds,
            "member_query": f"?member={member.pk}" if who else "",
            "said": _what_was_said(request, member, who),
        },
    )


def _what_was_said(request: HttpRequest, member: Member, who: str) -> list[dict]:
    """Each time the member sent answers, what they said, in words with the pictures. A
    supporter reading them is written down, as the evaluation lead is."""
    sent = reading.sent_rounds(member)
    if sent and who:
        services.answers_read(
            member=member, actor=request.user, times=[r.number for r in sent], helping=True
        )
    return [{"round": r, "answers": reading.round_said(r)} for r in reversed(sent)]


def _round_for(request: HttpRequest, pk: int) -> tuple[Round, Member, str]:
    member = _member_or_404(request)
    if member is None:
        raise Http404
    round_ = get_object_or_404(Round, pk=pk, member=member)
    return round_, member, member.named_for(request.user.pk)


@role_required(can_answer)
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    round_, member, who = _round_for(request, pk)
    asked = selectors.question_at(round_, number)
    if asked is None:
        raise Http404
    here = _with_member(reverse("wellbeing-start"), member, who)
    if round_.status == Round.Status.FINISHED or not services.has_agreed(member):
        return redirect(here)
    questions = for_round(round_.number)
    saved = selectors.answers_of(round_).get(asked.key)
    initial = {}
    if saved is not None:
        initial = {
            "answer": saved.ticked or saved.words or saved.choice,
            "not_say": saved.choice == NOT_SAY.code,
        }
        if asked.kind == WORDS:  # "rather not say" is the tick box, not words in the box
            initial["answer"] = saved.words
    form = AnswerForm(request.POST or None, question=asked, initial=initial)
    if request.method == "POST" and "stop" in request.POST and not form.has_changed():
        messages.success(request, "Your answers are kept. You can carry on later.")
        return redirect(here)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(
                round=round_, question=asked.key, actor=request.user, **form.stored()
            )
        except CoopError as error:
            form.add_error("answer", error.message)
        else:
            if "stop" in request.POST:
                messages.success(request, "Your answers are kept. You can carry on later.")
                return redirect(here)
            if number == len(questions):
                return redirect(_with_member(reverse("wellbeing-send", args=[pk]), member, who))
            return redirect(
                _with_member(reverse("wellbeing-question", args=[pk, number + 1]), member, who)
            )
    return render(
        request,
        "wellbeing/question.html",
        {
            "form": form,
            "question": asked,
            "number": number,
            "total": len(questions),
            "round": round_,
            "who": who,
            "member_query": f"?member={member.pk}" if who else "",
            "not_say": NOT_SAY,
            "options": _options(form, asked),
        },
    )


def _options(form: AnswerForm, asked) -> list[dict]:
    """Each answer's radio or tick box with its picture."""
    if asked.kind == WORDS:
        return []
    return [
        {
            "widget": widget,
            "picture": asked.choice(widget.data["value"]).picture_path,
            "not_say": widget.data["value"] == NOT_SAY.code,
        }
        for widget in form["answer"]
    ]


@role_required(can_answer)
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, pk: int) -> HttpResponse:
    round_, member, who = _round_for(request, pk)
    here = _with_member(reverse("wellbeing-start"), member, who)
    if request.method == "POST":
        try:
            services.round_finish(round=round_, actor=request.user)
        except CoopError as error:
            messages.error(request, error.message)
            return redirect(here)
        thanks = (
            f"Thank you. {who}'s answers are sent." if who else "Thank you. Your answers are sent."
        )
        messages.success(request, thanks)
        return redirect(here)
    if round_.status == Round.Status.FINISHED:
        return redirect(here)
    total = len(for_round(round_.number))
    answered = len(selectors.answers_of(round_))
    return render(
        request,
        "wellbeing/send.html",
        {
            "round": round_,
            "who": who,
            "answered": answered,
            "total": total,
            "member_query": f"?member={member.pk}" if who else "",
        },
    )


@role_required(can_answer)
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest) -> HttpResponse:
    """Stop answering for good: every answer given is deleted. Asks first."""
    member = _member_or_404(request)
    if member is None:
        raise Http404
    who = member.named_for(request.user.pk)
    here = _with_member(reverse("wellbeing-start"), member, who)
    if request.method == "POST":
        services.consent_set(member=member, agree=False, actor=request.user)
        messages.success(request, "Done. We deleted the answers and will not ask again.")
        return redirect(here)
    return render(
        request,
        "wellbeing/stop.html",
        {"who": who, "member_query": f"?member={member.pk}" if who else ""},
    )
