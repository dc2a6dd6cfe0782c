"""coop/easyread.py: the easy-read checker shared by statements and board papers."""

import socket

import pytest

from coop.easyread import easy_read_problems, reading_grade, sentences


def codes(text: str) -> list[str]:
    return [problem.code for problem in easy_read_problems(text)]


def test_short_plain_sentences_have_no_problems():
    assert easy_read_problems("I like our trips. I will listen to you. We meet on 3 days.") == []


def test_a_sentence_over_15_words_is_named_with_its_length():
    long = "I want to help our group with the money and the trips and the meetings every week."
    [problem] = easy_read_problems(long)
    assert problem.code == "long_sentence"
    assert "has 17 words" in problem.message
    assert "15 words or fewer" in problem.message


def test_numbers_written_as_words_are_found_once_each():
    problems = easy_read_problems("I have two cats. Two dogs too. And twenty fish.")
    assert [p.message for p in problems] == [
        "Write numbers as digits. Write “5”, not “two”.",
        "Write numbers as digits. Write “5”, not “twenty”.",
    ]


def test_one_is_not_taken_for_a_number():
    assert codes("No one is left out. This one is mine.") == []


def test_abbreviations_percentages_dates_contractions_and_capitals():
    found = codes("Bring food, e.g. bread. We got 50% more on 14/03. Don't be late. WELCOME")
    assert found == ["abbreviation", "percentage", "date", "contraction", "capitals"]


def test_abbreviation_full_stops_do_not_split_sentences():
    assert sentences("Bring food, e.g. bread and jam. Then come in.") == [
        "Bring food, e.g. bread and jam.",
        "Then come in.",
    ]


def test_each_line_counts_as_a_sentence():
    assert sentences("Line one\nLine two") == ["Line one", "Line two"]


def test_hard_words_raise_the_reading_grade_above_6():
    hard = (
        "Organisational accountability necessitates comprehensive deliberation. "
        "Institutional governance requires considerable administrative sophistication. "
        "Constitutional responsibilities demand extraordinary conscientiousness."
    )
    assert "hard_words" in codes(hard)
    assert reading_grade(hard) > 6


def test_reading_grade_works_without_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("easy-read checks must not use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert reading_grade("Our new words are easy to read.") < 6


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_has_no_problems(text):
    assert easy_read_problems(text) == []
