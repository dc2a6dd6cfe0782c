"""The well-being report as a tagged, easy-read PDF, like the quarterly easy-read report:
who answered, what the numbers can and cannot show, then each question's change as
sentences with a bar under each figure, a picture beside each block. Totals from fewer than
``SMALLEST`` people are said in words, never as numbers. The words are the page's."""

from coop.documents import BarLine, DataTable, Document, Heading, PageBreak, Para, Style
from coop.pictures import picture_row
from wellbeing.paper_pdf import PICTURE_ALT
from wellbeing.questions import CHANGES, DOING, FEELINGS, LIFE_OVERALL, PICTURES, SUPPORT
from wellbeing.report import SMALLEST, WHAT_IT_SHOWS, Change, Counts, Report, who_answered

TITLE = "How members are: what changed"
HIDDEN_CHANGE = f"Fewer than {SMALLEST} people answered this both times, so we do not show it."
HIDDEN_COUNTS = f"Fewer than {SMALLEST} people answered this, so we do not show it."
HIDDEN_BRANCH = f"Fewer than {SMALLEST} members here answered both times, so we do not show it."
PEOPLE = "coop/pictures/people.svg"
NOT = "Not shown"
FEW_CHOSE = "not shown, so a few people's answers stay private"
# The picture beside each section's blocks.
SECTION_PICTURE = {
    SUPPORT: "support.svg",
    FEELINGS: "face-4.svg",
    DOING: "yes.svg",
    LIFE_OVERALL: "face-5.svg",
    CHANGES: "more.svg",
}


def _beside(picture: str, lines: list):
    """Lines beside one of the well-being pictures."""
    return picture_row(PICTURES + picture, PICTURE_ALT[picture].capitalize(), lines)


def change_lines(change: Change) -> list:
    """How many people, then each figure in a sentence with its bar under it: each figure
    is said once (the bar is drawn, not read out)."""
    people = change.people
    return [
        f"Of {people} people:",
        BarLine(f"{change.better} got better.", change.better, people),
        BarLine(f"{change.same} stayed the same.", change.same, people),
        BarLine(f"{change.worse} got worse.", change.worse, people),
    ]


def _changes(found: Report) -> list:
    blocks: list = [Heading("Did things get better?", level=2)]
    if not found.paired_shown:
        text = f"Fewer than {SMALLEST} members answered both times."
        return [*blocks, text, "We will show the changes when more have."]
    blocks.append("For feeling sad or lonely, better means feeling it less often.")
    for change in found.changes:
        picture = SECTION_PICTURE[change.question.section]
        lines = change_lines(change) if change.shown else [HIDDEN_CHANGE]
        blocks += [Heading(change.question.text, level=3), _beside(picture, lines)]
    return blocks


def _counts(counts: Counts) -> list:
    if not counts.shown:
        lines = [HIDDEN_COUNTS]
    else:
        # An answer 1 to 4 people chose is said in words, never as a number or a bar.
        lines = [f"{counts.people} people answered."] + [
            f"{choice.words}: {FEW_CHOSE}."
            if number is None
            else BarLine(f"{choice.words}: {number}.", number, counts.people)
            for choice, number in counts.shown_counts
        ]
    return [Heading(counts.question.text, level=3), _beside("more.svg", lines)]


def _later(found: Report) -> list:
    blocks: list = [Heading("What members said the later time", level=2)]
    for counts in found.later_counts:
        blocks += _counts(counts)
    own = found.own_words if found.own_words >= SMALLEST else f"Fewer than {SMALLEST}"
    blocks.append(
        f"{own} people said what changed in their own words. "
        "Only they and the people who help them read these."
    )
    return blocks


def _branches(found: Report) -> list:
    blocks: list = [Heading("By branch", level=2)]
    if not found.branches:
        return [*blocks, "No branch has members who answered both times yet."]
    for branch in found.branches:
        blocks.append(Heading(branch.name, level=3))
        if not branch.shown:
            blocks.append(picture_row(PEOPLE, "A group of people together", [HIDDEN_BRANCH]))
            continue
        rows = [
            [c.question.text, *([c.people, c.better, c.same, c.worse] if c.shown else [NOT] * 4)]
            for c in branch.changes
        ]
        blocks += [
            picture_row(
                PEOPLE,
                "A group of people together",
                [f"{branch.paired} members here answered both times."],
            ),
            DataTable(
                ["Question", "People", "Better", "Same", "Worse"],
                [[str(cell) for cell in row] for row in rows],
                caption=f"{branch.name}: {branch.paired} members answered both times. "
                f"{NOT}: fewer than {SMALLEST} people answered, so we do not show it.",
                widths=[6, 2, 2, 2, 2],
            ),
        ]
    return blocks


def report_blocks(found: Report, timing_words: str) -> list:
    """The whole report: an opening page, then the changes, the later time, the branches."""
    return [
        Heading(TITLE, level=1),
        _beside("questions.svg", who_answered(found)),
        Heading("What the numbers can and cannot show", level=2),
        _beside("questions.svg", WHAT_IT_SHOWS),
        Para(timing_words),
        PageBreak(),
        *_changes(found),
        PageBreak(),
        *_later(found),
        PageBreak(),
        *_branches(found),
    ]


def _cell(number: int | None) -> str:
    return NOT if number is None else str(number)


def standard_blocks(found: Report, timing_words: str) -> list:
    """The standard version: the same figures and the same rule, as tables."""
    changes = [
        [c.question.text, *([c.people, c.better, c.same, c.worse] if c.shown else [None] * 4)]
        for c in found.changes
    ]
    counts = [
        [c.question.text, choice.words, c.people if c.shown else None, number]
        for c in found.later_counts
        for choice, number in (c.shown_counts if c.shown else ((x, None) for x, _ in c.counts))
    ]
    hidden = f"{NOT}: fewer than {SMALLEST} people, so we do not show it."
    return [
        Heading(STANDARD_TITLE, level=1),
        *[Para(line) for line in who_answered(found)],
        Heading("What the numbers can and cannot show", level=2),
        *[Para(line) for line in WHAT_IT_SHOWS],
        Para(timing_words),
        Heading("Change between each member's first and latest answers", level=2),
        DataTable(
            ["Question", "People", "Better", "Same", "Worse"],
            [[str(row[0]), *map(_cell, row[1:])] for row in changes],
            caption=f"For sad and lonely, better is less often. {hidden}",
            widths=[8, 2, 2, 2, 2],
        ),
        Heading("The later-only questions", level=2),
        DataTable(
            ["Question", "Answer", "People", "Number"],
            [[row[0], row[1], _cell(row[2]), _cell(row[3])] for row in counts],
            caption=f"Ticks: each tick counts. {hidden}",
            widths=[6, 5, 2, 2],
        ),
        *_branches(found),
    ]


STANDARD_TITLE = "Well-being report: before and after"


def report_pdf(found: Report, timing_words: str, *, version: str = "easy-read") -> bytes:
    if version == "standard":
        blocks = standard_blocks(found, timing_words)
        document = Document(STANDARD_TITLE, style=Style.STANDARD, subject="Well-being report")
        return document.render(blocks)
    blocks = report_blocks(found, timing_words)
    return Document(TITLE, style=Style.EASY_READ, subject="Well-being report").render(blocks)
