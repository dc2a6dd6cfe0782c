"""The well-being questions: the ones the co-operative's own evaluation asked when people
joined (the first time) and after a while (every later time), put in easy read, with a
picture for every answer. The codes are what is stored; the words are what people read.

Every question can be left with "I would rather not say". A scale's answers run from the
worst to the best, so the report can say whether an answer got better, stayed the same or
got worse between two times; `better` says which way is better ("up" for "happy", "down"
for "lonely"), and questions with no better or worse (own words, ticks) have None.
"""

from dataclasses import dataclass

PICTURES = "wellbeing/pictures/"


@dataclass(frozen=True)
class Choice:
    code: str
    words: str
    picture: str

    @property
    def picture_path(self) -> str:
        return PICTURES + self.picture


@dataclass(frozen=True)
class Question:
    key: str
    section: str
    text: str
    kind: str  # ONE (choose one), MANY (choose any) or WORDS (own words)
    choices: tuple[Choice, ...] = ()
    better: str | None = None  # "up", "down" or None
    later_only: bool = False
    hint: str = ""

    def choice(self, code: str) -> Choice | None:
        return next((c for c in (*self.choices, NOT_SAY) if c.code == code), None)

    def rank(self, code: str) -> int | None:
        """Where an answer sits on the scale, worst first; None for no answer, "rather not
        say", or a question with no better or worse."""
        if self.better is None:
            return None
        codes = [c.code for c in self.choices]
        if code not in codes:
            return None
        place = codes.index(code)
        return place if self.better == "up" else len(codes) - 1 - place


ONE, MANY, WORDS = "one", "many", "words"

NOT_SAY = Choice("not_say", "I would rather not say", "not-say.svg")

AGREE = (
    Choice("disagree_a_lot", "No, not at all", "face-1.svg"),
    Choice("disagree", "No", "face-2.svg"),
    Choice("not_sure", "Not sure", "face-3.svg"),
    Choice("agree", "Yes", "face-4.svg"),
    Choice("agree_a_lot", "Yes, a lot", "face-5.svg"),
)
HOW_OFTEN = (
    Choice("never", "Never", "often-0.svg"),
    Choice("sometimes", "Sometimes", "often-1.svg"),
    Choice("often", "Often", "often-2.svg"),
    Choice("always", "Always", "often-3.svg"),
)
LIFE = (
    Choice("very_unhappy", "Very unhappy", "face-1.svg"),
    Choice("unhappy", "Unhappy", "face-2.svg"),
    Choice("ok", "OK", "face-3.svg"),
    Choice("happy", "Happy", "face-4.svg"),
    Choice("very_happy", "Very happy", "face-5.svg"),
)
LESS_SAME_MORE = (
    Choice("less", "Less", "less.svg"),
    Choice("same", "The same", "same.svg"),
    Choice("more", "More", "more.svg"),
)
NO_UNSURE_YES = (
    Choice("no", "No", "no.svg"),
    Choice("not_sure", "Not sure", "not-sure.svg"),
    Choice("yes", "Yes", "yes.svg"),
)
BARRIERS = (
    Choice("times", "The times of activities", "clock.svg"),
    Choice("no_support", "My support worker could not come", "support.svg"),
    Choice("wheelchair", "It was not good for wheelchair users", "wheelchair.svg"),
    Choice("too_few_places", "There were too few places", "full.svg"),
    Choice("cost", "It cost too much", "money.svg"),
    Choice("hard_information", "The information was hard to understand", "paper.svg"),
    Choice("something_else", "Something else", "not-sure.svg"),
    Choice("nothing", "Nothing made it hard", "yes.svg"),
)

SUPPORT = "Your support and your days"
FEELINGS = "How you felt last week"
DOING = "How you are doing"
LIFE_OVERALL = "Your life"
CHANGES = "What has changed"


def _agree(key: str, section: str, text: str) -> Question:
    return Question(key, section, text, ONE, AGREE, better="up")


def _felt(key: str, feeling: str, better: str) -> Question:
    return Question(
        key, FEELINGS, f"Last week, how often did you feel {feeling}?", ONE, HOW_OFTEN, better
    )


def _later(key: str, text: str, choices: tuple[Choice, ...]) -> Question:
    """A choose-one question asked only the later times."""
    return Question(key, CHANGES, text, ONE, choices, later_only=True)


def _more(key: str, doing: str) -> Question:
    return _later(key, f"Since you joined, do you spend more time {doing}?", LESS_SAME_MORE)


def _helped(key: str, what: str) -> Question:
    return _later(key, f"Has being a member helped you {what}?", NO_UNSURE_YES)


QUESTIONS: tuple[Question, ...] = (
    _agree("right_support", SUPPORT, "I get the right support to help me live my daily life."),
    _agree("choose_support", SUPPORT, "I can choose the support that suits me best."),
    _agree("group", SUPPORT, "I am part of a group where we support each other."),
    _agree("plan", SUPPORT, "I get the chance to plan activities I want to do."),
    _felt("happy", "happy", "up"),
    _felt("enjoyed", "that you enjoyed life", "up"),
    _felt("sad", "sad", "down"),
    _felt("lonely", "lonely", "down"),
    _agree("choices", DOING, "I make choices in my daily life."),
    _agree("good_at", DOING, "I get the chance to do things I am good at."),
    _agree("talk_to", DOING, "There are people I can talk to about how I really feel."),
    _agree("meet_up", DOING, "I often meet up with friends or family."),
    _agree("worthwhile", DOING, "What I do in my life is worth doing."),
    _agree("new_things", DOING, "I like trying new things."),
    _agree("feel_good", DOING, "Most of the time I feel good about myself."),
    Question("life", LIFE_OVERALL, "How happy are you with your life?", ONE, LIFE, "up"),
    Question(
        "what_changed",
        CHANGES,
        "What has changed in your life because of the co-operative?",
        WORDS,
        hint="Say it in your own words. You can leave it empty.",
        later_only=True,
    ),
    Question(
        "hard",
        CHANGES,
        "What made it hard to take part?",
        MANY,
        BARRIERS,
        hint="Choose all that are true for you.",
        later_only=True,
    ),
    _more("going_out", "going out"),
    _more("with_people", "doing things with other people"),
    _more("trips", "going on trips"),
    _helped("friends", "make friends"),
    _helped("more_choices", "make more choices"),
    _helped("learn", "learn new things"),
    _helped("whats_on", "find out what is on near you"),
    _helped("better_support", "get better support"),
    _helped("organising", "help to organise activities"),
    _helped("afford", "do things you could not pay for before"),
    _later("stay", "Do you want to stay a member?", NO_UNSURE_YES),
    _later("tell_others", "Would you tell other people to join?", NO_UNSURE_YES),
)

BY_KEY = {q.key: q for q in QUESTIONS}


def for_round(number: int) -> list[Question]:
    """The questions asked the `number`-th time: the first time has no "what has changed"."""
    return [q for q in QUESTIONS if number > 1 or not q.later_only]


def every_picture() -> set[str]:
    return {c.picture_path for q in QUESTIONS for c in (*q.choices, NOT_SAY)}
