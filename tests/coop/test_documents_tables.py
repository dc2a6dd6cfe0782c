"""Column widths for data tables: shared by weight, never narrower than the longest word."""

from __future__ import annotations

import pytest

from coop.documents.tables import column_widths


def test_columns_share_the_width_by_weight_when_every_word_fits() -> None:
    widths = column_widths([20, 20], [30, 30], [1, 3], 400)
    assert widths == pytest.approx([100, 300])


def test_a_column_too_narrow_for_its_longest_word_is_widened_at_the_others_cost() -> None:
    widths = column_widths([90, 20, 20], [10, 10, 10], [1, 4, 4], 450)
    assert widths[0] == pytest.approx(90 + 13)  # the word plus padding either side
    assert widths[1] == pytest.approx(widths[2])
    assert sum(widths) == pytest.approx(450)


def test_when_the_longest_words_cannot_all_fit_columns_follow_their_words() -> None:
    widths = column_widths([300, 100], [0, 0], [1, 1], 200)
    assert sum(widths) == pytest.approx(200)
    assert widths[0] > widths[1]
