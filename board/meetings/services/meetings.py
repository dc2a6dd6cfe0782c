"""Board meetings: planning, papers, what happened, minutes and sitting fees.

Every change is audited. Each service checks its rule and raises CoopError in plain words;
a refused change changes nothing. Moves of a meeting follow MEETING_MOVES.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from board.meetings.papers.content import build_papers
from board.meetings.papers.text import blocks_of
from board.models import (
    PAPER_PICTURES,
    Action,
    AgendaItem,
    Attendance,
    BoardMembership,
    Decision,
    Meeting,
    Paper,
    PaperPart,
    SittingFee,
    SittingFeeRate,
)
from board.terms.selectors import board_members_on
from coop.actors import saved_user
from coop.audit import audit
from coop.dates import HELD, check_in_range
from coop.errors import CoopError
from coop.pdfs import pdf_cleaned
from coop.states import check_transition
from members.models import Member

__all__ = [
    "action_add",
    "action_done",
    "attendance_save",
    "decision_record",
    "item_add",
    "item_update",
    "meeting_cancel",
    "meeting_create",
    "meeting_update",
    "minutes_approve",
    "paper_add",
    "paper_update",
    "papers_refresh",
    "part_delete",
    "part_save",
    "sitting_fee_pay",
    "sitting_fee_rate_on",
    "sitting_fee_rate_set",
]

S = Meeting.Status
MEETING_MOVES = {
    S.PLANNED: {S.PAPERS_SENT, S.HELD, S.CANCELLED},
    S.PAPERS_SENT: {S.HELD, S.CANCELLED},
    S.HELD: {S.MINUTES_APPROVED},
    S.MINUTES_APPROVED: set(),
    S.CANCELLED: set(),
}
# Agenda items every meeting starts with, in this order; the board adds its own after.
STANDARD_ITEMS = [
    (
        AgendaItem.Source.MINUTES,
        "Minutes of the last meeting",
        "We check the notes of the last meeting are right.",
        True,
    ),
    (
        AgendaItem.Source.ACTIONS,
        "Actions from last time",
        "We check the things people said they would do.",
        False,
    ),
    (
        AgendaItem.Source.ACTIVITIES,
        "How our activities went",
        "We hear how the trips and meetings went. We read what organisers wrote.",
        False,
    ),
    (AgendaItem.Source.MONEY, "Money", "We look at the money we got and spent.", False),
]
EDITABLE = (S.PLANNED, S.PAPERS_SENT)


def _move(meeting: Meeting, new: str) -> None:
    check_transition(MEETING_MOVES, meeting.status, new, what="meeting")
    meeting.status = new


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _editable(meeting: Meeting) -> None:
    if meeting.status not in EDITABLE:
        raise CoopError(
            f"This meeting is {meeting.get_status_display().lower()}. Its agenda and papers "
            "cannot change now.",
            code="meeting_closed",
        )


# --- Planning ------------------------------------------------------------------------------


def _check_details(*, title: str, starts_at: dt.datetime, place: str, call_link: str) -> str:
    title = (title or "").strip()
    if not title:
        raise CoopError("Please give the meeting a name.", code="no_title")
    if not (place or "").strip() and not (call_link or "").strip():
        raise CoopError(
            "Please say where the meeting is, or give a video call link.", code="no_place"
        )
    if starts_at is None:
        raise CoopError("Please say when the meeting is.", code="no_time")
    return title


@transaction.atomic
def meeting_create(
    *,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
    call_link: str = "",
    pack_days_before: int = 7,
    actor: Any,
) -> Meeting:
    """A planned meeting with the standard agenda items; coop writes their papers."""
    title = _check_details(title=title, starts_at=starts_at, place=place, call_link=call_link)
    check_in_range(starts_at, HELD)
    meeting = Meeting.objects.create(
        title=title,
        starts_at=starts_at,
        place=place.strip(),
        call_link=call_link.strip(),
        pack_days_before=pack_days_before,
        created_by=saved_user(actor),
    )
    for position, (source, item_title, summary, decision) in enumerate(STANDARD_ITEMS, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=item_title,
            summary=summary,
            decision_needed=decision,
            source=source,
        )
    audit(actor=actor, action="meeting.created", target=meeting, data={"starts_at": str(starts_at)})
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: Any, **fields: Any) -> Meeting:
    meeting = _locked(meeting)
    _editable(meeting)
    allowed = {"title", "starts_at", "place", "call_link", "pack_days_before"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}")
    merged = {
        k: fields.get(k, getattr(meeting, k)) for k in ("title", "starts_at", "place", "call_link")
    }
    fields["title"] = _check_details(**merged)
    if "starts_at" in fields and fields["starts_at"] != meeting.starts_at:
        check_in_range(fields["starts_at"], HELD)
    changed = {k: str(v) for k, v in fields.items() if getattr(meeting, k) != v}
    for key, value in fields.items():
        setattr(meeting, key, value.strip() if isinstance(value, str) else value)
    meeting.save()
    if changed:
        audit(actor=actor, action="meeting.changed", target=meeting, data=changed)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Any, reason: str) -> Meeting:
    meeting = _locked(meeting)
    if not (reason or "").strip():
        raise CoopError("Please say why the meeting is cancelled.", code="no_reason")
    _move(meeting, S.CANCELLED)
    meeting.save(update_fields=["status"])
    audit(actor=actor, action="meeting.cancelled", target=meeting, data={"reason": reason.strip()})
    return meeting


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    title: str,
    summary: str,
    actor: Any,
    presenter: Member | None = None,
    decision_needed: bool = False,
    confidential: bool = False,
) -> AgendaItem:
    meeting = _locked(meeting)
    _editable(meeting)
    if not (title or "").strip() or not (summary or "").strip():
        raise CoopError("Please give the item a title and say in easy read what it is about.")
    position = (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title.strip(),
        summary=summary.strip(),
        presenter=presenter,
        decision_needed=decision_needed,
        confidential=confidential,
    )
    audit(actor=actor, action="meeting.item_added", target=item, data={"meeting": meeting.pk})
    return item


@transaction.atomic
def item_update(*, item: AgendaItem, actor: Any, **fields: Any) -> AgendaItem:
    """Change an item. Before the meeting: title, summary, presenter, decision, confidential,
    position. At and after it: the notes for the minutes, until the minutes are approved."""
    meeting = _locked(item.meeting)
    before_meeting = {
        "title",
        "summary",
        "presenter",
        "decision_needed",
        "confidential",
        "position",
    }
    if set(fields) - {"notes"}:
        _editable(meeting)
    if "notes" in fields and meeting.status in (S.MINUTES_APPROVED, S.CANCELLED):
        raise CoopError("The minutes of this meeting are approved. The notes cannot change now.")
    unknown = set(fields) - before_meeting - {"notes"}
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise CoopError("Please give the item a title.")
    if item.source != AgendaItem.Source.WRITTEN and "title" in fields:
        fields.pop("title")
    changed = {}
    for key, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(item, key) != value:
            changed[key] = str(value)
            setattr(item, key, value)
    item.save()
    if changed:
        audit(actor=actor, action="meeting.item_changed", target=item, data=changed)
    return item


# --- Papers --------------------------------------------------------------------------------


def _paper_editable(paper: Paper) -> None:
    _editable(paper.item.meeting)
    if paper.source != AgendaItem.Source.WRITTEN:
        raise CoopError(
            "coop writes this paper from its records. Change the records, not the paper.",
            code="paper_automatic",
        )


@transaction.atomic
def paper_add(
    *,
    item: AgendaItem,
    title: str,
    actor: Any,
    confidential: bool = False,
    standard_text: str = "",
    standard_pdf=None,
) -> Paper:
    _locked(item.meeting)
    _editable(item.meeting)
    if not (title or "").strip():
        raise CoopError("Please give the paper a title.")
    if standard_pdf:
        standard_pdf = pdf_cleaned(standard_pdf)  # the form cleaned it too: this is cheap
    paper = Paper.objects.create(
        item=item,
        title=title.strip(),
        confidential=confidential,
        standard_text=standard_text.strip(),
        standard_pdf=standard_pdf or "",
        created_by=saved_user(actor),
    )
    audit(actor=actor, action="paper.added", target=paper, data={"item": item.pk})
    return paper


@transaction.atomic
def paper_update(*, paper: Paper, actor: Any, **fields: Any) -> Paper:
    _locked(paper.item.meeting)
    _paper_editable(paper)
    unknown = set(fields) - {"title", "confidential", "standard_text", "standard_pdf"}
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise CoopError("Please give the paper a title.")
    changed = {}
    for key, value in fields.items():
        if key == "standard_pdf":
            if not value:
                continue
            value = pdf_cleaned(value)
        value = value.strip() if isinstance(value, str) else value
        if getattr(paper, key) != value:
            changed[key] = str(value)[:200]
            setattr(paper, key, value)
    paper.save()
    if changed:
        audit(actor=actor, action="paper.changed", target=paper, data=changed)
    return paper


@transaction.atomic
def part_save(
    *,
    paper: Paper,
    actor: Any,
    words: str,
    heading: str = "",
    picture: str = "",
    picture_alt: str = "",
    part: PaperPart | None = None,
) -> PaperPart:
    """Add a part to a paper's easy-read version, or change one. The easy-read checker
    gives advice; it never refuses."""
    _locked(paper.item.meeting)
    _paper_editable(paper)
    if not blocks_of(words or "", headings=False):
        raise CoopError("Please write some words for this part.", code="no_words")
    if picture and picture not in PAPER_PICTURES:
        raise CoopError("Please choose one of the pictures shown.", code="bad_picture")
    alt = (picture_alt or "").strip() or PAPER_PICTURES.get(picture, "")
    if part is None:
        position = (paper.parts.aggregate(top=Max("position"))["top"] or 0) + 1
        part = PaperPart(paper=paper, position=position)
        action = "paper.part_added"
    else:
        if part.paper_id != paper.pk:
            raise CoopError("That part belongs to another paper.")
        action = "paper.part_changed"
    part.heading, part.words = heading.strip(), words.strip()
    part.picture, part.picture_alt = picture, alt if picture else ""
    part.save()
    paper.save(update_fields=["updated_at"])
    audit(actor=actor, action=action, target=paper, data={"part": part.pk})
    return part


@transaction.atomic
def part_delete(*, part: PaperPart, actor: Any) -> None:
    paper = part.paper
    _locked(paper.item.meeting)
    _paper_editable(paper)
    audit(
        actor=actor,
        action="paper.part_removed",
        target=paper,
        data={"heading": part.heading, "words": part.words},
    )
    part.delete()


def _write_generated(item: AgendaItem, papers) -> None:
    # Only coop's own papers are replaced: nothing a person wrote is touched.
    item.papers.filter(source=item.source).delete()
    for generated in papers:
        paper = Paper.objects.create(
            item=item,
            title=generated.title,
            source=item.source,
            confidential=generated.confidential,
            standard_text=generated.standard_text,
        )
        PaperPart.objects.bulk_create(
            PaperPart(
                paper=paper,
                position=position,
                heading=part.heading,
                words=part.words,
                picture=part.picture,
                picture_alt=PAPER_PICTURES.get(part.picture, "") if part.picture else "",
            )
            for position, part in enumerate(generated.parts, start=1)
        )


@transaction.atomic
def papers_refresh(*, meeting: Meeting, actor: Any) -> list[str]:
    """Make coop's own papers again from the records (minutes, actions, activities,
    money). Refused once the papers have gone out: the board read what was sent.
    Returns the titles of the items refreshed."""
    meeting = _locked(meeting)
    if meeting.status != S.PLANNED:
        raise CoopError(
            "The papers have gone out. They stay as they were sent.", code="papers_sent"
        )
    refreshed = []
    for item in meeting.items.exclude(source=AgendaItem.Source.WRITTEN):
        papers = build_papers(meeting, item.source)
        if papers is None:
            continue  # nothing in coop writes this paper yet: the board writes it
        _write_generated(item, papers)
        refreshed.append(item.title)
    audit(actor=actor, action="meeting.papers_refreshed", target=meeting, data={"items": refreshed})
    return refreshed


# --- At the meeting ------------------------------------------------------------------------


def _can_record(meeting: Meeting, today: dt.date) -> None:
    if meeting.status in (S.CANCELLED, S.MINUTES_APPROVED):
        raise CoopError(
            f"This meeting is {meeting.get_status_display().lower()}. Its record cannot change.",
            code="meeting_closed",
        )
    if timezone.localtime(meeting.starts_at).date() > today:
        raise CoopError(
            "This meeting has not happened yet. Record it on the day.", code="too_early"
        )


def sitting_fee_rate_on(day: dt.date) -> SittingFeeRate | None:
    return SittingFeeRate.objects.filter(starts_on__lte=day).order_by("-starts_on").first()


@transaction.atomic
def attendance_save(
    *,
    meeting: Meeting,
    statuses: dict[int, str],
    actor: Any,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Record who came (member id -> present, apologies or absent). The meeting becomes
    held. A board member marked present is owed the sitting fee once per meeting: saving
    again changes nothing, marking them not present cancels a fee not yet paid, and a paid
    fee cannot be taken back here. Observers sit without a fee. Returns counts of fees made
    owed and cancelled."""
    today = today or timezone.localdate()
    meeting = _locked(meeting)
    _can_record(meeting, today)
    valid = set(Attendance.Status.values)
    bad = [s for s in statuses.values() if s not in valid]
    if bad:
        raise CoopError("Please choose came, sent apologies or did not come for each person.")
    day = timezone.localtime(meeting.starts_at).date()
    allowed = {m.pk for m in board_members_on(day)}
    allowed |= set(meeting.attendance.values_list("member_id", flat=True))
    strangers = set(statuses) - allowed
    if strangers:
        raise CoopError("Only people on the board on the day of the meeting can be marked.")
    fees = {f.member_id: f for f in SittingFee.objects.select_for_update().filter(meeting=meeting)}
    for member_id, status in statuses.items():
        fee = fees.get(member_id)
        if status != Attendance.Status.PRESENT and fee and fee.status == SittingFee.Status.PAID:
            name = fee.member.display_name
            raise CoopError(
                f"{name}'s sitting fee for this meeting is paid. Ask finance before changing "
                "whether they came.",
                code="fee_paid",
            )
    rate = sitting_fee_rate_on(day)
    observers = set(
        BoardMembership.objects.on(day)
        .filter(role=BoardMembership.Role.OBSERVER)
        .values_list("member_id", flat=True)
    )
    owed = cancelled = 0
    now = timezone.now()
    for member_id, status in statuses.items():
        Attendance.objects.update_or_create(
            meeting=meeting,
            member_id=member_id,
            defaults={
                "status": status,
                "recorded_by": saved_user(actor),
            },
        )
        fee = fees.get(member_id)
        if status == Attendance.Status.PRESENT:
            if rate is None or rate.amount_pence == 0 or member_id in observers:
                continue  # no fee set, or an observer (who sits without a fee)
            if fee is None:
                SittingFee.objects.create(
                    meeting=meeting,
                    member_id=member_id,
                    amount_pence=rate.amount_pence,
                    owed_at=now,
                )
                owed += 1
            elif fee.status == SittingFee.Status.CANCELLED:
                fee.status, fee.owed_at, fee.amount_pence = (
                    SittingFee.Status.OWED,
                    now,
                    rate.amount_pence,
                )
                fee.save(update_fields=["status", "owed_at", "amount_pence"])
                owed += 1
        elif fee is not None and fee.status == SittingFee.Status.OWED:
            fee.status = SittingFee.Status.CANCELLED
            fee.save(update_fields=["status"])
            cancelled += 1
    if meeting.status in (S.PLANNED, S.PAPERS_SENT):
        _move(meeting, S.HELD)
        meeting.held_at = now
        meeting.save(update_fields=["status", "held_at"])
    audit(
        actor=actor,
        action="meeting.attendance_saved",
        target=meeting,
        data={
            "statuses": {str(k): v for k, v in statuses.items()},
            "fees_owed": owed,
            "fees_cancelled": cancelled,
        },
    )
    return {"owed": owed, "cancelled": cancelled}


