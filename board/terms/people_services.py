"""Partner organisations' seats, the co-chairs' helper and their hours, and the board's
training record. Every change is audited."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from board.terms.people import BoardTraining, ChairsHelper, HelperHours, PartnerSeat
from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError

__all__ = [
    "helper_add",
    "helper_hours_add",
    "partner_seat_add",
    "partner_seat_end",
    "training_add",
]

# Hours are entered in quarters of an hour, up to a long day.
QUARTER_HOUR = 15
LONGEST_DAY_MINUTES = 12 * 60


def _words(value: str, missing: str, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise CoopError(missing, code=code)
    return text


@transaction.atomic
def partner_seat_add(
    *,
    organisation: str,
    person_name: str,
    starts_on: dt.date,
    actor: Actor,
    has_vote: bool = False,
) -> PartnerSeat:
    """Give a partner organisation a seat with the board, with the person who sits for it.
    No vote unless `has_vote` (the board's rules must say so). Raises CoopError when a
    name is missing or the organisation already has a seat."""
    organisation = _words(organisation, "Please write the organisation's name.", "no_organisation")
    person_name = _words(person_name, "Please write who sits for it.", "no_person")
    if PartnerSeat.objects.filter(organisation__iexact=organisation, ends_on=None).exists():
        raise CoopError(f"{organisation} already has a seat. End it first.", code="seat_taken")
    try:
        with transaction.atomic():
            seat = PartnerSeat.objects.create(
                organisation=organisation,
                person_name=person_name,
                has_vote=has_vote,
                starts_on=starts_on,
                created_by=saved_user(actor),
            )
    except IntegrityError:  # someone added the same organisation a moment ago
        raise CoopError(f"{organisation} already has a seat.", code="seat_taken") from None
    audit(
        actor=actor,
        action="board.partner_seat_added",
        target=seat,
        data={"organisation": organisation, "has_vote": has_vote},
    )
    return seat


@transaction.atomic
def partner_seat_end(*, seat: PartnerSeat, ends_on: dt.date, actor: Actor) -> PartnerSeat:
    """End a partner's seat on `ends_on`. Ending it again changes nothing. Raises CoopError
    when that is not after it started."""
    seat = PartnerSeat.objects.select_for_update().get(pk=seat.pk)
    if seat.ends_on is not None:
        return seat
    if ends_on <= seat.starts_on:
        raise CoopError("The seat must end after it starts.", code="bad_dates")
    seat.ends_on = ends_on
    seat.save(update_fields=["ends_on"])
    audit(actor=actor, action="board.partner_seat_ended", target=seat, data={"on": str(ends_on)})
    return seat


@transaction.atomic
def helper_add(
    *, name: str, hourly_rate_pence: int, starts_on: dt.date, actor: Actor
) -> ChairsHelper:
    """Record the co-chairs' paid helper and what they are paid an hour. Raises CoopError
    for a missing name or a rate of nothing."""
    name = _words(name, "Please write the helper's name.", "no_name")
    if hourly_rate_pence <= 0:
        raise CoopError("Please say how much the helper is paid an hour.", code="no_rate")
    helper = ChairsHelper.objects.create(
        name=name,
        hourly_rate_pence=hourly_rate_pence,
        starts_on=starts_on,
        created_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="board.helper_added",
        target=helper,
        data={"hourly_rate_pence": hourly_rate_pence},
    )
    return helper


def _check_minutes(minutes: int) -> None:
    if minutes % QUARTER_HOUR or not QUARTER_HOUR <= minutes <= LONGEST_DAY_MINUTES:
        raise CoopError(
            "Please give the hours in quarters of an hour, from 0.25 to 12.", code="bad_hours"
        )


@transaction.atomic
def helper_hours_add(
    *,
    helper: ChairsHelper,
    worked_on: dt.date,
    minutes: int,
    what_for: str,
    actor: Actor,
    today: dt.date | None = None,
) -> HelperHours:
    """Record time the helper worked on a day, and what for. The pay is the hours at the
    helper's rate, in pence, rounded to the nearest penny. Raises CoopError for a day to
    come, a day the helper was not working for us, hours outside a day, or no reason."""
    today = today or timezone.localdate()
    what_for = _words(what_for, "Please say what the work was for.", "no_reason")
    _check_minutes(minutes)
    if worked_on > today:
        raise CoopError("That day has not come yet.", code="future")
    helper = ChairsHelper.objects.get(pk=helper.pk)
    if not helper.starts_on <= worked_on or (helper.ends_on and helper.ends_on <= worked_on):
        raise CoopError(f"{helper.name} was not our helper on that day.", code="not_helper")
    hours = HelperHours.objects.create(
        helper=helper,
        worked_on=worked_on,
        minutes=minutes,
        what_for=what_for,
        pay_pence=(minutes * helper.hourly_rate_pence + 30) // 60,
        entered_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="board.helper_hours_added",
        target=hours,
        data={"minutes": minutes, "pay_pence": hours.pay_pence},
    )
    return hours


@transaction.atomic
def training_add(*, what: str, held_on: dt.date, who: str, actor: Actor) -> BoardTraining:
    """Record training the board's people had. Raises CoopError when what it was or who
    went is missing."""
    training = BoardTraining.objects.create(
        what=_words(what, "Please say what the training was.", "no_what"),
        held_on=held_on,
        who=_words(who, "Please say who went.", "no_who"),
        entered_by=saved_user(actor),
    )
    audit(actor=actor, action="board.training_added", target=training)
    return training
