"""The quarterly report in each version (easy read, standard) and format (PDF, web page,
spreadsheet): finance.reports.easy_read, .standard and .spreadsheet make the parts."""

from django.template.loader import render_to_string

from coop.context_processors import site
from coop.documents import Document, Style
from coop.spreadsheet import csv_text
from finance.errors import ReportError
from finance.reports.easy_read import PICTURE_ALT, SPEECH, WORDS, easy_pages, easy_pdf_blocks
from finance.reports.figures import Progress, QuarterFigures, no_progress
from finance.reports.spreadsheet import csv_rows
from finance.reports.standard import (
    NO_ACTIVITIES,
    NO_FEES,
    activity_rows,
    branch_tables,
    fee_rows,
    money_tables,
    so_far_sentence,
    standard_blocks,
)

VERSIONS = ("easy-read", "standard")
FORMATS = ("pdf", "html", "csv")
CONTENT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "csv": "text/csv"}
# The stage each format reaches last, for whoever is watching the report being made.
MAKING = {"pdf": "Making the PDF", "html": "Making the web page", "csv": "Making the spreadsheet"}


def check_version_and_format(version: str, fmt: str) -> None:
    """Raises ReportError, in words, for a version or format the report does not come in."""
    if version not in VERSIONS:
        raise ReportError("The version must be easy-read or standard.")
    if fmt not in FORMATS:
        raise ReportError("The format must be pdf, html or csv.")


def render_pdf(figures: QuarterFigures, *, version: str, progress: Progress = no_progress) -> bytes:
    q = figures.quarter
    if version == "easy-read":
        document = Document(f"Our money and activities: {q.months}", style=Style.EASY_READ)
        blocks = easy_pdf_blocks(figures, progress)
    else:
        document = Document(f"Quarterly report {q.label}", style=Style.STANDARD)
        blocks = standard_blocks(figures)
    progress(MAKING["pdf"])
    return document.render(blocks)


def render_csv(figures: QuarterFigures) -> bytes:
    """One spreadsheet for both versions: its rows are figures, not words."""
    return csv_text(csv_rows(figures)).encode()


def render_html(figures: QuarterFigures, *, version: str, request=None) -> bytes:
    context = {
        "figures": figures,
        "version": version,
        "pages": easy_pages(figures) if version == "easy-read" else None,
        "words": WORDS,
        "words_picture": SPEECH,
        "words_picture_alt": PICTURE_ALT[SPEECH],
        "no_activities": NO_ACTIVITIES,
        "no_fees": NO_FEES,
        "so_far": so_far_sentence(figures) if figures.so_far else "",
        "fee_rows": fee_rows(figures.fees) if figures.fees is not None else [],
        "activity_rows": activity_rows(figures.activities) if figures.has_activities else [],
        "money_tables": money_tables(figures) if version == "standard" else [],
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
    check_version_and_format(version, fmt)
    if fmt == "pdf":
        return render_pdf(figures, version=version, progress=progress)
    progress(MAKING[fmt])
    if fmt == "csv":
        return render_csv(figures)
    return render_html(figures, version=version, request=request)
