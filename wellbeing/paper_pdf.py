"""The questions on paper, for a member who would rather answer on paper: an easy-read
PDF an organiser prints and gives them. The first page says why we ask, that they do not
have to answer, who sees the answers and to give it back, and asks whether they want to
answer; then one question a block, each answer a line with a big box to tick and its
picture beside its words. The organiser types the answers in afterwards (``paper.py``)."""

import dataclasses

from reportlab.graphics.shapes import Drawing, Group, Rect, mmult
from reportlab.lib import colors
from reportlab.lib.units import cm

from coop.documents import Document, Heading, PageBreak, Para, Picture, PictureRow, Strong, Style
from coop.pictures import static_picture
from members.models import Member
from wellbeing.questions import MANY, NOT_SAY, PICTURES, WORDS, Choice, Question, for_round

# The `time` asked for, and the round whose questions it prints.
TIMES = {"first": 1, "later": 2}
TITLE = "Questions about how you are"
# Wider pictures than the other easy-read documents: a box to tick and the answer's picture.
PAPER = dataclasses.replace(
    Style.EASY_READ.spec, name="easy read questions on paper", picture_width=4.6 * cm
)
INK = colors.HexColor("#0b0c0c")
QUESTIONS_PICTURE = PICTURES + "questions.svg"

# What each answer's picture shows, said after "A box to tick, and ".
PICTURE_ALT = {
    "face-1.svg": "a very sad face",
    "face-2.svg": "a sad face",
    "face-3.svg": "a face that is not happy or sad",
    "face-4.svg": "a smiling face",
    "face-5.svg": "a face with a big smile",
    "often-0.svg": "3 empty circles",
    "often-1.svg": "1 of 3 circles filled in",
    "often-2.svg": "2 of 3 circles filled in",
    "often-3.svg": "3 circles filled in",
    "less.svg": "an arrow pointing down",
    "same.svg": "2 lines the same",
    "more.svg": "an arrow pointing up",
    "no.svg": "a cross",
    "not-sure.svg": "a question mark",
    "yes.svg": "a tick",
    "not-say.svg": "a face with its mouth closed",
    "clock.svg": "a clock",
    "support.svg": "a person helping another person",
    "wheelchair.svg": "a person in a wheelchair",
    "full.svg": "a room with every seat taken",
    "money.svg": "a coin",
    "paper.svg": "a sheet of paper with writing",
    "questions.svg": "a speech bubble",
}


def tick_picture(choice: Choice) -> Drawing:
    """A big empty box to tick, then the answer's picture: one drawing, so they stay level."""
    picture = static_picture(choice.picture_path)
    drawing = Drawing(200, 96)
    drawing.add(
        Rect(4, 14, 68, 68, rx=6, ry=6, fillColor=colors.white, strokeColor=INK, strokeWidth=5)
    )
    if picture is not None:
        expanded = picture.expandUserNodes()
        group = Group(*expanded.contents)
        scale = 96 / max(picture.width, picture.height)
        group.transform = mmult((scale, 0, 0, scale, 100, 0), expanded.transform)
        drawing.add(group)
    return drawing


def writing_space() -> Drawing:
    """A box with lines to write on."""
    drawing = Drawing(460, 200)
    drawing.add(Rect(2, 2, 456, 196, fillColor=colors.white, strokeColor=INK, strokeWidth=3))
    for y in (50, 100, 150):
        drawing.add(Rect(20, y, 420, 1.5, fillColor=colors.HexColor("#6b6b6b"), strokeColor=None))
    return drawing


def _answer(choice: Choice) -> PictureRow:
    alt = f"A box to tick, and {PICTURE_ALT.get(choice.picture, 'a picture')}"
    return PictureRow(tick_picture(choice), alt, [choice.words])


def question_blocks(number: int, question: Question) -> list:
    """One question: its words, then every answer (and "I would rather not say") to tick,
    or a space to write in."""
    blocks: list = [Heading(f"{number}. {question.text}", level=2)]
    if question.kind == MANY:
        blocks.append(Para("Tick all the answers that are true for you."))
    elif question.kind == WORDS:
        blocks.append(Para("Write it in your own words. Someone can write it for you."))
        blocks.append(
            Picture(writing_space(), "A box with lines to write your words in", width=15 * cm)
        )
    else:
        blocks.append(Para("Tick one answer."))
    blocks += [_answer(choice) for choice in (*question.choices, NOT_SAY)]
    return blocks


def _opening(member: Member | None) -> list:
    picture = static_picture(QUESTIONS_PICTURE)
    named = [Para("These questions are for ", Strong(member.display_name), ".")] if member else []
    return [
        Heading(TITLE, level=1),
        *named,
        PictureRow(
            picture,
            "A speech bubble",
            [
                "We want to know how you are.",
                "This helps us make the co-operative better.",
                "You do not have to answer.",
                'Every question has the answer "I would rather not say".',
                "An organiser types your answers in.",
                "Then only you and the people who help you can see them.",
                "Other people only see totals for 5 or more people.",
                "When you finish, give this paper back to an organiser.",
            ],
        ),
        Heading("Do you want to answer?", level=2),
        Para('Tick one box. If you tick "No", you can stop here.'),
        PictureRow(tick_picture(_YES), "A box to tick, and a tick", ["Yes, I want to answer"]),
        PictureRow(
            tick_picture(_NO), "A box to tick, and a cross", ["No, I do not want to answer"]
        ),
    ]


_YES = Choice("yes", "Yes", "yes.svg")
_NO = Choice("no", "No", "no.svg")


def questions_blocks(time: str, member: Member | None = None) -> list:
    """Every question asked the first time, or a later time (``time`` is a key of TIMES)."""
    blocks = _opening(member)
    for number, question in enumerate(for_round(TIMES[time]), start=1):
        blocks += [PageBreak(), *question_blocks(number, question)]
    blocks += [
        PageBreak(),
        Heading("Thank you", level=2),
        PictureRow(
            static_picture(QUESTIONS_PICTURE),
            "A speech bubble",
            ["Thank you for answering.", "Please give this paper back to an organiser."],
        ),
    ]
    return blocks


def questions_pdf(time: str, member: Member | None = None) -> bytes:
    blocks = questions_blocks(time, member)
    return Document(TITLE, style=PAPER, subject="Questions on paper").render(blocks)
