"""Each person's fair share of an activity's costs, worked out from its cost lines: the
venue, transport and other costs, less the grants that pay part of them, divided by the
places, rounded up to a round figure. Support workers are never in it: the co-operative
pays for them."""

from dataclasses import dataclass

from coop.money import format_pence
from events.models import (
    Activity,
    CostGrant,
    CostLine,
    CostShare,
    SupportBooking,
    SupportNeed,
)

SUPPORT_PAID = "The co-operative pays for the support workers. You do not pay for them."

# The share is rounded up to a whole 50p, so it is easy to pay in coins on the day. Rounding
# up adds at most 49p a person; the co-operative pays for any places left empty.
ROUND_TO_PENCE = 50


def round_up(pence: int, step: int = ROUND_TO_PENCE) -> int:
    return -(-pence // step) * step


def words_and(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True)
class Share:
    planned_pence: int  # venue, transport and other, as planned
    real_pence: int  # the same, paid where paid, else as planned
    grants_pence: int
    support_pence: int  # booked support workers: the co-operative pays
    places: int
    exact_pence: int  # (planned less grants) / places, rounded up to whole pence
    each_pence: int  # the same rounded up to a round figure: what a person is asked
    real_each_pence: int
    what: str  # "driver and fuel"
    charged: bool

    @property
    def member_line(self) -> str:
        """The words members read when the activity is advertised."""
        if not self.what:
            return ""
        if self.charged and self.each_pence:
            # Said after "It costs £5 on the day.": the same £5, not a second one.
            return f"That {format_pence(self.each_pence)} pays your share of {self.what}."
        return f"The co-operative pays for {self.what}. You do not pay for it."


def _each(total: int, places: int) -> int:
    return -(-max(total, 0) // max(places, 1))


def share_for(activity: Activity) -> Share:
    """The activity's costs and each person's share, in whole pence."""
    lines = list(CostLine.objects.filter(activity=activity))
    planned = sum(line.planned_pence for line in lines)
    real = sum(line.real_pence if line.expense_id else line.planned_pence for line in lines)
    grants = sum(CostGrant.objects.filter(activity=activity).values_list("amount_pence", flat=True))
    support = sum(
        SupportBooking.objects.filter(
            activity=activity, status=SupportBooking.Status.BOOKED
        ).values_list("cost_pence", flat=True)
    )
    what: list[str] = []
    for line in lines:
        if line.what not in what:
            what.append(line.what)
    exact = _each(planned - grants, activity.places)
    return Share(
        planned_pence=planned,
        real_pence=real,
        grants_pence=grants,
        support_pence=support,
        places=activity.places,
        exact_pence=exact,
        each_pence=round_up(exact),
        real_each_pence=round_up(_each(real - grants, activity.places)),
        what=words_and(what),
        charged=CostShare.objects.filter(activity=activity, charged=True).exists(),
    )


def member_cost_lines(activity: Activity) -> list[str]:
    """What members read wherever the activity is advertised or reminded (its page, "what
    is on" by email, text, call or letter, the calendar feed, reminders, the booked
    message and page), after the cost on the day: each person's share and what it is
    for, when it is the cost on the day (or the co-operative pays it all and the day is
    free), and that the co-operative pays for the support workers."""
    lines = []
    share = share_for(activity)
    if share.what:
        if share.charged and activity.cost_pence == share.each_pence:
            lines.append(share.member_line)
            if share.grants_pence and share.each_pence:  # a grant paying it all: said above
                lines.append("A grant pays for part of it. So you pay less.")
        elif not share.charged and activity.cost_pence == 0:
            lines.append(share.member_line)
    needed = SupportNeed.objects.filter(activity=activity, workers_needed__gt=0).exists()
    booked = SupportBooking.objects.filter(
        activity=activity, status=SupportBooking.Status.BOOKED
    ).exists()
    if needed or booked:
        lines.append(SUPPORT_PAID)
    return lines
