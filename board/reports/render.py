"""The quarterly report in each version and format. The easy-read version is built from
one list of pages (one idea a page, each with its sentences and, where it helps, a simple
bar chart whose every number is also written beside it), shared by the PDF and the page."""

import csv
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from board.reports.figures import QuarterFigures, ReportError
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

VERSIONS = ("easy-read", "standard")
FORMATS = ("pdf", "html", "csv")
CONTENT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "csv": "text/csv"}
BAR_COLOURS = [colors.HexColor("#1d4f91"), colors.HexColor("#b35c00"), colors.HexColor("#2e7d32")]
WORDS = [
    "Budget: the money we plan to spend.",
    "Booking fee: money you pay when you book. You get it back when you come.",
    "Quarter: 3 months of the year.",
    "Income: money that comes in to the co-operative.",
]
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

    @property
    def alt(self) -> str:
        parts = [f"{name}: {value_text}" for name, value_text in self.bar_words]
        return "Bar chart. " + ". ".join(parts) + "."

    @property
    def bar_words(self) -> list[tuple[str, str]]:
        return [(name, _amount(name, value)) for name, value in self.bars]


def _amount(name: str, value: int) -> str:
    return f"{value}" if name.endswith(("came", "come")) else format_pence(value)


def _people(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def easy_pages(figures: QuarterFigures) -> list[EasyPage]:
    """The easy-read report, one idea a page."""
    q = figures.quarter
    fees = figures.fees
    acts = figures.activities
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
    no_show = acts.get("no_show_one_in")
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
        EasyPage(
            "Activities",
            [
                f"We held {_people(acts['activities_held'], 'activity', 'activities')}.",
                f"{_people(acts['attended'], 'person', 'people')} came.",
                f"{_people(acts['no_shows'], 'person', 'people')} did not come.",
                *([f"That is 1 in {no_show} people who booked."] if no_show else []),
            ],
            [("People who came", acts["attended"]), ("People who did not come", acts["no_shows"])],
        ),
        EasyPage(
            "Members",
            [
                f"{_people(figures.joined, 'new member', 'new members')} joined.",
                f"{_people(figures.left, 'member', 'members')} left.",
            ],
        ),
    ]
    return pages


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


def _easy_pdf_blocks(figures: QuarterFigures) -> list:
    blocks: list = []
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
    acts = figures.activities
    fees = figures.fees
    net = figures.income_pence - figures.spending_pence
    no_show = acts.get("no_show_one_in")
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
        DataTable(
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
        ),
        Heading("Membership", level=2),
        DataTable(
            header=["What", "Number"],
            rows=[["Joined", str(figures.joined)], ["Left", str(figures.left)]],
            caption="Members who joined and left",
        ),
    ]


def render_pdf(figures: QuarterFigures, *, version: str) -> bytes:
    q = figures.quarter
    if version == "easy-read":
        document = Document(f"Our money and activities: {q.months}", style=Style.EASY_READ)
        return document.render(_easy_pdf_blocks(figures))
    document = Document(f"Quarterly report {q.label}", style=Style.STANDARD)
    return document.render(_standard_blocks(figures))


def csv_rows(figures: QuarterFigures) -> list[list[str]]:
    acts, fees = figures.activities, figures.fees
    rows = [["section", "item", "amount_pence", "budget_pence", "count", "status"]]
    rows += [
        ["money", "income", str(figures.income_pence), "", "", ""],
        ["money", "spending", str(figures.spending_pence), "", "", ""],
    ]
    rows += [
        ["budget", row.account.code, str(row.actual_pence), str(row.budget_pence), "", row.verdict]
        for row in figures.budget
    ]
    rows += [
        ["fees", name.removesuffix("_pence"), str(value), "", "", ""]
        for name, value in fees.items()
    ]
    for name in ("activities_held", "places", "bookings", "attended", "no_shows"):
        rows.append(["activities", name, "", "", str(acts[name]), ""])
    rows += [
        ["members", "joined", "", "", str(figures.joined), ""],
        ["members", "left", "", "", str(figures.left), ""],
    ]
    return rows


def render_csv(figures: QuarterFigures, *, version: str = "standard") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(csv_rows(figures))
    return out.getvalue().encode()


def render_html(figures: QuarterFigures, *, version: str, request=None) -> bytes:
    context = {
        "figures": figures,
        "version": version,
        "pages": easy_pages(figures) if version == "easy-read" else None,
        "words": WORDS,
        "csv_rows": csv_rows(figures)[1:],
    }
    return render_to_string("board/reports/quarterly.html", context, request=request).encode()


def render_report(figures: QuarterFigures, *, version: str, fmt: str, request=None) -> bytes:
    """The report in one version and format. Raises ReportError for an unknown one."""
    if version not in VERSIONS:
        raise ReportError("The version must be easy-read or standard.")
    if fmt not in FORMATS:
        raise ReportError("The format must be pdf, html or csv.")
    if fmt == "pdf":
        return render_pdf(figures, version=version)
    if fmt == "csv":
        return render_csv(figures, version=version)
    return render_html(figures, version=version, request=request)
