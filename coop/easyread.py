"""Checks a text against the easy-read rules a machine can check (ACCESSIBILITY.md).

Used wherever people write for members: candidates' statements, board papers. The result
is advice in plain words, never a refusal: a person judges the text in the end.

    problems = easy_read_problems("We will meet on 14/03. It costs 50% less, e.g. £5.")
    [problem.message for problem in problems]
"""

import re
from dataclasses import dataclass
from functools import cache

MAX_WORDS = 15
MAX_GRADE = 6.0
# Too little text gives a reading grade that means nothing.
MIN_WORDS_FOR_GRADE = 10

_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million"
).split()
# "one" is left out: "no one", "the one I like" are not numbers.
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that means",
    "etc.": "and other things",
    "approx.": "about",
    "n.b.": "please note",
    "a.k.a.": "also called",
}
_ABBREVIATION = re.compile(
    "|".join(rf"(?<!\w){re.escape(short)}" for short in _ABBREVIATIONS), re.IGNORECASE
)
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_SLASH_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_CONTRACTION = re.compile(r"\b[a-z]+(?:n't|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
_SHOUTING = re.compile(r"\b[A-Z]{4,}\b")
_WORD = re.compile(r"[A-Za-z0-9£][\w'’£.,-]*")
# A sentence ends at . ! ? followed by a space or the end, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Problem:
    """One thing that makes the text harder to read, said in easy read."""

    code: str
    message: str


def sentences(text: str) -> list[str]:
    # Abbreviations hold full stops that do not end a sentence.
    # They are hidden while splitting and put back after, so each sentence reads as written.
    flattened = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", "\x00"), text)
    return [
        s.strip().replace("\x00", ".") for s in _SENTENCE_END.split(flattened) if s and s.strip()
    ]


def word_count(sentence: str) -> int:
    return len(_WORD.findall(sentence))


@cache
def _offline_textstat() -> None:
    """textstat looks words up in a dictionary it downloads the first time. Offline that
    fails, so it counts syllables with its bundled pyphen instead."""
    # textstat takes most of a second to load: only when a grade is asked for.
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = lambda lang: None


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade: about the school year a reader needs. A guide only."""
    _offline_textstat()
    from textstat.backend import metrics  # as in _offline_textstat

    return round(metrics.flesch_kincaid_grade(text, "en_GB"), 1)


def _start(sentence: str, words: int = 6) -> str:
    parts = sentence.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def easy_read_problems(text: str) -> list[Problem]:
    """What to change to make `text` easy read. An empty list means nothing was found."""
    problems: list[Problem] = []
    all_sentences = sentences(text)
    for sentence in all_sentences:
        words = word_count(sentence)
        if words > MAX_WORDS:
            problems.append(
                Problem(
                    "long_sentence",
                    f"This sentence has {words} words: “{_start(sentence)}”. "
                    f"Try to use {MAX_WORDS} words or fewer.",
                )
            )
    for word in dict.fromkeys(m.group(0).lower() for m in _NUMBER_WORD.finditer(text)):
        problems.append(
            Problem("number_in_words", f"Write numbers as digits. Write “5”, not “{word}”.")
        )
    for short in dict.fromkeys(m.group(0).lower() for m in _ABBREVIATION.finditer(text)):
        problems.append(
            Problem(
                "abbreviation",
                f"Please write “{_ABBREVIATIONS[short]}” instead of “{short}”.",
            )
        )
    if _PERCENT.search(text):
        problems.append(
            Problem("percentage", "Please do not use percentages. Say “1 in 4” instead.")
        )
    for date in dict.fromkeys(m.group(0) for m in _SLASH_DATE.finditer(text)):
        problems.append(Problem("date", f"Write dates like “Saturday 14 March”, not “{date}”."))
    for word in dict.fromkeys(m.group(0) for m in _CONTRACTION.finditer(text.replace("’", "'"))):
        problems.append(
            Problem("contraction", f"Write words in full. For example, “do not”, not “{word}”.")
        )
    for word in dict.fromkeys(m.group(0) for m in _SHOUTING.finditer(text)):
        problems.append(
            Problem("capitals", f"Capital letters are hard to read. Write “{word.title()}”.")
        )
    total_words = sum(word_count(s) for s in all_sentences)
    if total_words >= MIN_WORDS_FOR_GRADE:
        grade = reading_grade(text)
        if grade > MAX_GRADE:
            problems.append(
                Problem(
                    "hard_words",
                    f"Some words may be hard to read. The reading level is {grade:g}. "
                    f"Aim for {MAX_GRADE:g} or less. Try shorter words.",
                )
            )
    return problems


@dataclass(frozen=True)
class SentenceCheck:
    """One sentence of a text and what breaks the easy-read rules in it (maybe nothing)."""

    sentence: str
    problems: tuple[Problem, ...]


def sentence_checks(text: str) -> list[SentenceCheck]:
    """Each sentence of `text` with its own problems, so an editor can show which sentence
    to change and why. The reading grade is judged per sentence here (long enough ones)."""
    return [SentenceCheck(s, tuple(easy_read_problems(s))) for s in sentences(text)]
