"""The quarterly report in each version and format. The easy-read version is built from
one list of pages (one idea a page, each with its sentences and, where it helps, a simple
bar chart whose every number is also written beside it), shared by the PDF and the page."""

from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from coop.context_processors import site
from coop.documents import (
    BulletList,
    DataTable,
    Document,
    Heading,
    PageBreak,
    Para,
    PictureRow,
    Style,
)
from coop.money import format_pence
from coop.spreadsheet import csv_text
from finance.errors import ReportError
from finance.reports.figures import BranchFigures, Progress, QuarterFigures, no_progress

VERSIONS = ("easy-read", "standard")
FORMATS = ("pdf", "html", "csv")
CONTENT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "csv": "text/csv"}
# The stage each format reaches last, for whoever is watching the report being made.
MAKING = {"pdf": "Making the PDF", "html": "Making the web page", "csv": "Making the spreadsheet"}
# More branches than this get one table in the standard version, not a page each.
EASY_BRANCH_PAGES = 6
BAR_COLOURS = [colors.HexColor("#1d4f91"), colors.HexColor("#b35c00"), colors.HexColor("#2e7d32")]
WORDS = [
    "Budget: the money we plan to spend.",
    "Booking fee: money you pay when you book. You get it back when you come.",
    "Quarter: 3 months of the year.",
    "Income: money that comes in to the co-operative.",
]
# Said wherever the activity figures would be, when no app provides them.
NO_ACTIVITIES = "Activity figures are not available."
NO_ACTIVITIES_EASY = "We do not have the numbers about activities."
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
    q = figures.quarter
    fees = figures.fees
    planned = figures.budget_pence
    spent = figures.spending_pence
    if planned == 0 and spent == 0:
        verdict = "on track"
    elif spent * 10 > planned * 11:
        verdict = "more than planned"
    elif spent * 10 < planned * 9:
        verdict = "less than planned"
    else:
        verdict = "on track"
    pages = [
        EasyPage(
            f"Our money and activities: {q.months}",
            [
                "This report is about 3 months.",
                f"It is about {q.months}.",
                "It tells you about our money.",
                "It tells you about our activities.",
            ],
        ),
        EasyPage(
            "Money in and money out",
            [
                f"Money in: {format_pence(figures.income_pence)}.",
                f"Money out: {format_pence(spent)}.",
                "The first bar is money in.",
                "The second bar is money out.",
            ],
            [("Money in", figures.income_pence), ("Money out", spent)],
        ),
        EasyPage(
            "What we planned to spend",
            [
                f"We planned to spend {format_pence(planned)}.",
                f"We spent {format_pence(spent)}.",
                VERDICT_SENTENCE[verdict],
            ],
            [("Planned", planned), ("Spent", spent)],
        ),
        EasyPage(
            "Booking fees",
            [
                f"People paid {format_pence(fees['taken_pence'])} in booking fees.",
                f"We paid back {format_pence(fees['refunded_pence'])}.",
                f"We kept {format_pence(fees['kept_pence'])}.",
                "We keep a fee when a person does not come.",
            ],
            [
                ("Paid to us", fees["taken_pence"]),
                ("Paid back", fees["refunded_pence"]),
                ("Kept", fees["kept_pence"]),
            ],
        ),
        _activities_page(figures.activities),
        EasyPage(
            "Members",
            [
                f"{_people(figures.joined, 'new member', 'new members')} joined.",
                f"{_people(figures.left, 'member', 'members')} left.",
            ],
        ),
    ]
    pages[3:3] = _category_pages(figures)
    if len(figures.branches) <= EASY_BRANCH_PAGES:
        pages += [
            _branch_page(branch, has_activities=figures.has_activities)
            for branch in figures.branches
        ]
    return pages


