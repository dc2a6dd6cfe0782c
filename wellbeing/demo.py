"""The demo's well-being answers: members who joined long enough ago answered when they
joined and six months later, each in their own way (most a little better, some the same,
a few worse), so the report shows something real: each branch has its own table, and an
answer only a few people chose on a later question shows the small-number rule. May is
asked now, so her page shows the questions."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from coop.dates import day_at
from coop.demo import Loaded, clock_at
from members.models import Member
from wellbeing import services
from wellbeing.models import Round
from wellbeing.questions import MANY, NOT_SAY, ONE, WORDS, Question, for_round

RIVERSIDE_PAIRED = 7  # few: some of its rows fall under the smallest number
CHANGED = [
    "I have made new friends.",
    "I go out more than before.",
    "I helped plan the boat trip.",
    "I feel more confident.",
]


def _choice(rng: random.Random, question: Question, before: str | None) -> str:
    """An answer: the first time near the middle of the scale; later, from the first
    answer, one step better more often than not."""
    codes = [c.code for c in question.choices]
    if rng.random() < 0.05:
        return NOT_SAY.code
    if before is None or before == NOT_SAY.code or question.better is None:
        return rng.choice(codes[1:-1] if len(codes) > 3 else codes)
    step = rng.choices([1, 0, -1], weights=[5, 4, 1])[0]
    step = step if question.better == "up" else -step
    return codes[max(0, min(len(codes) - 1, codes.index(before) + step))]


def _answer(member: Member, number: int, moment: dt.datetime, rng, first=None) -> dict:
    """One round asked at `moment`, answered and sent by the member; returns the choices."""
    given = {}
    with clock_at(moment):
        # Asked long ago: the message then is not the demo's (it would sit on today's
        # call list and letters to print), so the round is made without one.
        round_ = Round.objects.create(
            member=member, number=number, due_on=moment.date(), asked_at=moment
        )
        for question in for_round(number):
            if question.kind == ONE:
                given[question.key] = _choice(rng, question, (first or {}).get(question.key))
                services.answer_save(
                    round=round_, question=question.key, choice=given[question.key],
                    actor=member.user,
                )  # fmt: skip
            elif question.kind == MANY:
                ticks = rng.sample([c.code for c in question.choices[:-2]], k=rng.randint(1, 2))
                services.answer_save(
                    round=round_, question=question.key, ticked=ticks, actor=member.user
                )
            elif question.kind == WORDS and rng.random() < 0.5:
                services.answer_save(
                    round=round_, question=question.key, words=rng.choice(CHANGED),
                    actor=member.user,
                )  # fmt: skip
        services.round_finish(round=round_, actor=member.user)
    return given


def load_answers() -> int:
    rng = random.Random(21)
    today = timezone.localdate()
    members = (
        Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=False)
        .exclude(user__username="member")
        .select_related("branch", "user")
        .order_by("membership_number")
    )
    riverside_paired = 0
    for member in members:
        joined = day_at(member.admitted_on, 11)
        later = day_at(services.months_later(member.admitted_on, 6), 11)
        if later.date() >= today:
            continue
        with clock_at(joined):
            services.consent_set(member=member, agree=True, actor=member.user)
        first = _answer(member, 1, joined, rng)
        if member.branch.slug == "riverside":
            if riverside_paired >= RIVERSIDE_PAIRED:
                continue
            riverside_paired += 1
        _answer(member, 2, later, rng, first)
    may = Member.objects.filter(user__username="member").first()
    if may is not None:
        services.ask_member(may, 1, today)
    return Round.objects.count()


def loaded_answers() -> Loaded:
    """The demo loader (coop.demo)."""
    if not Round.objects.exists() and get_user_model().objects.filter(username="member"):
        load_answers()
    sent = Round.objects.filter(status=Round.Status.FINISHED)
    return Loaded(
        counts={"well-being answers sent": sent.count()},
        summary=[
            f"Well-being: {sent.filter(number=1).count()} members answered when they joined, "
            f"{sent.filter(number=2).count()} again six months later."
        ],
    )
