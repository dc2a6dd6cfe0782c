"""Every CSV file coop writes, written so a spreadsheet shows each cell as it is.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before
one) is read as a formula by Excel, LibreOffice and Google Sheets: a member named
``=HYPERLINK(...)`` could run something on the computer of whoever opens the register.
As OWASP advises for CSV injection, such a text cell gets a single quote in front, which
spreadsheets show as text and hide.

Which cells count as text is decided by type, not by looking: a ``str`` is text and is
always checked (so a name of ``-1`` stays the words a person typed); an ``int`` is one of
coop's own figures (pence, counts) and is written as a plain number, negative or not, so
totals still add up. Nothing else may be passed: floats and dates are formatted by the
caller first.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int


def safe_cell(value: Cell) -> str | int:
    """``value`` as a spreadsheet should show it: text that could start a formula quoted."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"A CSV cell is text or a whole number, not {type(value).__name__}")
    if isinstance(value, int):
        return value
    if value.lstrip(" ").startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Iterable[Cell]]) -> str:
    """The rows as CSV text, every cell passed through ``safe_cell``."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
