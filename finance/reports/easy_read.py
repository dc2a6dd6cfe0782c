"""The easy-read version of the quarterly report: one list of pages (one idea a page, each
with its sentences and, where it helps, a simple bar chart whose every number is also
written beside it), shared by the PDF and the web page."""

from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from coop.documents import BulletList, Heading, PageBreak, Para, PictureRow
from coop.money import format_pence
from finance.reports.figures import BranchFigures, Progress, QuarterFigures, no_progress

# More branches than this get one table in the standard version, not a page each.
EASY_BRANCH_PAGES = 6
BAR_COLOURS = [colors.HexColor("#1d4f91"), colors.HexColor("#b35c00"), colors.HexColor("#2e7d32")]
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


@dataclass
class EasyPage:
    heading: str
    sentences: list[str]
    bars: list[tuple[str, int]] = field(default_factory=list)
    # What the bars count: "money" (pence, written as £5) or "people".
    unit: str = "money"

    @property
    def alt(self) -> str:
        parts = [f"{name}: {value_text}" for name, value_text in self.bar_words]
        return "Bar chart. " + ". ".join(parts) + "."

    @property
    def bar_words(self) -> list[tuple[str, str]]:
        if self.unit == "people":
            return [(name, f"{value}") for name, value in self.bars]
        return [(name, format_pence(value)) for name, value in self.bars]


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
        pages += [
            _branch_page(branch, has_activities=figures.has_activities)
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
        [
            "This report is about 3 months.",
            f"It is about {quarter.months}.",
            *so_far,
            "It tells you about our money.",
            "It tells you about our activities.",
        ],
    )


def _money_page(figures: QuarterFigures) -> EasyPage:
    spent = figures.spending_pence
    return EasyPage(
        "Money in and money out",
        [
            f"Money in: {format_pence(figures.income_pence)}.",
            f"Money out: {format_pence(spent)}.",
            "The first bar is money in.",
            "The second bar is money out.",
        ],
        [("Money in", figures.income_pence), ("Money out", spent)],
    )


def _verdict(planned: int, spent: int) -> str:
    """The spending against the plan in words: more or less than planned past 10%."""
    if planned == 0 and spent == 0:
        return "on track"
    if spent * 10 > planned * 11:
        return "more than planned"
    if spent * 10 < planned * 9:
        return "less than planned"
    return "on track"


def _plan_page(figures: QuarterFigures) -> EasyPage:
    planned, spent = figures.budget_pence, figures.spending_pence
    return EasyPage(
        "What we planned to spend",
        [
            f"We planned to spend {format_pence(planned)}.",
            f"We spent {format_pence(spent)}.",
            VERDICT_SENTENCE[_verdict(planned, spent)],
        ],
        [("Planned", planned), ("Spent", spent)],
    )


def _fees_page(fees: dict[str, int] | None) -> EasyPage:
    """The fees paid, and where they went: given back, kept, still held, adding up."""
    if fees is None:
        return EasyPage("Booking fees", [NO_FEES_EASY])
    paid, back = format_pence(fees["taken_pence"]), format_pence(fees["refunded_pence"])
    kept, held = format_pence(fees["kept_pence"]), format_pence(fees["held_pence"])
    return EasyPage(
        "Booking fees",
        [
            f"People paid {paid} in booking fees.",
            f"We gave back {back}.",
            f"We kept {kept}.",
            "We keep a fee when a person does not come.",
            "We also keep it when a person cancels too late.",
            f"We still hold {held} for activities.",
            f"{back} and {kept} and {held} make {paid}.",
        ],
        [
            ("Paid to us", fees["taken_pence"]),
            ("Given back", fees["refunded_pence"]),
            ("Kept", fees["kept_pence"]),
            ("Still held", fees["held_pence"]),
        ],
    )


def _activities_page(acts: dict[str, Any] | None) -> EasyPage:
    if acts is None:
        return EasyPage("Activities", [NO_ACTIVITIES_EASY])
    no_show, to_come = acts.get("no_show_one_in"), acts.get("activities_to_come", 0)
    return EasyPage(
        "Activities",
        [
            f"We held {_people(acts['activities_held'], 'activity', 'activities')}.",
            *(
                [
                    f"{_people(to_come, 'more activity has', 'more activities have')} not happened"
                    " yet."
                ]
                if to_come
                else []
            ),
            f"{_people(acts['attended'], 'person', 'people')} came.",
            f"{_people(acts['no_shows'], 'person', 'people')} did not come.",
            *(
                [f"Of these {acts['attendance_known']} people, 1 in {no_show} did not come."]
                if no_show
                else []
            ),
        ],
        [("People who came", acts["attended"]), ("People who did not come", acts["no_shows"])],
        unit="people",
    )


