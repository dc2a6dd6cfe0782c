"""The quarterly report for the board: money (from finance), members joined and left
(from members) and activities (from events.summary), in an easy-read and a standard
version, as a PDF, a web page or CSV. Assembled here, on the board's side, so that
finance never imports events.

    figures = quarter_figures(Quarter.parse("2026-Q3"))
    pdf = render_pdf(figures, version="easy-read")
"""

from finance.reports.figures import Quarter, QuarterFigures, quarter_figures
from finance.reports.render import (
    FORMATS,
    VERSIONS,
    render_csv,
    render_html,
    render_pdf,
    render_report,
)

__all__ = [
    "FORMATS",
    "VERSIONS",
    "Quarter",
    "QuarterFigures",
    "quarter_figures",
    "render_csv",
    "render_html",
    "render_pdf",
    "render_report",
]
