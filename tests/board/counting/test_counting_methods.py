"""Plurality, IRV and Meek on small elections, and what every result looks like."""

import json
import re
from decimal import Decimal

import pytest

from board.elections.counting import CountError, count, parse_blt

FIVE = '5 3\n5 1 2 0\n4 2 0\n3 3 1 0\n2 4 0\n1 5 0\n0\n"A"\n"B"\n"C"\n"D"\n"E"\n"T"\n'


def test_plurality_fills_n_seats_by_first_preferences_alone() -> None:
    result = count(parse_blt(FIVE), "plurality", seed=1)
    assert result.elected == ["A", "B", "C"]
    # A's second preferences for B are not counted.
    assert result.stages[0].totals == {"A": "5", "B": "4", "C": "3", "D": "2", "E": "1"}
    assert result.quota is None


def test_plurality_seats_can_be_overridden() -> None:
    assert count(parse_blt(FIVE), "plurality", seats=2, seed=1).elected == ["A", "B"]


def test_plurality_tie_for_the_last_seat_is_drawn_by_lot_from_the_seed() -> None:
    blt = '3 2\n5 1 0\n3 2 0\n3 3 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    seconds = set()
    for seed in range(20):
        result = count(parse_blt(blt), "plurality", seed=seed)
        assert result.elected[0] == "A"
        assert result.to_json() == count(parse_blt(blt), "plurality", seed=seed).to_json()
        assert any(f"seed {seed}" in note for note in result.stages[0].notes)
        seconds.add(result.elected[1])
    assert seconds == {"B", "C"}


def test_irv_excludes_the_lowest_until_someone_has_a_majority() -> None:
    blt = '3 1\n4 1 0\n3 2 3 0\n2 3 2 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    result = count(parse_blt(blt), "irv", seed=1)
    assert result.excluded == ["C"]
    assert result.elected == ["B"]
    assert [stage.threshold for stage in result.stages] == ["5", "5"]
    assert result.stages[1].totals == {"A": "4", "B": "5", "C": "0"}


def test_irv_majority_is_of_the_papers_still_in_the_count() -> None:
    # C's two papers exhaust, leaving 7 in the count: A's 4 is a majority of those.
    blt = '3 1\n4 1 0\n3 2 0\n2 3 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    result = count(parse_blt(blt), "irv", seed=1)
    assert result.elected == ["A"]
    assert result.stages[-1].non_transferable == "2"
    assert result.stages[-1].threshold == "4"


def test_irv_refuses_more_than_one_seat() -> None:
    with pytest.raises(CountError, match="IRV fills one seat"):
        count(parse_blt(FIVE), "irv", seats=2, seed=1)


def test_meek_brings_each_elected_candidate_down_to_the_quota() -> None:
    blt = '5 3\n4 1 0\n2 2 1 0\n8 3 4 0\n4 3 5 0\n1 4 0\n1 5 0\n0\n"O"\n"P"\n"C"\n"S"\n"W"\n"T"\n'
    result = count(parse_blt(blt), "meek", seed=1)
    assert set(result.elected) == {"C", "O", "S"}
    iteration = next(stage for stage in result.stages if stage.action == "iteration")
    assert iteration.threshold is not None
    assert abs(Decimal(iteration.totals["C"]) - Decimal(iteration.threshold)) < Decimal("1e-6")


def test_meek_quota_falls_as_papers_exhaust() -> None:
    blt = '4 2\n6 1 0\n5 2 0\n4 3 0\n3 4 0\n0\n"A"\n"B"\n"C"\n"D"\n"T"\n'
    result = count(parse_blt(blt), "meek", seed=1)
    thresholds = [Decimal(stage.threshold or "NaN") for stage in result.stages]
    assert thresholds[0] == 6  # 18 papers, 2 seats
    assert thresholds[-1] < thresholds[0]


@pytest.mark.parametrize(("method", "places"), [("scottish-stv", 5), ("meek", 9)])
def test_json_has_exactly_the_agreed_shape(method: str, places: int) -> None:
    result = count(parse_blt(FIVE), method, seed=1)
    data = json.loads(result.to_json())
    assert list(data) == ["method", "seats", "quota", "elected", "excluded", "stages"]
    assert data["method"] == method
    assert data["seats"] == 3
    assert re.fullmatch(rf"\d+\.\d{{{places}}}", data["quota"])
    assert data["elected"] == result.elected
    assert data["excluded"] == result.excluded
    for stage in data["stages"]:
        assert isinstance(stage["action"], str)
        assert set(stage["totals"]) == {"A", "B", "C", "D", "E"}
        assert all(re.fullmatch(rf"\d+\.\d{{{places}}}", v) for v in stage["totals"].values())


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(CountError, match="unknown method 'borda'"):
        count(parse_blt(FIVE), "borda")


def test_zero_seats_are_refused() -> None:
    with pytest.raises(CountError, match="at least one seat"):
        count(parse_blt(FIVE), "plurality", seats=0)


@pytest.mark.parametrize("method", ["scottish-stv", "meek", "irv", "plurality"])
def test_an_election_with_no_valid_papers_is_refused(method: str) -> None:
    # The only papers rank the withdrawn candidate.
    election = parse_blt('2 1\n-2\n3 2 0\n0\n"A"\n"B"\n"T"\n')
    with pytest.raises(CountError, match="no valid ballot papers"):
        count(election, method, seed=1)