def _members_page(figures: QuarterFigures) -> EasyPage:
    return EasyPage(
        "Members",
        [
            f"{_people(figures.joined, 'new member', 'new members')} joined.",
            f"{_people(figures.left, 'member', 'members')} left.",
        ],
    )


def _category_pages(figures: QuarterFigures) -> list[EasyPage]:
    """Where the money came from, and what it went on, with each budget in words."""
    pages = []
    money_in = figures.money_in_by_category
    if money_in:
        pages.append(
            EasyPage(
                "Where our money came from",
                [f"{row.account.name}: {format_pence(row.actual_pence)}." for row in money_in],
                [(row.account.name, row.actual_pence) for row in money_in],
            )
        )
    money_out = figures.money_out_by_category
    if money_out:
        sentences = []
        for row in money_out:
            sentences.append(f"{row.account.name}: {format_pence(row.actual_pence)}.")
            if row.budget_pence:
                sentences.append(f"We planned {format_pence(row.budget_pence)}.")
                sentences.append(VERDICT_SENTENCE[row.verdict])
        pages.append(
            EasyPage(
                "What we spent money on",
                sentences,
                [(row.account.name, row.actual_pence) for row in money_out],
            )
        )
    return pages


def _branch_page(branch: BranchFigures, *, has_activities: bool = True) -> EasyPage:
    members = [
        f"{_people(branch.joined, 'new member', 'new members')} joined.",
        f"{_people(branch.left, 'member', 'members')} left.",
    ]
    if not has_activities:
        return EasyPage(f"{branch.name} branch", members, unit="people")
    return EasyPage(
        f"{branch.name} branch",
        [
            f"We held {_people(branch.activities_held, 'activity', 'activities')} here.",
            f"{_people(branch.attended, 'person', 'people')} came.",
            f"{_people(branch.no_shows, 'person', 'people')} did not come.",
            f"People paid {format_pence(branch.fees_taken_pence)} in booking fees.",
            f"We gave back {format_pence(branch.fees_refunded_pence)}.",
            f"We kept {format_pence(branch.fees_kept_pence)}.",
            f"We still hold {format_pence(branch.fees_held_pence)}.",
            *members,
        ],
        [("People who came", branch.attended), ("People who did not come", branch.no_shows)]
        if branch.attended or branch.no_shows
        else [],
        unit="people",
    )


def bar_chart(bars: list[tuple[str, int]]) -> Drawing:
    """A plain horizontal bar chart with no words in it: the words go beside it."""
    drawing = Drawing(200, 40 + 40 * len(bars))
    chart = HorizontalBarChart()
    chart.x, chart.y = 10, 10
    chart.width, chart.height = 180, 20 + 40 * len(bars)
    # Top to bottom in the order given.
    chart.data = [[value for _, value in reversed(bars)]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([value for _, value in bars] + [1])
    chart.valueAxis.visible = False
    chart.categoryAxis.visible = False
    chart.bars.strokeColor = None
    for index in range(len(bars)):
        chart.bars[(0, index)].fillColor = BAR_COLOURS[(len(bars) - 1 - index) % 3]
    drawing.add(chart)
    return drawing


def easy_pdf_blocks(figures: QuarterFigures, progress: Progress = no_progress) -> list:
    blocks: list = []
    progress("Drawing the charts")
    for number, page in enumerate(easy_pages(figures)):
        blocks.append(Heading(page.heading, level=1 if number == 0 else 2))
        if page.bars:
            words = [f"{name}: {value}." for name, value in page.bar_words]
            blocks.append(PictureRow(image=bar_chart(page.bars), alt=page.alt, paragraphs=words))
        blocks.extend(Para(sentence) for sentence in page.sentences)
        blocks.append(PageBreak())
    blocks.append(Heading("Words we used", level=2))
    blocks.append(BulletList(WORDS))
    return blocks
