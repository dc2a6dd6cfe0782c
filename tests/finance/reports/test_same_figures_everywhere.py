"""Issue 19's "How we will know": a quarter built by hand, with activities held and to come
and every booking fee outcome, and every figure checked by hand in each place it appears —
the easy-read PDF, the standard PDF, the web pages, the CSV, the board pack's activities
and money papers and the API — the same numbers everywhere.

By hand, for the quarter we are in (not over: "so far, up to" today):
- Bowling, held, £5 fee: 2 came (given back £5 each), 1 did not come (kept £5), 1 cancelled
  late (kept £5), 1 cancelled in time (given back £5).
- Picnic, held, £3 fee: 2 came (given back £3 each), 1 did not come (kept £3).
- Trip, still to come, £4 fee: 2 booked and paid (£4 each still held).
So: 2 activities held and 1 to come; 4 came and 2 did not come; attendance known for 6,
so 1 in 3 did not come (the trip's 2 people are not counted). Fees paid £25 + £9 + £8 =
£42; given back £15 + £6 = £21; kept £10 + £3 = £13; still held £8; £21 + £13 + £8 = £42.
Money in £1,500 (a grant) and out £60, both dated today.
"""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from board.meetings import services as meeting_services
from board.meetings.models import Meeting, Paper
from board.meetings.papers.demand import DEMAND_TITLE
from coop.dates import easy_date
from events.models import Booking
from finance.quarters import Quarter
from finance.reports.figures import quarter_figures
from finance.reports.render import render_report
from tests.board.meeting_helpers import plan
from tests.coop.test_documents import text_of
from tests.events.after_helpers import book, past_activity
from tests.events.conftest import make_members
from tests.finance.helpers import grant_and_bowling

pytestmark = pytest.mark.django_db

B = Booking.Status
F = Booking.FeeStatus


def _hours_from_now(moment: dt.datetime) -> float:
    return (moment - timezone.now()).total_seconds() / 3600


