"""The easy-read version of the quarterly report: one list of pages (one idea a page, a
picture beside its sentences and, where it helps, a bar under each sentence that says a
figure), shared by the PDF and the web page."""

from dataclasses import dataclass
from typing import Any

from coop.documents import BarLine, Heading, PageBreak
from coop.money import format_pence
from coop.pictures import picture_row
from finance.reports.figures import (
    FEE_KEPT_RULE,
    BranchFigures,
    Progress,
    QuarterFigures,
    no_progress,
)
from finance.selectors import Purse, spending_verdict

# More branches than this get one table in the standard version, not a page each.
EASY_BRANCH_PAGES = 6
WORDS = [
    "Budget: the money we plan to spend.",
    "Booking fee: money you pay when you book. You get it back when you come.",
    "Quarter: 3 months of the year.",
    "Income: money that comes in to the co-operative.",
]
# Said on the activities page when no app provides the activity figures.
NO_ACTIVITIES_EASY = "We do not have the numbers about activities."
# Said on the booking fees page then: the fees are counted from the bookings.
NO_FEES_EASY = "We do not have the numbers about booking fees."
VERDICT_SENTENCE = {
    "on track": "This is on track.",
    "more than planned": "We spent more than planned.",
    "less than planned": "We spent less than planned.",
}
# The picture beside each page's words (a static file), and what it shows.
MONEY = "coop/pictures/money.svg"
CALENDAR = "coop/pictures/calendar.svg"
PEOPLE = "coop/pictures/people.svg"
SPEECH = "coop/pictures/listen.svg"
PICTURE_ALT = {
    MONEY: "Some money",
    CALENDAR: "A calendar",
    PEOPLE: "A group of people together",
    SPEECH: "A speech bubble",
}


@dataclass(frozen=True)
class EasyLine:
    """A sentence, and the bar under it when it says a figure shown as a bar: ``value`` of
    ``most`` (the page's longest bar)."""

    text: str
    value: int | None = None
    most: int = 0

    @property
    def bar_percent(self) -> int:
        """How much of the full length the bar takes, in whole percent; at least 1 for any
        figure that is not nothing, so it can be seen."""
        if not self.value or not self.most:
            return 0
        return max(1, round(self.value * 100 / self.most))


# A sentence, or a sentence with the figure it says, to be drawn as a bar under it.
Said = str | tuple[str, int]


def easy_lines(*said: Said) -> list[EasyLine]:
    """A page's lines: each sentence that says a figure has that figure's bar under it (so the
    figure is said once, by the sentence), every bar measured against the page's longest."""
    most = max((item[1] for item in said if isinstance(item, tuple)), default=0)
    return [
        EasyLine(item) if isinstance(item, str) else EasyLine(item[0], item[1], most)
        for item in said
    ]


@dataclass
class EasyPage:
    heading: str
    lines: list[EasyLine]
    picture: str = MONEY

    @property
    def picture_alt(self) -> str:
        return PICTURE_ALT[self.picture]

    @property
    def sentences(self) -> list[str]:
        return [line.text for line in self.lines]


