"""Everything that changes a member's well-being answers: agreeing to answer, being asked
(a round), answering one question, finishing, typing in a paper questionnaire, and
forgetting. Each change is checked against its table of moves and audited; answers'
contents are never written to the audit log."""

import calendar
import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coop.actors import Actor, user_id
from coop.audit import audit
from coop.errors import CoopError
from coop.states import check_transition
from members.models import Member
from members.outbox.services import Words, copy_of, tell
from wellbeing.models import Answer, Consent, Round, Timing
from wellbeing.questions import BY_KEY, MANY, NOT_SAY, ONE, WORDS, Question, for_round

MAX_WORDS_LENGTH = 2000


class WellbeingError(CoopError):
    pass


def _on_behalf(member: Member, actor: Actor):
    return member.user if member.user_id and member.user_id != user_id(actor) else None


def consent_set(*, member: Member, agree: bool, actor: Actor) -> Consent:
    """The member says yes or no to answering (or a supporter says it with them). Saying
    it twice changes nothing; stopping after a yes deletes every answer they gave, and
    every time they were asked."""
    with transaction.atomic():
        Member.objects.select_for_update().get(pk=member.pk)
        consent = Consent.objects.filter(member=member).first()
        if consent is None:
            new = Consent.Status.GIVEN if agree else Consent.Status.REFUSED
            consent = Consent(member=member, status=new)
        else:
            if agree:
                new = Consent.Status.GIVEN
            elif consent.status == Consent.Status.GIVEN:
                new = Consent.Status.WITHDRAWN
            else:
                new = consent.status
            if new == consent.status:
                return consent
            check_transition(Consent.TRANSITIONS, consent.status, new, what="agreement")
            consent.status = new
        consent.changed_at = timezone.now()
        consent.changed_by = actor if user_id(actor) else None
        consent.save()
        forgotten = 0
        if new == Consent.Status.WITHDRAWN:
            # Every time they were asked goes too, so the report no longer counts them.
            _, deleted = Round.objects.filter(member=member).delete()
            forgotten = deleted.get(Answer._meta.label, 0)
        audit(
            actor=actor,
            action=f"wellbeing.consent_{new}",
            target=consent,
            on_behalf_of=_on_behalf(member, actor),
            data={"answers_deleted": forgotten} if forgotten else None,
        )
    return consent


def has_agreed(member: Member) -> bool:
    return Consent.objects.filter(member=member, status=Consent.Status.GIVEN).exists()


def timing() -> Timing:
    return Timing.objects.filter(pk=Timing.ONLY).first() or Timing()


def timing_set(*, later_after_months: int, then_every_months: int, actor: Actor) -> Timing:
    for months in (later_after_months, then_every_months):
        if not 1 <= months <= 60:
            raise WellbeingError("Please choose between 1 and 60 months.")
    with transaction.atomic():
        # One row, always the same key: two boards saving at once meet on it (the second
        # insert fails and get_or_create reads the first) and then take turns on its lock.
        _, new = Timing.objects.get_or_create(pk=Timing.ONLY)
        found = Timing.objects.select_for_update().get(pk=Timing.ONLY)
        before = None if new else (found.later_after_months, found.then_every_months)
        found.later_after_months = later_after_months
        found.then_every_months = then_every_months
        found.save()
        audit(
            actor=actor,
            action="wellbeing.timing_set",
            target=found,
            data={"before": before, "after": [later_after_months, then_every_months]},
        )
    return found


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_due(member: Member, last: Round | None, rules: Timing) -> dt.date | None:
    """When the member is next asked: on joining the first time; the second time the
    board's months after the first time they were asked; then every so many months."""
    if last is None:
        return member.admitted_on
    gap = rules.later_after_months if last.number == 1 else rules.then_every_months
    return months_later(timezone.localdate(last.asked_at), gap)