@pytest.fixture
def quarter(cast):
    """The quarter we are in, built by hand as the module says; times chosen inside it."""
    today = timezone.localdate()
    this = Quarter.of(today)
    start = timezone.make_aware(dt.datetime.combine(this.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(this.end + dt.timedelta(days=1), dt.time.min))
    now = timezone.now()
    branch = cast.member_row.branch

    def activity(moment: dt.datetime, fee: int, title: str):
        days = _hours_from_now(moment) / 24
        return past_activity(cast.organiser, branch, days=days, fee_pence=fee, title=title)

    bowling = activity(start + (now - start) / 3, 500, "Bowling")
    picnic = activity(start + 2 * (now - start) / 3, 300, "Picnic")
    trip = activity(now + (end - now) / 2, 400, "Trip")
    p = make_members(cast, 5)
    book(bowling, p[0], B.ATTENDED, F.REFUNDED, fee=500, refunded=500)
    book(bowling, p[1], B.ATTENDED, F.REFUNDED, fee=500, refunded=500)
    book(bowling, p[2], B.NO_SHOW, F.KEPT, fee=500)
    book(bowling, p[3], B.CANCELLED, F.KEPT, fee=500)  # cancelled late
    book(bowling, p[4], B.CANCELLED, F.REFUNDED, fee=500, refunded=500)  # in time
    book(picnic, p[0], B.ATTENDED, F.REFUNDED, fee=300, refunded=300)
    book(picnic, p[2], B.ATTENDED, F.REFUNDED, fee=300, refunded=300)
    book(picnic, p[1], B.NO_SHOW, F.KEPT, fee=300)
    book(trip, p[3], B.CONFIRMED, F.HELD, fee=400)
    book(trip, p[4], B.CONFIRMED, F.HELD, fee=400)
    grant_and_bowling(cast, today)
    return this


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(pdf: bytes) -> str:
    return _flat(text_of(pdf))


def _so_far() -> str:
    return f"so far, up to {easy_date(timezone.localdate())}"


EASY = [
    "We held 2 activities.",
    "1 more activity has not happened yet.",
    "4 people came.",
    "2 people did not come.",
    "Of these 6 people, 1 in 3 did not come.",
    "People paid £42 in booking fees.",
    "We gave back £21.",
    "We kept £13.",
    "We keep a fee when a person does not come, or cancels too late.",
    "We still hold £8 for activities.",
    "£21 and £13 and £8 make £42.",
    "Money in: £1,500.",
    "Money out: £60.",
]


def test_the_figures_are_right_by_hand(quarter):
    figures = quarter_figures(quarter)
    acts = figures.activities
    assert (acts["activities_held"], acts["activities_to_come"]) == (2, 1)
    assert (acts["attended"], acts["no_shows"], acts["attendance_known"]) == (4, 2, 6)
    assert acts["no_show_one_in"] == 3
    assert figures.fees == {
        "taken_pence": 4200,
        "refunded_pence": 2100,
        "kept_pence": 1300,
        "held_pence": 800,
    }
    assert (figures.income_pence, figures.spending_pence) == (150000, 6000)
    assert figures.so_far and figures.period_words == _so_far()
    [north] = [branch for branch in figures.branches if branch.fees_taken_pence]
    assert (north.activities_held, north.attended, north.no_shows) == (2, 4, 2)
    assert (north.fees_refunded_pence, north.fees_kept_pence, north.fees_held_pence) == (
        2100,
        1300,
        800,
    )


def test_the_easy_read_pdf_and_web_page_say_them(quarter):
    figures = quarter_figures(quarter)
    pdf = _pdf_text(render_report(figures, version="easy-read", fmt="pdf"))
    page = _flat(render_report(figures, version="easy-read", fmt="html").decode())
    for text in (pdf, page):
        for sentence in EASY + [f"The numbers are {_so_far()}."]:
            assert sentence in text, sentence
        assert "people who booked" not in text


STANDARD = [
    "Activities held 2",
    "Activities still to come 1",
    "Attended 4",
    "Did not come 2",
    "1 in 3",
    "£42",
    "Given back £21",
    "£13",
    "Still held (paid less given back less kept) £8",
    "Income £1,500",
    "Spending £60",
]


def test_the_standard_pdf_and_web_page_say_them(quarter):
    figures = quarter_figures(quarter)
    pdf = _pdf_text(render_report(figures, version="standard", fmt="pdf"))
    so_far = f"The quarter is not over: these figures are {_so_far()}."
    assert so_far in pdf
    for figure in STANDARD:
        assert figure in pdf, figure
    page = render_report(figures, version="standard", fmt="html").decode()
    assert so_far in page
    for what, value in [
        ("Activities held", "2"),
        ("Activities still to come", "1"),
        ("Attended", "4"),
        ("Did not come", "2"),
        ("Attendance known (came or did not come)", "6"),
        ("No-show rate (of attendance known)", "1 in 3"),
        ("Booking fees: paid (for the quarter&#x27;s activities)", "£42"),
        ("Booking fees: given back", "£21"),
        ("Booking fees: kept (did not come, or cancelled late)", "£13"),
        ("Booking fees: still held (paid less given back less kept)", "£8"),
        ("Income", "£1,500"),
        ("Spending", "£60"),
    ]:
        assert f'<th scope="row">{what}</th><td>{value}</td>' in page, what


def _csv(data: bytes) -> dict[tuple[str, str, str], dict[str, str]]:
    rows = csv.DictReader(io.StringIO(data.decode()))
    return {(row["section"], row["item"], row["branch"]): row for row in rows}


def _check_csv(rows: dict) -> None:
    assert rows[("period", "so_far", "")]["status"] == _so_far()
    counts = {
        "activities_held": "2",
        "activities_to_come": "1",
        "attended": "4",
        "no_shows": "2",
        "attendance_known": "6",
        "no_show_one_in": "3",
    }
    for item, count in counts.items():
        assert rows[("activities", item, "")]["count"] == count, item
    fees = {"taken": "4200", "refunded": "2100", "kept": "1300", "held": "800"}
    for item, pence in fees.items():
        assert rows[("fees", item, "")]["amount_pence"] == pence, item
    assert rows[("money", "income", "")]["amount_pence"] == "150000"
    assert rows[("money", "spending", "")]["amount_pence"] == "6000"
    assert rows[("branch_fees", "held", "Northfield")]["amount_pence"] == "800"


def test_the_csv_has_them(quarter):
    _check_csv(_csv(render_report(quarter_figures(quarter), version="standard", fmt="csv")))


def test_the_api_gives_the_same(quarter, cast, client):
    client.force_login(cast.board)
    url = reverse("finance_api:quarterly-report", args=["latest"])
    _check_csv(_csv(client.get(url, {"format": "csv"}).content))
    page = _flat(client.get(url, {"version": "easy-read", "format": "html"}).content.decode())
    assert all(sentence in page for sentence in EASY)
    start = quarter.start.isoformat()
    data = client.get(
        reverse("events_api:activity-summary"), {"from": start, "to": quarter.end.isoformat()}
    ).json()
    assert (data["activities_held"], data["activities_to_come"]) == (2, 1)
    assert (data["attended"], data["no_shows"], data["attendance_known"]) == (4, 2, 6)
    assert data["no_show_one_in"] == 3 and data["so_far"]
    assert (data["fees_taken_pence"], data["fees_refunded_pence"]) == (4200, 2100)
    assert (data["fees_kept_pence"], data["fees_held_pence"]) == (1300, 800)


def test_the_board_pack_says_the_same(quarter, cast):
    # The last meeting was on the quarter's first day, so "since the last meeting" is the
    # quarter so far in the activities paper too.
    start = timezone.make_aware(dt.datetime.combine(quarter.start, dt.time.min))
    earlier = plan(cast, days=0, title="Last time")
    Meeting.objects.filter(pk=earlier.pk).update(starts_at=start)
    meeting = plan(cast, days=0)
    meeting_services.papers_refresh(meeting=meeting, actor=cast.board)
    # The activities item also has "What members could not come to" (no money in it).
    papers = {
        paper.source: paper
        for paper in Paper.objects.filter(item__meeting=meeting)
        .exclude(title=DEMAND_TITLE)
        .prefetch_related("parts")
    }
    money = _flat(" ".join(part.words for part in papers["money"].parts.all()))
    activities = _flat(" ".join(part.words for part in papers["activities"].parts.all()))
    fees = [
        "People paid £42 in booking fees.",
        "We gave back £21.",
        "We kept £13.",
        "We still hold £8.",
        "£21 and £13 and £8 make £42.",
        "We keep a fee when a person does not come, or cancels too late.",
    ]
    # The money paper: the quarter so far and the year so far, the fees, the last report.
    assert f"Money in {quarter.months}, {_so_far()}" in [
        part.heading for part in papers["money"].parts.all()
    ]
    assert "Money in: £1,500. Money out: £60." in money
    for sentence in fees:
        assert sentence in money and sentence in activities, sentence
    last = quarter.previous()
    assert f"The last full report is for {last.months}." in money
    assert f"Choose {last.months}." in money
    # The activities paper: held means started; the trip to come is not in it.
    assert "we had 2 activities. 4 people came. 2 people booked and did not come." in activities
    standard = papers["money"].standard_text
    assert "- Income: £1,500" in standard and "- Still held: £8" in standard
    assert f"# The year, January to {quarter.end:%B %Y}, {_so_far()}" in standard


def test_a_quarter_that_is_over_does_not_say_so_far(quarter):
    figures = quarter_figures(quarter.previous())
    assert not figures.so_far and figures.period_words == ""
    assert figures.until == quarter.previous().end
    assert "so far" not in _pdf_text(render_report(figures, version="easy-read", fmt="pdf"))
    assert "so far" not in render_report(figures, version="standard", fmt="html").decode()
    rows = _csv(render_report(figures, version="standard", fmt="csv"))
    assert rows[("period", "so_far", "")]["status"] == "the whole quarter"