def _people(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def easy_pages(figures: QuarterFigures) -> list[EasyPage]:
    """The easy-read report, one idea a page."""
    pages = [
        _opening_page(figures),
        _money_page(figures),
        _plan_page(figures),
        *_category_pages(figures),
        _fees_page(figures.fees),
        _activities_page(figures.activities),
        _members_page(figures),
    ]
    if len(figures.branches) <= EASY_BRANCH_PAGES:
        money = {purse.name: purse for purse in figures.purses}
        pages += [
            _branch_page(branch, money.get(branch.name), has_activities=figures.has_activities)
            for branch in figures.branches
        ]
    return pages


def _opening_page(figures: QuarterFigures) -> EasyPage:
    quarter = figures.quarter
    so_far = (
        ["These 3 months are not over yet.", f"The numbers are {figures.period_words}."]
        if figures.so_far
        else []
    )
    return EasyPage(
        f"Our money and activities: {quarter.months}",
        easy_lines(
            "This report is about 3 months.",
            f"It is about {quarter.months}.",
            *so_far,
            "It tells you about our money.",
            "It tells you about our activities.",
        ),
        picture=CALENDAR,
    )


def _money_page(figures: QuarterFigures) -> EasyPage:
    money_in, money_out = figures.income_pence, figures.spending_pence
    return EasyPage(
        "Money in and money out",
        easy_lines(
            (f"Money in: {format_pence(money_in)}.", money_in),
            (f"Money out: {format_pence(money_out)}.", money_out),
        ),
    )


def _plan_page(figures: QuarterFigures) -> EasyPage:
    planned, spent = figures.budget_pence, figures.spending_pence
    return EasyPage(
        "What we planned to spend",
        easy_lines(
            (f"We planned to spend {format_pence(planned)}.", planned),
            (f"We spent {format_pence(spent)}.", spent),
            VERDICT_SENTENCE[spending_verdict(budget_pence=planned, actual_pence=spent)],
        ),
    )


def _fees_page(fees: dict[str, int] | None) -> EasyPage:
    """The fees paid, and where they went: given back, kept, still held, adding up."""
    if fees is None:
        return EasyPage("Booking fees", easy_lines(NO_FEES_EASY))
    taken, refunded = fees["taken_pence"], fees["refunded_pence"]
    kept, held = fees["kept_pence"], fees["held_pence"]
    paid, back = format_pence(taken), format_pence(refunded)
    return EasyPage(
        "Booking fees",
        easy_lines(
            (f"People paid {paid} in booking fees.", taken),
            (f"We gave back {back}.", refunded),
            (f"We kept {format_pence(kept)}.", kept),
            FEE_KEPT_RULE,
            (f"We still hold {format_pence(held)} for activities.", held),
            f"{back} and {format_pence(kept)} and {format_pence(held)} make {paid}.",
        ),
    )


def _came(attended: int, no_shows: int) -> list[Said]:
    """Who came and who did not, each with its bar (when anyone's attendance is known)."""
    came = f"{_people(attended, 'person', 'people')} came."
    did_not = f"{_people(no_shows, 'person', 'people')} did not come."
    if not attended and not no_shows:
        return [came, did_not]
    return [(came, attended), (did_not, no_shows)]


def _activities_page(acts: dict[str, Any] | None) -> EasyPage:
    if acts is None:
        return EasyPage("Activities", easy_lines(NO_ACTIVITIES_EASY), picture=PEOPLE)
    no_show, to_come = acts.get("no_show_one_in"), acts.get("activities_to_come", 0)
    return EasyPage(
        "Activities",
        easy_lines(
            f"We held {_people(acts['activities_held'], 'activity', 'activities')}.",
            *(
                [
                    f"{_people(to_come, 'more activity has', 'more activities have')} not happened"
                    " yet."
                ]
                if to_come
                else []
            ),
            *_came(acts["attended"], acts["no_shows"]),
            *(
                [f"Of these {acts['attendance_known']} people, 1 in {no_show} did not come."]
                if no_show
                else []
            ),
        ),
        picture=PEOPLE,
    )


def _members_page(figures: QuarterFigures) -> EasyPage:
    return EasyPage(
        "Members",
        easy_lines(
            f"{_people(figures.joined, 'new member', 'new members')} joined.",
            f"{_people(figures.left, 'member', 'members')} left.",
        ),
        picture=PEOPLE,
    )


def _category_pages(figures: QuarterFigures) -> list[EasyPage]:
    """Where the money came from, and what it went on, with each budget in words."""
    pages = []
    money_in = figures.money_in_by_category
    if money_in:
        pages.append(
            EasyPage(
                "Where our money came from",
                easy_lines(
                    *[
                        (f"{row.account.name}: {format_pence(row.actual_pence)}.", row.actual_pence)
                        for row in money_in
                    ]
                ),
            )
        )
    money_out = figures.money_out_by_category
    if money_out:
        said: list[Said] = []
        for row in money_out:
            said.append(
                (f"{row.account.name}: {format_pence(row.actual_pence)}.", row.actual_pence)
            )
            if row.budget_pence:
                said.append(f"We planned {format_pence(row.budget_pence)}.")
                said.append(VERDICT_SENTENCE[row.verdict])
        pages.append(EasyPage("What we spent money on", easy_lines(*said)))
    return pages


def _branch_money(purse: Purse | None) -> list[str]:
    """The money given for the branch and spent there (a grant for one borough)."""
    if purse is None or not (purse.income_pence or purse.spending_pence):
        return ["This branch had no money of its own."]
    return [
        f"This branch got {format_pence(purse.income_pence)}.",
        f"This branch spent {format_pence(purse.spending_pence)}.",
    ]


def _branch_page(
    branch: BranchFigures, purse: Purse | None = None, *, has_activities: bool = True
) -> EasyPage:
    members = [
        f"{_people(branch.joined, 'new member', 'new members')} joined.",
        f"{_people(branch.left, 'member', 'members')} left.",
        *_branch_money(purse),
    ]
    if not has_activities:
        return EasyPage(f"{branch.name} branch", easy_lines(*members), picture=PEOPLE)
    return EasyPage(
        f"{branch.name} branch",
        easy_lines(
            f"We held {_people(branch.activities_held, 'activity', 'activities')} here.",
            *_came(branch.attended, branch.no_shows),
            f"People paid {format_pence(branch.fees_taken_pence)} in booking fees.",
            f"We gave back {format_pence(branch.fees_refunded_pence)}.",
            f"We kept {format_pence(branch.fees_kept_pence)}.",
            f"We still hold {format_pence(branch.fees_held_pence)}.",
            *members,
        ),
        picture=PEOPLE,
    )


def _line_block(line: EasyLine) -> str | BarLine:
    return line.text if line.value is None else BarLine(line.text, line.value, line.most)


def easy_pdf_blocks(figures: QuarterFigures, progress: Progress = no_progress) -> list:
    """Each page's heading, then its picture with its lines (and bars) beside it."""
    blocks: list = []
    progress("Drawing the charts")
    for number, page in enumerate(easy_pages(figures)):
        blocks.append(Heading(page.heading, level=1 if number == 0 else 2))
        lines = [_line_block(line) for line in page.lines]
        blocks.append(picture_row(page.picture, page.picture_alt, lines))
        blocks.append(PageBreak())
    blocks.append(Heading("Words we used", level=2))
    blocks.append(picture_row(SPEECH, PICTURE_ALT[SPEECH], WORDS))
    return blocks
