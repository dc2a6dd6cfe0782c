"""The report's activity figures come from the provider events registers at start-up; with
none registered, every version and format says plainly that they are not available."""

import csv
import io

import pytest

from coop.easyread import easy_read_problems
from events.summary import activity_summary
from finance.quarters import Quarter
from finance.reports.easy_read import NO_ACTIVITIES_EASY, NO_FEES_EASY, easy_pages
from finance.reports.figures import quarter_figures
from finance.reports.providers import register_activity_figures, unregister_activity_figures
from finance.reports.render import render_report
from finance.reports.standard import NO_ACTIVITIES, NO_FEES
from tests.coop.test_documents import text_of
from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db

QUARTER = Quarter(2026, 2)


@pytest.fixture
def no_provider():
    """As if no app provided activity figures; events' own is put back afterwards."""
    unregister_activity_figures()
    yield
    register_activity_figures(activity_summary)


@pytest.fixture
def joined():
    """One member who joined in the quarter, in a branch of her own."""
    branch = BranchFactory(name="Eastside", slug="eastside")
    MemberFactory(branch=branch, admitted_on=QUARTER.start)
    return branch


def _pdf_text(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


def test_events_provides_the_activity_figures_at_start_up(joined):
    figures = quarter_figures(QUARTER)
    assert figures.has_activities and figures.activities["activities_held"] == 0
    assert "Activities by branch" in render_report(figures, version="standard", fmt="html").decode()


def test_without_a_provider_the_figures_say_so_and_the_rest_is_there(no_provider, joined):
    figures = quarter_figures(QUARTER)
    assert figures.activities is None and not figures.has_activities
    eastside = next(branch for branch in figures.branches if branch.name == "Eastside")
    assert (figures.joined, eastside.joined) == (1, 1)


def test_without_a_provider_every_version_and_format_says_so(no_provider, joined):
    figures = quarter_figures(QUARTER)
    easy_pdf = _pdf_text(render_report(figures, version="easy-read", fmt="pdf"))
    assert NO_ACTIVITIES_EASY in easy_pdf and "1 new member joined." in easy_pdf
    standard_pdf = _pdf_text(render_report(figures, version="standard", fmt="pdf"))
    assert NO_ACTIVITIES in standard_pdf and "Activities by branch" not in standard_pdf
    assert "Members who joined and left, by branch" in standard_pdf
    for version, words in [("easy-read", NO_ACTIVITIES_EASY), ("standard", NO_ACTIVITIES)]:
        page = render_report(figures, version=version, fmt="html").decode()
        assert words in page
    rows = list(
        csv.DictReader(io.StringIO(render_report(figures, version="standard", fmt="csv").decode()))
    )
    by_item = {(row["section"], row["item"], row["branch"]): row for row in rows}
    assert by_item[("activities", "figures", "")]["status"] == NO_ACTIVITIES
    assert by_item[("branch_members", "joined", "Eastside")]["count"] == "1"
    assert not any(row["section"] == "branch_activities" for row in rows)


def test_the_easy_read_words_without_activity_figures_pass_the_checks(no_provider, joined):
    pages = easy_pages(quarter_figures(QUARTER))
    text = "\n".join(
        [page.heading + "." for page in pages]
        + [sentence for page in pages for sentence in page.sentences]
    )
    assert [problem.message for problem in easy_read_problems(text)] == []


def test_without_a_provider_the_booking_fees_say_so_too(no_provider, joined):
    """The booking fees are counted from the bookings of the quarter's activities (issue 19:
    one source, adding up with what is still held), so without activity figures every
    version says the fee figures are not available rather than showing £0."""
    figures = quarter_figures(QUARTER)
    assert figures.fees is None
    assert NO_FEES_EASY in _pdf_text(render_report(figures, version="easy-read", fmt="pdf"))
    assert NO_FEES in _pdf_text(render_report(figures, version="standard", fmt="pdf"))
    assert NO_FEES in render_report(figures, version="standard", fmt="html").decode()
    rows = list(
        csv.DictReader(io.StringIO(render_report(figures, version="standard", fmt="csv").decode()))
    )
    assert [row["status"] for row in rows if row["section"] == "fees"] == [NO_FEES]
