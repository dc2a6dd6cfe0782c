from coop.errors import CoopError


class BookingError(CoopError):
    """A booking cannot be made or changed. `code` says which rule stopped it."""
