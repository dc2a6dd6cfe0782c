"""The quarterly report for the board: money (from finance), members joined and left
(from members) and activities (from whichever app registers with
finance.reports.providers: events, at start-up), in an easy-read and a standard version,
as a PDF, a web page or CSV.

    figures = quarter_figures(Quarter.parse("2026-Q3"))      # finance.reports.figures
    pdf = render_pdf(figures, version="easy-read")            # finance.reports.render
"""