def _asking_words(member: Member, number: int) -> Words:
    again = number > 1
    return Words(
        subject="Some questions about how you feel",
        lines=[
            f"Hello {member.called},",
            "",
            "We would like to know how you are."
            if not again
            else "We would like to know how you are now.",
            "There are some questions about your life."
            if not again
            else "There are some questions about what has changed for you.",
            "You do not have to answer.",
            "You can answer on the website, or on paper with an organiser.",
            f"Sign in at {settings.SITE_URL}/me/how-you-are/",
            f"Or call us on {settings.HELP_PHONE} and we will help you.",
        ],
    )


def ask_due(*, today: dt.date | None = None) -> int:
    """Ask every active member whose time has come, each their way (the outbox), once per
    round. Members who said no, or stopped answering, are not asked. Returns how many were
    asked."""
    today = today or timezone.localdate()
    rules = timing()
    said_no = Consent.objects.exclude(status=Consent.Status.GIVEN).values("member_id")
    members = Member.objects.filter(
        status=Member.Status.ACTIVE, admitted_on__isnull=False, admitted_on__lte=today
    ).exclude(pk__in=said_no)
    last_rounds = {}
    for found in Round.objects.filter(member__in=members).order_by("member_id", "number"):
        last_rounds[found.member_id] = found
    asked = 0
    for member in members:
        last = last_rounds.get(member.pk)
        due = next_due(member, last, rules)
        if due is None or due > today:
            continue
        asked += ask_member(member, (last.number if last else 0) + 1, due)
    return asked


def ask_member(member: Member, number: int, due: dt.date) -> int:
    """Ask one member the `number`-th time, their way; 0 when they were asked already."""
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if Round.objects.filter(member=member, number=number).exists():
            return 0  # another run asked them meanwhile
        said_no = Consent.objects.filter(member=member).exclude(status=Consent.Status.GIVEN)
        if locked.status != Member.Status.ACTIVE or said_no.exists():
            return 0  # they said no, stopped or left since the run began
        round_ = Round.objects.create(
            member=member, number=number, due_on=due, asked_at=timezone.now()
        )
        words = _asking_words(member, number)
        tell(
            member,
            "wellbeing_asked",
            words,
            key=f"wellbeing:{round_.pk}",
            copy_words=lambda supporter: copy_of(words, supporter, member),
        )
        audit(actor=None, action="wellbeing.asked", target=round_, data={"number": number})
    return 1


def _clean(question: Question, choice: str, ticked, words: str) -> dict:
    """The answer as stored, or a WellbeingError in plain words."""
    if question.kind == ONE:
        if question.choice(choice) is None:
            raise WellbeingError("Please choose one answer.")
        return {"choice": choice, "ticked": [], "words": ""}
    if question.kind == MANY:
        if not ticked or any(question.choice(code) is None for code in ticked):
            raise WellbeingError("Please choose at least one answer.")
        if NOT_SAY.code in ticked and len(ticked) > 1:
            raise WellbeingError("You chose 'I would rather not say' and other answers.")
        # Kept in the question's own order, each once, however they were sent.
        order = [c.code for c in (*question.choices, NOT_SAY)]
        return {"choice": "", "ticked": [c for c in order if c in ticked], "words": ""}
    assert question.kind == WORDS
    words = words.strip()
    if len(words) > MAX_WORDS_LENGTH:
        raise WellbeingError(f"Please use fewer than {MAX_WORDS_LENGTH} letters.")
    if choice == NOT_SAY.code:
        if words:
            raise WellbeingError("You wrote some words and chose 'I would rather not say'.")
        return {"choice": NOT_SAY.code, "ticked": [], "words": ""}
    return {"choice": "", "ticked": [], "words": words}


def _lock_open(round_: Round) -> Round:
    round_ = Round.objects.select_for_update().select_related("member").get(pk=round_.pk)
    if round_.status == Round.Status.FINISHED:
        raise WellbeingError("These answers have been sent already.")
    if not has_agreed(round_.member):
        raise WellbeingError("First say if you want to answer.")
    return round_