def _held(meeting: Meeting) -> None:
    if meeting.status != S.HELD:
        raise CoopError(
            "Record who came first. Then you can add decisions and actions."
            if meeting.status in EDITABLE
            else f"This meeting is {meeting.get_status_display().lower()}. "
            "Its record cannot change.",
            code="meeting_not_held",
        )


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    wording: str,
    actor: Any,
    item: AgendaItem | None = None,
    outcome: str = Decision.Outcome.AGREED,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
) -> Decision:
    meeting = _locked(meeting)
    _held(meeting)
    if not (wording or "").strip():
        raise CoopError("Please write what the board decided.", code="no_wording")
    if item is not None and item.meeting_id != meeting.pk:
        raise CoopError("That item is on another meeting's agenda.")
    if outcome == Decision.Outcome.VOTE:
        counts = [votes_for, votes_against, abstentions]
        if any(c is None or c < 0 for c in counts):
            raise CoopError("Please say how many voted for, against, and did not vote.")
        present = meeting.attendance.filter(status=Attendance.Status.PRESENT).count()
        if sum(counts) > present:
            raise CoopError(
                f"{sum(counts)} votes is more than the {present} people who came.",
                code="too_many_votes",
            )
    elif outcome == Decision.Outcome.AGREED:
        votes_for = votes_against = abstentions = None
    else:
        raise CoopError("Please say whether everyone agreed or there was a vote.")
    decision = Decision.objects.create(
        meeting=meeting,
        item=item,
        wording=wording.strip(),
        outcome=outcome,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        recorded_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="meeting.decision_recorded",
        target=decision,
        data={"meeting": meeting.pk, "outcome": outcome},
    )
    return decision