def _activities_page(acts: dict[str, Any] | None) -> EasyPage:
    if acts is None:
        return EasyPage("Activities", [NO_ACTIVITIES_EASY])
    no_show = acts.get("no_show_one_in")
    return EasyPage(
        "Activities",
        [
            f"We held {_people(acts['activities_held'], 'activity', 'activities')}.",
            f"{_people(acts['attended'], 'person', 'people')} came.",
            f"{_people(acts['no_shows'], 'person', 'people')} did not come.",
            *([f"That is 1 in {no_show} people who booked."] if no_show else []),
        ],
        [("People who came", acts["attended"]), ("People who did not come", acts["no_shows"])],
        unit="people",
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


def _easy_pdf_blocks(figures: QuarterFigures, progress: Progress = no_progress) -> list:
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


def _standard_blocks(figures: QuarterFigures) -> list:
    q = figures.quarter
    fees = figures.fees
    net = figures.income_pence - figures.spending_pence
    return [
        Heading(f"Quarterly report {q.label}: {q.months}"),
        Heading("Income and spending", level=2),
        DataTable(
            header=["What", "Amount"],
            rows=[
                ["Income", format_pence(figures.income_pence)],
                ["Spending", format_pence(figures.spending_pence)],
                ["Income less spending", format_pence(net)],
            ],
            caption="Income and spending in the quarter",
        ),
        Heading("Money in and out by category", level=2),
        DataTable(
            header=["Category", "Money in", "Money out"],
            rows=[
                [row.account.name, format_pence(row.actual_pence), ""]
                for row in figures.money_in_by_category
            ]
            + [
                [row.account.name, "", format_pence(row.actual_pence)]
                for row in figures.money_out_by_category
            ]
            or [["No money in or out", "", ""]],
            caption="Money in and out, by category",
        ),
        Heading("Budget against actual", level=2),
        DataTable(
            header=["Account", "Budget", "Actual", "Difference", "Status"],
            rows=[
                [
                    row.account.name,
                    format_pence(row.budget_pence),
                    format_pence(row.actual_pence),
                    format_pence(row.actual_pence - row.budget_pence),
                    row.verdict,
                ]
                for row in figures.budget
            ]
            or [["No budget or actuals", "", "", "", ""]],
            caption="Budget against actual, by account",
        ),
        Heading("Booking fees", level=2),
        DataTable(
            header=["What", "Amount"],
            rows=[
                ["Taken", format_pence(fees["taken_pence"])],
                ["Refunded", format_pence(fees["refunded_pence"])],
                ["Kept (income)", format_pence(fees["kept_pence"])],
            ],
            caption="Booking fees taken, refunded and kept",
        ),
        Heading("Activities", level=2),
        _activities_table(figures.activities),
        Heading("Membership", level=2),
        DataTable(
            header=["What", "Number"],
            rows=[["Joined", str(figures.joined)], ["Left", str(figures.left)]],
            caption="Members who joined and left",
        ),
        *_branch_blocks(figures),
    ]


def _activities_table(acts: dict[str, Any] | None) -> DataTable | Para:
    if acts is None:
        return Para(NO_ACTIVITIES)
    no_show = acts.get("no_show_one_in")
    return DataTable(
        header=["What", "Number"],
        rows=[
            ["Activities held", str(acts["activities_held"])],
            ["Places offered", str(acts["places"])],
            ["People booked", str(acts["bookings"])],
            ["Attended", str(acts["attended"])],
            ["Did not come", str(acts["no_shows"])],
            ["No-show rate", f"1 in {no_show}" if no_show else "none"],
        ],
        caption="Activities held, attendance and no-shows",
    )


def branch_tables(figures: QuarterFigures) -> list[tuple[str, list[str], list[list[str]]]]:
    """(caption, header, rows) for each table by branch, shared by the PDF and the page."""
    branches = figures.branches
    members = (
        "Members who joined and left, by branch",
        ["Branch", "Joined", "Left"],
        [[b.name, str(b.joined), str(b.left)] for b in branches],
    )
    if not figures.has_activities:
        return [members]
    return [
        (
            "Activities by branch",
            ["Branch", "Activities held", "Came", "Did not come"],
            [[b.name, str(b.activities_held), str(b.attended), str(b.no_shows)] for b in branches],
        ),
        (
            "Booking fees for the activities held, by branch",
            ["Branch", "Taken", "Refunded", "Kept"],
            [
                [
                    b.name,
                    format_pence(b.fees_taken_pence),
                    format_pence(b.fees_refunded_pence),
                    format_pence(b.fees_kept_pence),
                ]
                for b in branches
            ],
        ),
        members,
    ]


def _branch_blocks(figures: QuarterFigures) -> list:
    if not figures.branches:
        return []
    blocks: list = [Heading("By branch", level=2)]
    for caption, header, rows in branch_tables(figures):
        blocks.append(DataTable(header=header, rows=rows, caption=caption))
    return blocks


def render_pdf(figures: QuarterFigures, *, version: str, progress: Progress = no_progress) -> bytes:
    q = figures.quarter
    if version == "easy-read":
        document = Document(f"Our money and activities: {q.months}", style=Style.EASY_READ)
        blocks = _easy_pdf_blocks(figures, progress)
    else:
        document = Document(f"Quarterly report {q.label}", style=Style.STANDARD)
        blocks = _standard_blocks(figures)
    progress(MAKING["pdf"])
    return document.render(blocks)


def csv_rows(figures: QuarterFigures) -> list[list[str | int]]:
    """The figures as rows: pence and counts as whole numbers, the rest as text."""
    acts, fees = figures.activities, figures.fees
    rows = [["section", "item", "amount_pence", "budget_pence", "count", "status", "branch"]]
    rows += [
        ["money", "income", figures.income_pence, "", "", "", ""],
        ["money", "spending", figures.spending_pence, "", "", "", ""],
    ]
    rows += [
        ["money_in", row.account.code, row.actual_pence, "", "", "", ""]
        for row in figures.money_in_by_category
    ]
    rows += [
        ["money_out", row.account.code, row.actual_pence, "", "", "", ""]
        for row in figures.money_out_by_category
    ]
    rows += [
        [
            "budget",
            row.account.code,
            row.actual_pence,
            row.budget_pence,
            "",
            row.verdict,
            "",
        ]
        for row in figures.budget
    ]
    rows += [
        ["fees", name.removesuffix("_pence"), value, "", "", "", ""] for name, value in fees.items()
    ]
    if acts is None:
        rows.append(["activities", "figures", "", "", "", NO_ACTIVITIES, ""])
    else:
        for name in ("activities_held", "places", "bookings", "attended", "no_shows"):
            rows.append(["activities", name, "", "", acts[name], "", ""])
    rows += [
        ["members", "joined", "", "", figures.joined, "", ""],
        ["members", "left", "", "", figures.left, "", ""],
    ]
    for b in figures.branches:
        if acts is not None:
            rows += [
                ["branch_activities", "activities_held", "", "", b.activities_held, "", b.name],
                ["branch_activities", "attended", "", "", b.attended, "", b.name],
                ["branch_activities", "no_shows", "", "", b.no_shows, "", b.name],
                ["branch_fees", "taken", b.fees_taken_pence, "", "", "", b.name],
                ["branch_fees", "refunded", b.fees_refunded_pence, "", "", "", b.name],
                ["branch_fees", "kept", b.fees_kept_pence, "", "", "", b.name],
            ]
        rows += [
            ["branch_members", "joined", "", "", b.joined, "", b.name],
            ["branch_members", "left", "", "", b.left, "", b.name],
        ]
    return rows


def render_csv(figures: QuarterFigures, *, version: str = "standard") -> bytes:
    return csv_text(csv_rows(figures)).encode()


def render_html(figures: QuarterFigures, *, version: str, request=None) -> bytes:
    context = {
        "figures": figures,
        "version": version,
        "pages": easy_pages(figures) if version == "easy-read" else None,
        "words": WORDS,
        "no_activities": NO_ACTIVITIES,
        "csv_rows": csv_rows(figures)[1:],
        "branch_tables": branch_tables(figures) if figures.branches else [],
        # A saved page (made in the background, or by the command) has no address of its
        # own to link to the other versions from.
        "standalone": request is None,
    }
    if request is None:
        # No request, so no context processors: the base layout still needs these.
        context.update(site(None))
    return render_to_string("finance/reports/quarterly.html", context, request=request).encode()


def render_report(
    figures: QuarterFigures,
    *,
    version: str,
    fmt: str,
    request=None,
    progress: Progress = no_progress,
) -> bytes:
    """The report in one version and format, telling `progress` each stage it reaches.
    Raises ReportError for an unknown version or format."""
    if version not in VERSIONS:
        raise ReportError("The version must be easy-read or standard.")
    if fmt not in FORMATS:
        raise ReportError("The format must be pdf, html or csv.")
    if fmt == "pdf":
        return render_pdf(figures, version=version, progress=progress)
    progress(MAKING[fmt])
    if fmt == "csv":
        return render_csv(figures, version=version)
    return render_html(figures, version=version, request=request)
