"""Reading and writing BLT files, including the irregular ones real counts produce."""

from pathlib import Path

import pytest

from board.elections.counting import (
    Ballot,
    BltError,
    Election,
    count,
    parse_blt,
    read_blt,
    write_blt,
)

CASES = Path(__file__).resolve().parents[2] / "data" / "elections" / "cases"


def test_names_lose_stray_outer_whitespace_but_keep_inner_spacing() -> None:
    election = parse_blt('2 1\n1 1 0\n0\n"  Ellen   Hurcombe"\n"Kieran  Wild "\n"Title"\n')
    assert election.candidates == ("Ellen   Hurcombe", "Kieran  Wild")


def test_unquoted_names_and_title_are_read_one_per_line() -> None:
    election = parse_blt("2 1\n3 2 1 0\n0\nRenée SLATER (Grn)\n  Ann Other \nTorry Ward\n")
    assert election.candidates == ("Renée SLATER (Grn)", "Ann Other")
    assert election.title == "Torry Ward"


def test_several_quoted_names_may_share_a_line() -> None:
    election = parse_blt('3 1\n1 3 0\n0\n"A" "B"\n"C" "Title"\n')
    assert election.candidates == ("A", "B", "C")
    assert election.title == "Title"


def test_lines_after_the_title_are_ignored() -> None:
    text = '2 1\n1 1 0\n0\n"A"\n"B"\n"M135: Gen"\n"email"\nFirst Prefs\n  0119 32\nQuota 84.88\n'
    election = parse_blt(text)
    assert election.candidates == ("A", "B")
    assert election.title == "M135: Gen"


def test_a_missing_title_reads_as_empty() -> None:
    assert parse_blt('1 1\n1 1 0\n0\n"A"\n').title == ""


def test_withdrawn_candidates_are_read_and_skipped_when_counting() -> None:
    election = parse_blt('3 1\n-2\n4 2 3 0\n3 1 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    assert election.withdrawn == frozenset({1})
    # The four papers for withdrawn B count for their next choice, C.
    assert count(election, "plurality").stages[0].totals == {"A": "3", "C": "4"}


def test_skipped_rank_moves_the_next_preference_up() -> None:
    election = parse_blt('3 1\n2 1 - 3 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    assert election.ballots == (Ballot(2, (0, 2)),)


def test_a_repeated_candidate_counts_only_at_its_first_rank() -> None:
    election = parse_blt('3 1\n1 2 2 1 2 3 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    assert election.ballots == (Ballot(1, (1, 0, 2)),)


def test_blank_lines_and_ballot_ids_are_tolerated() -> None:
    election = parse_blt('\n2 1\n\n(b17) 5 2 1 0\n\n0\n"A"\n"B"\n"T"\n')
    assert election.ballots == (Ballot(5, (1, 0)),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("two 1\n", "line 1: expected 'candidates seats'"),
        ('2 1\n1 1 0\n"A"\n"B"\n', "line 3: names begin before a line holding just 0"),
        ("2 1\n1 1 0\n", "not closed by a line holding just 0"),
        ('2 1\n1 3 0\n0\n"A"\n"B"\n', "line 2: no candidate 3"),
        ('2 1\n1 1 2\n0\n"A"\n"B"\n', "line 2: a ballot is 'weight preferences... 0'"),
        ('2 1\nx 1 0\n0\n"A"\n"B"\n', "weight 'x' is not a whole number"),
        ('2 1\n1 1=2 0\n0\n"A"\n"B"\n', "equal rankings (1=2) are not supported"),
        ('2 1\n-3\n1 1 0\n0\n"A"\n"B"\n', "no candidate 3 to withdraw"),
        ('3 1\n1 1 0\n0\n"A"\n"B"\n', "promises 3 candidates but 2 names follow"),
        ('2 1\n1 1 0\n0\n"A"\n"A"\n"T"\n', "candidate name 'A' appears twice"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(BltError) as error:
        parse_blt(text)
    assert message in str(error.value)


def test_written_blt_reads_back_as_the_same_election() -> None:
    election = Election(
        candidates=("Renée Slater", "Ann  Other", "Bo"),
        seats=2,
        ballots=(Ballot(3, (2, 0)), Ballot(1, (1,)), Ballot(7, (0, 1, 2)), Ballot(0, (2,))),
        withdrawn=frozenset({1}),
        title="Board election 2025",
    )
    assert parse_blt(write_blt(election)) == election


@pytest.mark.parametrize("case", sorted(path.parent.name for path in CASES.glob("*/ballots.blt")))
def test_every_corpus_file_survives_a_write_and_read_round_trip(case: str) -> None:
    election = read_blt(CASES / case / "ballots.blt")
    assert parse_blt(write_blt(election)) == election


def test_names_that_blt_cannot_hold_are_refused_on_write() -> None:
    election = Election(candidates=('Ann "Nan" Lee',), seats=1, ballots=())
    with pytest.raises(ValueError, match="cannot be written to BLT"):
        write_blt(election)


def test_ballots_given_as_names_are_merged_into_weighted_lines() -> None:
    election = Election.from_rankings(
        ["Ann", "Bo", "Cy"],
        seats=1,
        rankings=[["Bo", "Ann"], ["Cy"], ["Bo", "Ann"]],
        title="Chair",
    )
    assert set(election.ballots) == {Ballot(2, (1, 0)), Ballot(1, (2,))}
    assert write_blt(election).splitlines()[0] == "3 1"


def test_ballots_naming_someone_not_standing_are_refused() -> None:
    with pytest.raises(ValueError, match="'Dee', who is not standing"):
        Election.from_rankings(["Ann"], seats=1, rankings=[["Dee"]])


def test_identical_ballots_are_grouped_before_counting() -> None:
    election = parse_blt('3 1\n-3\n1 1 2 0\n2 1 3 2 0\n1 3 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    # Without withdrawn C the first two lines are the same ranking; the third is empty.
    assert election.countable_ballots() == [((0, 1), 3)]


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.blt"
    path.write_bytes('\ufeff1 1\n1 1 0\n0\n"A"\n"T"\n'.encode())
    assert read_blt(path).candidates == ("A",)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.blt"
    path.write_bytes('1 1\n1 1 0\n0\n"Renée"\n"T"\n'.encode("latin-1"))
    with pytest.raises(BltError, match="not UTF-8"):
        read_blt(path)
