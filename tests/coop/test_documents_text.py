"""Finding where wrapped lines end: between words (a space is owed) or inside a word."""

from __future__ import annotations

from coop.documents.text import match_lines


def test_lines_wrapped_at_spaces_end_between_words() -> None:
    ends, used = match_lines("We meet at the hall today.", ["We meet at", "the hall", "today."])
    assert ends == [True, True, True]
    assert used == len("We meet at the hall today.")


def test_a_line_ending_inside_a_split_word_does_not() -> None:
    source = "Go to https://coop.example/abcdef now"
    ends, _ = match_lines(source, ["Go to https://coop.", "example/abcdef now"])
    assert ends == [False, True]


def test_a_forced_line_break_counts_as_between_words() -> None:
    ends, _ = match_lines("Address:\nhttps://x", ["Address:\n", "https://x"])
    assert ends == [True, True]


def test_lines_that_do_not_match_the_source_keep_their_spaces() -> None:
    ends, used = match_lines("abc def", ["abc", "xyz", "def"])
    assert ends == [True, True, True]
    assert used == len("abc def")


def test_the_part_used_lets_a_split_paragraph_hand_on_the_rest() -> None:
    source = "one two three four"
    _, used = match_lines(source, ["one two"])
    assert source[used:] == " three four"