@transaction.atomic
def action_add(
    *,
    meeting: Meeting,
    what: str,
    owner: Member,
    due_on: dt.date,
    actor: Any,
    item: AgendaItem | None = None,
) -> Action:
    meeting = _locked(meeting)
    _held(meeting)
    if not (what or "").strip():
        raise CoopError("Please write what needs doing.", code="no_what")
    if due_on is None:
        raise CoopError("Please say by when.", code="no_date")
    if due_on < timezone.localtime(meeting.starts_at).date():
        raise CoopError("The date is before the meeting. Please choose a later date.")
    if item is not None and item.meeting_id != meeting.pk:
        raise CoopError("That item is on another meeting's agenda.")
    action = Action.objects.create(
        meeting=meeting,
        item=item,
        what=what.strip(),
        owner=owner,
        due_on=due_on,
        recorded_by=saved_user(actor),
    )
    audit(actor=actor, action="meeting.action_added", target=action, data={"owner": owner.pk})
    return action


@transaction.atomic
def action_done(*, action: Action, actor: Any, note: str = "") -> Action:
    """Mark an action done (safe to repeat: the first time stands)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.done_at is None:
        action.done_at = timezone.now()
        action.done_note = (note or "").strip()
        action.save(update_fields=["done_at", "done_note"])
        audit(
            actor=actor,
            action="meeting.action_done",
            target=action,
            data={"note": action.done_note},
        )
    return action


@transaction.atomic
def minutes_approve(*, meeting: Meeting, at_meeting: Meeting, actor: Any) -> Meeting:
    """The board approves a held meeting's minutes at a later meeting; members then see
    them. Safe to repeat."""
    meeting = _locked(meeting)
    at_meeting = Meeting.objects.get(pk=at_meeting.pk)
    if meeting.status == S.MINUTES_APPROVED:
        return meeting
    if meeting.status != S.HELD:
        raise CoopError("Only the minutes of a meeting that was held can be approved.")
    if at_meeting.starts_at <= meeting.starts_at or at_meeting.pk == meeting.pk:
        raise CoopError("Minutes are approved at a later meeting.", code="not_later")
    if at_meeting.status != S.HELD:
        raise CoopError(
            f"Record who came to {at_meeting.title} first: the minutes are approved there.",
            code="meeting_not_held",
        )
    _move(meeting, S.MINUTES_APPROVED)
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_at_meeting = at_meeting
    meeting.save(update_fields=["status", "minutes_approved_at", "minutes_approved_at_meeting"])
    Decision.objects.create(
        meeting=at_meeting,
        item=at_meeting.items.filter(source=AgendaItem.Source.MINUTES).first(),
        wording=f"The minutes of {meeting.title} are right.",
        recorded_by=saved_user(actor),
    )
    audit(
        actor=actor,
        action="meeting.minutes_approved",
        target=meeting,
        data={"at_meeting": at_meeting.pk},
    )
    return meeting


# --- Sitting fees --------------------------------------------------------------------------


@transaction.atomic
def sitting_fee_rate_set(*, amount_pence: int, starts_on: dt.date, actor: Any) -> SittingFeeRate:
    if amount_pence is None or amount_pence < 0:
        raise CoopError("Please give the fee in pounds, like 20.00.", code="bad_amount")
    rate, _ = SittingFeeRate.objects.update_or_create(
        starts_on=starts_on,
        defaults={
            "amount_pence": amount_pence,
            "set_by": saved_user(actor),
        },
    )
    audit(
        actor=actor,
        action="sitting_fee.rate_set",
        target=rate,
        data={"amount_pence": amount_pence, "starts_on": str(starts_on)},
    )
    return rate


@transaction.atomic
def sitting_fee_pay(
    *, fee: SittingFee, method: str, actor: Any, day: dt.date | None = None
) -> SittingFee:
    """Finance pays a sitting fee: posted to the ledger (board sitting fees out of the bank
    or cash) with the fee's own key, so paying twice pays once."""
    from finance.services.ledger import ledger_post

    fee = SittingFee.objects.select_for_update().select_related("member", "meeting").get(pk=fee.pk)
    if fee.status == SittingFee.Status.PAID:
        return fee
    if fee.status != SittingFee.Status.OWED:
        raise CoopError("This sitting fee is not owed.", code="fee_not_owed")
    if method not in SittingFee.Method.values:
        raise CoopError("Please choose bank transfer or cash.", code="bad_method")
    day = day or timezone.localdate()
    txn = ledger_post(
        date=day,
        description=f"Sitting fee: {fee.member.display_name}, {fee.meeting.title}",
        reference=f"sitting-fee:{fee.pk}",
        key=f"sitting-fee:{fee.pk}:paid",
        lines=[("board_fees", fee.amount_pence, 0), (method, 0, fee.amount_pence)],
        actor=actor,
    )
    fee.status, fee.paid_at, fee.method = SittingFee.Status.PAID, timezone.now(), method
    fee.paid_by = saved_user(actor)
    fee.ledger_transaction = txn
    fee.save()
    audit(
        actor=actor,
        action="sitting_fee.paid",
        target=fee,
        data={"amount_pence": fee.amount_pence, "method": method},
    )
    return fee
