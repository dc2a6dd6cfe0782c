"""Domain errors. Every service raises a subclass of CoopError with a message a person
can read; views show that message and change nothing."""


class CoopError(Exception):
    """A rule of the co-operative stops this. The message is shown to the person; the code
    (a short word such as "activity_full") is for the API and for tests."""

    code = "refused"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotAllowed(CoopError):
    """The person may not do this."""

    code = "not_allowed"


class InvalidTransition(CoopError):
    """The thing is not in a state where this can happen."""

    code = "not_possible_now"
