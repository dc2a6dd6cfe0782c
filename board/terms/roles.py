"""What each job on and around the board is, in easy read: one short page each, for every
member to read (linked from "Who is on the board"). One sentence a line; each line has a
picture that says the same."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    picture: str
    alt: str


@dataclass(frozen=True)
class RoleDescription:
    slug: str
    title: str
    summary: str
    lines: tuple[Line, ...]


PEOPLE = ("coop/pictures/people.svg", "A group of people together")
LISTEN = ("coop/pictures/listen.svg", "A speech bubble")
CALENDAR = ("coop/pictures/calendar.svg", "A calendar")
LETTER = ("coop/pictures/letter.svg", "A letter")
MONEY = ("coop/pictures/money.svg", "Coins and a note")
KIND = ("coop/pictures/kind.svg", "A heart")
CLOCK = ("coop/pictures/clock.svg", "A clock")
KEY = ("coop/pictures/key.svg", "A key")


def _lines(*pairs: tuple[str, tuple[str, str]]) -> tuple[Line, ...]:
    return tuple(Line(text, picture, alt) for text, (picture, alt) in pairs)


ROLES = {
    r.slug: r
    for r in [
        RoleDescription(
            "co-chair",
            "Co-chair",
            "A co-chair leads the board with the other co-chair.",
            _lines(
                ("There are 2 co-chairs. They help each other.", PEOPLE),
                ("A co-chair runs the board meetings.", LISTEN),
                ("They make sure everyone has a turn to speak.", KIND),
                ("They plan the meetings and the papers.", CALENDAR),
                ("They say who is on the board.", KEY),
                ("One co-chair works 1 day a week on activities.", CLOCK),
                ("A paid helper helps the co-chairs.", PEOPLE),
            ),
        ),
        RoleDescription(
            "board-member",
            "Board member",
            "A board member helps to run the co-operative.",
            _lines(
                ("The board meets every month.", CALENDAR),
                ("You read the papers before the meeting.", LETTER),
                ("The papers are in easy read.", LETTER),
                ("At the meeting you say what you think.", LISTEN),
                ("The board decides things together.", PEOPLE),
                ("You are paid for each meeting you come to.", MONEY),
                ("Members choose the board in an election.", KEY),
            ),
        ),
        RoleDescription(
            "papers-writer",
            "Writes the papers",
            "The board can ask a board member to write the papers.",
            _lines(
                ("The papers say what the meeting is about.", LETTER),
                ("You write them in easy read with pictures.", LETTER),
                ("You plan the meetings with the co-chairs.", CALENDAR),
                ("The papers go to the board before the meeting.", CLOCK),
            ),
        ),
        RoleDescription(
            "partner",
            "Partner seat",
            "Some organisations work with us and sit with the board.",
            _lines(
                ("For example the council or the housing association.", PEOPLE),
                ("Each one sends a person to the board meetings.", CALENDAR),
                ("They give advice and answer questions.", LISTEN),
                ("They do not vote in board elections.", KEY),
                ("They only vote at meetings if our rules say so.", KEY),
                ("They do not get a fee for meetings.", MONEY),
            ),
        ),
        RoleDescription(
            "helper",
            "The co-chairs' helper",
            "The co-chairs have a helper who is paid.",
            _lines(
                ("The helper helps the co-chairs with their work.", KIND),
                ("For example booking places and making phone calls.", CALENDAR),
                ("The helper does not have to be a member.", PEOPLE),
                ("The helper writes down the hours they work.", CLOCK),
                ("The board sees the hours every month.", MONEY),
                ("The helper is not on the board and does not vote.", KEY),
            ),
        ),
    ]
}
# Which page each role on the board links to.
TERM_ROLE_PAGES = {
    "co_chair": "co-chair",
    "member": "board-member",
    "co_opted": "board-member",
    "observer": "board-member",
}
