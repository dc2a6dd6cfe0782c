"""Who may call the finance endpoints: the finance officer only, as on the pages."""

from finance.permissions import is_finance
from finance.reports.permissions import can_see_report
from members.api.permissions import allowed_if

FinanceOnly = allowed_if(is_finance, "Only the finance officer can see this.", methods=["GET"])
SeesReport = allowed_if(
    can_see_report, "Only the board and the finance officer can see this.", methods=["GET"]
)