def _move(round_: Round, status: str, *, actor: Actor, **changes) -> None:
    check_transition(Round.TRANSITIONS, round_.status, status, what="time of asking")
    before = round_.status
    round_.status = status
    for field, value in changes.items():
        setattr(round_, field, value)
    round_.save(update_fields=["status", *changes])
    audit(
        actor=actor,
        action=f"wellbeing.round_{status}",
        target=round_,
        on_behalf_of=_on_behalf(round_.member, actor),
        data={"from": before},
    )


def answer_save(
    *,
    round: Round,
    question: str,
    actor: Actor,
    choice: str = "",
    ticked=(),
    words: str = "",
) -> Answer:
    """Keep one answer (a later answer to the same question replaces it). A supporter's
    or an organiser's answer records who helped."""
    found = BY_KEY.get(question)
    if found is None or found not in for_round(round.number):
        raise WellbeingError("This question is not asked this time.")
    stored = _clean(found, choice, ticked, words)
    with transaction.atomic():
        round_ = _lock_open(round)
        helped = actor if user_id(actor) and user_id(actor) != round_.member.user_id else None
        answer, _ = Answer.objects.update_or_create(
            round=round_,
            question=question,
            defaults={**stored, "answered_at": timezone.now(), "helped_by": helped},
        )
        if round_.status == Round.Status.ASKED:
            _move(round_, Round.Status.STARTED, actor=actor)
    return answer


def round_finish(*, round: Round, actor: Actor) -> Round:
    """The member sends their answers. Questions they left are simply not answered.
    Sending twice (two taps, two tabs) changes nothing the second time."""
    with transaction.atomic():
        if Round.objects.select_for_update().get(pk=round.pk).status == Round.Status.FINISHED:
            return Round.objects.get(pk=round.pk)
        round_ = _lock_open(round)
        _move(round_, Round.Status.FINISHED, actor=actor, finished_at=timezone.now())
    return round_


def paper_enter(*, member: Member, number: int, answers: Mapping[str, dict], actor: Actor) -> Round:
    """An organiser types in a paper questionnaire the member filled in (it asks first
    whether they agree): the round it answers, every answer given, and sent."""
    if number < 1:
        raise WellbeingError("Please choose which time this was.")
    cleaned = {}
    for key, given in answers.items():
        question = BY_KEY.get(key)
        if question is None or question not in for_round(number):
            raise WellbeingError("This question is not asked this time.")
        cleaned[key] = _clean(
            question, given.get("choice", ""), given.get("ticked", ()), given.get("words", "")
        )
    now = timezone.now()
    with transaction.atomic():
        # Inside: when the round was sent already, their "no" or "stop" stays as it was.
        consent_set(member=member, agree=True, actor=actor)
        round_, _ = Round.objects.get_or_create(
            member=member, number=number, defaults={"due_on": timezone.localdate(), "asked_at": now}
        )
        round_ = _lock_open(round_)
        for key, stored in cleaned.items():
            Answer.objects.update_or_create(
                round=round_,
                question=key,
                defaults={**stored, "answered_at": now, "helped_by": actor},
            )
        _move(round_, Round.Status.FINISHED, actor=actor, finished_at=now, on_paper=True)
    return round_


def forget(member: Member) -> None:
    """Erasure: every answer, every round and the agreement go, history included."""
    Round.objects.filter(member=member).delete()
    Consent.objects.filter(member=member).delete()
    # After the row: deleting it writes one more history row.
    Consent.history.filter(member_id=member.pk).delete()


def answers_read(*, member: Member, actor: Actor, times: list[int], helping: bool) -> None:
    """Someone other than the member read the member's answers (the evaluation lead, or
    a supporter helping): written down each time, without the answers."""
    audit(
        actor=actor,
        action="wellbeing.answers_read",
        target=member,
        on_behalf_of=_on_behalf(member, actor) if helping else None,
        data={"times": times},
    )
